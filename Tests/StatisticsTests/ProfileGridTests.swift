import LinearAlgebra
import Minimizer
import Synchronization
import Testing
import _TestSupport
@testable import Statistics

@Suite struct ProfileGridTests {
    static func gaussianProfile() throws -> ProfileLikelihood {
        try ProfileLikelihood(Gaussian3.minuit(), scanning: ["a", "b"], tolerance: 0.001)
    }

    static func axes(_ n: Int) throws -> (GridAxis, GridAxis) {
        (try .linear("a", from: -3, to: 5, count: n), try .linear("b", from: -10, to: 6, count: n))
    }

    @Test func gridEqualsAnalyticProfile() async throws {
        let profile = try Self.gaussianProfile()
        #expect(profile.profiledParameters == ["c"])
        let (x, y) = try Self.axes(9)
        let grid = try await profile.grid(x: x, y: y)
        #expect(grid.kind == .profiled && grid.nx == 9 && grid.ny == 9)
        #expect(grid.chi2Min < 1e-9)
        for j in 0..<grid.ny { for i in 0..<grid.nx {
            let p = grid.point(i, j)
            #expect(p.status != .failed && p.status != .notComputed)
            // The brief's bar: profiled Δχ² equal to the analytic value to 1e-6 (absolute).
            let analytic = Gaussian3.profiledDelta(x.values[i], y.values[j])
            #expect(abs(p.chi2 - grid.chi2Min - analytic) < 1e-6, "(\(i), \(j)): \(p.chi2) vs \(analytic)")
        } }
    }

    @Test func sliceHoldsOthersAtBestFit() async throws {
        let slice = try ProfileLikelihood(Gaussian3.minuit(), scanning: ["a"], kind: .sliced, tolerance: 0.001)
        #expect(slice.profiledParameters.isEmpty)
        let grid = try await slice.grid(x: try .linear("a", from: -1, to: 3, count: 5))
        #expect(grid.kind == .sliced)
        // A slice in a alone: Δχ² = (C⁻¹)_aa (a − â)², steeper than the profile (a − â)²/σ_a².
        let inv = try Gaussian3.covariance.symmetricInverse()
        let aHat = try #require(grid.bestFit["a"])
        for (i, a) in grid.x.values.enumerated() {
            // b, c at best fit (≈ μ to the fit's EDM): 1e-6 absolute as for the profile.
            #expect(abs(grid.deltaChi2[i] - inv[0, 0] * (a - aHat) * (a - aHat)) < 1e-6)
        }
        #expect(grid.deltaChi2[0] > 4 * 1.0)  // profile at a = μ − 2σ would give exactly 4
    }

    /// A slice point where the function is not finite is `.failed`, not `.ok` (review finding).
    @Test func sliceMarksNonFinitePointsFailed() async throws {
        let cost = CostFunction(errordef: 1) { p in p[0] > 1 ? .nan : (p[0] - 0.2) * (p[0] - 0.2) + (p[1] - 0.1) * (p[1] - 0.1) }
        let m = try Minuit(cost, parameters: [Parameter("a", value: 0, step: 0.1), Parameter("b", value: 0, step: 0.1)])
        let slice = try ProfileLikelihood(m, scanning: ["a"], kind: .sliced)
        let grid = try await slice.grid(x: try .linear("a", from: -1, to: 2, count: 4))
        #expect(grid.points.map(\.status) == [.ok, .ok, .ok, .failed])
    }

    @Test func threadCountsGiveBitIdenticalGrids() async throws {
        let profile = try Self.gaussianProfile()
        let (x, y) = try Self.axes(7)
        let one = try await profile.grid(x: x, y: y, threads: 1)
        let two = try await profile.grid(x: x, y: y, threads: 2)
        let reports = Mutex<[GridProgress]>([])
        let four = try await profile.grid(x: x, y: y, threads: 4) { p in reports.withLock { $0.append(p) } }
        let seen = reports.withLock { $0 }
        // One report per row, ending at all 49 points.
        #expect(seen.count == 7 && seen.last?.pointsDone == 49 && seen.last?.pointsTotal == 49)
        #expect(bitIdentical(one, two))
        #expect(bitIdentical(one, four))
    }

    /// Each point's nfcn counts the function calls made for it: their sum is the number of calls the
    /// cost function saw during `grid` (the grid makes no calls outside the points' minimisations).
    @Test func pointCallCountsAddUpToTheFunctionCalls() async throws {
        let base = try Gaussian3.minuit()
        let calls = Mutex(0)
        let counted = CostFunction(errordef: 1) { p in
            calls.withLock { $0 += 1 }
            return base.cost(p)
        }
        let profile = try ProfileLikelihood(Minuit(counted, parameters: base.parameters), scanning: ["a", "b"],
                                            tolerance: 0.001)
        let (x, y) = try Self.axes(5)
        let before = calls.withLock { $0 }
        let grid = try await profile.grid(x: x, y: y, threads: 2)
        let made = calls.withLock { $0 } - before
        #expect(grid.points.allSatisfy { $0.nfcn > 0 })
        #expect(grid.points.reduce(0) { $0 + $1.nfcn } == made)
    }

    @Test func shardsMergeToTheUnshardedGrid() async throws {
        let profile = try Self.gaussianProfile()
        let (x, y) = try Self.axes(7)
        let full = try await profile.grid(x: x, y: y, threads: 2)
        var shards: [ProfileGrid] = []
        for k in 0..<3 { shards.append(try await profile.grid(x: x, y: y, shard: try Shard(index: k, count: 3))) }
        #expect(shards[1].point(0, 0).status == .notComputed && shards[1].point(0, 1).status != .notComputed)
        #expect(bitIdentical(try ProfileGrid.merge(shards.reversed()), full))
        // A 1-D grid shards by point.
        let p1 = try ProfileLikelihood(Gaussian3.minuit(), scanning: ["a"], tolerance: 0.001)
        let ax = try GridAxis.linear("a", from: -2, to: 4, count: 7)
        let full1 = try await p1.grid(x: ax)
        let parts = [try await p1.grid(x: ax, shard: try Shard(parsing: "0/2")),
                     try await p1.grid(x: ax, shard: try Shard(parsing: "1/2"))]
        #expect(bitIdentical(try ProfileGrid.merge(parts), full1))
    }

    @Test func oneDimensionalCrossingsMatchMinos() async throws {
        let profile = try ProfileLikelihood(Gaussian3.minuit(), scanning: ["a"], tolerance: 0.001)
        #expect(profile.profiledParameters == ["b", "c"])
        let grid = try await profile.grid(x: try .linear("a", from: -2, to: 4, count: 14))
        let interval = try profile.interval(of: grid, level: 1)
        var m = try Gaussian3.minuit()
        m.migrad()
        let minos = try #require(try m.minos(["a"])["a"])
        let lower = try #require(interval.lowerError), upper = try #require(interval.upperError)
        // The brief's bar: within 1 % of MINOS; analytically both are ∓σ_a = ∓1.
        #expect(isClose(lower, minos.lower, rel: 0.01) && isClose(upper, minos.upper, rel: 0.01))
        // Refined on the profiled Δχ², the crossing is as precise as the minimisation (EDM ~1e-7).
        #expect(abs(lower + 1) < 1e-5 && abs(upper - 1) < 1e-5)
        #expect(interval.crossings.count == 2)
        // Without refinement, linear interpolation of the parabola on a 6/13 grid is visibly off.
        let coarse = try grid.interval(level: 1)
        #expect(abs(try #require(coarse.upperError) - 1) > 1e-3)
    }

    /// Issue 16: a disconnected Δχ² region (two mirror minima) is reported as separate ranges, and a range
    /// that runs past the grid has an open end.
    @Test func intervalSegmentsOfADisconnectedRegion() throws {
        let xs = (0...40).map { -4 + 0.2 * Double($0) }
        // Two minima at ±2 (Δχ² = 2 ||x| − 2|, piecewise linear so that interpolated crossings are exact):
        // Δχ² < 1 on (−2.5, −1.5) ∪ (1.5, 2.5).
        func grid(_ f: (Double) -> Double) throws -> ProfileGrid {
            ProfileGrid(kind: .profiled, x: try .explicit("a", values: xs), y: nil, profiledParameters: [], chi2Min: 0,
                        bestFit: ["a": 2], points: xs.map { GridPoint(chi2: f($0), status: .ok, profiledValues: [], nfcn: 1) })
        }
        let two = try grid { 2 * abs(abs($0) - 2) }.interval(level: 1)
        #expect(two.crossings.count == 4 && two.segments.count == 2)
        #expect(two.segments.map { [$0.lower, $0.upper].map { $0.map { ($0 * 1e6).rounded() / 1e6 } } }
                == [[-2.5, -1.5], [1.5, 2.5]])
        #expect(two.lower.map { abs($0 - 1.5) < 1e-9 } == true)
        #expect(two.upper.map { abs($0 - 2.5) < 1e-9 } == true)
        // A shallow profile that starts inside the region and never leaves it on the left.
        let open = try grid { ($0 - 2) * ($0 - 2) / 49 }.interval(level: 1)
        #expect(open.segments.count == 1 && open.segments[0].lower == nil && open.segments[0].upper == nil)
        let right = try grid { abs($0 + 4) / 2 }.interval(level: 1)
        #expect(right.segments.count == 1 && right.segments[0].lower == nil && abs((right.segments[0].upper ?? 0) + 2) < 1e-9)
    }

    @Test func axisBuilders() throws {
        let lin = try GridAxis.linear("mX", from: 16, to: 17, count: 3)
        #expect(lin.values == [16, 16.5, 17] && lin.spacing == .linear)
        let lg = try GridAxis.log("eps", from: 1e-4, to: 1e-2, count: 3)
        #expect(lg.values[0] == 1e-4 && lg.values[2] == 1e-2 && isClose(lg.values[1], 1e-3, rel: 1e-14))
        let ex = try GridAxis.explicit("b", values: [0, 1, 5])
        #expect(ex.spacing == .explicit)
    }
}
