import Foundation
import ProfileData

/// A gnuplot script (`script`, the name it is saved under) drawing the figure into `output` (SVG
/// terminal). 1-D: Δχ² from `dataFile` with the level lines. 2-D, all inline (no data file needed):
/// the confidence regions as filled polygons of the refined contours (painted enclosing rings first,
/// a hole in the colour just inside it), the contour lines with their dash per level and labels, the
/// minimizer's curves (method "curve") in orange, the best fit and its mirror, a legend and a caption
/// stating every convention.
public func gnuplotScript(grid: ProfileGrid, contours: [ContourLine] = [], metadata: ExportMetadata, dataFile: String,
                          script: String, output: String) throws -> String {
    try validateExport(grid: grid, contours: contours, metadata: metadata)
    var out = commentHeader(["gnuplot script written by x17fit; run: gnuplot \(script)  (writes \(output))"],
                            grid: grid, metadata: metadata)
    let caption = figureCaption(grid: grid, metadata: metadata).flatMap { wrapText($0, width: 110) }
    let height = 560 + 14 * caption.count
    out += "set encoding utf8\n"
    out += "set terminal svg size 760,\(height) enhanced font 'Helvetica,14' background rgb 'white'\n"
    out += "set output '\(output)'\n"
    out += "set title \"\(gnuplotEscape(metadata.title ?? metadata.fitName))\"\n"
    let bottom = Double(14 * caption.count + 70) / Double(height)
    out += "set bmargin at screen \(formatFixed(bottom, 4))\n"
    for (k, line) in caption.enumerated() {
        let yy = Double(14 * (caption.count - k) - 4) / Double(height)
        out += "set label \(k + 1) \"\(gnuplotEscape(line))\" "
        out += "at screen 0.01,\(formatFixed(yy, 4)) left font ',9' noenhanced\n"
    }
    let xl = metadata.label(for: grid.x.name)
    let ex = grid.x.spacing == .log ? 0 : displayExponent(grid.x.values, label: xl)
    out += "set xlabel \"\(gnuplotEscape(enhancedLabel(xl, axis: grid.x, exponent: ex)))\"\n"
    out += "set xrange [\(formatExact(scaled(grid.x.values.first!, ex))):\(formatExact(scaled(grid.x.values.last!, ex)))]\n"
    if grid.x.spacing == .log { out += "set logscale x\n" }
    let xs = ex == 0 ? "1" : "($1*1e\(ex))"
    guard let y = grid.y else {
        out += "set ylabel \"Δχ^{2}\"\nset yrange [0:\(formatExact((metadata.levels.last?.deltaChi2 ?? 1) * 1.5))]\n"
        out += "set key top right\n"
        var plots = ["'\(dataFile)' using \(xs):2 with lines lw 2 lc rgb 'black' title '\(grid.kind == .profiled ? "profile" : "slice")'"]
        for (k, level) in metadata.levels.enumerated() {
            plots.append("\(formatExact(level.deltaChi2)) with lines lw 1.5 dt \(gnuplotDash(k + 1)) lc rgb '\(bandColors(1)[0].hex)' title '\(gnuplotEscape(level.label))'")
        }
        var titled: Set<Int> = []
        for (n, c) in contours.enumerated() {
            out += "$critical\(n) << EOD\n" + zip(c.x, c.y).map { "\(formatExact($0)) \(formatExact($1))\n" }.joined() + "EOD\n"
            let k = levelIndex(of: c, in: metadata.levels) ?? 0
            let title = titled.contains(k) || k >= metadata.levels.count ? "notitle" : "title '\(gnuplotEscape(calibratedLegend(metadata.levels[k])))'"
            plots.append("$critical\(n) using \(xs):2 with lines lw 2 dt \(gnuplotDash(k + 1)) lc rgb '\(calibratedColor.hex)' \(title)")
            titled.insert(k)
        }
        out += "plot " + plots.joined(separator: ", \\\n     ") + "\n"
        return out
    }
    let yl = metadata.label(for: y.name)
    let ey = y.spacing == .log ? 0 : displayExponent(y.values, label: yl)
    out += "set ylabel \"\(gnuplotEscape(enhancedLabel(yl, axis: y, exponent: ey)))\"\n"
    out += "set yrange [\(formatExact(scaled(y.values.first!, ey))):\(formatExact(scaled(y.values.last!, ey)))]\n"
    if y.spacing == .log { out += "set logscale y\n" }
    let ys = ey == 0 ? "2" : "($2*1e\(ey))"
    out += "set key outside right top\nset tics front\nset style textbox opaque noborder margins 1,1\n"
    let colors = bandColors(metadata.levels.count)
    var blocks = "", plots: [String] = []
    func block(_ name: String, _ px: [Double], _ py: [Double]) {
        blocks += "$\(name) << EOD\n"
        for (a, b) in zip(px, py) { blocks += "\(formatExact(a)) \(formatExact(b))\n" }
        blocks += "EOD\n"
    }
    let rings = regionRings(grid: grid, contours: contours, levels: metadata.levels)
    for (n, (ring, band)) in paintOrder(rings, levelCount: metadata.levels.count).enumerated() {
        block("region\(n)", ring.x, ring.y)
        plots.append("$region\(n) using \(xs):\(ys) with filledcurves closed fs solid 1.0 noborder fc rgb '\(band.map { colors[$0].hex } ?? "#ffffff")' notitle")
    }
    for (k, level) in metadata.levels.enumerated() {
        plots.append("NaN with boxes fs solid 1.0 border lc rgb 'black' fc rgb '\(colors[k].hex)' title '\(gnuplotEscape(level.label)) (\(formatShort(level.cl * 100))% CL)'")
    }
    var curveTitled = false
    var calibratedTitled: Set<Int> = []
    var bandTitled: Set<String> = []
    for (n, c) in contours.enumerated() {
        let pts = c.closedPoints
        block("contour\(n)", pts.x, pts.y)
        if isBand(c) {
            plots.append("$contour\(n) using \(xs):\(ys) with lines lw 2 dt (\(bandDash)) lc rgb '\(bandColor.hex)' "
                + (bandTitled.contains(c.method) ? "notitle" : "title '\(gnuplotEscape(bandLegend(c.method, metadata)))'"))
            bandTitled.insert(c.method)
        } else if c.method == calibratedContourMethod {
            let k = levelIndex(of: c, in: metadata.levels) ?? 0
            plots.append("$contour\(n) using \(xs):\(ys) with lines lw 2.4 dt \(gnuplotDash(k)) lc rgb '\(calibratedColor.hex)' "
                + (calibratedTitled.contains(k) || k >= metadata.levels.count ? "notitle" : "title '\(gnuplotEscape(calibratedLegend(metadata.levels[k])))'"))
            calibratedTitled.insert(k)
        } else if c.method == "curve" {
            plots.append("$contour\(n) using \(xs):\(ys) with lines lw 2 dt (4,3) lc rgb '\(curveMethodColor.hex)' "
                + (curveTitled ? "notitle" : "title '\(curveMethodLegend)'"))
            curveTitled = true
        } else {
            plots.append("$contour\(n) using \(xs):\(ys) with lines lw 1.6 dt \(gnuplotDash(levelIndex(of: c, in: metadata.levels) ?? 0)) lc rgb 'black' notitle")
        }
    }
    let frame = SVGFrame(xLo: grid.x.values.first!, xHi: grid.x.values.last!, xLog: grid.x.spacing == .log, xExponent: 0,
                         yLo: y.values.first!, yHi: y.values.last!, yLog: y.spacing == .log, yExponent: 0)
    var markers: [(Double, Double)] = []
    let mirror = mirrorPoint(grid: grid, metadata: metadata)
    if let bx = grid.bestFit[grid.x.name], let by = grid.bestFit[y.name] {
        markers.append((frame.x(bx), frame.y(by)))
        block("bestfit", [bx], [by])
        plots.append("$bestfit using \(xs):\(ys) with points pt 3 ps 2 lw 2 lc rgb '#d62728' title 'best fit'")
    }
    if let m = mirror {
        markers.append((frame.x(m[0]), frame.y(m[1])))
        block("mirror", [m[0]], [m[1]])
        plots.append("$mirror using \(xs):\(ys) with points pt 6 ps 2 lw 2 lc rgb '#d62728' title 'mirror solution'")
    }
    var labels = ""
    for (n, spot) in contourLabelSpots(contours: contours, levels: metadata.levels, pixel: { (frame.x($0), frame.y($1)) },
                                       plot: (SVGFrame.left, SVGFrame.top, SVGFrame.right, SVGFrame.bottom), markers: markers).enumerated() {
        labels += "set label \(caption.count + n + 1) \"\(gnuplotEscape(metadata.levels[spot.level].label))\" "
        labels += "at first \(formatExact(scaled(spot.x, ex))),\(formatExact(scaled(spot.y, ey))) center front boxed font ',11'\n"
    }
    out += blocks + labels
    out += "plot " + plots.joined(separator: ", \\\n     ") + "\n"
    return out
}

/// gnuplot `dt` of contour level `k` (the SVG dash pattern; 1 is solid).
func gnuplotDash(_ k: Int) -> String {
    dashPattern(k).map { "(" + $0 + ")" } ?? "1"
}

private func scaled(_ v: Double, _ e: Int) -> Double { e == 0 ? v : v * pow(10, Double(e)) }

/// The SVG label (its `_{…}`/`^{…}` markup is gnuplot's enhanced-text syntax too) with unit and scale.
func enhancedLabel(_ label: AxisLabel, axis: GridAxis, exponent: Int) -> String {
    let unit = axis.unit ?? label.unit
    return label.svg + (exponent == 0 ? "" : " × 10^{\(exponent)}") + (unit.map { " [\($0)]" } ?? "")
}

private func gnuplotEscape(_ s: String) -> String {
    oneLine(s).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
}
