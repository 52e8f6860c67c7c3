import ArgumentParser
import FileSafety
import Foundation
import Statistics
import Toys
import X17Analysis

struct ToysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "toys",
        abstract: "Toy Monte Carlo of a fit: χ²_min distribution, toy vs Wilks p-value, interval coverage; or Δχ² of two fits.",
        discussion: """
            Pseudo-data are drawn at the best fit of the observed data (full covariance of the measurements; \
            priors, summaries, floated nuclear inputs and Gaussian external constraints redrawn as auxiliary \
            measurements; limits and excluded windows held fixed) and refitted with \
            MIGRAD + HESSE (+ MINOS with --minos). A toy that fails is retried once from the spec's start values, \
            then recorded as failed. Toy i uses the Philox4x32-10 stream (seed, i): the output is bit-identical \
            for any --threads and any sharding. With --shard i/K the toys of block i are written as a shard file \
            into --out; `x17fit merge DIR` joins the shards (with --against too).

            Examples:
              x17fit toys fits/dg2023-vector-none.toml --n 100000 --seed 1 --json toys.json
              x17fit toys fits/dg2023-vector-none.toml --n 100000 --seed 1 --shard 0/4 --out shards/
              x17fit toys fits/dg2023-vector-none.toml --against fits/dg2023-vector-mixing.toml --n 10000 --seed 1
            """)

    @Argument(help: "The fit spec (fits/NAME.toml).")
    var fitspec: String

    @Option(name: .customLong("n"), parsing: .unconditional, help: "Number of toys (≥ 1).")
    var count: Int

    @Option(parsing: .unconditional, help: "Seed of the random streams: an integer in 0…2⁶⁴−1.")
    var seed: String

    @Option(parsing: .unconditional, help: "Worker threads (default: all cores). The output does not depend on it.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Also run MINOS (68.27 % and 95 %) on every toy, for MINOS coverage.")
    var minos = false

    @Option(parsing: .unconditional, help: "Minuit strategy 0, 1 or 2 for every fit.")
    var strategy = 1

    @Option(parsing: .unconditional, help: "Compute one block of the toys, i/K with 0 ≤ i < K, into a shard folder (--out).")
    var shard: String?

    @Option(help: "Output folder: toys.json and toys.csv, or the shard folder with --shard.")
    var out: String?

    @Option(help: "Write the study's JSON here ('-': standard output).")
    var json: String?

    @Flag(help: "Replace an earlier x17fit output of the same kind (never anything else).")
    var force = false

    @Option(help: "The datasets directory (default: <spec dir>/../datasets).")
    var datasets: String?

    @Option(help: "Compare with this fit of the same data: toy distributions of Δχ² = χ²(B) − χ²(A) under each.")
    var against: String?

    func run() async throws {
        try await withExitCodes {
            let seedValue = try parseSeed(seed)
            guard count >= 1 else { throw InputError(file: "command line", field: "--n", "expected at least 1 toy, got \(count)") }
            try requirePositiveThreads(threads)
            guard (0...2).contains(strategy) else {
                throw InputError(file: "command line", field: "--strategy", "expected 0, 1 or 2, got \(strategy)")
            }
            let shardSpec: Shard?
            do { shardSpec = try shard.map { try Shard(parsing: $0) } } catch let error as StatisticsError {
                let message = error.description.replacingOccurrences(of: "profile grid: ", with: "")
                throw InputError(file: "command line", field: "--shard", message)
            }
            if shardSpec != nil {
                guard out != nil else { throw InputError(file: "command line", field: "--shard", "needs --out DIR (the shard folder)") }
                guard json == nil else { throw InputError(file: "command line", field: "--json", "a shard is written into --out; merge the shards for the JSON") }
            }
            let folder = try out.map { try checkedOutputFolder($0, kind: shardSpec == nil ? .toys : .shards, force: force) }
            let jsonOutput = try JSONDestination.checked(json)
            let setup = try prepareFit(fitspec, datasets: datasets)
            let git = gitRevision(near: directory(of: fitspec))
            let observed = try FitRunner.run(setup, options: FitOptions(strategy: strategy), version: x17fitVersion, git: git)
            guard observed.result.problems.isEmpty else {
                printError("the fit of the observed data is not valid (\(observed.result.problems.joined(separator: "; "))); no toys were generated")
                throw Exit.invalidFit
            }
            if let against {
                return try await runComparison(setup, observed: observed, against: against, seed: seedValue, shard: shardSpec,
                                               folder: folder, json: jsonOutput)
            }
            let model = FitToyModel(setup: setup)
            let truth = observed.minimum.values
            let study = ToyStudy(model: model, truth: truth,
                                 options: ToyOptions(seed: seedValue, minos: minos, strategy: strategy, threads: threads))
            let header = ToyStudyHeader(
                fit: setup.spec.name, seed: seedValue, toys: count, minos: minos, strategy: strategy,
                provenance: observed.result.provenance, parameters: model.parameters.map(\.name), generatingValues: truth,
                freeParameters: study.freeNames, observedChi2: observed.result.chi2, ndof: observed.result.ndof,
                userSuppliedInputs: observed.result.userSuppliedInputs)
            let range = shardSpec.map { ToyShardFile.range(of: $0, toys: count) } ?? 0..<count
            let reporter = ToyProgressReporter(label: "toys \(setup.spec.name)" + (shardSpec.map { " shard \($0)" } ?? ""))
            let records = await study.run(range) { reporter.update($0) }
            reporter.finish(records)
            if let s = shardSpec, let folder {
                let file = ToyShardFile(study: header, shard: s.description, records: records)
                let url = try namingOption("--out") {
                    try folder.add(OutputFile(path: ToyShardFile.name(fit: header.fit, shard: s),
                                              contents: try ToyShardFile.encoder.encode(file))) { isX17fitJSON($1) }
                }
                print("wrote toys \(range.lowerBound)..<\(range.upperBound) (shard \(s)) to \(url.path)")
                return
            }
            try writeToyReport(ToyReport(study: header, records: records), records: records, folder: folder,
                               json: jsonOutput, jsonOnStdout: json == "-")
        }
    }
}

/// Prints the report and writes `toys.json` / `toys.csv` into `folder` and the JSON to `json`.
func writeToyReport(_ report: ToyReport, records: [ToyRecord], folder: OutputFolder?, json: JSONDestination?,
                    jsonOnStdout: Bool) throws {
    for line in toyReportLines(report) { say(line, jsonOnStdout: jsonOnStdout) }
    guard folder != nil || json != nil else { return }
    let data = try report.jsonData()
    if let folder {
        let written = try write(toyFiles(report, json: data, records: records), to: folder)
        say("wrote \(written.count) files to \(folder.path)/", jsonOnStdout: jsonOnStdout)
    }
    if let json { try json.write(data) }
}

/// `--seed`: a non-negative integer that fits in 64 bits.
func parseSeed(_ text: String) throws -> UInt64 {
    guard let v = UInt64(text.trimmingCharacters(in: .whitespaces)) else {
        throw InputError(file: "command line", field: "--seed", "expected a non-negative integer below 2^64, got '\(text)'")
    }
    return v
}
