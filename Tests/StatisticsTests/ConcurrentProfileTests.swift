import Minimizer
import Testing
@testable import Statistics

/// One `ProfileLikelihood` used from many tasks at once (as the CLI's contour refinement and the test
/// runner do): grids with row tasks and single points with alternative starts must give exactly the
/// results of a serial run, and touch no shared mutable state (run under `--sanitize=thread/address`).
@Suite struct ConcurrentProfileTests {
    static func profile() throws -> ProfileLikelihood {
        try ProfileLikelihood(MirroredBranches.minuit(scanningY: true), scanning: ["x", "y"], tolerance: 0.001,
                              alternativeStarts: { values in [MirroredBranches.mirror(values)] })
    }

    static let xAxis = try! GridAxis.linear("x", from: -2, to: 2, count: 9)
    static let yAxis = try! GridAxis.linear("y", from: -2, to: 2, count: 5)
    static let points: [[Double]] = [[-1.5, -1], [-0.25, 0.5], [0, 0], [0.75, 1.25], [1.5, -2], [2, 2]]

    @Test func manyTasksShareOneProfileBitIdentically() async throws {
        let profile = try Self.profile()
        let serialGrid = try await profile.grid(x: Self.xAxis, y: Self.yAxis, threads: 1)
        let serialDeltas = try Self.points.map { try profile.deltaChi2(at: $0).bitPattern }
        // 4 grid runs (2 row tasks each) and 8 point sweeps, all at once on the shared value.
        let outcomes = try await withThrowingTaskGroup(of: (grid: ProfileGrid?, deltas: [UInt64]).self) { group in
            for k in 0..<12 {
                group.addTask {
                    if k % 3 == 0 {
                        return (try await profile.grid(x: Self.xAxis, y: Self.yAxis, threads: 2), [])
                    }
                    return (nil, try Self.points.map { try profile.deltaChi2(at: $0).bitPattern })
                }
            }
            var all: [(grid: ProfileGrid?, deltas: [UInt64])] = []
            for try await o in group { all.append(o) }
            return all
        }
        #expect(outcomes.count == 12)
        for o in outcomes {
            if let g = o.grid {
                #expect(bitIdentical(g, serialGrid))
            } else {
                #expect(o.deltas == serialDeltas)
            }
        }
    }
}
