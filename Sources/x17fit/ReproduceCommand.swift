import ArgumentParser
import Foundation
import X17Analysis

struct Reproduce: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the canonical fits (with MINOS) and compare them with the published numbers.")

    @Option(help: "Write all results as {\"fits\": [...]} here.")
    var json: String?

    @Option(help: "The directory of canonical fit specs.")
    var fits = "fits"

    @Option(help: "Per-fit JSON goes to <out>/<fit>/result.json (default: <fits>/../notebooks-export).")
    var out: String?

    @Option(help: "The datasets directory (default: <fits>/../datasets).")
    var datasets: String?

    func run() throws {
        // Sorted by fit name (the file name without .toml), so "x-mixing" precedes "x-mixing-breaking".
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: fits)) ?? []).filter { $0.hasSuffix(".toml") }
            .sorted { $0.dropLast(5) < $1.dropLast(5) }
        guard !names.isEmpty else {
            printError("\(fits): no fit specs (*.toml) found")
            throw Exit.badInput
        }
        let root = URL(fileURLWithPath: datasets ?? fits + "/../datasets")
        let outDir = out ?? fits + "/../notebooks-export"
        try withExitCodes {
            if let json { try checkOutputFile(json, option: "--json") }
            try checkOutputFolder(outDir, option: "--out", addingFiles: true)
        }
        let git = gitRevision(near: fits)
        var results: [FitResult] = []
        var unavailable: [(String, String)] = []
        var invalid: [String] = []
        for name in names {
            let path = fits + "/" + name
            do {
                let spec = try FitSpec.load(path: path)
                let setup = try FitSetup.prepare(spec: spec, datasets: DatasetLoader(root: root))
                let outcome = try FitRunner.run(setup, options: FitOptions(minos: true), version: x17fitVersion, git: git)
                let r = outcome.result
                results.append(r)
                print("== \(r.fit) ==")
                print(Report.header(r))
                print(Report.parameters(r))
                print(Report.goodness(r))
                if let d = Report.derived(r) { print(d) }
                if let c = Report.comparison(r) { print(c) }
                if !r.problems.isEmpty {
                    invalid.append(r.fit)
                    print("INVALID FIT: " + r.problems.joined(separator: "; "))
                }
                print("")
                try writeOutputFile(try r.jsonData(), to: outDir + "/" + r.fit + "/result.json", option: "--out")
            } catch let error as InputError where error.unavailable {
                unavailable.append((name, error.description))
                print("== \(name) ==\nNOT AVAILABLE: \(error)\n")
            } catch let error as InputError {
                printError(error.description)
                throw Exit.badInput
            } catch {
                printError("\(path): \(error)")
                throw Exit.invalidFit
            }
        }
        if let json {
            try withExitCodes { try writeOutputFile(try ReproduceReport(fits: results).jsonData(), to: json, option: "--json") }
        }
        print(Report.reproduceSummary(results, unavailable: unavailable.map(\.0)))
        print("\(results.count) fits run, \(invalid.count) invalid, \(unavailable.count) not available")
        if !invalid.isEmpty { throw Exit.invalidFit }
    }
}
