import Foundation
import ProfileData

/// A 1-D profile figure: Δχ² against the parameter (`<path class="profile">`, broken where χ² is
/// not finite), one dashed horizontal line per level labelled with its CL, failed points as red ×,
/// the best fit as a star on the axis (`id="best-fit"`) and its sign-degenerate mirror as an open star
/// (`id="mirror-fit"`) when it lies on the scan, physics-style axes, a legend and a caption stating every
/// convention. `criticalValues` (method ``calibratedContourMethod``, y = toy critical Δχ²) are drawn in magenta
/// with their level's dash (`id="feldman-cousins"`): the calibrated interval is where the profile lies below.
public func profileFigureSVG(grid: ProfileGrid, metadata: ExportMetadata, criticalValues: [ContourLine] = []) throws -> String {
    try validateExport(grid: grid, contours: criticalValues, metadata: metadata)
    guard grid.y == nil else {
        throw ExportError.invalidInput(quantity: "grid", reason: "a profile figure needs a 1-D grid")
    }
    let f = { (v: Double) in formatFixed(v, 2) }
    let xl = metadata.label(for: grid.x.name)
    let xs = grid.x.values
    let xLog = grid.x.spacing == .log && xs[0] > 0
    let ex = xLog ? 0 : displayExponent(xs, label: xl)
    let yMax = (metadata.levels.last?.deltaChi2 ?? 1) * 1.4
    var frame = SVGFrame(xLo: xs[0], xHi: xs[xs.count - 1], xLog: xLog, xExponent: ex,
                         yLo: 0, yHi: yMax, yLog: false, yExponent: 0)
    frame.setCaption(figureCaption(grid: grid, metadata: metadata))
    let title = metadata.title ?? metadata.fitName
    var s = frame.open(title: title, description: "\(grid.kind == .profiled ? "Profiled" : "Sliced") Δχ² of \(metadata.fitName) "
        + "against \(grid.x.name); x17fit \(metadata.generatorVersion) (git \(metadata.gitHash))")
    let lineColor = bandColors(1)[0].hex
    func dash(_ k: Int) -> String { dashPattern(k + 1) ?? "6,3" }

    s += "<g id=\"levels\" clip-path=\"url(#plot-area)\" stroke-width=\"1.3\" stroke=\"\(lineColor)\">\n"
    for (k, level) in metadata.levels.enumerated() {
        let py = f(frame.y(level.deltaChi2))
        s += "<path stroke-dasharray=\"\(dash(k))\" d=\"M\(f(SVGFrame.left)),\(py)H\(f(SVGFrame.right))\"/>\n"
    }
    s += "</g>\n<g id=\"level-labels\" font-size=\"12\" text-anchor=\"end\" fill=\"\(lineColor)\">\n"
    for level in metadata.levels {
        s += "<text x=\"\(f(SVGFrame.right - 6))\" y=\"\(f(frame.y(level.deltaChi2) - 4))\">"
        s += xmlEscape(level.label) + "</text>\n"
    }
    s += "</g>\n"

    let dchi2 = grid.deltaChi2
    var d = "", penUp = true
    for i in xs.indices {
        guard dchi2[i].isFinite else { penUp = true; continue }
        d += (penUp ? "M" : "L") + f(frame.x(xs[i])) + "," + f(frame.y(dchi2[i]))
        penUp = false
    }
    s += "<path class=\"profile\" clip-path=\"url(#plot-area)\" fill=\"none\" stroke=\"#000000\" stroke-width=\"2\" "
    s += "stroke-linejoin=\"round\" d=\"\(d)\"/>\n"
    func levelOf(_ c: ContourLine) -> Int? { levelIndex(of: c, in: metadata.levels) }
    if !criticalValues.isEmpty {
        s += "<g id=\"feldman-cousins\" clip-path=\"url(#plot-area)\" fill=\"none\" stroke=\"\(calibratedColor.hex)\" stroke-width=\"2\" "
        s += "stroke-linejoin=\"round\">\n"
        for c in criticalValues {
            var path = ""
            for n in c.x.indices { path += (n == 0 ? "M" : "L") + f(frame.x(c.x[n])) + "," + f(frame.y(c.y[n])) }
            s += "<path class=\"critical-value\" data-level=\"\(formatExact(c.level))\" stroke-dasharray=\"\(dash(levelOf(c) ?? 0))\" d=\"\(path)\"/>\n"
        }
        s += "</g>\n"
    }
    let failed = grid.points.indices.filter { grid.points[$0].status == .failed && dchi2[$0].isFinite }
    if !failed.isEmpty {
        s += "<path id=\"failed-points\" clip-path=\"url(#plot-area)\" stroke=\"#d62728\" stroke-width=\"1.2\" d=\""
        for i in failed { s += crossPath(cx: frame.x(xs[i]), cy: frame.y(dchi2[i]), h: 3) }
        s += "\"/>\n"
    }
    if let bx = grid.bestFit[grid.x.name] {
        s += "<path id=\"best-fit\" d=\"\(starPath(cx: frame.x(bx), cy: frame.y(0), r: 8))\" fill=\"#d62728\" stroke=\"#ffffff\" stroke-width=\"1\"/>\n"
    }
    let mirror = mirrorPoint(grid: grid, metadata: metadata)
    if let m = mirror {
        s += "<path id=\"mirror-fit\" d=\"\(starPath(cx: frame.x(m[0]), cy: frame.y(0), r: 8))\" fill=\"#ffffff\" stroke=\"#d62728\" stroke-width=\"1.5\"/>\n"
    }
    s += frame.axes(xTitle: svgAxisTitle(xl, unit: grid.x.unit ?? xl.unit, exponent: ex), yTitle: "Δχ^{2}")

    var entries: [LegendEntry] = [
        ({ x, y in "<path d=\"M\(f(x)),\(f(y + 7))h24\" stroke=\"#000000\" stroke-width=\"2\"/>\n" },
         grid.kind == .profiled ? "profile" : "slice"),
    ]
    for (k, level) in metadata.levels.enumerated() {
        entries.append(({ x, y in
            "<path d=\"M\(f(x)),\(f(y + 7))h24\" stroke=\"\(lineColor)\" stroke-width=\"1.5\" stroke-dasharray=\"\(dash(k))\"/>\n"
        }, "\(level.label) (\(formatShort(level.cl * 100))% CL)"))
    }
    for (k, level) in metadata.levels.enumerated() where criticalValues.contains(where: { levelOf($0) == k }) {
        entries.append(({ x, y in
            "<path d=\"M\(f(x)),\(f(y + 7))h24\" stroke=\"\(calibratedColor.hex)\" stroke-width=\"2\" stroke-dasharray=\"\(dash(k))\"/>\n"
        }, calibratedLegend(level)))
    }
    entries += markerLegendEntries(failedCount: failed.count)
    if mirror != nil {
        entries.append(({ x, y in
            "<path d=\"\(starPath(cx: x + 12, cy: y + 7, r: 8))\" fill=\"#ffffff\" stroke=\"#d62728\" stroke-width=\"1.5\"/>\n"
        }, "mirror (\(xl.svg) → −)"))
    }
    var notes = ["Δχ^{2} = " + metadata.levels.map { formatShort($0.deltaChi2, digits: 3) }.joined(separator: ", ")]
    notes.append(grid.kind == .profiled
        ? "profiled: " + (grid.profiledParameters.isEmpty ? "none" : grid.profiledParameters.joined(separator: ", "))
        : "slice (others fixed)")
    notes.append("χ^{2}_{min} = " + formatShort(grid.chi2Min, digits: 5))
    if !criticalValues.isEmpty { notes += [calibratedNote, "FC curve: toy critical Δχ^{2}"] }
    // Intervals in the axis's units (×10^ex), one range per line.
    let scale = pow(10, Double(ex))
    for interval in metadata.intervals {
        let label = metadata.levels.first { $0.deltaChi2 == interval.level }?.label ?? "Δχ^{2} ≤ \(formatShort(interval.level))"
        for (k, range) in intervalSegments(interval, digits: 5, scale: scale).enumerated() {
            notes.append((k == 0 ? "\(label): " : "   ∪ ") + range)
        }
    }
    s += frame.legend(entries, notes: notes)
    return s + SVGFrame.close()
}
