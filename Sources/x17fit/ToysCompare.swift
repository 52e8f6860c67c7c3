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

    enum CodingKeys: String, CodingKey {
        case format, generator, a, b, seed, toys, chi2A = "chi2_a", chi2B = "chi2_b", provenanceA = "provenance_a"
        case provenanceB = "provenance_b", summary, deltaChi2UnderA = "delta_chi2_under_a", deltaChi2UnderB = "delta_chi2_under_b"
    }
}

extension ToysCommand {
    /// Runs the comparison of `setup` (A) with the fit `against` (B) and writes its report.
    func runComparison(_ setup: FitSetup, observed: FitOutcome, against: String, seed: UInt64, folder: OutputFolder?,
                       json: JSONDestination?) async throws {
        let other = try prepareFit(against, datasets: datasets)
        let git = gitRevision(near: directory(of: against))
        let observedB = try FitRunner.run(other, options: FitOptions(strategy: strategy), version: x17fitVersion, git: git)
        guard observedB.result.problems.isEmpty else {
            printError("the fit of '\(other.spec.name)' to the observed data is not valid (\(observedB.result.problems.joined(separator: "; ")))")
            throw Exit.invalidFit
        }
        let model = try FitComparisonModel(a: setup, b: other)
        let comparison = ToyComparison(model: model, truthA: observed.minimum.values, truthB: observedB.minimum.values,
                                       options: ToyOptions(seed: seed, strategy: strategy, threads: threads))
        var results: [[ComparisonToy]] = []
        for underA in [true, false] {
            let name = underA ? setup.spec.name : other.spec.name
            let reporter = ToyProgressReporter(label: "toys under \(name)")
            let toys = await comparison.run(underA: underA, 0..<count) { reporter.update($0) }
            FileHandle.standardError.write(Data("toys under \(name): \(toys.count) toys, \(toys.filter { $0.deltaChi2 == nil }.count) failed\n".utf8))
            results.append(toys)
        }
        let delta = observedB.result.chi2 - observed.result.chi2
        let report = ComparisonReport(
            a: setup.spec.name, b: other.spec.name, seed: seed, toys: count, chi2A: observed.result.chi2,
            chi2B: observedB.result.chi2, provenanceA: observed.result.provenance, provenanceB: observedB.result.provenance,
            summary: ComparisonSummary(observed: delta, underA: results[0], underB: results[1]),
            deltaChi2UnderA: results[0].map(\.deltaChi2), deltaChi2UnderB: results[1].map(\.deltaChi2))
        let s = report.summary
        func f(_ x: BinomialFraction) -> String {
            guard let p = x.fraction, let e = x.error else { return "–" }
            return "\(Report.number(p, 4)) ± \(Report.number(e, 2)) (\(x.count)/\(x.total))"
        }
        let lines = [
            "toys \(report.a) (A) against \(report.b) (B): \(count) toys under each (seed \(seed))",
            "observed Δχ² = χ²(B) − χ²(A) = \(Report.number(report.chi2B, 6)) − \(Report.number(report.chi2A, 6)) = \(Report.number(delta, 5))",
            "  under A: mean Δχ² \(s.meanUnderA.map { Report.number($0, 4) } ?? "–"), P(Δχ² ≤ observed) = \(f(s.pValueUnderA)), \(s.failedUnderA) failed",
            "  under B: mean Δχ² \(s.meanUnderB.map { Report.number($0, 4) } ?? "–"), P(Δχ² ≥ observed) = \(f(s.pValueUnderB)), \(s.failedUnderB) failed",
        ]
        for line in lines { say(line, jsonOnStdout: self.json == "-") }
        let data = try ToyReport.encoder.encode(report)
        if let folder {
            let written = try write([OutputFile(path: "toys-compare.json", contents: data)], to: folder)
            say("wrote \(written.count) files to \(folder.path)/", jsonOnStdout: self.json == "-")
        }
        if let json { try json.write(data) }
    }
}
