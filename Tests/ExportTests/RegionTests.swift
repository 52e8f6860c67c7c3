import Foundation
import Statistics
import Testing
@testable import Export

/// The filled regions of the figures: rings built from the contour lines, even-odd and painter fills.
@Suite struct RegionTests {
    /// Δχ² = ((r − 0.6)/0.15)² around (−0.6, 0) on [−1, 1]²: an annulus whose levels cross the frame
    /// (left, and for 3σ also top and bottom) and hold a hole each.
    static func annulusGrid(n: Int = 41) -> ProfileGrid {
        let v = Fixture.linspace(-1, 1, n)
        var points: [GridPoint] = []
        for y in v {
            for x in v {
                let r = hypot(x + 0.6, y)
                points.append(GridPoint(chi2: 5 + pow((r - 0.6) / 0.15, 2), status: .ok, profiledValues: [], nfcn: 1))
            }
        }
        return ProfileGrid(kind: .profiled, x: GridAxis(name: "a", values: v, spacing: .linear),
                           y: GridAxis(name: "b", values: v, spacing: .linear), profiledParameters: [],
                           chi2Min: 5, bestFit: ["a": 0, "b": 0], points: points)
    }

    /// Interior nodes whose eight neighbours are all on the same side of `level` as the node.
    static func clearNodes(_ grid: ProfileGrid, level: Double) -> [(i: Int, j: Int, inside: Bool)] {
        let d = grid.deltaChi2
        var out: [(Int, Int, Bool)] = []
        for j in 1..<(grid.ny - 1) {
            for i in 1..<(grid.nx - 1) {
                let inside = d[j * grid.nx + i] < level
                let same = (-1...1).allSatisfy { dj in (-1...1).allSatisfy { di in (d[(j + dj) * grid.nx + i + di] < level) == inside } }
                if same { out.append((i, j, inside)) }
            }
        }
        return out
    }

    @Test(arguments: [false, true]) func evenOddFillOfEachLevelIsItsRegion(annulus: Bool) throws {
        let grid = annulus ? Self.annulusGrid() : Fixture.twoIslandGrid(nx: 61, ny: 49)
        let levels = Fixture.levels2D
        let contours = try grid.contours(levels: levels.map(\.deltaChi2), cl: levels.map(\.cl))
        let rings = regionRings(grid: grid, contours: contours, levels: levels)
        #expect(rings.count == 3)
        for (k, level) in levels.enumerated() {
            let nodes = Self.clearNodes(grid, level: level.deltaChi2)
            #expect(nodes.contains { $0.inside } && nodes.contains { !$0.inside })
            for n in nodes {
                let (x, y) = (grid.x.values[n.i], grid.y!.values[n.j])
                let parity = rings[k].filter { $0.contains(x, y) }.count % 2 == 1
                #expect(parity == n.inside, "level \(k) at node (\(n.i), \(n.j))")
            }
        }
        if annulus {
            // Each level: one ring closed along the frame and one hole.
            #expect(rings.allSatisfy { $0.count == 2 })
        }
    }

    @Test func painterOrderGivesEveryPointItsBand() throws {
        let grid = Self.annulusGrid(n: 51)
        let levels = Fixture.levels2D
        let contours = try grid.contours(levels: levels.map(\.deltaChi2))
        let painted = paintOrder(regionRings(grid: grid, contours: contours, levels: levels), levelCount: 3)
        let d = grid.deltaChi2
        let clear = levels.map { level in Set(Self.clearNodes(grid, level: level.deltaChi2).map { $0.j * grid.nx + $0.i }) }
        var checked = 0
        for j in 1..<(grid.ny - 1) {
            for i in 1..<(grid.nx - 1) {
                let b = band(d[j * grid.nx + i], levels: levels)!
                // Far enough from every level that the polygons and the node agree.
                guard clear.allSatisfy({ $0.contains(j * grid.nx + i) }) else { continue }
                let (x, y) = (grid.x.values[i], grid.y!.values[j])
                let top = painted.last { $0.ring.contains(x, y) }
                #expect((top?.band ?? 3) == b, "node (\(i), \(j))")
                checked += 1
            }
        }
        #expect(checked > 500)
    }

    @Test func aLevelWholeOnTheGridIsTheFrame() {
        var grid = Fixture.twoIslandGrid()
        grid.points = grid.points.map { GridPoint(chi2: grid.chi2Min + 0.1, status: $0.status, profiledValues: $0.profiledValues, nfcn: 1) }
        let rings = regionRings(grid: grid, contours: [], levels: Fixture.levels2D)
        #expect(rings.allSatisfy { $0.count == 1 && $0[0].isFrame })
        #expect(paintOrder(rings, levelCount: 3).map(\.band) == [2, 1, 0])
    }

    @Test func curveMethodLinesDoNotBoundRegions() {
        let grid = Fixture.twoIslandGrid()
        var contours = Fixture.twoIslandContours()
        contours.append(ContourLine(level: contours[0].level, cl: nil, x: [0, 1e-3, 0], y: [0, 0, 1e-3], closed: true, method: "curve"))
        let rings = regionRings(grid: grid, contours: contours, levels: Fixture.levels2D)
        #expect(rings[0].count == 2)
    }
}
