import Foundation
import Statistics
import Testing
import _TestSupport
@testable import X17Analysis

/// `ProfileJob` on the fixture D&G fit: axis resolution from the fit, the mirrored start, and the
/// command-line errors naming the option.
@Suite struct ProfileJobTests {
    static func job(_ x: String, _ y: String? = nil, count: Int = 5) throws -> ProfileJob {
        let tree = try FixtureTree()
        defer { tree.remove() }
        let plane = ProfilePlane(x: try AxisRequest(parsing: x, file: "command line", field: "--x"),
                                 y: try y.map { try AxisRequest(parsing: $0, file: "command line", field: "--y") })
        return try ProfileJob(setup: try prepare(tree, "dg2023-vector-none"), plane: plane, defaultCount: count,
                              source: ("command line", nil), fields: ("--x", "--y"))
    }

    @Test func defaultAxesSpanFourHesseErrorsAroundTheFit() throws {
        let tree = try FixtureTree()
        defer { tree.remove() }
        let fit = try FitRunner.run(try prepare(tree, "dg2023-vector-none")).result
        let job = try Self.job("eps_n", "eps_p:-0.004:0.004:11")
        let best = try #require(fit.parameters.first { $0.name == "eps_n" })
        // Same MIGRAD + HESSE as `fit`; 1e-3 of an error allows for a different number of iterations.
        #expect(job.x.values.count == 5 && job.y?.values.count == 11)
        #expect(isClose(job.x.values[2], best.value, abs: 1e-3 * best.error))
        #expect(isClose(job.x.values[4] - job.x.values[0], 8 * best.error, rel: 1e-3))
        #expect(job.y?.values.first == -0.004 && job.y?.values.last == 0.004)
        #expect(job.likelihood.profiledParameters == ["mX"])
    }

    /// Issue 16: along the mX profile the profiled (εn, εp) used to jump between the two mirror solutions (a
    /// sawtooth when plotted); every point now reports the best fit's branch, at the same χ².
    @Test func profiledCouplingsFollowTheBestFitsSign() async throws {
        let job = try Self.job("mX:16.6:17.1:41")
        let raw = try await job.likelihood.grid(x: job.x, y: nil, threads: 1)
        let grid = try await job.grid(threads: 1)
        let n = try #require(grid.profiledParameters.firstIndex(of: "eps_n"))
        let p = try #require(grid.profiledParameters.firstIndex(of: "eps_p"))
        #expect(raw.points.contains { $0.profiledValues[n] < 0 }, "the raw grid mixes branches (else this test proves nothing)")
        #expect(grid.points.allSatisfy { $0.profiledValues[n] > 0 })
        for (a, b) in zip(raw.points, grid.points) {
            #expect(a.chi2 == b.chi2 && a.status == b.status)
            #expect(abs(a.profiledValues[n]) == b.profiledValues[n] && abs(a.profiledValues[p]) == abs(b.profiledValues[p]))
            #expect((a.profiledValues[n] < 0) == (a.profiledValues[p] * b.profiledValues[p] < 0), "both couplings flip together")
        }
        // A plane that scans a coupling keeps its points as computed.
        let plane = try Self.job("mX:16.7:17.0:5", "eps_n:-0.008:0.008:5")
        #expect(try await plane.grid(threads: 1) == (try await plane.likelihood.grid(x: plane.x, y: plane.y, threads: 1)))
    }

    @Test func mirroredBestFitIsASecondMinimum() throws {
        let job = try Self.job("eps_n")
        let best = try #require(job.likelihood.bestFit["eps_n"])
        #expect(best > 0)
        // εn → −εn with εp (profiled) flipped is an exact symmetry of the χ² (rates ∝ squares of coupling
        // combinations, π⁰ prior symmetric): Δχ² there is 0 to the EDM goal (2e-4 at tol 0.1), not ≈ 100.
        #expect(abs(try job.likelihood.deltaChi2(at: [-best])) < 1e-3)
        #expect(try job.likelihood.deltaChi2(at: [0]) > 9)
    }

    @Test(arguments: [
        ("eps_q", nil, "--x", "unknown parameter 'eps_q' (the fit has mX, eps_n, eps_p, BR_ee)"),
        ("BR_ee:0.5:1", nil, "--x", "parameter 'BR_ee' is fixed"),
        ("eps_n", "mX:15:17", "--y", "15.0 is below the parameter's lower limit 16.0"),
        ("mX:16.5:17.5", nil, "--x", "17.5 is above the parameter's upper limit 17.2"),
        ("mX", "mX", "--x/--y", "x and y are the same parameter 'mX'"),
    ] as [(String, String?, String, String)])
    func badRequestsNameTheOption(x: String, y: String?, field: String, message: String) {
        expectInputError(file: "command line", line: nil, field: field, contains: message) {
            _ = try Self.job(x, y)
        }
    }
}
