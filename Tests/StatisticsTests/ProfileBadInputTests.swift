import Minimizer
import Testing
@testable import Statistics

@Suite struct ProfileBadInputTests {
    @Test func unknownParameter() throws {
        let e = #expect(throws: StatisticsError.self) { try ProfileLikelihood(Gaussian3.minuit(), scanning: ["mX"]) }
        #expect(e == .unknownParameter(name: "mX", known: ["a", "b", "c"]))
    }

    @Test func sameParameterTwiceOrFixed() throws {
        #expect(throws: StatisticsError.self) { try ProfileLikelihood(Gaussian3.minuit(), scanning: ["a", "a"]) }
        var m = try Gaussian3.minuit()
        try m.fix("b")
        let e = #expect(throws: StatisticsError.self) { try ProfileLikelihood(m, scanning: ["b"]) }
        #expect(e?.description.contains("'b' is fixed") == true)
    }

    @Test func rangeOutsideLimits() async throws {
        let p = try ProfileLikelihood(Gaussian3.minuit(limitsOnA: (-1, 3)), scanning: ["a"])
        let e = await #expect(throws: StatisticsError.self) {
            try await p.grid(x: try .linear("a", from: -2, to: 2, count: 5))
        }
        #expect(e?.description.contains("below the parameter's lower limit -1") == true)
        #expect(throws: StatisticsError.self) { try p.deltaChi2(at: [3.5]) }
        // Inside the limits a single point works: Δχ²(a = 2) = ((2 − 1)/σ_a)² = 1 (profiled).
        #expect(abs(try p.deltaChi2(at: [2]) - 1) < 1e-4)
    }

    @Test func fewerThanTwoPoints() throws {
        let e = #expect(throws: StatisticsError.self) { try GridAxis.linear("a", from: 0, to: 1, count: 1) }
        #expect(e?.description.contains("n ≥ 2") == true)
        #expect(throws: StatisticsError.self) { try GridAxis.explicit("a", values: [1, 1]) }
        #expect(throws: StatisticsError.self) { try GridAxis.log("a", from: 0, to: 1, count: 4) }
    }

    @Test func levelNotPositive() async throws {
        let p = try ProfileLikelihood(Gaussian3.minuit(), scanning: ["a", "b"])
        let g = try await p.grid(x: try .linear("a", from: 0, to: 2, count: 3), y: try .linear("b", from: -3, to: -1, count: 3))
        let e = #expect(throws: ProfileDataError.self) { try g.contours(levels: [2.3, 0]) }
        #expect(e?.description.contains("level Δχ² = 0.0") == true)
        #expect(throws: ProfileDataError.self) { try g.contours(levels: [-1]) }
    }

    @Test func badShardSpecs() throws {
        #expect(throws: StatisticsError.self) { try Shard(parsing: "3/2") }
        #expect(throws: StatisticsError.self) { try Shard(parsing: "0/0") }
        #expect(throws: StatisticsError.self) { try Shard(parsing: "1-2") }
        #expect(throws: StatisticsError.self) { try Shard(index: -1, count: 2) }
        #expect(try Shard(parsing: "1/2") == Shard(index: 1, count: 2))
    }

    @Test func threadsMustBePositive() async throws {
        let p = try ProfileLikelihood(Gaussian3.minuit(), scanning: ["a"])
        await #expect(throws: StatisticsError.self) {
            try await p.grid(x: try .linear("a", from: 0, to: 2, count: 3), threads: 0)
        }
    }

    @Test func mergingShardsOfDifferentGrids() async throws {
        let p = try ProfileLikelihood(Gaussian3.minuit(), scanning: ["a", "b"])
        let y = try GridAxis.linear("b", from: -3, to: -1, count: 3)
        let g1 = try await p.grid(x: try .linear("a", from: 0, to: 2, count: 3), y: y, shard: try Shard(index: 0, count: 2))
        let g2 = try await p.grid(x: try .linear("a", from: 0, to: 3, count: 3), y: y, shard: try Shard(index: 1, count: 2))
        let e = #expect(throws: StatisticsError.self) { try ProfileGrid.merge([g1, g2]) }
        #expect(e?.description.contains("different x axis") == true)
        // The same shard twice: row 0 computed twice, row 1 never.
        #expect(throws: StatisticsError.self) { try ProfileGrid.merge([g1, g1]) }
        #expect(throws: StatisticsError.self) { try ProfileGrid.merge([]) }
    }
}
