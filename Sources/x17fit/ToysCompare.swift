import FileSafety
import Foundation
import Statistics
import Toys
import X17Analysis

/// `toys A --against B`: the toy distributions of Δχ² = χ²_min(B) − χ²_min(A) under each hypothesis.
struct ComparisonReport: Codable {
    var format = "x17fit-toys-compare-1"
    var generator = generatorName
    var a: String
    var b: String
    var seed: UInt64
    var toys: Int
    var chi2A: Double
    var chi2B: Double
    var provenanceA: Provenance
    var provenanceB: Provenance
    var summary: ComparisonSummary
    var deltaChi2UnderA: [Double?]
    var deltaChi2UnderB: [Double?]
    /// Inputs of A and of B the shipped catalogue has no value for (nil when neither fit uses any).
    var userSuppliedInputsA: [UserSuppliedInput]?
    var userSuppliedInputsB: [UserSuppliedInput]?

    enum CodingKeys: String, CodingKey {
        case format, generator, a, b, seed, toys, chi2A = "chi2_a", chi2B = "chi2_b", provenanceA = "provenance_a"
        case provenanceB = "provenance_b", summary, deltaChi2UnderA = "delta_chi2_under_a", deltaChi2UnderB = "delta_chi2_under_b"
        case userSuppliedInputsA = "user_supplied_inputs_a", userSuppliedInputsB = "user_supplied_inputs_b"
    }
}

/// One shard of `toys A --against B --shard i/K`: the toys of block i under each hypothesis.
struct ComparisonShardFile: Codable {
    var format = "x17fit-toys-compare-shard-1"
    /// The report without its summary and toys: what every shard must agree on.
    var header: ComparisonReport
    var strategy: Int
    var shard: String
    var underA: [ComparisonToy]
    var underB: [ComparisonToy]

    enum CodingKeys: String, CodingKey { case format, header, strategy, shard, underA = "under_a", underB = "under_b" }

    /// File name of shard `s` of the comparison of `a` with `b`.
    static func name(a: String, b: String, shard s: Shard) -> String { "\(a)-vs-\(b).toys-compare.shard-\(s.index)-of-\(s.count).json" }
}

extension ComparisonReport {
    /// The report of `underA` and `underB` (every toy, in index order) under `header`'s study.
    init(header: ComparisonReport, underA: [ComparisonToy], underB: [ComparisonToy]) {
        self = header
        summary = ComparisonSummary(observed: chi2B - chi2A, underA: underA, underB: underB)
        deltaChi2UnderA = underA.map(\.deltaChi2)
        deltaChi2UnderB = underB.map(\.deltaChi2)
    }

    /// The report's lines for the terminal.
    var lines: [String] {
        let s = summary
        func f(_ x: BinomialFraction) -> String {
            guard let p = x.fraction, let e = x.error else { return "–" }
            return "\(Report.number(p, 4)) ± \(Report.number(e, 2)) (\(x.count)/\(x.total))"
        }
        return [
            "toys \(a) (A) against \(b) (B): \(toys) toys under each (seed \(seed))",
            "observed Δχ² = χ²(B) − χ²(A) = \(Report.number(chi2B, 6)) − \(Report.number(chi2A, 6)) = \(Report.number(s.observedDeltaChi2, 5))",
            "  under A: mean Δχ² \(s.meanUnderA.map { Report.number($0, 4) } ?? "–"), P(Δχ² ≤ observed) = \(f(s.pValueUnderA)), \(s.failedUnderA) failed",
            "  under B: mean Δχ² \(s.meanUnderB.map { Report.number($0, 4) } ?? "–"), P(Δχ² ≥ observed) = \(f(s.pValueUnderB)), \(s.failedUnderB) failed",
        ] + [Report.userSuppliedNote([(a, userSuppliedInputsA ?? []), (b, userSuppliedInputsB ?? [])])]
            .filter { !$0.isEmpty }.map { String($0.dropFirst()) }
    }

    /// Prints the report and writes `toys-compare.json` into `folder` and the JSON to `json`.
    func emit(folder: OutputFolder?, json: JSONDestination?, jsonOnStdout: Bool) throws {
        for line in lines { say(line, jsonOnStdout: jsonOnStdout) }
        let data = try ToyReport.encoder.encode(self)
        if let folder {
            let written = try write([OutputFile(path: "toys-compare.json", contents: data)], to: folder)
            say("wrote \(written.count) files to \(folder.path)/", jsonOnStdout: jsonOnStdout)
        }
        if let json { try json.write(data) }
    }
}

extension ToysCommand {
    /// Runs the comparison of `setup` (A) with the fit `against` (B) and writes its report, or with `shard` the
    /// toys of that block into the shard folder.
    func runComparison(_ setup: FitSetup, observed: FitOutcome, against: String, seed: UInt64, shard: Shard?,
                       folder: OutputFolder?, json: JSONDestination?) async throws {
        let other = try prepareFit(against, datasets: datasets)
        let git = gitRevision(near: directory(of: against))
        let observedB = try FitRunner.run(other, options: FitOptions(strategy: strategy), version: x17fitVersion, git: git)
        guard observedB.result.problems.isEmpty else {
            printError("the fit of '\(other.spec.name)' to the observed data is not valid (\(observedB.result.problems.joined(separator: "; ")))")
            throw Exit.invalidFit
        }
        let model = try FitComparisonModel(a: setup, b: other, minima: (observed.minimum.values, observedB.minimum.values))
        let comparison = ToyComparison(model: model, truthA: observed.minimum.values, truthB: observedB.minimum.values,
                                       options: ToyOptions(seed: seed, strategy: strategy, threads: threads))
        let range = shard.map { ToyShardFile.range(of: $0, toys: count) } ?? 0..<count
        var results: [[ComparisonToy]] = []
        for underA in [true, false] {
            let name = (underA ? setup.spec.name : other.spec.name) + (shard.map { " shard \($0)" } ?? "")
            let reporter = ToyProgressReporter(label: "toys under \(name)")
            let toys = await comparison.run(underA: underA, range) { reporter.update($0) }
            FileHandle.standardError.write(Data("toys under \(name): \(toys.count) toys, \(toys.filter { $0.deltaChi2 == nil }.count) failed\n".utf8))
            results.append(toys)
        }
        let header = ComparisonReport(
            a: setup.spec.name, b: other.spec.name, seed: seed, toys: count, chi2A: observed.result.chi2,
            chi2B: observedB.result.chi2, provenanceA: observed.result.provenance, provenanceB: observedB.result.provenance,
            summary: ComparisonSummary(observed: observedB.result.chi2 - observed.result.chi2, underA: [], underB: []),
            deltaChi2UnderA: [], deltaChi2UnderB: [], userSuppliedInputsA: observed.result.userSuppliedInputs,
            userSuppliedInputsB: observedB.result.userSuppliedInputs)
        if let shard, let folder {
            let file = ComparisonShardFile(header: header, strategy: strategy, shard: shard.description, underA: results[0], underB: results[1])
            let url = try namingOption("--out") {
                try folder.add(OutputFile(path: ComparisonShardFile.name(a: header.a, b: header.b, shard: shard),
                                          contents: try ToyShardFile.encoder.encode(file))) { isX17fitJSON($1) }
            }
            print("wrote toys \(range.lowerBound)..<\(range.upperBound) under each (shard \(shard)) to \(url.path)")
            return
        }
        try ComparisonReport(header: header, underA: results[0], underB: results[1])
            .emit(folder: folder, json: json, jsonOnStdout: self.json == "-")
    }
}

extension MergeCommand {
    /// Joins the shards `names` of `toys A --against B --shard` in `dir` and writes the report as the unsharded run.
    func mergeComparison(_ names: [String]) throws {
        let shards = try readShardSet(names, in: dir, as: "toy comparison") { (f: ComparisonShardFile) in f.shard }
        let first = shards[0]
        for s in shards {
            try requireSame(s.file.header, first.file.header, field: "header", path: s.path, firstPath: first.path)
            try requireSame(s.file.strategy, first.file.strategy, field: "strategy", path: s.path, firstPath: first.path)
            let expected = Array(ToyShardFile.range(of: s.shard, toys: s.file.header.toys))
            guard s.file.underA.map(\.index) == expected, s.file.underB.map(\.index) == expected else {
                throw InputError(file: s.path, field: "under_a", "does not hold exactly the toys of shard \(s.shard)")
            }
        }
        let header = first.file.header
        let folder = try checkedOutputFolder(out ?? dir + "/\(header.a)-vs-\(header.b)", kind: .toys, force: force)
        let jsonOutput = try JSONDestination.checked(json)
        say("merged \(shards.count) toy comparison shards of \(header.a) against \(header.b)", jsonOnStdout: json == "-")
        try ComparisonReport(header: header, underA: shards.flatMap(\.file.underA), underB: shards.flatMap(\.file.underB))
            .emit(folder: folder, json: jsonOutput, jsonOnStdout: json == "-")
    }
}
