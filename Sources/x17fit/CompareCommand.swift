import ArgumentParser
import FileSafety
import Foundation
import Probability
import Statistics
import X17Analysis

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run several fits and compare them: χ², ndof, p-value, Nσ, AIC and BIC side by side.",
        discussion: """
            AIC = χ² + 2k and BIC = χ² + k ln n, with k the free parameters and n the data points (as counted \
            for ndof). Δ columns are relative to the smallest value. For two fits of the same data whose free \
            parameters differ, the table also gives the likelihood-ratio p-value of Δχ² with Δk dof (Wilks; \
            meaningful only for nested hypotheses: vector and axial are not nested).

            The fits must use the same data (the same measurement rows of the same dataset files): AIC, BIC and \
            χ² of different data are not comparable. --allow-different-data tabulates them anyway, with a data \
            column naming each data set.

            Example:
              x17fit compare fits/dg2023-vector-none.toml fits/dg2023-vector-mixing.toml fits/dg2023-vector-mixing-breaking.toml
            """)

    @Argument(help: "Two or more fit specs.")
    var fitspecs: [String]

    @Option(help: "Write the comparison as JSON here ('-': standard output, the table then goes to standard error).")
    var json: String?

    @Option(help: "The datasets directory (default: <spec dir>/../datasets).")
    var datasets: String?

    @Flag(help: "Tabulate fits of different data (each row says which data set it used).")
    var allowDifferentData = false

    /// The `--json` file (`schemas/compare.schema.json`): the generator, then one row per fit.
    struct ComparisonFile: Codable {
        var schemaVersion = 1
        var generator: String
        var fits: [Row]

        enum CodingKeys: String, CodingKey { case schemaVersion = "schema_version", generator, fits }
    }

    struct Row: Codable {
        var fit: String
        /// Which data set the fit used (D1, D2, …; one label when all fits share their data).
        var data: String
        var hypothesis: String
        var isospin: String
        var chi2: Double
        var ndof: Int
        var pvalue: Double?
        var nsigma: Double?
        var freeParameters: Int
        var dataPoints: Int
        var aic: Double
        var bic: Double
        var valid: Bool
        /// Nuclear inputs the fit took from the user (omitted when none).
        var userSuppliedInputs: [UserSuppliedInput]?

        enum CodingKeys: String, CodingKey {
            case fit, data, hypothesis, isospin, chi2, ndof, pvalue, nsigma, aic, bic, valid
            case userSuppliedInputs = "user_supplied_inputs"
            case freeParameters = "free_parameters", dataPoints = "data_points"
        }
    }

    func run() throws {
        guard fitspecs.count >= 2 else {
            printError("compare needs at least two fit specs, got \(fitspecs.count)")
            throw Exit.badInput
        }
        var output: JSONDestination?
        var dataLabels: [String] = []
        let rows = try withExitCodes { () throws -> [Row] in
            output = try JSONDestination.checked(json)
            let setups = try fitspecs.map { try prepareFit($0, datasets: datasets) }
            dataLabels = try Self.dataSets(setups, specs: fitspecs, allowDifferent: allowDifferentData)
            return try zip(fitspecs, setups).enumerated().map { index, pair in
                let (path, setup) = pair
                let outcome = try FitRunner.run(setup, version: x17fitVersion, git: gitRevision(near: directory(of: path)))
                let r = outcome.result
                let k = r.parameters.filter { !$0.fixed }.count
                return Row(fit: r.fit, data: dataLabels[index], hypothesis: r.hypothesis, isospin: r.isospin, chi2: r.chi2, ndof: r.ndof,
                           pvalue: r.pvalue, nsigma: r.nsigma, freeParameters: k, dataPoints: r.dataPoints,
                           aic: r.chi2 + 2 * Double(k), bic: r.chi2 + Double(k) * log(Double(max(r.dataPoints, 1))),
                           valid: r.problems.isEmpty, userSuppliedInputs: r.userSuppliedInputs)
            }
        }
        let minAIC = rows.map(\.aic).min()!, minBIC = rows.map(\.bic).min()!
        say(Report.table(
            ["fit", "data", "chi2", "ndof", "p-value", "Nsigma", "k", "n", "AIC", "dAIC", "BIC", "dBIC", "valid"],
            rows.map { r in
                [r.fit, r.data, Report.number(r.chi2, 6), "\(r.ndof)", r.pvalue.map { Report.number($0, 3) } ?? "-",
                 r.nsigma.map { String(format: "%.2f", $0) } ?? "-", "\(r.freeParameters)", "\(r.dataPoints)",
                 Report.number(r.aic, 6), String(format: "%.2f", r.aic - minAIC), Report.number(r.bic, 6),
                 String(format: "%.2f", r.bic - minBIC), r.valid ? "yes" : "NO"]
            }) + Report.userSuppliedNote(rows.map { ($0.fit, $0.userSuppliedInputs ?? []) }), jsonOnStdout: json == "-")
        var tests: [String] = []
        for i in rows.indices { for j in rows.indices where i < j {
            let (a, b) = (rows[i], rows[j])
            guard a.data == b.data, a.freeParameters != b.freeParameters else { continue }
            if a.hypothesis != b.hypothesis {
                tests.append("\(a.fit) vs \(b.fit): \(a.hypothesis) and \(b.hypothesis) are not nested, so Wilks' theorem does not "
                             + "give a p-value for their Δχ²; calibrate it with toys")
                continue
            }
            let (small, big) = a.freeParameters < b.freeParameters ? (a, b) : (b, a)
            let delta = small.chi2 - big.chi2
            let dk = big.freeParameters - small.freeParameters
            if delta >= 0, let p = try? pValue(chi2: delta, ndof: dk) {
                tests.append("\(small.fit) vs \(big.fit): Δχ² = \(Report.number(delta, 4)) for \(dk) dof, p = \(Report.number(p, 3)) (if nested)")
            }
        } }
        if !tests.isEmpty { say("\nlikelihood-ratio tests:\n" + tests.joined(separator: "\n"), jsonOnStdout: json == "-") }
        if let output {
            try withExitCodes {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
                try output.write(try encoder.encode(ComparisonFile(generator: generatorName, fits: rows)) + Data("\n".utf8))
            }
        }
        if rows.contains(where: { !$0.valid }) { throw Exit.invalidFit }
    }

    /// A label per fit naming its data set (D1, D2, … in order of first use). Throws, naming the differing rows,
    /// when the fits use different data and `allowDifferent` is off. The data of a fit are its measurement,
    /// limit and summary rows with the SHA-256 of their dataset files; priors are not data.
    static func dataSets(_ setups: [FitSetup], specs: [String], allowDifferent: Bool) throws -> [String] {
        let sets = setups.map(DataSets.rows)
        let (labels, distinct) = DataSets.labels(sets)
        if distinct.count > 1 && !allowDifferent {
            let (a, b) = (sets[0], sets.first { $0 != sets[0] }!)
            let other = specs[sets.firstIndex(of: b)!]
            func names(_ keys: Set<String>) -> String { DataSets.describe(keys, limit: 4) }
            throw InputError(file: "command line", field: "fitspecs", """
                the fits use different data: \(specs[0]) has \(names(a.subtracting(b))) that \(other) has not, and \(other) has \
                \(names(b.subtracting(a))); χ², AIC and BIC of different data are not comparable (--allow-different-data \
                tabulates them anyway, labelled by data set)
                """)
        }
        return labels
    }
}
