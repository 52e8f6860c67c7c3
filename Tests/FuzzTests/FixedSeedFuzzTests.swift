import FuzzHarness
import Testing

/// A small fixed-seed fuzz budget, so that `swift test` exercises the mutator, runner and checker.
@Suite struct FixedSeedFuzzTests {
    @Test func threeHundredCasesKeepTheContract() throws {
        let session = try makeSession()
        let tally = session.run(seed: 20261205, cases: 300, timeLimit: nil) { breach in
            Issue.record("breach in case \(breach.fuzzCase.id!): \(breach.problems.joined(separator: "; "))")
        }
        #expect(tally.cases == 300)
        #expect(tally.breaches == 0)
        // The mix is not degenerate: some fits run, some inputs are refused.
        #expect(tally.ok > 0)
        #expect(tally.inputError > 0)
        #expect(tally.ok + tally.invalidFit + tally.inputError == tally.cases)
    }
}
