import Minimizer

extension ProfileLikelihood {
    /// The minimizer's profiled contour curve (MnContours-style) as a ``ContourLine`` with
    /// method "curve", for comparison with the grid contours. `cl` as `Minuit.mncontour`
    /// (probability < 1, or number of σ ≥ 1).
    public func contourCurve(cl: Double, size: Int = 100) throws -> ContourLine {
        try contourCurve { m in try m.mncontour(scanned[0], scanned[1], cl: cl, size: size) }
    }

    /// The same at a Δχ² `level` (for levels whose CL rounds to 1, beyond about 8σ).
    public func contourCurve(level: Double, size: Int = 100) throws -> ContourLine {
        try contourCurve { m in try m.mncontour(scanned[0], scanned[1], level: level, size: size) }
    }

    private func contourCurve(_ trace: (Minuit) throws -> ContourCurve) throws -> ContourLine {
        guard scanned.count == 2 else { throw StatisticsError.invalidGrid("a contour curve needs two scanned parameters") }
        var m = base
        for name in scanned {
            do { try m.release(name) } catch { throw StatisticsError.minimizer(String(describing: error)) }
        }
        m.migrad()
        m.hesse()
        let curve: ContourCurve
        do { curve = try trace(m) } catch {
            throw StatisticsError.minimizer(String(describing: error))
        }
        let closed = curve.x.count > 1 && curve.x.first == curve.x.last && curve.y.first == curve.y.last
        return ContourLine(level: curve.level, cl: curve.cl, x: curve.x, y: curve.y, closed: closed, method: "curve")
    }
}
