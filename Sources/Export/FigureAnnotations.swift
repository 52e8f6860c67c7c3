import Foundation
import ProfileData

/// The sign-degenerate partner of the best fit in the grid's plane (the axes named in
/// ``ExportMetadata/mirroredParameters`` negated; `[x]` or `[x, y]`), when it differs from the best fit,
/// lies on the grid and is a solution there: Δχ² interpolated at it exceeds the value interpolated at the
/// best fit by less than the first level.
func mirrorPoint(grid: ProfileGrid, metadata: ExportMetadata) -> [Double]? {
    let axes = [grid.x] + (grid.y.map { [$0] } ?? [])
    guard axes.contains(where: { metadata.mirroredParameters.contains($0.name) }) else { return nil }
    var point: [Double] = []
    for a in axes {
        guard let b = grid.bestFit[a.name] else { return nil }
        let m = metadata.mirroredParameters.contains(a.name) ? -b : b
        guard m >= a.values[0], m <= a.values[a.values.count - 1] else { return nil }
        point.append(m)
    }
    let best = axes.map { grid.bestFit[$0.name]! }
    // Interpolation on a coarse grid misses a narrow minimum by as much at the best fit as at its mirror:
    // the mirror counts when it is within the first level of what the grid shows at the best fit.
    let atBest = best.indices.allSatisfy({ best[$0] >= axes[$0].values[0] && best[$0] <= axes[$0].values.last! })
        ? interpolatedDeltaChi2(grid, at: best) ?? 0 : 0
    guard point != best, let d = interpolatedDeltaChi2(grid, at: point), d < max(atBest, 0) + (metadata.levels.first?.deltaChi2 ?? 1)
    else { return nil }
    return point
}

/// Δχ² interpolated (linearly, bilinearly in 2-D) at `p`; nil where a neighbouring point is not finite.
func interpolatedDeltaChi2(_ grid: ProfileGrid, at p: [Double]) -> Double? {
    func cell(_ v: [Double], _ t: Double) -> (Int, Double) {
        var i = 0
        while i < v.count - 2, v[i + 1] <= t { i += 1 }
        return (i, (t - v[i]) / (v[i + 1] - v[i]))
    }
    let d = grid.deltaChi2
    let (i, u) = cell(grid.x.values, p[0])
    let (j, w) = grid.y.map { cell($0.values, p[1]) } ?? (0, 0)
    let nx = grid.nx
    let corners = grid.y == nil ? [d[i], d[i + 1]] : [d[j * nx + i], d[j * nx + i + 1], d[(j + 1) * nx + i], d[(j + 1) * nx + i + 1]]
    guard corners.allSatisfy(\.isFinite) else { return nil }
    if grid.y == nil { return (1 - u) * corners[0] + u * corners[1] }
    return (1 - w) * ((1 - u) * corners[0] + u * corners[1]) + w * ((1 - u) * corners[2] + u * corners[3])
}

/// The figure caption: the fit, what was scanned, every convention and device of the fit (each
/// `key: value`), and the provenance; sentences, to be wrapped by the renderer.
func figureCaption(grid: ProfileGrid, metadata: ExportMetadata) -> [String] {
    var out: [String] = []
    out.append("Fit \(metadata.fitName)" + (metadata.description.isEmpty ? "." : ": \(metadata.description)."))
    var scan = "\(grid.kind == .profiled ? "Profiled" : "Sliced") Δχ² = χ² − χ²min (χ²min = \(formatShort(grid.chi2Min, digits: 6)))"
    scan += grid.y == nil ? " on \(grid.nx) points" : " on a \(grid.nx) × \(grid.ny) grid"
    scan += grid.kind == .profiled
        ? "; profiled: " + (grid.profiledParameters.isEmpty ? "none" : grid.profiledParameters.joined(separator: ", ")) + "."
        : "; other parameters fixed at the best fit."
    out.append(scan)
    let short = metadata.conventions.filter { $0.value.count <= 40 }.map { "\($0.key): \($0.value)" }
    if !short.isEmpty { out.append("Conventions: " + short.joined(separator: "; ") + ".") }
    for c in metadata.conventions where c.value.count > 40 {
        out.append("\(c.key): \(c.value)" + (c.value.hasSuffix(".") ? "" : "."))
    }
    for b in metadata.bands { out.append(b.description + (b.description.hasSuffix(".") ? "" : ".")) }
    out.append("x17fit \(metadata.generatorVersion), git \(metadata.gitHash).")
    return out.map(oneLine)
}

/// Greedy word wrap of `text` into lines of at most `width` characters (a longer word stands alone).
func wrapText(_ text: String, width: Int) -> [String] {
    var lines: [String] = [], line = ""
    for word in text.split(separator: " ") {
        if line.isEmpty { line = String(word) } else if line.count + 1 + word.count <= width { line += " " + word } else {
            lines.append(line)
            line = String(word)
        }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
}

/// The legend text of the minimizer's contour curves.
let curveMethodLegend = "minimizer curve"
/// Stroke colour of the minimizer's contour curves (orange, distinct from the black grid contours).
let curveMethodColor = RGB(r: 230, g: 85, b: 13)

/// The `method` of a toy-calibrated (Neyman construction, Feldman–Cousins ordering) region's boundary: the line
/// where the observed profiled Δχ² equals its toy quantile, interpolated on the grid.
/// On a 1-D grid a line of this method is instead the toy critical value of Δχ² along the scan (y = the
/// critical Δχ²): the calibrated interval is where the profile lies below it.
public let calibratedContourMethod = "feldman-cousins"
/// The legend text of the toy-calibrated boundaries (one entry per level); ``calibratedNote`` spells out "FC".
func calibratedLegend(_ level: ConfidenceLevel) -> String { "\(level.label) FC (toys)" }
let calibratedNote = "FC = Feldman–Cousins"
/// Stroke colour of the toy-calibrated boundaries (magenta, distinct from the blue bands, the black Wilks
/// contours, the orange minimizer curves and the red best fit).
let calibratedColor = RGB(r: 197, g: 27, b: 125)

/// The `method` prefix of an external constraint's allowed-band boundary (`band:<id>`): drawn over the regions, never
/// bounding them, without level labels.
public let bandMethodPrefix = "band:"
func isBand(_ c: ContourLine) -> Bool { c.method.hasPrefix(bandMethodPrefix) }
/// Stroke colour of constraint bands (green, distinct from the blue regions, black contours, orange curves, magenta FC).
let bandColor = RGB(r: 35, g: 139, b: 69)
/// Dash-dot pattern of constraint bands.
let bandDash = "9,3,2,3"
/// The legend text of a band line's method (the method itself when the metadata does not describe it).
func bandLegend(_ method: String, _ metadata: ExportMetadata) -> String {
    metadata.bands.first { $0.method == method }?.legend ?? method
}
