import Foundation
import FuzzHarness
import Testing
import X17Analysis

/// Every input that ever crashed the fuzzer or broke the contract, rerun through the same in-process
/// runner and contract check (`Regressions/<name>/manifest.json` names the repository files it replaces).
@Suite struct RegressionFixtureTests {
    static let runnable = FuzzPaths.fixtureNames().filter { name in
        (try? RegressionFixture.load(FuzzPaths.regressions.appendingPathComponent(name)))?.0.pending == nil
    }
    static let pending = FuzzPaths.fixtureNames().filter { !runnable.contains($0) }

    @Test(arguments: runnable)
    func keepsTheContract(_ name: String) throws {
        let (manifest, fuzzCase) = try RegressionFixture.load(FuzzPaths.regressions.appendingPathComponent(name))
        let session = try makeSession()
        let (outcome, breaches) = session.check(fuzzCase)
        #expect(breaches.isEmpty, "\(name): \(breaches.joined(separator: "; "))")
        if let expect = manifest.expect {
            #expect(outcome.className == expect, "\(name): \(outcome.summary)")
        }
        if case .inputError(let error) = outcome {
            if let file = manifest.expectFile { #expect(error.file == file, "\(name): \(error)") }
            if let field = manifest.expectField { #expect(error.field == field, "\(name): \(error)") }
        }
    }

    /// Fixtures the current parser cannot run (TOMLKit aborts the process): only checked to load.
    /// Their manifests say why; the lead removes `pending` once the TOML parser change is merged.
    @Test(arguments: pending)
    func pendingFixturesLoad(_ name: String) throws {
        let (manifest, fuzzCase) = try RegressionFixture.load(FuzzPaths.regressions.appendingPathComponent(name))
        #expect(manifest.pending != nil)
        #expect(!fuzzCase.edits.isEmpty)
    }

    @Test func fixturesExist() {
        #expect(Self.runnable.count >= 10)
    }
}
