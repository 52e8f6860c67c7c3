/// Contour extraction from a 2-D grid: marching squares on Δχ² with saddle disambiguation,
/// closed curves and islands, and (optionally) every crossing refined by Brent's method on the
/// profiled Δχ² along its cell edge, so the points are as precise as the level, not the grid.
extension ProfileGrid {
    /// Contour lines at `levels` (Δχ²); `refine` profiles Δχ² at an arbitrary (x, y) given the
    /// profiled values of a nearby grid point as a start, or is nil to interpolate linearly.
    /// `tolerance` is the refinement's precision as a fraction of the cell edge.
    public func contours(levels: [Double], cl: [Double?]? = nil, tolerance: Double = 1e-7,
                         refine: ((_ x: Double, _ y: Double, _ start: [Double]) -> Double)? = nil) throws -> [ContourLine] {
        guard let yAxis = y else { throw ProfileDataError.invalidGrid("contours need a 2-D grid") }
        guard !levels.isEmpty else { throw ProfileDataError.invalidGrid("no contour levels given") }
        for l in levels where !(l.isFinite && l > 0) {
            throw ProfileDataError.invalidGrid("contour level Δχ² = \(l) must be finite and > 0")
        }
        if let cl, cl.count != levels.count {
            throw ProfileDataError.invalidGrid("\(cl.count) confidence levels for \(levels.count) contour levels")
        }
        if let k = points.firstIndex(where: { $0.status == .notComputed }) {
            throw ProfileDataError.invalidGrid("point (\(k % nx), \(k / nx)) was not computed: merge all shards first")
        }
        let d = deltaChi2
        var lines: [ContourLine] = []
        for (li, level) in levels.enumerated() {
            let tracer = ContourTracer(grid: self, xs: x.values, ys: yAxis.values, delta: d, level: level,
                                       tolerance: tolerance, refine: refine)
            for poly in tracer.polylines() {
                lines.append(ContourLine(level: level, cl: cl?[li], x: poly.x, y: poly.y, closed: poly.closed,
                                         method: "grid"))
            }
        }
        return lines
    }
}

/// Marching squares for one level on a complete grid.
struct ContourTracer {
    let nx: Int, ny: Int
    let xs: [Double], ys: [Double]
    let delta: [Double]
    let level: Double
    let tolerance: Double
    let starts: [[Double]]
    let refine: ((Double, Double, [Double]) -> Double)?

    init(grid: ProfileGrid, xs: [Double], ys: [Double], delta: [Double], level: Double, tolerance: Double,
         refine: ((Double, Double, [Double]) -> Double)?) {
        nx = xs.count; ny = ys.count
        self.xs = xs; self.ys = ys
        self.delta = delta
        self.level = level
        self.tolerance = tolerance
        self.starts = grid.points.map(\.profiledValues)
        self.refine = refine
    }

    func inside(_ i: Int, _ j: Int) -> Bool { delta[j * nx + i] < level }

    /// Edge ids: horizontal (i,j)–(i+1,j) → 2(j·nx+i); vertical (i,j)–(i,j+1) → 2(j·nx+i)+1.
    func horizontal(_ i: Int, _ j: Int) -> Int { 2 * (j * nx + i) }
    func vertical(_ i: Int, _ j: Int) -> Int { 2 * (j * nx + i) + 1 }

    /// The crossing on an edge, refined when a profiler is available.
    func crossing(_ edge: Int) -> (Double, Double) {
        let k = edge / 2
        let (i, j) = (k % nx, k / nx)
        let (i2, j2) = edge % 2 == 0 ? (i + 1, j) : (i, j + 1)
        let (a, b) = (j * nx + i, j2 * nx + i2)
        let (fa, fb) = (delta[a] - level, delta[b] - level)
        let (xa, ya, xb, yb) = (xs[i], ys[j], xs[i2], ys[j2])
        var t = fa / (fa - fb)
        if let refine {
            let start = starts[fa < 0 ? a : b]
            t = brentRoot(0, 1, fa: fa, fb: fb, tolerance: tolerance) { t in
                refine(xa + t * (xb - xa), ya + t * (yb - ya), start) - level
            }
        }
        return (xa + t * (xb - xa), ya + t * (yb - ya))
    }

    /// Segments (pairs of edge ids) of every cell, in cell order.
    func segments() -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        for j in 0..<(ny - 1) {
            for i in 0..<(nx - 1) {
                let c = [inside(i, j), inside(i + 1, j), inside(i + 1, j + 1), inside(i, j + 1)]
                // Edges: bottom, right, top, left; edge k joins corners k and k+1 (mod 4).
                let e = [horizontal(i, j), vertical(i + 1, j), horizontal(i, j + 1), vertical(i, j)]
                let crossed = (0..<4).filter { c[$0] != c[($0 + 1) % 4] }
                if crossed.count == 2 {
                    out.append((e[crossed[0]], e[crossed[1]]))
                } else if crossed.count == 4 {
                    // Saddle: decide with the centre (profiled if possible, else the corner mean).
                    let centreInside = centreValue(i, j) < level
                    // Cut off corner k with edges k−1 and k: cut the outside corners when the
                    // centre is inside, the inside corners otherwise.
                    for k in 0..<4 where c[k] != centreInside {
                        out.append((e[(k + 3) % 4], e[k]))
                    }
                }
            }
        }
        return out
    }

    func centreValue(_ i: Int, _ j: Int) -> Double {
        let corners = [j * nx + i, j * nx + i + 1, (j + 1) * nx + i + 1, (j + 1) * nx + i]
        if let refine {
            let best = corners.min { delta[$0] < delta[$1] }!
            return refine(0.5 * (xs[i] + xs[i + 1]), 0.5 * (ys[j] + ys[j + 1]), starts[best])
        }
        return corners.map { delta[$0] }.reduce(0, +) / 4
    }

    /// Chains the segments into polylines: open ones from border edges first, then closed loops.
    func polylines() -> [(x: [Double], y: [Double], closed: Bool)] {
        let segs = segments()
        var byEdge: [Int: [Int]] = [:]
        for (s, (a, b)) in segs.enumerated() {
            byEdge[a, default: []].append(s)
            byEdge[b, default: []].append(s)
        }
        var cache: [Int: (Double, Double)] = [:]
        func point(_ e: Int) -> (Double, Double) {
            if let p = cache[e] { return p }
            let p = crossing(e)
            cache[e] = p
            return p
        }
        var used = [Bool](repeating: false, count: segs.count)
        var out: [(x: [Double], y: [Double], closed: Bool)] = []
        func trace(from edge: Int) -> [Int] {
            var chain = [edge]
            var current = edge
            while let s = byEdge[current]?.first(where: { !used[$0] }) {
                used[s] = true
                let (a, b) = segs[s]
                current = a == current ? b : a
                chain.append(current)
            }
            return chain
        }
        let ends = byEdge.keys.filter { byEdge[$0]!.count == 1 }.sorted()
        for e in ends where byEdge[e]!.contains(where: { !used[$0] }) {
            let chain = trace(from: e)
            let pts = chain.map(point)
            out.append((pts.map(\.0), pts.map(\.1), false))
        }
        for s in segs.indices where !used[s] {
            let chain = trace(from: segs[s].0)
            let pts = chain.map(point)
            out.append((pts.map(\.0), pts.map(\.1), chain.first == chain.last))
        }
        return out
    }
}
