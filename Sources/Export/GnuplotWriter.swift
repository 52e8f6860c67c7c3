import Foundation
import Statistics

/// A small gnuplot script drawing the grid file (banded confidence regions), the contour file and
/// the best fit into `<output>` (SVG terminal). Linear grids use `with image`; other spacings draw
/// one square point per grid point.
public func gnuplotScript(grid: ProfileGrid, metadata: ExportMetadata, dataFile: String,
                          contourFile: String, output: String) throws -> String {
    try validateExport(grid: grid, contours: [], metadata: metadata)
    var out = commentHeader(["gnuplot script written by x17fit; run: gnuplot \(output.replacingOccurrences(of: ".svg", with: ".gp"))"],
                            grid: grid, metadata: metadata)
    out += "set encoding utf8\n"
    out += "set terminal svg size 720,560 enhanced font 'Helvetica,14' background rgb 'white'\n"
    out += "set output '\(output)'\n"
    out += "set title \"\(gnuplotEscape(metadata.title ?? metadata.fitName))\"\n"
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
            plots.append("\(formatExact(level.deltaChi2)) with lines dt 2 lc rgb '\(bandColors(metadata.levels.count)[k].hex)' title '\(level.label)'")
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
    let n = metadata.levels.count
    let colors = bandColors(n)
    let palette = colors.enumerated().map { "\($0.offset + 1) '\($0.element.hex)'" } + ["\(n + 1) '#ffffff'"]
    out += "set palette defined (\(palette.joined(separator: ", "))) maxcolors \(n + 1)\n"
    out += "set cbrange [0.5:\(n + 1).5]\nunset colorbox\nset key outside right top\nset tics front\n"
    let regular = grid.x.spacing == .linear && y.spacing == .linear
    let cells = regular ? "with image" : "with points pt 5 ps 0.6 palette"
    var plots = ["'\(dataFile)' using \(xs):\(ys):4 \(cells) notitle"]
    for (k, level) in metadata.levels.enumerated() {
        plots.append("NaN with boxes fs solid fc rgb '\(colors[k].hex)' title '\(gnuplotEscape(level.label)) (\(formatShort(level.cl * 100))% CL)'")
    }
    plots.append("'\(contourFile)' using \(xs):\(ys) with lines lw 1.5 lc rgb 'black' notitle")
    if let bx = grid.bestFit[grid.x.name], let by = grid.bestFit[y.name] {
        plots.append("'-' using \(xs):\(ys) with points pt 1 ps 2 lw 2 lc rgb 'red' title 'best fit'")
        out += "plot " + plots.joined(separator: ", \\\n     ") + "\n"
        out += "\(formatExact(bx)) \(formatExact(by))\ne\n"
    } else {
        out += "plot " + plots.joined(separator: ", \\\n     ") + "\n"
    }
    return out
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
