import Foundation
import ProfileData

/// The exponent e such that an axis is shown as value × 10^e: the label's own choice, or an
/// engineering exponent when the largest |value| is below 10⁻² or at least 10⁴, else 0.
func displayExponent(_ values: [Double], label: AxisLabel) -> Int {
    if let e = label.scaleExponent { return e }
    let m = values.map(abs).max() ?? 0
    guard m > 0, m < 1e-2 || m >= 1e4 else { return 0 }
    return -3 * Int((log10(m) / 3).rounded(.down))
}

/// A pgfplots `tikzpicture` to `\input` into a paper (needs `\usepackage{pgfplots}`,
/// `\pgfplotsset{compat=1.18}`, no shell escape; compiles with pdflatex at any grid size). 2-D: the
/// confidence regions as filled polygons of the refined contours (painted so that holes and islands
/// come out right, no per-cell plot), the contour lines with their dash per level and labels, the
/// minimizer's curves (method "curve") in orange, the best fit and its mirror, a legend and a caption
/// node stating every convention — all inline, so the snippet needs no data file. 1-D: Δχ² from
/// `dataFile` with the level lines. Display scales (×10ⁿ) go into the axis labels, not above the axis.
public func pgfplotsSnippet(grid: ProfileGrid, contours: [ContourLine] = [], metadata: ExportMetadata,
                            dataFile: String) throws -> String {
    try validateExport(grid: grid, contours: contours, metadata: metadata)
    let xl = metadata.label(for: grid.x.name)
    var out = "% x17fit \(metadata.generatorVersion) (git \(metadata.gitHash)): \(oneLine(metadata.fitName))\n"
    out += "% \(kindDescription(grid)); Δχ² relative to χ²_min = \(formatExact(grid.chi2Min))\n"
    out += "% needs \\usepackage{pgfplots} and \\pgfplotsset{compat=1.18}; no -shell-escape\n"
    let colors = bandColors(metadata.levels.count)
    for (k, c) in colors.enumerated() {
        out += "\\definecolor{x17band\(k + 1)}{RGB}{\(c.r),\(c.g),\(c.b)}\n"
    }
    let cc = curveMethodColor
    out += "\\definecolor{x17curve}{RGB}{\(cc.r),\(cc.g),\(cc.b)}\n"
    let fc = calibratedColor
    if contours.contains(where: { $0.method == calibratedContourMethod }) {
        out += "\\definecolor{x17fc}{RGB}{\(fc.r),\(fc.g),\(fc.b)}\n"
    }
    if contours.contains(where: isBand) {
        out += "\\definecolor{x17constraint}{RGB}{\(bandColor.r),\(bandColor.g),\(bandColor.b)}\n"
    }
    let lc = bandColors(1)[0]
    if grid.y == nil { out += "\\definecolor{x17level}{RGB}{\(lc.r),\(lc.g),\(lc.b)}\n" }
    out += "\\begin{tikzpicture}\n\\begin{axis}[\n"
    out += "  title={\(latexEscape(metadata.title ?? metadata.fitName))},\n"
    let xLog = grid.x.spacing == .log
    let ex = xLog ? 0 : displayExponent(grid.x.values, label: xl)
    out += "  xlabel={\(latexAxisLabel(xl, axis: grid.x, exponent: ex))},\n"
    out += "  xmin=\(formatExact(grid.x.values.first!)), xmax=\(formatExact(grid.x.values.last!)),\n"
    if xLog { out += "  xmode=log,\n" }
    if ex != 0 { out += "  scaled x ticks=base 10:\(ex), xtick scale label code/.code={},\n" }
    out += "  width=8cm, height=8cm, legend cell align=left,\n"
    guard let y = grid.y else {
        let top = (metadata.levels.last?.deltaChi2 ?? 1) * 1.5
        out += "  ylabel={$\\Delta\\chi^2$}, ymin=0, ymax=\(formatExact(top)),\n"
        out += "  unbounded coords=jump, legend pos=north east,\n]\n"
        out += "\\addplot[thick, black] table[x index=0, y index=1] {\(dataFile)};\n"
        out += "\\addlegendentry{\(grid.kind == .profiled ? "profile" : "slice")}\n"
        for (k, level) in metadata.levels.enumerated() {
            out += "\\addplot[x17level, \(pgfDash(k + 1)), thick, forget plot] coordinates "
            out += "{(\(formatExact(grid.x.values.first!)),\(formatExact(level.deltaChi2))) "
            out += "(\(formatExact(grid.x.values.last!)),\(formatExact(level.deltaChi2)))};\n"
            out += "\\node[anchor=south east, font=\\scriptsize] at (axis cs:\(formatExact(grid.x.values.last!)),\(formatExact(level.deltaChi2))) "
            out += "{\(latexEscape(level.label))};\n"
        }
        for (k, level) in metadata.levels.enumerated() {
            let curves = contours.filter { levelIndex(of: $0, in: metadata.levels) == k }
            for (n, c) in curves.enumerated() {
                out += "\\addplot[x17fc, very thick, \(pgfDash(k + 1))\(n == 0 ? "" : ", forget plot")] coordinates {"
                out += zip(c.x, c.y).map { "(\(formatExact($0)),\(formatExact($1)))" }.joined(separator: " ") + "};\n"
                if n == 0 { out += "\\addlegendentry{\(latexEscape(calibratedLegend(level)))}\n" }
            }
        }
        if let bx = grid.bestFit[grid.x.name] {
            out += "\\addplot[only marks, mark=star, mark size=4pt, red] coordinates {(\(formatExact(bx)),0)};\n"
            out += "\\addlegendentry{best fit}\n"
        }
        out += "\\end{axis}\n" + pgfCaption(grid: grid, metadata: metadata) + "\\end{tikzpicture}\n"
        return out
    }
    let yl = metadata.label(for: y.name)
    let yLog = y.spacing == .log
    let ey = yLog ? 0 : displayExponent(y.values, label: yl)
    out += "  ylabel={\(latexAxisLabel(yl, axis: y, exponent: ey))},\n"
    out += "  ymin=\(formatExact(y.values.first!)), ymax=\(formatExact(y.values.last!)),\n"
    if yLog { out += "  ymode=log,\n" }
    if ey != 0 { out += "  scaled y ticks=base 10:\(ey), ytick scale label code/.code={},\n" }
    out += "  axis on top, enlargelimits=false, legend pos=outer north east,\n]\n"
    func coordinates(_ xs: [Double], _ ys: [Double]) -> String {
        zip(xs, ys).map { "(\(formatExact($0)),\(formatExact($1)))" }.joined(separator: " ")
    }
    out += "% confidence regions: the closed contour polygons (open curves closed along the frame), painted\n"
    out += "% enclosing rings first; a hole is painted in the colour just inside it\n"
    let rings = regionRings(grid: grid, contours: contours, levels: metadata.levels)
    for (ring, band) in paintOrder(rings, levelCount: metadata.levels.count) {
        out += "\\addplot[fill=\(band.map { "x17band\($0 + 1)" } ?? "white"), draw=none, forget plot] coordinates {"
        out += coordinates(ring.x, ring.y) + "} -- cycle;\n"
    }
    out += "% contour lines computed by x17fit (refined on the profiled Δχ²)\n"
    for c in contours {
        let k = levelIndex(of: c, in: metadata.levels) ?? 0
        let pts = c.closedPoints
        let style = c.method == "curve" ? "x17curve, thick, dash pattern=on 4pt off 3pt"
            : isBand(c) ? "x17constraint, thick, \(pgfBandDash)"
            : c.method == calibratedContourMethod ? "x17fc, very thick, \(pgfDash(k))" : "black, thick, \(pgfDash(k))"
        out += "\\addplot[\(style), forget plot] coordinates {" + coordinates(pts.x, pts.y) + "};\n"
    }
    var markers: [(Double, Double)] = []
    let bx = grid.bestFit[grid.x.name], by = grid.bestFit[y.name]
    let mirror = mirrorPoint(grid: grid, metadata: metadata)
    // Label positions chosen on the SVG figure's pixel frame (same plot proportions).
    let frame = SVGFrame(xLo: grid.x.values.first!, xHi: grid.x.values.last!, xLog: xLog, xExponent: 0,
                         yLo: y.values.first!, yHi: y.values.last!, yLog: yLog, yExponent: 0)
    if let bx, let by { markers.append((frame.x(bx), frame.y(by))) }
    if let m = mirror { markers.append((frame.x(m[0]), frame.y(m[1]))) }
    for spot in contourLabelSpots(contours: contours, levels: metadata.levels, pixel: { (frame.x($0), frame.y($1)) },
                                  plot: (SVGFrame.left, SVGFrame.top, SVGFrame.right, SVGFrame.bottom), markers: markers) {
        out += "\\node[fill=white, inner sep=0.8pt, font=\\scriptsize] at (axis cs:\(formatExact(spot.x)),\(formatExact(spot.y))) "
        out += "{\(latexEscape(metadata.levels[spot.level].label))};\n"
    }
    for (k, level) in metadata.levels.enumerated() {
        out += "\\addlegendimage{area legend, fill=x17band\(k + 1), draw=black, \(pgfDash(k))}\n"
        out += "\\addlegendentry{\(latexEscape(level.label)) (\(formatShort(level.cl * 100))\\,\\% CL)}\n"
    }
    if contours.contains(where: { $0.method == "curve" }) {
        out += "\\addlegendimage{x17curve, thick, dash pattern=on 4pt off 3pt}\n\\addlegendentry{\(latexEscape(curveMethodLegend))}\n"
    }
    for (k, level) in metadata.levels.enumerated()
    where contours.contains(where: { $0.method == calibratedContourMethod && levelIndex(of: $0, in: metadata.levels) == k }) {
        out += "\\addlegendimage{x17fc, very thick, \(pgfDash(k))}\n\\addlegendentry{\(latexEscape(calibratedLegend(level)))}\n"
    }
    for method in contours.filter(isBand).map(\.method).reduce(into: [String](), { if !$0.contains($1) { $0.append($1) } }) {
        out += "\\addlegendimage{x17constraint, thick, \(pgfBandDash)}\n\\addlegendentry{\(latexEscape(bandLegend(method, metadata)))}\n"
    }
    if let bx, let by {
        out += "\\addplot[only marks, mark=star, mark size=4pt, red, very thick] coordinates {(\(formatExact(bx)),\(formatExact(by)))};\n"
        out += "\\addlegendentry{best fit}\n"
    }
    if let m = mirror {
        out += "\\addplot[only marks, mark=star, mark size=4pt, red!60!white, thick] coordinates {(\(formatExact(m[0])),\(formatExact(m[1])))};\n"
        out += "\\addlegendentry{mirror solution}\n"
    }
    out += "\\end{axis}\n" + pgfCaption(grid: grid, metadata: metadata) + "\\end{tikzpicture}\n"
    return out
}

/// pgfplots dash option of constraint bands (``bandDash`` in points).
let pgfBandDash: String = {
    let parts = bandDash.split(separator: ",").map(String.init)
    return "dash pattern=" + stride(from: 0, to: parts.count, by: 2).map { "on \(parts[$0])pt off \(parts[$0 + 1])pt" }.joined(separator: " ")
}()

/// pgfplots dash option of contour level `k` (the SVG pattern in points).
func pgfDash(_ k: Int) -> String {
    guard let p = dashPattern(k) else { return "solid" }
    let parts = p.split(separator: ",").map(String.init)
    return "dash pattern=" + stride(from: 0, to: parts.count, by: 2).map { "on \(parts[$0])pt off \(parts[$0 + 1])pt" }.joined(separator: " ")
}

/// The caption (every convention of the fit) as a small node under the axis.
private func pgfCaption(grid: ProfileGrid, metadata: ExportMetadata) -> String {
    let text = figureCaption(grid: grid, metadata: metadata).map(latexEscape).joined(separator: " ")
    return "\\node[below right, text width=12cm, font=\\scriptsize, align=left] at (current axis.outer south west) {\(text)};\n"
}

/// The LaTeX axis label with its display scale (×10ⁿ) and unit.
func latexAxisLabel(_ label: AxisLabel, axis: GridAxis, exponent: Int = 0) -> String {
    let unit = axis.unit ?? label.unit
    return label.latex + (exponent == 0 ? "" : " $\\times 10^{\(exponent)}$") + (unit.map { " [\(latexEscape($0))]" } ?? "")
}

/// Escapes the LaTeX special characters of plain text.
func latexEscape(_ s: String) -> String {
    var out = ""
    for ch in oneLine(s) {
        switch ch {
        case "\\": out += "\\textbackslash{}"
        case "&", "%", "$", "#", "_", "{", "}": out += "\\" + String(ch)
        case "~": out += "\\textasciitilde{}"
        case "^": out += "\\textasciicircum{}"
        default:
            if let cmd = mathCommand(ch) { out += "$" + cmd + "$" } else if let d = superscriptDigits[ch] {
                out += "\\textsuperscript{\(d)}"
            } else { out.append(ch) }
        }
    }
    // Adjacent math runs become one ("$\Delta$$\chi$" → "$\Delta\chi$"); an escaped "\$" is kept.
    var merged = "", chars = Array(out), k = 0
    while k < chars.count {
        if chars[k] == "$", k + 1 < chars.count, chars[k + 1] == "$", k == 0 || chars[k - 1] != "\\" {
            k += 2
            continue
        }
        merged.append(chars[k])
        k += 1
    }
    return merged
}
