import Foundation
import FuzzHarness

/// The repository root (fits/, datasets/) and the regression fixtures, found from this file's path.
enum FuzzPaths {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let root = here.deletingLastPathComponent().deletingLastPathComponent()
    static let regressions = here.appendingPathComponent("Regressions")

    /// Every fixture folder (holding a manifest.json), sorted by name.
    static func fixtureNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: regressions.path)) ?? []
        return names.filter {
            FileManager.default.fileExists(atPath: regressions.appendingPathComponent($0).appendingPathComponent("manifest.json").path)
        }.sorted()
    }
}

/// A fresh session over the repository corpus, with its own scratch folder (tests may run in parallel).
func makeSession(toml: Bool = false, deadline: Double = 60) throws -> FuzzSession {
    let corpus = try FuzzCorpus(root: FuzzPaths.root)
    return FuzzSession(generator: CaseGenerator(corpus: corpus, mutateTOML: toml), runner: try CaseRunner(corpus: corpus),
                       caseDeadline: deadline)
}
