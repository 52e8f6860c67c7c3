import Foundation

/// Maps data values on one axis to pixels (linear or log10).
struct PixelAxis {
    var lo: Double, hi: Double
    var pixelLo: Double, pixelHi: Double
    var log: Bool

    func callAsFunction(_ v: Double) -> Double {
        let t = log ? (Foundation.log10(v) - Foundation.log10(lo)) / (Foundation.log10(hi) - Foundation.log10(lo))
            : (v - lo) / (hi - lo)
        return pixelLo + t * (pixelHi - pixelLo)
    }
}

/// Major and minor tick positions (data units) and the label of each major tick.
struct Ticks {
    var major: [(value: Double, label: String)]
    var minor: [Double]
}

/// "Nice" linear ticks (steps 1, 2, 5 × 10^k, about 5 per axis) over [lo, hi]; labels show
/// value × 10^`exponent` with just enough fixed decimals.
func linearTicks(lo: Double, hi: Double, exponent: Int) -> Ticks {
    let scale = pow(10, Double(exponent))
    let dlo = lo * scale, dhi = hi * scale
    let rough = (dhi - dlo) / 5
    let mag = pow(10, floor(log10(rough)))
    let norm = rough / mag
    let mult: Double = norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10
    let step = mult * mag
    let minorStep = step / (mult == 2 ? 4 : 5)
    let decimals = max(0, -Int(floor(log10(step) + 1e-9)))
    let eps = 1e-9 * step
    var major: [(Double, String)] = []
    var k = (dlo / step - 1e-9).rounded(.up)
    while k * step <= dhi + eps {
        let text = formatFixed(k * step, decimals)
        major.append((k * step / scale, text.hasPrefix("-") ? "−" + text.dropFirst() : text))
        k += 1
    }
    var minor: [Double] = []
    var m = (dlo / minorStep - 1e-9).rounded(.up)
    while m * minorStep <= dhi + eps {
        minor.append(m * minorStep / scale)
        m += 1
    }
    return Ticks(major: major, minor: minor)
}

/// Decade ticks `10ⁿ` with minor ticks at 2…9 × 10ⁿ, for a log axis over [lo, hi] (lo > 0).
func logTicks(lo: Double, hi: Double) -> Ticks {
    var major: [(Double, String)] = [], minor: [Double] = []
    let first = Int(floor(log10(lo))), last = Int(ceil(log10(hi)))
    for n in first...last {
        let d = pow(10, Double(n))
        if d >= lo * (1 - 1e-12), d <= hi * (1 + 1e-12) { major.append((d, "10" + superscript(n))) }
        for f in 2...9 where Double(f) * d >= lo && Double(f) * d <= hi { minor.append(Double(f) * d) }
    }
    return Ticks(major: major, minor: minor)
}

/// Escapes XML special characters.
func xmlEscape(_ s: String) -> String {
    var out = ""
    for ch in s {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default: out.append(ch)
        }
    }
    return out
}

/// SVG text content for a label whose `_{…}` and `^{…}` parts become sub- and superscript
/// `<tspan>`s (smaller, shifted with `dy`, baseline restored afterwards).
func svgRichText(_ markup: String, fontSize: Double) -> String {
    var runs: [(text: String, shift: Int)] = []
    var current = "", shift = 0
    var chars = Array(markup)[...]
    while let ch = chars.first {
        chars = chars.dropFirst()
        if shift == 0, ch == "_" || ch == "^", chars.first == "{" {
            if !current.isEmpty { runs.append((current, 0)) }
            current = ""
            shift = ch == "_" ? -1 : 1
            chars = chars.dropFirst()
        } else if shift != 0, ch == "}" {
            runs.append((current, shift))
            current = ""
            shift = 0
        } else {
            current.append(ch)
        }
    }
    if !current.isEmpty { runs.append((current, shift)) }
    var out = "", offset = 0.0
    for run in runs {
        let target = run.shift < 0 ? 0.3 * fontSize : run.shift > 0 ? -0.45 * fontSize : 0
        let dy = target - offset
        var attrs = dy == 0 ? "" : " dy=\"\(formatFixed(dy, 2))\""
        if run.shift != 0 { attrs += " font-size=\"\(formatFixed(0.7 * fontSize, 1))\"" }
        var text = Substring(run.text)
        if !attrs.isEmpty {
            // Renderers drop spaces at the start of a tspan; leading spaces become a dx offset.
            let spaces = text.prefix { $0 == " " }.count
            text = text.dropFirst(spaces)
            if spaces > 0 { attrs += " dx=\"\(formatFixed(0.3 * fontSize * Double(spaces), 2))\"" }
        }
        out += attrs.isEmpty ? xmlEscape(String(text)) : "<tspan\(attrs)>\(xmlEscape(String(text)))</tspan>"
        offset = target
    }
    if offset != 0 { out += "<tspan dy=\"\(formatFixed(-offset, 2))\"></tspan>" }
    return out
}

/// The axis title: SVG label, "× 10ⁿ" display scale, unit in brackets.
func svgAxisTitle(_ label: AxisLabel, unit: String?, exponent: Int) -> String {
    label.svg + (exponent == 0 ? "" : " × 10^{\(exponent)}") + (unit.map { " [\($0)]" } ?? "")
}

/// A five-pointed star path centred at (cx, cy) with outer radius r.
func starPath(cx: Double, cy: Double, r: Double) -> String {
    var d = ""
    for k in 0..<10 {
        let radius = k % 2 == 0 ? r : r * 0.42
        let angle = -Double.pi / 2 + Double(k) * Double.pi / 5
        d += (k == 0 ? "M" : "L") + formatFixed(cx + radius * cos(angle), 2) + "," + formatFixed(cy + radius * sin(angle), 2)
    }
    return d + "Z"
}

/// An "×" marker path centred at (cx, cy) with half-size h.
func crossPath(cx: Double, cy: Double, h: Double) -> String {
    let f = { (v: Double) in formatFixed(v, 2) }
    return "M\(f(cx - h)),\(f(cy - h))L\(f(cx + h)),\(f(cy + h))M\(f(cx - h)),\(f(cy + h))L\(f(cx + h)),\(f(cy - h))"
}

/// A legend row: a symbol drawn at (x, y) and its text.
typealias LegendEntry = (symbol: (Double, Double) -> String, text: String)

/// The legend rows every figure ends with: the best-fit star, and the failed-point cross when any failed.
func markerLegendEntries(failedCount: Int) -> [LegendEntry] {
    var entries: [LegendEntry] = [
        ({ x, y in "<path d=\"\(starPath(cx: x + 12, cy: y + 7, r: 8))\" fill=\"#d62728\"/>\n" }, "best fit"),
    ]
    if failedCount > 0 {
        entries.append(({ x, y in
            "<path d=\"\(crossPath(cx: x + 12, cy: y + 7, h: 4))\" stroke=\"#d62728\" stroke-width=\"1.5\"/>\n"
        }, "failed (\(failedCount))"))
    }
    return entries
}
