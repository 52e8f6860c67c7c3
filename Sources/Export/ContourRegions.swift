import Foundation
import ProfileData

/// One closed polygon bounding a confidence region (data coordinates, first point not repeated).
struct RegionRing: Equatable {
    /// Index of the level in the metadata's levels.
    var level: Int
    var x: [Double]
    var y: [Double]
    /// A point strictly inside the plot rectangle on the ring's contour part (for containment tests).
    var probe: (x: Double, y: Double)
    /// Whether the ring is the plot rectangle itself (the whole boundary is inside the level).
    var isFrame = false

    static func == (a: RegionRing, b: RegionRing) -> Bool {
        a.level == b.level && a.x == b.x && a.y == b.y && a.isFrame == b.isFrame
    }

    /// Even-odd point-in-polygon test.
    func contains(_ px: Double, _ py: Double) -> Bool {
        var inside = false
        var j = x.count - 1
        for i in x.indices {
            if (y[i] > py) != (y[j] > py), px < (x[j] - x[i]) * (py - y[i]) / (y[j] - y[i]) + x[i] { inside.toggle() }
            j = i
        }
        return inside
    }
}

/// The closed rings bounding each level's region Δχ² < level, per level (same order as `levels`):
/// the level's closed contour curves as they are, and its open curves (which end on the grid boundary)
/// joined along the boundary arcs that lie inside the level; the whole plot rectangle when the entire
/// boundary is inside. Filling a level's rings with the even-odd rule gives exactly its region, islands
/// and holes included. Only `method == "grid"` curves bound regions; a level without any is traced here
/// by linear interpolation on the grid.
func regionRings(grid: ProfileGrid, contours: [ContourLine], levels: [ConfidenceLevel]) -> [[RegionRing]] {
    guard let yAxis = grid.y else { return [] }
    let delta = grid.deltaChi2
    return levels.enumerated().map { k, level in
        var curves = contours.filter { $0.method == "grid" && levelIndex(of: $0, in: levels) == k }
        if curves.isEmpty, let traced = try? grid.contours(levels: [level.deltaChi2]) { curves = traced }
        let builder = RingBuilder(xs: grid.x.values, ys: yAxis.values, delta: delta, level: level.deltaChi2, index: k)
        return builder.rings(curves)
    }
}

/// The index in `levels` of a contour's level (relative tolerance 10⁻⁹), or nil.
func levelIndex(of c: ContourLine, in levels: [ConfidenceLevel]) -> Int? {
    levels.firstIndex { abs($0.deltaChi2 - c.level) <= 1e-9 * c.level }
}

/// The rings of every level in painting order with the colour band each one is filled with, for
/// renderers without an even-odd rule: a ring enclosed by others is painted after them, and is filled
/// with the band found just inside it (its own level for a region, the next level out for a hole of its
/// level; nil — the background — for a hole of the outermost level). Painting in this order yields the
/// same picture as even-odd fills of each level, outermost level first.
func paintOrder(_ rings: [[RegionRing]], levelCount: Int) -> [(ring: RegionRing, band: Int?)] {
    let all = rings.flatMap { $0 }
    var items: [(ring: RegionRing, band: Int?, depth: Int, order: Int)] = []
    for (n, r) in all.enumerated() {
        let containers = all.indices.filter { $0 != n && contains(all[$0], r) }
        let sameLevel = containers.filter { all[$0].level == r.level }.count
        let band: Int? = sameLevel % 2 == 0 ? r.level : (r.level + 1 < levelCount ? r.level + 1 : nil)
        items.append((r, band, containers.count, n))
    }
    items.sort { ($0.depth, -$0.ring.level, $0.order) < ($1.depth, -$1.ring.level, $1.order) }
    return items.map { ($0.ring, $0.band) }
}

/// Whether ring `a` encloses ring `b` (rings never cross; the frame encloses every other ring).
private func contains(_ a: RegionRing, _ b: RegionRing) -> Bool {
    if a.isFrame { return !b.isFrame || a.level > b.level }
    if b.isFrame { return false }
    return a.contains(b.probe.x, b.probe.y)
}

/// Closes the open curves of one level along the plot boundary.
private struct RingBuilder {
    let xs: [Double], ys: [Double]
    let delta: [Double]
    let level: Double
    let index: Int
    var x0: Double { xs[0] }
    var x1: Double { xs[xs.count - 1] }
    var y0: Double { ys[0] }
    var y1: Double { ys[ys.count - 1] }

    /// Position along the boundary, counter-clockwise from (x0, y0): bottom [0, 1), right [1, 2),
    /// top [2, 3), left [3, 4); nil when the point is not on the boundary.
    func perimeter(_ x: Double, _ y: Double) -> Double? {
        let tx = 1e-9 * (x1 - x0), ty = 1e-9 * (y1 - y0)
        let fx = (x - x0) / (x1 - x0), fy = (y - y0) / (y1 - y0)
        if abs(y - y0) <= ty { return min(max(fx, 0), 1) }
        if abs(x - x1) <= tx { return 1 + min(max(fy, 0), 1) }
        if abs(y - y1) <= ty { return 2 + (1 - min(max(fx, 0), 1)) }
        if abs(x - x0) <= tx { return (3 + (1 - min(max(fy, 0), 1))).truncatingRemainder(dividingBy: 4) }
        return nil
    }

    /// The point at boundary position `s`.
    func point(_ s: Double) -> (Double, Double) {
        let s = s.truncatingRemainder(dividingBy: 4)
        switch s {
        case ..<1: return (x0 + s * (x1 - x0), y0)
        case ..<2: return (x1, y0 + (s - 1) * (y1 - y0))
        case ..<3: return (x1 - (s - 2) * (x1 - x0), y1)
        default: return (x0, y1 - (s - 3) * (y1 - y0))
        }
    }

    /// Boundary grid nodes (position, inside the level), counter-clockwise.
    func boundaryNodes() -> [(s: Double, inside: Bool)] {
        let nx = xs.count, ny = ys.count
        func inside(_ i: Int, _ j: Int) -> Bool { delta[j * nx + i] < level }
        var out: [(Double, Bool)] = []
        for i in 0..<nx { out.append((perimeter(xs[i], y0)!, inside(i, 0))) }
        for j in 1..<ny { out.append((perimeter(x1, ys[j])!, inside(nx - 1, j))) }
        for i in stride(from: nx - 2, through: 0, by: -1) { out.append((perimeter(xs[i], y1)!, inside(i, ny - 1))) }
        for j in stride(from: ny - 2, through: 1, by: -1) { out.append((perimeter(x0, ys[j])!, inside(0, j))) }
        return out
    }

    /// Counter-clockwise distance from `a` to `b` along the boundary, in [0, 4).
    func ccw(_ a: Double, _ b: Double) -> Double {
        let d = (b - a).truncatingRemainder(dividingBy: 4)
        return d < 0 ? d + 4 : d
    }

    /// The corners strictly between boundary positions a and b, walking counter-clockwise.
    func corners(from a: Double, to b: Double) -> [(Double, Double)] {
        let span = ccw(a, b)
        return (0..<4).map(Double.init).filter { c in
            let d = ccw(a, c)
            return d > 0 && d < span
        }.sorted { ccw(a, $0) < ccw(a, $1) }.map(point)
    }

    func rings(_ curves: [ContourLine]) -> [RegionRing] {
        var rings: [RegionRing] = []
        var open: [(x: [Double], y: [Double], s0: Double, s1: Double)] = []
        for c in curves {
            var x = c.x, y = c.y
            if x.count > 1, x.first == x.last, y.first == y.last { x.removeLast(); y.removeLast() }
            guard x.count >= 2 else { continue }
            if !c.closed, let s0 = perimeter(x[0], y[0]), let s1 = perimeter(x[x.count - 1], y[y.count - 1]) {
                open.append((x, y, s0, s1))
            } else {
                rings.append(RegionRing(level: index, x: x, y: y, probe: probe(x, y)))
            }
        }
        let nodes = boundaryNodes()
        if open.isEmpty {
            // No curve reaches the boundary: it is all inside or all outside.
            if nodes.filter(\.inside).count * 2 > nodes.count {
                let c = (0..<4).map { point(Double($0)) }
                rings.append(RegionRing(level: index, x: c.map(\.0), y: c.map(\.1), probe: point(0), isFrame: true))
            }
            return rings
        }
        // Endpoints sorted along the boundary; the arc after endpoint k ends at endpoint k+1.
        var ends: [(s: Double, curve: Int, atStart: Bool)] = []
        for (n, c) in open.enumerated() { ends += [(c.s0, n, true), (c.s1, n, false)] }
        ends.sort { ($0.s, $0.curve, $0.atStart ? 0 : 1) < ($1.s, $1.curve, $1.atStart ? 0 : 1) }
        let m = ends.count
        let arcInside: [Bool] = (0..<m).map { k in
            let a = ends[k].s, span = m == 1 ? 4 : ccw(a, ends[(k + 1) % m].s)
            let within = nodes.filter { let d = ccw(a, $0.s); return d > 0 && d < span }
            return within.filter(\.inside).count * 2 > within.count
        }
        // Each endpoint must lie on exactly one inside arc: then the arcs pair the endpoints up.
        var partner = [Int?](repeating: nil, count: m)
        for k in 0..<m where arcInside[k] {
            let next = (k + 1) % m
            if partner[k] == nil, partner[next] == nil, next != k { partner[k] = next; partner[next] = k }
            else { partner[k] = -1 }
        }
        let consistent = partner.allSatisfy { $0 != nil && $0! >= 0 }
        var endIndex: [Int: [Bool: Int]] = [:]
        for (k, e) in ends.enumerated() { endIndex[e.curve, default: [:]][e.atStart] = k }
        var used = [Bool](repeating: false, count: open.count)
        for start in open.indices where !used[start] {
            var x: [Double] = [], y: [Double] = []
            var curve = start, forward = true
            var guardCount = 0
            while !used[curve], guardCount <= open.count {
                guardCount += 1
                used[curve] = true
                let c = open[curve]
                x += forward ? c.x : c.x.reversed()
                y += forward ? c.y : c.y.reversed()
                let exit = endIndex[curve]![!forward]!
                let entry: Int
                if consistent {
                    entry = partner[exit]!
                } else {
                    entry = endIndex[curve]![forward]!  // fallback: close the curve on itself
                }
                let (sa, sb) = (ends[exit].s, ends[entry].s)
                let walkCCW = consistent ? arcInside[exit] : true
                let cs = walkCCW ? corners(from: sa, to: sb) : corners(from: sb, to: sa).reversed()
                x += cs.map(\.0)
                y += cs.map(\.1)
                curve = ends[entry].curve
                forward = ends[entry].atStart
            }
            rings.append(RegionRing(level: index, x: x, y: y, probe: probe(open[start].x, open[start].y)))
        }
        return rings
    }

    /// A point of a curve away from the boundary: a vertex strictly inside the rectangle, or the midpoint
    /// of the first segment.
    func probe(_ x: [Double], _ y: [Double]) -> (x: Double, y: Double) {
        if let k = x.indices.first(where: { perimeter(x[$0], y[$0]) == nil }) { return (x[k], y[k]) }
        return ((x[0] + x[1]) / 2, (y[0] + y[1]) / 2)
    }
}
