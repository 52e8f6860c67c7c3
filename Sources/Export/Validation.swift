import Foundation
import ProfileData

extension ProfileGrid {
    /// Throws unless the grid is well formed: ≥ 2 finite, strictly increasing values per axis,
    /// nx·ny points, one profiled value per profiled parameter, finite χ²_min, distinct names.
    /// Point χ² values may be non-finite (failed points); writers state how they encode them.
    public func validateForExport() throws {
        try Self.validate(axis: x, label: "x axis")
        if let y { try Self.validate(axis: y, label: "y axis") }
        guard points.count == nx * ny else {
            throw ExportError.invalidInput(
                quantity: "grid points", reason: "expected nx·ny = \(nx * ny), got \(points.count)")
        }
        guard chi2Min.isFinite else { throw ExportError.nonFinite(quantity: "χ²_min") }
        let names = [x.name] + (y.map { [$0.name] } ?? []) + profiledParameters
        guard Set(names).count == names.count else {
            throw ExportError.invalidInput(
                quantity: "parameter names", reason: "must be distinct, got \(names.joined(separator: ", "))")
        }
        for name in names where !isPlainIdentifier(name) {
            throw ExportError.invalidInput(
                quantity: "parameter name '\(name)'", reason: "use letters, digits, '_' and '.' only")
        }
        for (k, point) in points.enumerated() where point.profiledValues.count != profiledParameters.count {
            throw ExportError.invalidInput(
                quantity: "profiled values of point \(k)",
                reason: "expected \(profiledParameters.count), got \(point.profiledValues.count)")
        }
        for (name, value) in bestFit where !value.isFinite {
            throw ExportError.nonFinite(quantity: "best-fit value of \(name)")
        }
    }

    private static func validate(axis: GridAxis, label: String) throws {
        guard axis.values.count >= 2 else {
            throw ExportError.invalidInput(
                quantity: "\(label) '\(axis.name)'", reason: "needs at least 2 values, got \(axis.values.count)")
        }
        for (i, v) in axis.values.enumerated() {
            guard v.isFinite else { throw ExportError.nonFinite(quantity: "\(label) '\(axis.name)' value \(i)") }
            if i > 0, v <= axis.values[i - 1] {
                throw ExportError.invalidInput(
                    quantity: "\(label) '\(axis.name)'", reason: "values must increase strictly (index \(i))")
            }
        }
    }

    /// Best-fit values ordered x, y, profiled parameters, then the rest by name.
    var orderedBestFit: [(String, Double)] {
        let first = [x.name] + (y.map { [$0.name] } ?? []) + profiledParameters
        let head = first.compactMap { name in bestFit[name].map { (name, $0) } }
        let rest = bestFit.keys.filter { !first.contains($0) }.sorted().map { ($0, bestFit[$0]!) }
        return head + rest
    }
}

extension ContourLine {
    /// Throws unless x and y have equal length ≥ 2, all finite, and the level is positive.
    public func validateForExport(index: Int) throws {
        let what = "contour \(index)"
        guard x.count == y.count else {
            throw ExportError.invalidInput(quantity: what, reason: "x has \(x.count) points, y has \(y.count)")
        }
        guard x.count >= 2 else {
            throw ExportError.invalidInput(quantity: what, reason: "needs at least 2 points, got \(x.count)")
        }
        guard level.isFinite, level > 0 else {
            throw ExportError.invalidInput(quantity: "\(what) level", reason: "must be finite and > 0, got \(level)")
        }
        for k in x.indices where !(x[k].isFinite && y[k].isFinite) {
            throw ExportError.nonFinite(quantity: "\(what) point \(k)")
        }
    }

    /// The points, with the first repeated at the end when the curve is closed and does not already.
    var closedPoints: (x: [Double], y: [Double]) {
        guard closed, let fx = x.first, let fy = y.first, x.last != fx || y.last != fy else { return (x, y) }
        return (x + [fx], y + [fy])
    }
}

func isPlainIdentifier(_ s: String) -> Bool {
    !s.isEmpty && s.unicodeScalars.allSatisfy {
        ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "."
    }
}

/// Validates everything one grid export needs.
func validateExport(grid: ProfileGrid, contours: [ContourLine], metadata: ExportMetadata) throws {
    try metadata.validate()
    try grid.validateForExport()
    if grid.y == nil, contours.contains(where: { $0.method != calibratedContourMethod }) {
        throw ExportError.invalidInput(quantity: "contours", reason: "given for a 1-D grid")
    }
    for (k, c) in contours.enumerated() { try c.validateForExport(index: k) }
}
