import Foundation
import ProfileData

/// Tidy CSV of a grid: `#` provenance lines, a header row, then one row per point in storage
/// (y-major) order: x, [y,] chi2, delta_chi2, status, one column per profiled parameter, nfcn.
/// Non-finite χ² and profiled values are written as empty fields (pandas and numpy read NaN);
/// the status column says why.
public func gridCSV(grid: ProfileGrid, metadata: ExportMetadata) throws -> String {
    try validateExport(grid: grid, contours: [], metadata: metadata)
    var out = commentHeader(["x17fit profile grid: tidy CSV, one row per grid point",
                             "non-finite chi2 or profiled values are empty fields; see status"],
                            grid: grid, metadata: metadata)
    var columns = [grid.x.name]
    if let y = grid.y { columns.append(y.name) }
    columns += ["chi2", "delta_chi2", "status"] + grid.profiledParameters + ["nfcn"]
    out += columns.joined(separator: ",") + "\n"
    // Axis values are formatted once, not once per row.
    let xs = grid.x.values.map(formatExact), ys = grid.y?.values.map { formatExact($0) + "," }
    for j in 0..<grid.ny {
        for i in 0..<grid.nx {
            let p = grid.point(i, j)
            out += xs[i]
            out += ","
            if let ys { out += ys[j] }
            out += csvNumber(p.chi2)
            out += ","
            out += csvNumber(p.chi2 - grid.chi2Min)
            out += ","
            out += p.status.rawValue
            for v in p.profiledValues {
                out += ","
                out += csvNumber(v)
            }
            out += ","
            out += String(p.nfcn)
            out += "\n"
        }
    }
    return out
}

/// Contour polylines as CSV: x, y, level, cl, segment_id, method (columns x and y are named after
/// the grid's parameters; for a 1-D grid y is `critical_delta_chi2`, the toy critical values). `segment_id` is the index of the curve in `contours`; closed curves
/// repeat their first point. An empty `cl` means unknown.
public func contourCSV(contours: [ContourLine], grid: ProfileGrid, metadata: ExportMetadata) throws -> String {
    try validateExport(grid: grid, contours: contours, metadata: metadata)
    var out = commentHeader([grid.y == nil
                                 ? "x17fit toy critical values of delta_chi2 (Feldman-Cousins) along the scan; segment_id numbers the curves"
                                 : "x17fit contour lines: one row per vertex; segment_id numbers the curves"],
                            grid: grid, metadata: metadata)
    out += [grid.x.name, grid.y?.name ?? "critical_delta_chi2", "level", "cl", "segment_id", "method"].joined(separator: ",") + "\n"
    for (k, c) in contours.enumerated() {
        let pts = c.closedPoints
        let cl = c.cl.map(formatExact) ?? ""
        for n in pts.x.indices {
            out += [formatExact(pts.x[n]), formatExact(pts.y[n]), formatExact(c.level), cl, String(k),
                    csvField(c.method)].joined(separator: ",") + "\n"
        }
    }
    return out
}

private func csvNumber(_ v: Double) -> String { v.isFinite ? formatExact(v) : "" }

/// Quotes a field when it holds a comma, quote or line break (RFC 4180).
func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
