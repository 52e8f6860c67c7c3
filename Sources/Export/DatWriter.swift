import Foundation
import ProfileData

/// Whitespace-separated grid for gnuplot and pgfplots.
///
/// 2-D: columns `x y delta_chi2 band`, one scan line (constant y) after another, each followed by
/// one blank line, as gnuplot's `splot`/contouring and pgfplots' `surf`/`matrix plot` expect.
/// `band` is 1 inside the first level, 2 between the first and second, …, levels+1 outside all
/// (for banded colour maps). 1-D: columns `x delta_chi2`, no blank lines.
/// Non-finite Δχ² is written as `nan` (gnuplot treats it as undefined, pgfplots as unbounded).
public func gridDat(grid: ProfileGrid, metadata: ExportMetadata) throws -> String {
    try validateExport(grid: grid, contours: [], metadata: metadata)
    let columns = grid.y == nil ? "x delta_chi2" : "x y delta_chi2 band"
    var out = commentHeader(
        ["x17fit profile grid for gnuplot / pgfplots",
         "columns: \(columns)" + (grid.y == nil ? "" : "; one blank line after each scan line (constant y)"),
         "band: 1 = inside the first level ... \(metadata.levels.count + 1) = outside all levels"],
        grid: grid, metadata: metadata)
    let dchi2 = grid.deltaChi2
    // Axis values are formatted once, not once per line.
    let xs = grid.x.values.map { formatExact($0) + " " }, ys = grid.y?.values.map { formatExact($0) + " " }
    for j in 0..<grid.ny {
        for i in 0..<grid.nx {
            let d = dchi2[j * grid.nx + i]
            out += xs[i]
            if let ys {
                out += ys[j]
                out += formatExact(d)
                out += " "
                out += band(d, levels: metadata.levels).map { String($0 + 1) } ?? "nan"
                out += "\n"
            } else {
                out += formatExact(d)
                out += "\n"
            }
        }
        if grid.y != nil { out += "\n" }
    }
    return out
}

/// Contour segments as `x y level segment_id` lines, one blank line after each segment (the
/// layout of pgfplots' `contour prepared` and of gnuplot's `set table` contours).
public func contourDat(contours: [ContourLine], grid: ProfileGrid, metadata: ExportMetadata) throws -> String {
    try validateExport(grid: grid, contours: contours, metadata: metadata)
    var lines = ["x17fit contour lines for gnuplot / pgfplots",
                 "columns: x y level segment_id; one blank line after each segment; closed curves repeat their first point"]
    let bandMethods = contours.filter(isBand).map(\.method).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    for method in ["curve", calibratedContourMethod] + bandMethods {
        let ids = contours.indices.filter { contours[$0].method == method }
        if !ids.isEmpty { lines.append("segments of method \(method): " + ids.map(String.init).joined(separator: " ")) }
    }
    var out = commentHeader(lines, grid: grid, metadata: metadata)
    for (k, c) in contours.enumerated() {
        let pts = c.closedPoints
        for n in pts.x.indices {
            out += "\(formatExact(pts.x[n])) \(formatExact(pts.y[n])) \(formatExact(c.level)) \(k)\n"
        }
        out += "\n"
    }
    return out
}
