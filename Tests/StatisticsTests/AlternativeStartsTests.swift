import Minimizer
import Testing
import _TestSupport
@testable import Statistics

/// `ProfileLikelihood(…, alternativeStarts:)`: where the profiled parameter must change branch along
/// the scan, warm starts alone stay on the wrong branch; the mirrored best fit as an extra start fixes it.
@Suite struct AlternativeStartsTests {
    /// Tight EDM tolerance as in ProfileGridTests (EDM goal 2e-6): the χ² of each point is then within
    /// ~1e-6 of the true minimum; 1e-5 leaves a factor of 10 for the curvature of the double well.
    static let tolerance = 1e-5

    static func starts(_ mirrored: Bool) -> @Sendable ([Double]) -> [[Double]] {
        if mirrored { return { values in [MirroredBranches.mirror(values)] } }
        return { _ in [] }
    }

    static func profile1D(mirrored: Bool) throws -> ProfileLikelihood {
        try ProfileLikelihood(MirroredBranches.minuit(scanningY: false), scanning: ["x"], tolerance: 0.001,
                              alternativeStarts: starts(mirrored))
    }

    static func profile2D(mirrored: Bool) throws -> ProfileLikelihood {
        try ProfileLikelihood(MirroredBranches.minuit(scanningY: true), scanning: ["x", "y"], tolerance: 0.001,
                              alternativeStarts: starts(mirrored))
    }

    static let xAxis = try! GridAxis.linear("x", from: -2, to: 2, count: 17)
    static let yAxis = try! GridAxis.linear("y", from: -2, to: 2, count: 9)

    @Test func warmStartsAloneStayOnTheWrongBranch() async throws {
        let profile = try Self.profile1D(mirrored: false)
        #expect(profile.profiledParameters == ["z"])
        let best = try #require(profile.bestFit["x"])
        #expect(isClose(best, 1, abs: 1e-3), "the global fit starts at x = 0.8 and must reach the x = +1 minimum")
        let grid = try await Self.profile1D(mirrored: false).grid(x: Self.xAxis)
        let errors = grid.x.values.indices.map { grid.deltaChi2[$0] - MirroredBranches.profiledDelta(grid.x.values[$0]) }
        // The wrong branch costs (x − 1)² − (x + 1)² = −4x at x < 0: at least 2 at x ≤ −0.5.
        #expect(errors.contains { $0 > 1 }, "without alternatives the grid should be wrong somewhere: \(errors)")
        let worst = errors.indices.max { errors[$0] < errors[$1] }!
        #expect(grid.x.values[worst] < 0 && grid.point(worst).profiledValues[0] > 0,
                "the wrong points are the x < 0 ones left on z ≈ +1")
    }

    @Test func mirroredStartGivesTheAnalyticProfile() async throws {
        let profile = try Self.profile1D(mirrored: true)
        let grid = try await profile.grid(x: Self.xAxis)
        for (i, x) in grid.x.values.enumerated() {
            let p = grid.point(i)
            #expect(p.status == .ok || p.status == .retried)
            #expect(abs(grid.deltaChi2[i] - MirroredBranches.profiledDelta(x)) < Self.tolerance,
                    "x = \(x): \(grid.deltaChi2[i]) vs \(MirroredBranches.profiledDelta(x))")
            // The profiled z sits on the branch z = sign(x) (either branch at x = 0, where both give 1).
            if x != 0 { #expect(isClose(p.profiledValues[0], x > 0 ? 1 : -1, abs: 1e-3), "x = \(x): z = \(p.profiledValues[0])") }
        }
        // A single point also tries the mirrored start: at x = −1 only the z = −1 branch gives Δχ² = 0.
        #expect(abs(try profile.deltaChi2(at: [-1])) < Self.tolerance)
        #expect(try Self.profile1D(mirrored: false).deltaChi2(at: [-1]) > 1)
    }

    @Test func twoDimensionalGridWithAlternativesIsAnalyticAndThreadIndependent() async throws {
        let without = try await Self.profile2D(mirrored: false).grid(x: Self.xAxis, y: Self.yAxis)
        let analytic = (0..<without.points.count).map { k in
            MirroredBranches.profiledDelta(Self.xAxis.values[k % without.nx], Self.yAxis.values[k / without.nx])
        }
        #expect(zip(without.deltaChi2, analytic).contains { $0 - $1 > 1 }, "without alternatives some rows stay on z ≈ +1")

        let profile = try Self.profile2D(mirrored: true)
        let one = try await profile.grid(x: Self.xAxis, y: Self.yAxis, threads: 1)
        let two = try await profile.grid(x: Self.xAxis, y: Self.yAxis, threads: 2)
        for (k, d) in one.deltaChi2.enumerated() {
            #expect(abs(d - analytic[k]) < Self.tolerance, "point \(k): \(d) vs \(analytic[k])")
        }
        #expect(bitIdentical(one, two))
        var shards: [ProfileGrid] = []
        for k in 0..<3 {
            shards.append(try await profile.grid(x: Self.xAxis, y: Self.yAxis, threads: 2, shard: try Shard(index: k, count: 3)))
        }
        #expect(bitIdentical(try ProfileGrid.merge(shards), one))
        // Every alternative attempt is counted: more calls than the warm-start chain alone.
        #expect(one.points.map(\.nfcn).reduce(0, +) > without.points.map(\.nfcn).reduce(0, +))
    }

    @Test func alternativeStartsOfTheWrongLengthAreRejected() throws {
        #expect(throws: StatisticsError.self) {
            try ProfileLikelihood(MirroredBranches.minuit(scanningY: false), scanning: ["x"],
                                  alternativeStarts: { [Array($0.dropLast())] })
        }
        #expect(throws: StatisticsError.self) {
            try ProfileLikelihood(MirroredBranches.minuit(scanningY: false), scanning: ["x"],
                                  alternativeStarts: { [$0.map { _ in .nan }] })
        }
    }
}
