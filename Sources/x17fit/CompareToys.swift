import Foundation
import Toys
import X17Analysis

/// `compare --toys N`: the toy calibration of the Δχ² = χ²(B) − χ²(A) of one pair of non-nested fits.
struct ToyCalibration: Codable {
    var a: String
    var b: String
    var seed: UInt64
    var toys: Int
    var summary: ComparisonSummary
}

extension CompareCommand {
    /// Runs `toys` pseudo-experiments under each fit of every pair in `pairs` (indices into `setups`; A is the
    /// first), generated at that fit's best fit of the observed data, and prints where the observed Δχ² falls.
    /// Throws when no pair qualifies; a pair with an invalid fit is reported and skipped.
    func calibrate(_ pairs: [(Int, Int)], setups: [FitSetup], outcomes: [FitOutcome], toys: Int, seed: UInt64) async throws
        -> [ToyCalibration] {
        guard !pairs.isEmpty else {
            throw InputError(file: "command line", field: "--toys", """
                no two of the fits on the same data are non-nested, so there is no Δχ² to calibrate (nested pairs \
                use Wilks' theorem above; the same model twice has none)
                """)
        }
        var calibrations: [ToyCalibration] = []
        var lines = ["", "toy-calibrated p-values of Δχ² = χ²(B) − χ²(A) for non-nested fits (\(toys) toys under each, seed \(seed)):"]
        for (i, j) in pairs {
            let (a, b) = (setups[i], setups[j])
            if let invalid = [(a, outcomes[i]), (b, outcomes[j])].first(where: { !$0.1.result.problems.isEmpty }) {
                lines.append("\(a.spec.name) vs \(b.spec.name): not calibrated, the fit of '\(invalid.0.spec.name)' is not valid")
                continue
            }
            let comparison = ToyComparison(model: try FitComparisonModel(a: a, b: b, minima: (outcomes[i].minimum.values, outcomes[j].minimum.values)), truthA: outcomes[i].minimum.values,
                                           truthB: outcomes[j].minimum.values, options: ToyOptions(seed: seed, threads: threads))
            var results: [[ComparisonToy]] = []
            for underA in [true, false] {
                let name = (underA ? a : b).spec.name
                let reporter = ToyProgressReporter(label: "toys under \(name)")
                results.append(await comparison.run(underA: underA, 0..<toys) { reporter.update($0) })
            }
            let observed = outcomes[j].result.chi2 - outcomes[i].result.chi2
            let summary = ComparisonSummary(observed: observed, underA: results[0], underB: results[1])
            calibrations.append(ToyCalibration(a: a.spec.name, b: b.spec.name, seed: seed, toys: toys, summary: summary))
            func text(_ x: BinomialFraction) -> String {
                guard let p = x.fraction, let e = x.error else { return "–" }
                return "\(Report.number(p, 4)) ± \(Report.number(e, 2)) (\(x.count)/\(x.total))"
            }
            lines += [
                "\(a.spec.name) (A) vs \(b.spec.name) (B): observed Δχ² = \(Report.number(observed, 5))",
                "  under A: P(Δχ² ≤ observed) = \(text(summary.pValueUnderA)), \(summary.failedUnderA) failed",
                "  under B: P(Δχ² ≥ observed) = \(text(summary.pValueUnderB)), \(summary.failedUnderB) failed",
            ]
        }
        for line in lines { say(line, jsonOnStdout: json == "-") }
        return calibrations
    }
}
