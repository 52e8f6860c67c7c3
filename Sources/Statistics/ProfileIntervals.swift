extension ProfileGrid {
    /// Crossings of a 1-D grid's Δχ² with `level`, interpolated linearly or refined by `refine`
    /// (profiled Δχ² at an arbitrary x given a nearby grid point's profiled values).
    public func interval(level: Double = 1, tolerance: Double = 1e-9,
                         refine: ((_ x: Double, _ start: [Double]) -> Double)? = nil) throws -> ProfileInterval {
        guard y == nil else { throw StatisticsError.invalidGrid("profile intervals need a 1-D grid") }
        guard level.isFinite, level > 0 else {
            throw StatisticsError.invalidGrid("level Δχ² = \(level) must be finite and > 0")
        }
        if let k = points.firstIndex(where: { $0.status == .notComputed }) {
            throw StatisticsError.invalidGrid("point \(k) was not computed: merge all shards first")
        }
        guard let best = bestFit[x.name] else { throw StatisticsError.invalidGrid("no best fit for \(x.name)") }
        let d = deltaChi2, xs = x.values
        var crossings: [Double] = []
        for i in 0..<(nx - 1) {
            let (fa, fb) = (d[i] - level, d[i + 1] - level)
            guard (fa < 0) != (fb < 0) else { continue }
            let (xa, xb) = (xs[i], xs[i + 1])
            var t = fa / (fa - fb)
            if let refine {
                let start = points[fa < 0 ? i : i + 1].profiledValues
                t = brentRoot(0, 1, fa: fa, fb: fb, tolerance: tolerance) { t in
                    refine(xa + t * (xb - xa), start) - level
                }
            }
            crossings.append(xa + t * (xb - xa))
        }
        var segments: [ProfileInterval.Segment] = []
        var open: Double?? = d.first.map { $0 < level } == true ? .some(nil) : nil
        for c in crossings {
            if let start = open {
                segments.append(.init(lower: start, upper: c))
                open = nil
            } else {
                open = .some(c)
            }
        }
        if let start = open { segments.append(.init(lower: start, upper: nil)) }
        return ProfileInterval(parameter: x.name, level: level, bestFit: best, crossings: crossings,
                               lower: crossings.last { $0 <= best }, upper: crossings.first { $0 >= best }, segments: segments)
    }
}

extension ProfileLikelihood {
    /// The refined Δχ² = `level` interval of a 1-D grid computed by this profile.
    public func interval(of grid: ProfileGrid, level: Double = 1, tolerance: Double = 1e-9) throws -> ProfileInterval {
        guard scanned.count == 1, grid.x.name == scanned[0] else {
            throw StatisticsError.invalidGrid("the grid's axis does not match the scanned parameter (\(scanned.joined(separator: ", ")))")
        }
        let chain = makeChain()
        return try grid.interval(level: level, tolerance: tolerance) { x, start in
            self.chi2(at: [x], startingAt: start, chain: chain) - self.chi2Min
        }
    }
}
