import Foundation

/// Layout and shared drawing of a figure: plot area, physics-style frame (ticks inside on all
/// four sides, labels left and below), axis titles, title, legend column on the right and a caption
/// below (the figure grows to hold it).
struct SVGFrame {
    static let width = 680.0, baseHeight = 540.0
    static let captionFontSize = 11.0, captionLineHeight = 15.0
    /// Characters per caption line (Helvetica at 11 px averages about 6 px per character).
    static let captionWidth = 104
    static let left = 92.0, top = 52.0, plotWidth = 400.0, plotHeight = 400.0
    static var right: Double { left + plotWidth }
    static var bottom: Double { top + plotHeight }
    static let fontSize = 14.0

    var x: PixelAxis
    var y: PixelAxis
    var xTicks: Ticks
    var yTicks: Ticks
    /// Caption lines, already wrapped.
    var caption: [String] = []
    var height: Double { caption.isEmpty ? Self.baseHeight : Self.bottom + 76 + Self.captionLineHeight * Double(caption.count) }

    init(xLo: Double, xHi: Double, xLog: Bool, xExponent: Int, yLo: Double, yHi: Double, yLog: Bool, yExponent: Int) {
        x = PixelAxis(lo: xLo, hi: xHi, pixelLo: Self.left, pixelHi: Self.right, log: xLog)
        y = PixelAxis(lo: yLo, hi: yHi, pixelLo: Self.bottom, pixelHi: Self.top, log: yLog)
        xTicks = xLog ? logTicks(lo: xLo, hi: xHi) : linearTicks(lo: xLo, hi: xHi, exponent: xExponent)
        yTicks = yLog ? logTicks(lo: yLo, hi: yHi) : linearTicks(lo: yLo, hi: yHi, exponent: yExponent)
    }

    /// Wraps `sentences` into the caption (each sentence starts a new line).
    mutating func setCaption(_ sentences: [String]) {
        caption = sentences.flatMap { wrapText($0, width: Self.captionWidth) }
    }

    func open(title: String, description: String) -> String {
        let f = { (v: Double) in formatFixed(v, 2) }
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(Self.width))\" height=\"\(f(height))\" "
        s += "viewBox=\"0 0 \(f(Self.width)) \(f(height))\" font-family=\"Helvetica, Arial, sans-serif\" "
        s += "font-size=\"\(f(Self.fontSize))\">\n"
        s += "<title>\(xmlEscape(oneLine(title)))</title>\n<desc>\(xmlEscape(oneLine(description)))</desc>\n"
        s += "<defs><clipPath id=\"plot-area\"><rect x=\"\(f(Self.left))\" y=\"\(f(Self.top))\" "
        s += "width=\"\(f(Self.plotWidth))\" height=\"\(f(Self.plotHeight))\"/></clipPath></defs>\n"
        s += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        let titleSize = title.count > 48 ? 14.0 : 16.0
        s += "<text id=\"title\" x=\"\(f(Self.left + Self.plotWidth / 2))\" y=\"\(f(Self.top - 18))\" "
        s += "text-anchor=\"middle\" font-size=\"\(f(titleSize))\">\(svgRichText(oneLine(title), fontSize: titleSize))</text>\n"
        if !caption.isEmpty {
            s += "<text id=\"caption\" font-size=\"\(f(Self.captionFontSize))\" fill=\"#333333\">"
            for (k, line) in caption.enumerated() {
                s += "<tspan x=\"16.00\" y=\"\(f(Self.bottom + 78 + Self.captionLineHeight * Double(k)))\">\(xmlEscape(line))</tspan>"
            }
            s += "</text>\n"
        }
        return s
    }

    /// Frame, ticks, tick labels and axis titles (drawn after the data so ticks stay visible).
    func axes(xTitle: String, yTitle: String) -> String {
        let f = { (v: Double) in formatFixed(v, 2) }
        let (l, r, t, b) = (Self.left, Self.right, Self.top, Self.bottom)
        var s = "<g id=\"axes\" stroke=\"#000000\" fill=\"none\" stroke-width=\"1\">\n"
        var d = ""
        for (v, _) in xTicks.major { let p = f(x(v)); d += "M\(p),\(f(b))v-8M\(p),\(f(t))v8" }
        for v in xTicks.minor { let p = f(x(v)); d += "M\(p),\(f(b))v-4M\(p),\(f(t))v4" }
        for (v, _) in yTicks.major { let p = f(y(v)); d += "M\(f(l)),\(p)h8M\(f(r)),\(p)h-8" }
        for v in yTicks.minor { let p = f(y(v)); d += "M\(f(l)),\(p)h4M\(f(r)),\(p)h-4" }
        s += "<path d=\"\(d)\"/>\n"
        s += "<rect x=\"\(f(l))\" y=\"\(f(t))\" width=\"\(f(Self.plotWidth))\" height=\"\(f(Self.plotHeight))\"/>\n</g>\n"
        s += "<g id=\"tick-labels\" fill=\"#000000\">\n"
        for (v, label) in xTicks.major {
            s += "<text x=\"\(f(x(v)))\" y=\"\(f(b + 20))\" text-anchor=\"middle\">\(svgRichText(label, fontSize: Self.fontSize))</text>\n"
        }
        for (v, label) in yTicks.major {
            s += "<text x=\"\(f(l - 8))\" y=\"\(f(y(v) + 5))\" text-anchor=\"end\">\(svgRichText(label, fontSize: Self.fontSize))</text>\n"
        }
        s += "</g>\n"
        let xc = f(l + Self.plotWidth / 2), yc = f(t + Self.plotHeight / 2)
        s += "<text id=\"x-title\" x=\"\(xc)\" y=\"\(f(b + 48))\" text-anchor=\"middle\" font-size=\"17\">"
        s += svgRichText(xTitle, fontSize: 17) + "</text>\n"
        s += "<text id=\"y-title\" x=\"\(f(l - 62))\" y=\"\(yc)\" text-anchor=\"middle\" font-size=\"17\" "
        s += "transform=\"rotate(-90 \(f(l - 62)) \(yc))\">" + svgRichText(yTitle, fontSize: 17) + "</text>\n"
        return s
    }

    /// Legend column to the right of the plot; each entry is a symbol snippet drawn in a 24×14 box
    /// whose top-left corner is given, plus its text.
    func legend(_ entries: [LegendEntry], notes: [String]) -> String {
        let f = { (v: Double) in formatFixed(v, 2) }
        let x0 = Self.right + 16
        var yy = Self.top + 4
        var s = "<g id=\"legend\">\n"
        for e in entries {
            s += e.symbol(x0, yy)
            s += "<text x=\"\(f(x0 + 32))\" y=\"\(f(yy + 12))\">\(svgRichText(e.text, fontSize: Self.fontSize))</text>\n"
            yy += 24
        }
        yy += 8
        for n in notes {
            s += "<text x=\"\(f(x0))\" y=\"\(f(yy + 12))\" font-size=\"12\" fill=\"#333333\">\(svgRichText(n, fontSize: 12))</text>\n"
            yy += 18
        }
        return s + "</g>\n"
    }

    static func close() -> String { "</svg>\n" }
}
