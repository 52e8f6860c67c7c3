import Foundation
import ProfileData

/// The SVG figure of a grid: a contour plot for a 2-D grid, a Δχ² profile plot for a 1-D grid.
public func svgFigure(grid: ProfileGrid, contours: [ContourLine], metadata: ExportMetadata) throws -> String {
    grid.y == nil ? try profileFigureSVG(grid: grid, metadata: metadata, criticalValues: contours)
        : try contourFigureSVG(grid: grid, contours: contours, metadata: metadata)
}

/// A 2-D confidence-region figure: each level's region Δχ² < level filled as one even-odd path of the
/// closed contour polygons (`<path class="region">`, outermost level first; open curves closed along
/// the plot boundary, islands and holes included; grey cells where χ² is not finite), the grid-method
/// contour lines on top (`<path class="contour">`, dash pattern per level) with their level's label on
/// each curve, the minimizer's contour curves (`method` "curve") in orange, the toy-calibrated boundaries
/// (``calibratedContourMethod``, `id="feldman-cousins"`) in purple with the level's dash, failed points as red ×,
/// the best fit as a star (`id="best-fit"`) and its sign-degenerate mirror as an open star
/// (`id="mirror-fit"`), physics-style axes, a legend and a caption stating every convention.
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
    var frame = SVGFrame(xLo: xs[0], xHi: xs[xs.count - 1], xLog: xLog, xExponent: ex,
                         yLo: ys[0], yHi: ys[ys.count - 1], yLog: yLog, yExponent: ey)
    frame.setCaption(figureCaption(grid: grid, metadata: metadata))
    let title = metadata.title ?? metadata.fitName
    let what = "\(grid.kind == .profiled ? "Profiled" : "Sliced") Δχ² of \(metadata.fitName) in (\(grid.x.name), \(yAxis.name))"
    var s = frame.open(title: title, description: what + "; x17fit \(metadata.generatorVersion) (git \(metadata.gitHash))")
    let colors = bandColors(metadata.levels.count)

    // Regions: one even-odd path per level, outermost first, so inner levels paint over outer ones.
    let rings = regionRings(grid: grid, contours: contours, levels: metadata.levels)
    s += "<g id=\"regions\" clip-path=\"url(#plot-area)\" stroke=\"none\">\n"
    for k in metadata.levels.indices.reversed() where !rings[k].isEmpty {
        var d = ""
        for r in rings[k] {
            for n in r.x.indices { d += (n == 0 ? "M" : "L") + f(frame.x(r.x[n])) + "," + f(frame.y(r.y[n])) }
            d += "Z"
        }
        s += "<path class=\"region\" data-level=\"\(formatExact(metadata.levels[k].deltaChi2))\" fill=\"\(colors[k].hex)\" "
        s += "fill-rule=\"evenodd\" d=\"\(d)\"/>\n"
    }
    s += "</g>\n"

    // Grey cells (half-way to the neighbours) where χ² is not finite.
    func edges(_ px: [Double]) -> [Double] {
        var e: [Double] = [px[0]]
        for k in 1..<px.count { e.append((px[k - 1] + px[k]) / 2) }
        e.append(px[px.count - 1])
        return e
    }
    let xe = edges(xs.map { frame.x($0) }), ye = edges(ys.map { frame.y($0) })
    let dchi2 = grid.deltaChi2
    let nonFinite = dchi2.filter { !$0.isFinite }.count
    if nonFinite > 0 {
        s += "<g id=\"no-chi2\" clip-path=\"url(#plot-area)\" fill=\"#bdbdbd\" shape-rendering=\"crispEdges\">\n"
        for j in 0..<grid.ny {
            var i = 0
            while i < grid.nx {
                if !dchi2[j * grid.nx + i].isFinite {
                    var end = i + 1
                    while end < grid.nx, !dchi2[j * grid.nx + end].isFinite { end += 1 }
                    let top = min(ye[j], ye[j + 1]), h = abs(ye[j + 1] - ye[j])
                    s += "<rect x=\"\(f(xe[i]))\" y=\"\(f(top))\" width=\"\(f(xe[end] - xe[i]))\" height=\"\(f(h))\"/>\n"
                    i = end
                    continue
                }
                i += 1
            }
        }
        s += "</g>\n"
    }

    func levelOf(_ c: ContourLine) -> Int {
        levelIndex(of: c, in: metadata.levels) ?? Array(Set(contours.map(\.level))).sorted().firstIndex(of: c.level)!
    }
    func pathData(_ c: ContourLine) -> String {
        let pts = c.closedPoints
        var d = ""
        for n in pts.x.indices { d += (n == 0 ? "M" : "L") + f(frame.x(pts.x[n])) + "," + f(frame.y(pts.y[n])) }
        return d + (c.closed ? "Z" : "")
    }
    s += "<g id=\"contours\" clip-path=\"url(#plot-area)\" fill=\"none\" stroke=\"#000000\" stroke-width=\"1.6\" stroke-linejoin=\"round\">\n"
    for c in contours where c.method != "curve" && c.method != calibratedContourMethod && !isBand(c) {
        let dash = dashPattern(levelOf(c)).map { " stroke-dasharray=\"\($0)\"" } ?? ""
        s += "<path class=\"contour\" data-level=\"\(formatExact(c.level))\" data-method=\"\(xmlEscape(c.method))\"\(dash) d=\"\(pathData(c))\"/>\n"
    }
    s += "</g>\n"
    let curves = contours.filter { $0.method == "curve" }
    if !curves.isEmpty {
        s += "<g id=\"curve-method\" clip-path=\"url(#plot-area)\" fill=\"none\" stroke=\"\(curveMethodColor.hex)\" stroke-width=\"2\" "
        s += "stroke-dasharray=\"4,3\" stroke-linejoin=\"round\">\n"
        for c in curves {
            s += "<path class=\"contour\" data-level=\"\(formatExact(c.level))\" data-method=\"curve\" d=\"\(pathData(c))\"/>\n"
        }
        s += "</g>\n"
    }

    let calibrated = contours.filter { $0.method == calibratedContourMethod }
    if !calibrated.isEmpty {
        s += "<g id=\"feldman-cousins\" clip-path=\"url(#plot-area)\" fill=\"none\" stroke=\"\(calibratedColor.hex)\" stroke-width=\"2.4\" "
        s += "stroke-linejoin=\"round\">\n"
        for c in calibrated {
            let dash = dashPattern(levelOf(c)).map { " stroke-dasharray=\"\($0)\"" } ?? ""
            s += "<path class=\"contour\" data-level=\"\(formatExact(c.level))\" data-method=\"\(calibratedContourMethod)\"\(dash) d=\"\(pathData(c))\"/>\n"
        }
        s += "</g>\n"
    }

    let bands = contours.filter(isBand)
    let bandMethods = bands.map(\.method).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    if !bands.isEmpty {
        s += "<g id=\"bands\" clip-path=\"url(#plot-area)\" fill=\"none\" stroke=\"\(bandColor.hex)\" stroke-width=\"2\" "
        s += "stroke-dasharray=\"\(bandDash)\" stroke-linejoin=\"round\">\n"
        for c in bands {
            s += "<path class=\"band\" data-level=\"\(formatExact(c.level))\" data-method=\"\(xmlEscape(c.method))\" d=\"\(pathData(c))\"/>\n"
        }
        s += "</g>\n"
    }

    let failed = grid.points.indices.filter { grid.points[$0].status == .failed }
    if !failed.isEmpty {
        s += "<g id=\"failed-points\" stroke=\"#d62728\" stroke-width=\"1.2\" fill=\"none\">\n<path d=\""
        for k in failed { s += crossPath(cx: frame.x(xs[k % grid.nx]), cy: frame.y(ys[k / grid.nx]), h: 3) }
        s += "\"/>\n</g>\n"
    }
    var markers: [(Double, Double)] = []
    if let bx = grid.bestFit[grid.x.name], let by = grid.bestFit[yAxis.name] { markers.append((frame.x(bx), frame.y(by))) }
    let mirror = mirrorPoint(grid: grid, metadata: metadata)
    if let m = mirror { markers.append((frame.x(m[0]), frame.y(m[1]))) }

    // Level labels on the lines, with a white halo.
    let spots = contourLabelSpots(contours: contours, levels: metadata.levels, pixel: { (frame.x($0), frame.y($1)) },
                                  plot: (SVGFrame.left, SVGFrame.top, SVGFrame.right, SVGFrame.bottom), markers: markers)
    if !spots.isEmpty {
        s += "<g id=\"contour-labels\" font-size=\"12\" text-anchor=\"middle\" fill=\"#000000\" stroke=\"#ffffff\" "
        s += "stroke-width=\"3.5\" stroke-linejoin=\"round\" paint-order=\"stroke\">\n"
        for spot in spots {
            s += "<text class=\"contour-label\" x=\"\(f(spot.px))\" y=\"\(f(spot.py + 4))\">\(xmlEscape(metadata.levels[spot.level].label))</text>\n"
        }
        s += "</g>\n"
    }
    if let bx = grid.bestFit[grid.x.name], let by = grid.bestFit[yAxis.name] {
        s += "<path id=\"best-fit\" d=\"\(starPath(cx: frame.x(bx), cy: frame.y(by), r: 8))\" fill=\"#d62728\" stroke=\"#ffffff\" stroke-width=\"1\"/>\n"
    }
    if let m = mirror {
        s += "<path id=\"mirror-fit\" d=\"\(starPath(cx: frame.x(m[0]), cy: frame.y(m[1]), r: 8))\" fill=\"#ffffff\" stroke=\"#d62728\" stroke-width=\"1.5\"/>\n"
    }
    s += frame.axes(xTitle: svgAxisTitle(xl, unit: grid.x.unit ?? xl.unit, exponent: ex),
                    yTitle: svgAxisTitle(yl, unit: yAxis.unit ?? yl.unit, exponent: ey))

    var entries: [LegendEntry] = []
    for (k, level) in metadata.levels.enumerated() {
        let dash = dashPattern(k).map { " stroke-dasharray=\"\($0)\"" } ?? ""
        entries.append(({ x, y in
            "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"24\" height=\"14\" fill=\"\(colors[k].hex)\" stroke=\"#000000\" stroke-width=\"1.6\"\(dash)/>\n"
        }, "\(level.label) (\(formatShort(level.cl * 100))% CL)"))
    }
    if !curves.isEmpty {
        entries.append(({ x, y in
            "<path d=\"M\(f(x)),\(f(y + 7))h24\" stroke=\"\(curveMethodColor.hex)\" stroke-width=\"2\" stroke-dasharray=\"4,3\"/>\n"
        }, curveMethodLegend))
    }
    for (k, level) in metadata.levels.enumerated() where calibrated.contains(where: { levelOf($0) == k }) {
        let dash = dashPattern(k).map { " stroke-dasharray=\"\($0)\"" } ?? ""
        entries.append(({ x, y in
            "<path d=\"M\(f(x)),\(f(y + 7))h24\" stroke=\"\(calibratedColor.hex)\" stroke-width=\"2.4\"\(dash)/>\n"
        }, calibratedLegend(level)))
    }
    for method in bandMethods {
        let lines = wrapText(bandLegend(method, metadata), width: 18)
        entries.append(({ x, y in
            "<path d=\"M\(f(x)),\(f(y + 7))h24\" stroke=\"\(bandColor.hex)\" stroke-width=\"2\" stroke-dasharray=\"\(bandDash)\"/>\n"
        }, lines.first ?? method))
        for line in lines.dropFirst() { entries.append(({ _, _ in "" }, line)) }
    }
    entries += markerLegendEntries(failedCount: failed.count)
    if mirror != nil {
        let names = metadata.mirroredParameters.filter { [grid.x.name, yAxis.name].contains($0) }
        entries.append(({ x, y in
            "<path d=\"\(starPath(cx: x + 12, cy: y + 7, r: 8))\" fill=\"#ffffff\" stroke=\"#d62728\" stroke-width=\"1.5\"/>\n"
        }, "mirror (" + names.map { metadata.label(for: $0).svg }.joined(separator: ", ") + " → −)"))
    }
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
    if !calibrated.isEmpty { notes.append(calibratedNote) }
    s += frame.legend(entries, notes: notes)
    return s + SVGFrame.close()
}
