import Foundation
import Statistics

/// The exponent e such that an axis is shown as value × 10^e: the label's own choice, or an
/// engineering exponent when the largest |value| is below 10⁻² or at least 10⁴, else 0.
func displayExponent(_ values: [Double], label: AxisLabel) -> Int {
    if let e = label.scaleExponent { return e }
    let m = values.map(abs).max() ?? 0
    guard m > 0, m < 1e-2 || m >= 1e4 else { return 0 }
    return -3 * Int((log10(m) / 3).rounded(.down))
}

/// A pgfplots `tikzpicture` to `\input` into a paper (needs `\usepackage{pgfplots}`,
/// `\pgfplotsset{compat=1.18}`, no shell escape). 2-D: the confidence regions as a banded
/// `matrix plot*` of the grid file's `band` column, our own contour segments through
/// `\addplot3[contour prepared]`, the best fit, and a legend. 1-D: Δχ² with level lines.
public func pgfplotsSnippet(grid: ProfileGrid, metadata: ExportMetadata,
                            dataFile: String, contourFile: String) throws -> String {
    try validateExport(grid: grid, contours: [], metadata: metadata)
    let xl = metadata.label(for: grid.x.name)
    var out = "% x17fit \(metadata.generatorVersion) (git \(metadata.gitHash)): \(oneLine(metadata.fitName))\n"
    out += "% \(kindDescription(grid)); Δχ² relative to χ²_min = \(formatExact(grid.chi2Min))\n"
    out += "% needs \\usepackage{pgfplots} and \\pgfplotsset{compat=1.18}; no -shell-escape\n"
    let colors = bandColors(metadata.levels.count)
    for (k, c) in colors.enumerated() {
        out += "\\definecolor{x17band\(k + 1)}{RGB}{\(c.r),\(c.g),\(c.b)}\n"
    }
    out += "\\begin{tikzpicture}\n\\begin{axis}[\n"
    out += "  title={\(latexEscape(metadata.title ?? metadata.fitName))},\n"
    out += "  xlabel={\(latexAxisLabel(xl, axis: grid.x))},\n"
    out += "  xmin=\(formatExact(grid.x.values.first!)), xmax=\(formatExact(grid.x.values.last!)),\n"
    if grid.x.spacing == .log { out += "  xmode=log,\n" }
    let ex = displayExponent(grid.x.values, label: xl)
    if ex != 0, grid.x.spacing != .log { out += "  scaled x ticks=base 10:\(ex),\n" }
    guard let y = grid.y else {
        let top = (metadata.levels.last?.deltaChi2 ?? 1) * 1.5
        out += "  ylabel={$\\Delta\\chi^2$}, ymin=0, ymax=\(formatExact(top)),\n"
        out += "  unbounded coords=jump, legend pos=north east,\n]\n"
        out += "\\addplot[thick, black] table[x index=0, y index=1] {\(dataFile)};\n"
        out += "\\addlegendentry{\(grid.kind == .profiled ? "profile" : "slice")}\n"
        for (k, level) in metadata.levels.enumerated() {
            out += "\\addplot[x17band\(k + 1), dashed, forget plot] coordinates "
            out += "{(\(formatExact(grid.x.values.first!)),\(formatExact(level.deltaChi2))) "
            out += "(\(formatExact(grid.x.values.last!)),\(formatExact(level.deltaChi2)))};\n"
            out += "\\node[anchor=south east, font=\\scriptsize] at (axis cs:\(formatExact(grid.x.values.last!)),\(formatExact(level.deltaChi2))) "
            out += "{\(latexEscape(level.label))};\n"
        }
        out += "\\end{axis}\n\\end{tikzpicture}\n"
        return out
    }
    let yl = metadata.label(for: y.name)
    out += "  ylabel={\(latexAxisLabel(yl, axis: y))},\n"
    out += "  ymin=\(formatExact(y.values.first!)), ymax=\(formatExact(y.values.last!)),\n"
    if y.spacing == .log { out += "  ymode=log,\n" }
    let ey = displayExponent(y.values, label: yl)
    if ey != 0, y.spacing != .log { out += "  scaled y ticks=base 10:\(ey),\n" }
    let n = metadata.levels.count
    let cmap = (0..<n).map { "color=(x17band\($0 + 1))" } + ["color=(white)"]
    out += "  view={0}{90}, axis on top, enlargelimits=false,\n"
    out += "  colormap={x17bands}{\(cmap.joined(separator: " "))}, colormap access=piecewise constant,\n"
    out += "  point meta min=1, point meta max=\(n + 1),\n"
    out += "  legend pos=outer north east, legend cell align=left,\n]\n"
    out += "% confidence regions: column 4 (band) of the grid file\n"
    out += "\\addplot[matrix plot*, mesh/cols=\(grid.nx), point meta=\\thisrowno{3}, forget plot] "
    out += "table[x index=0, y index=1] {\(dataFile)};\n"
    for (k, level) in metadata.levels.enumerated() {
        out += "\\addlegendimage{area legend, fill=x17band\(k + 1), draw=black}\n"
        out += "\\addlegendentry{\(latexEscape(level.label)) (\(formatShort(level.cl * 100))\\,\\% CL)}\n"
    }
    out += "% contour lines computed by x17fit (x y level segment), blank line between segments\n"
    out += "\\addplot3[contour prepared={labels=false, draw color=black}, thick, forget plot] "
    out += "table[x index=0, y index=1, z index=2] {\(contourFile)};\n"
    let bx = grid.bestFit[grid.x.name], by = grid.bestFit[y.name]
    if let bx, let by {
        out += "\\addplot3[only marks, mark=+, mark size=4pt, very thick, red] "
        out += "coordinates {(\(formatExact(bx)),\(formatExact(by)),0)};\n"
        out += "\\addlegendentry{best fit}\n"
    }
    out += "\\end{axis}\n\\end{tikzpicture}\n"
    return out
}

func latexAxisLabel(_ label: AxisLabel, axis: GridAxis) -> String {
    let unit = axis.unit ?? label.unit
    return label.latex + (unit.map { " [\(latexEscape($0))]" } ?? "")
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
        case "σ": out += "$\\sigma$"
        case "χ": out += "$\\chi$"
        case "Δ": out += "$\\Delta$"
        default: out.append(ch)
        }
    }
    return out
}
