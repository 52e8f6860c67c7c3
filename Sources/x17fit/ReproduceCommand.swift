import ArgumentParser
import FileSafety
import Foundation
import X17Analysis

struct Reproduce: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the canonical fits (with MINOS) and compare them with the published numbers.")

    @Option(help: "Also write all results as {\"fits\": [...]} here ('-': standard output, the report then goes to standard error).")
    var json: String?

    @Option(help: "The directory of canonical fit specs.")
    var fits = "fits"

    @Option(help: "Output folder: reproduce.json and <fit>/result.json (default: <fits>/../notebooks-export/reproduce).")
    var out: String?

    @Option(help: "The datasets directory (default: <fits>/../datasets).")
    var datasets: String?

    @Flag(help: "Replace an earlier x17fit reproduce output in the output folder (never anything else).")
    var force = false

    func run() throws {
        // Sorted by fit name (the file name without .toml), so "x-mixing" precedes "x-mixing-breaking".
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: fits)) ?? []).filter { $0.hasSuffix(".toml") }
            .sorted { $0.dropLast(5) < $1.dropLast(5) }
        guard !names.isEmpty else {
            printError("\(fits): no fit specs (*.toml) found")
            throw Exit.badInput
        }
        let root = URL(fileURLWithPath: datasets ?? fits + "/../datasets")
        let outDir = out ?? fits + "/../notebooks-export/reproduce"
        let (folder, output) = try withExitCodes {
            (try checkedOutputFolder(outDir, kind: .reproduce, force: force), try JSONDestination.checked(json))
        }
        let toStderr = json == "-"
        func say(_ text: String) { x17fit.say(text, jsonOnStdout: toStderr) }
        let git = gitRevision(near: fits)
        var results: [FitResult] = []
        var dataRows: [Set<String>] = []
        var unavailable: [(String, String)] = []
        var invalid: [String] = []
        // Results are kept in memory and written together at the end: a run that stops part-way writes nothing.
        var files: [OutputFile] = []
        func stopped(at name: String) {
            let done = results.map(\.fit)
            printError("reproduce stopped at \(name); completed before it: \(done.isEmpty ? "none" : done.joined(separator: ", ")). "
                       + "Nothing was written: \(outDir) is as it was.")
        }
        for name in names {
            let path = fits + "/" + name
            do {
                let spec = try FitSpec.load(path: path)
                let setup = try FitSetup.prepare(spec: spec, datasets: DatasetLoader(root: root))
                let outcome = try FitRunner.run(setup, options: FitOptions(minos: true), version: x17fitVersion, git: git)
                let r = outcome.result
                results.append(r)
                dataRows.append(DataSets.rows(of: setup))
                say("== \(r.fit) ==")
                say(Report.header(r))
                say(Report.parameters(r))
                say(Report.goodness(r))
                if let d = Report.derived(r) { say(d) }
                if let c = Report.comparison(r) { say(c) }
                if !r.problems.isEmpty {
                    invalid.append(r.fit)
                    say("INVALID FIT: " + r.problems.joined(separator: "; "))
                }
                say("")
                files.append(OutputFile(path: r.fit + "/result.json", contents: try r.jsonData()))
            } catch let error as InputError where error.unavailable {
                unavailable.append((name, error.description))
                say("== \(name) ==\nNOT AVAILABLE: \(error)\n")
            } catch let error as InputError {
                printError(error.description)
                stopped(at: name)
                throw Exit.badInput
            } catch {
                printError("\(path): \(error)")
                stopped(at: name)
                throw Exit.invalidFit
            }
        }
        let (labels, distinct) = DataSets.labels(dataRows)
        let dataSets = ReproduceReport.DataSet.list(rows: distinct, labels: labels, names: results.map(\.fit))
        let missing = unavailable.map(\.0)
        try withExitCodes {
            let report = try ReproduceReport(fits: results, dataSets: dataSets).jsonData()
            files.append(OutputFile(path: "reproduce.json", contents: report))
            files.append(OutputFile(path: "comparison.md",
                                    contents: Data(ComparisonFiles.markdown(results, dataSets: dataSets, unavailable: missing).utf8)))
            files.append(OutputFile(path: "comparison.csv", contents: Data(ComparisonFiles.csv(results, dataSets: dataSets).utf8)))
            try write(files.sorted { $0.path < $1.path }, to: folder)
            try output?.write(report)
        }
        say(Report.reproduceSummary(results, dataSets: dataSets, unavailable: missing))
        say("\(results.count) fits run, \(invalid.count) invalid, \(unavailable.count) not available")
        if !invalid.isEmpty { throw Exit.invalidFit }
    }
}
