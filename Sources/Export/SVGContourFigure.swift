import Foundation
import Statistics

/// The SVG figure of a grid: a contour plot for a 2-D grid, a Δχ² profile plot for a 1-D grid.
public func svgFigure(grid: ProfileGrid, contours: [ContourLine], metadata: ExportMetadata) throws -> String {
    grid.y == nil ? try profileFigureSVG(grid: grid, metadata: metadata)
        : try contourFigureSVG(grid: grid, contours: contours, metadata: metadata)
}

/// A 2-D confidence-region figure: each grid cell filled with the colour of the Δχ² band its
/// point falls in (one `<rect>` per run of equal cells in a row, clipped to the plot area; grey
/// where χ² is not finite), one `<path class="contour">` per contour line on top (dash pattern per
/// level), failed points as red ×, the best fit as a star (`id="best-fit"`), physics-style axes
/// and a legend with the CL labels.
public func contourFigureSVG(grid: ProfileGrid, contours: [ContourLine], metadata: ExportMetadata) throws -> String {
    try validateExport(grid: grid, contours: contours, metadata: metadata)
    guard let yAxis = grid.y else {
        throw ExportError.invalidInput(quantity: "grid", reason: "a contour figure needs a 2-D grid")
    }
    let f = { (v: Double) in formatFixed(v, 2) }
    let xl = metadata.label(for: grid.x.name), yl = metadata.label(for: yAxis.name)
    let xs = grid.x.values, ys = yAxis.values
    let xLog = grid.x.spacing == .log && xs[0] > 0, yLog = yAxis.spacing == .log && ys[0] > 0
    let ex = xLog ? 0 : displayExponent(xs, label: xl), ey = yLog ? 0 : displayExponent(ys, label: yl)
    let frame = SVGFrame(xLo: xs[0], xHi: xs[xs.count - 1], xLog: xLog, xExponent: ex,
                         yLo: ys[0], yHi: ys[ys.count - 1], yLog: yLog, yExponent: ey)
    let title = metadata.title ?? metadata.fitName
    let what = "\(grid.kind == .profiled ? "Profiled" : "Sliced") Δχ² of \(metadata.fitName) in (\(grid.x.name), \(yAxis.name))"
    var s = frame.open(title: title, description: what + "; x17fit \(metadata.generatorVersion) (git \(metadata.gitHash))")

    // Cell edges in pixels: half-way between neighbouring grid points, the outermost points on the frame.
    func edges(_ px: [Double]) -> [Double] {
        var e: [Double] = [px[0]]
        for k in 1..<px.count { e.append((px[k - 1] + px[k]) / 2) }
        e.append(px[px.count - 1])
        return e
    }
    let xe = edges(xs.map { frame.x($0) }), ye = edges(ys.map { frame.y($0) })
    let colors = bandColors(metadata.levels.count)
    let dchi2 = grid.deltaChi2
    var nonFinite = 0
    s += "<g id=\"regions\" clip-path=\"url(#plot-area)\" shape-rendering=\"crispEdges\">\n"
    for j in 0..<grid.ny {
        var i = 0
        while i < grid.nx {
            let b = band(dchi2[j * grid.nx + i], levels: metadata.levels)
            var end = i + 1
            while end < grid.nx, band(dchi2[j * grid.nx + end], levels: metadata.levels) == b { end += 1 }
            if b == nil { nonFinite += end - i }
            if b != metadata.levels.count {
                let fill = b.map { colors[$0].hex } ?? "#bdbdbd"
                let top = min(ye[j], ye[j + 1]), h = abs(ye[j + 1] - ye[j])
                s += "<rect x=\"\(f(xe[i]))\" y=\"\(f(top))\" width=\"\(f(xe[end] - xe[i]))\" height=\"\(f(h))\" fill=\"\(fill)\"/>\n"
            }
            i = end
        }
    }
    s += "</g>\n"

    s += "<g id=\"contours\" clip-path=\"url(#plot-area)\" fill=\"none\" stroke=\"#000000\" stroke-width=\"1.5\" stroke-linejoin=\"round\">\n"
    let distinct = Array(Set(contours.map(\.level))).sorted()
    for c in contours {
        let k = metadata.levels.firstIndex { abs($0.deltaChi2 - c.level) <= 1e-9 * c.level } ?? distinct.firstIndex(of: c.level)!
        let pts = c.closedPoints
        var d = ""
        for n in pts.x.indices { d += (n == 0 ? "M" : "L") + f(frame.x(pts.x[n])) + "," + f(frame.y(pts.y[n])) }
        if c.closed { d += "Z" }
        let dash = dashPattern(k).map { " stroke-dasharray=\"\($0)\"" } ?? ""
        s += "<path class=\"contour\" data-level=\"\(formatExact(c.level))\" data-method=\"\(xmlEscape(c.method))\"\(dash) d=\"\(d)\"/>\n"
    }
    s += "</g>\n"

    let failed = grid.points.indices.filter { grid.points[$0].status == .failed }
    if !failed.isEmpty {
        s += "<g id=\"failed-points\" stroke=\"#d62728\" stroke-width=\"1.2\" fill=\"none\">\n<path d=\""
        for k in failed { s += crossPath(cx: frame.x(xs[k % grid.nx]), cy: frame.y(ys[k / grid.nx]), h: 3) }
        s += "\"/>\n</g>\n"
    }
    if let bx = grid.bestFit[grid.x.name], let by = grid.bestFit[yAxis.name] {
        s += "<path id=\"best-fit\" d=\"\(starPath(cx: frame.x(bx), cy: frame.y(by), r: 8))\" fill=\"#d62728\" stroke=\"#ffffff\" stroke-width=\"1\"/>\n"
    }
    s += frame.axes(xTitle: svgAxisTitle(xl, unit: grid.x.unit ?? xl.unit, exponent: ex),
                    yTitle: svgAxisTitle(yl, unit: yAxis.unit ?? yl.unit, exponent: ey))

    var entries: [LegendEntry] = []
    for (k, level) in metadata.levels.enumerated() {
        let dash = dashPattern(k).map { " stroke-dasharray=\"\($0)\"" } ?? ""
        entries.append(({ x, y in
            "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"24\" height=\"14\" fill=\"\(colors[k].hex)\" stroke=\"#000000\" stroke-width=\"1.5\"\(dash)/>\n"
        }, "\(level.label) (\(formatShort(level.cl * 100))% CL)"))
    }
    entries += markerLegendEntries(failedCount: failed.count)
    if nonFinite > 0 {
        entries.append(({ x, y in "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"24\" height=\"14\" fill=\"#bdbdbd\"/>\n" },
                        "no χ^{2} (\(nonFinite))"))
    }
    var notes = ["Δχ^{2} = " + metadata.levels.map { formatShort($0.deltaChi2, digits: 3) }.joined(separator: ", ")]
    notes.append(grid.kind == .profiled
        ? "profiled: " + (grid.profiledParameters.isEmpty ? "none" : grid.profiledParameters.joined(separator: ", "))
        : "slice (others fixed)")
    notes.append("χ^{2}_{min} = " + formatShort(grid.chi2Min, digits: 5))
    notes.append("\(grid.nx) × \(grid.ny) grid")
    s += frame.legend(entries, notes: notes)
    return s + SVGFrame.close()
}
