import ArgumentParser
import FileSafety
import Foundation
import Probability
import Statistics
import X17Analysis

struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run several fits and compare them: χ², ndof, p-value, Nσ, AIC and BIC side by side.",
        discussion: """
            AIC = χ² + 2k and BIC = χ² + k ln n, with k the free parameters and n the data points (as counted \
            for ndof). Δ columns are relative to the smallest value. For two nested fits of the same data (the \
            free parameters of one a strict subset of the other's, same hypothesis or the larger one mixed, same \
            isospin treatment, ⁴He convention and priors, shared fixed parameters at the same values), the \
            table gives the likelihood-ratio p-value of Δχ² with Δk dof (Wilks). Other pairs are not nested \
            (vector and axial never are, nor two isospin treatments): Wilks does not apply, and with --toys N each such pair is calibrated \
            with N pseudo-experiments under each (as `x17fit toys A --against B`): the p-values of the observed \
            Δχ² = χ²(B) − χ²(A) under A and under B, with their binomial errors, bit-identical for any --threads.

            The fits must use the same data: the same measurement, limit and summary rows of the same dataset \
            files, and the same external constraints (a constraint one fit lacks is ignored only where it adds \
            nothing to that fit's χ² at its minimum, e.g. π⁰ → γX for an axial fit). AIC, BIC and χ² of different \
            data are not comparable. --allow-different-data tabulates them anyway, with a data column naming each \
            data set and a legend listing each set's rows and constraints.

            Example:
              x17fit compare fits/dg2023-vector-none.toml fits/dg2023-vector-mixing.toml fits/dg2023-vector-mixing-breaking.toml
              x17fit compare fits/axial-be.toml fits/vector-be.toml --toys 10000 --seed 1
            """)

    @Argument(help: "Two or more fit specs.")
    var fitspecs: [String]

    @Option(help: "Write the comparison as JSON here ('-': standard output, the table then goes to standard error).")
    var json: String?

    @Option(help: "The datasets directory (default: <spec dir>/../datasets).")
    var datasets: String?

    @Flag(help: "Tabulate fits of different data (each row says which data set it used).")
    var allowDifferentData = false

    @Option(parsing: .unconditional, help: "Calibrate the Δχ² of non-nested pairs with this many toys under each hypothesis (≥ 1).")
    var toys: Int?

    @Option(parsing: .unconditional, help: "Seed of the toys' random streams (with --toys): an integer in 0…2⁶⁴−1.")
    var seed = "1"

    @Option(parsing: .unconditional, help: "Worker threads for --toys (default: all cores). The output does not depend on it.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    /// The `--json` file (`schemas/compare.schema.json`): the generator, then one row per fit.
    struct ComparisonFile: Encodable {
        var schemaVersion = 1
        var generator: String
        var fits: [Row]
        /// The data sets the rows' `data` labels name (rows, external constraints, the fits that use them).
        var dataSets: [ReproduceReport.DataSet]
        /// With `--toys`: one calibration per non-nested pair on the same data.
        var toyComparisons: [ToyCalibration]?

        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schema_version", generator, fits, dataSets = "data_sets", toyComparisons = "toy_comparisons"
        }
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

    func run() async throws {
        try withExitCodes {
            guard fitspecs.count >= 2 else {
                throw InputError(file: "command line", field: "fitspecs", "compare needs at least two fit specs, got \(fitspecs.count)")
            }
        }
        var output: JSONDestination?
        var dataLabels: [String] = []
        var dataSets: [ReproduceReport.DataSet] = []
        var setups: [FitSetup] = [], outcomes: [FitOutcome] = []
        var seedValue: UInt64 = 0
        let rows = try withExitCodes { () throws -> [Row] in
            if let toys {
                guard toys >= 1 else { throw InputError(file: "command line", field: "--toys", "expected at least 1 toy, got \(toys)") }
                seedValue = try parseSeed(seed)
                try requirePositiveThreads(threads)
            }
            output = try JSONDestination.checked(json)
            setups = try fitspecs.map { try prepareFit($0, datasets: datasets) }
            outcomes = try zip(fitspecs, setups).map { path, setup in
                try FitRunner.run(setup, version: x17fitVersion, git: gitRevision(near: directory(of: path)))
            }
            (dataLabels, dataSets) = try Self.dataSets(setups, minima: outcomes.map(\.minimum.values), specs: fitspecs,
                                                       allowDifferent: allowDifferentData)
            return outcomes.enumerated().map { index, outcome in
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
            }) + Report.userSuppliedNote(rows.map { ($0.fit, $0.userSuppliedInputs ?? []) })
            + (dataSets.count > 1 ? "\ndata sets (χ², AIC and BIC of different data sets are not comparable):\n"
               + dataSets.map { "  \($0.label) (\($0.fits.joined(separator: ", "))): \($0.summary)" }.joined(separator: "\n") : ""),
            jsonOnStdout: json == "-")
        var tests: [String] = []
        var nonNested: [(Int, Int)] = []
        let models = zip(setups, outcomes).map { NestingModel($0.0, $0.1.result) }
        for i in rows.indices { for j in rows.indices where i < j {
            let (a, b) = (rows[i], rows[j])
            guard a.data == b.data else { continue }
            switch models[i].nesting(models[j]) {
            case .same:
                continue
            case .none(let why):
                nonNested.append((i, j))
                if toys == nil {
                    tests.append("\(a.fit) vs \(b.fit): not nested (\(why)), so Wilks' theorem does not give a p-value for their "
                                 + "Δχ²; calibrate it with --toys N")
                }
            case .inner(let aIsInner):
                let (small, big) = aIsInner ? (a, b) : (b, a)
                let delta = small.chi2 - big.chi2
                let dk = big.freeParameters - small.freeParameters
                if delta >= 0, let p = try? pValue(chi2: delta, ndof: dk) {
                    tests.append("\(small.fit) in \(big.fit): Δχ² = \(Report.number(delta, 4)) for \(dk) dof, p = \(Report.number(p, 3)) "
                                 + "(Wilks; the extra parameters' null values must not lie on a limit)")
                }
            }
        } }
        if !tests.isEmpty { say("\nlikelihood-ratio tests:\n" + tests.joined(separator: "\n"), jsonOnStdout: json == "-") }
        var calibrations: [ToyCalibration]?
        if let toys {
            calibrations = try await withExitCodes {
                try await calibrate(nonNested, setups: setups, outcomes: outcomes, toys: toys, seed: seedValue)
            }
        }
        if let output {
            try withExitCodes {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
                let file = ComparisonFile(generator: generatorName, fits: rows, dataSets: dataSets, toyComparisons: calibrations)
                try output.write(try encoder.encode(file) + Data("\n".utf8))
            }
        }
        if rows.contains(where: { !$0.valid }) { throw Exit.invalidFit }
    }

    /// A label per fit naming its data set (D1, D2, … in order of first use) and the data sets. Throws, naming the
    /// differing rows and constraints, when the fits use different data and `allowDifferent` is off. The data of a
    /// fit are its measurement, limit and summary rows and its external constraints, with the SHA-256 of their
    /// files; a constraint one fit of a pair lacks is passed over where it vanishes at that fit's minimum
    /// (``DataSets/difference(_:_:minima:)``). Priors are not data.
    static func dataSets(_ setups: [FitSetup], minima: [[Double]], specs: [String], allowDifferent: Bool) throws
        -> (labels: [String], sets: [ReproduceReport.DataSet]) {
        let (labels, first) = DataSets.comparisonLabels(setups, minima: minima)
        if first.count > 1 && !allowDifferent {
            let j = first[1]
            let d = DataSets.difference(setups[0], setups[j], minima: (minima[0], minima[j]))
            func names(_ keys: Set<String>) -> String { DataSets.describe(keys, limit: 4) }
            throw InputError(file: "command line", field: "fitspecs", """
                the fits use different data: \(specs[0]) has \(names(d.onlyA)) that \(specs[j]) has not, and \(specs[j]) has \
                \(names(d.onlyB)); χ², AIC and BIC of different data are not comparable (--allow-different-data \
                tabulates them anyway, labelled by data set)
                """)
        }
        return (labels, ReproduceReport.DataSet.list(rows: first.map { DataSets.comparisonData(of: setups[$0]) },
                                                     labels: labels, names: setups.map(\.spec.name)))
    }
}

/// What decides whether two fits of the same data are nested: hypothesis, free and fixed parameters, and the
/// model settings (isospin treatment, ⁴He convention, priors).
struct NestingModel {
    var hypothesis: String
    var free: Set<String>
    var fixed: [String: Double]
    var settings: [(name: String, value: String)]

    init(_ setup: FitSetup, _ result: FitResult) {
        hypothesis = result.hypothesis
        free = Set(result.parameters.filter { !$0.fixed }.map(\.name))
        fixed = Dictionary(result.parameters.filter(\.fixed).map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        settings = [("isospin", setup.spec.isospin.rawValue), ("he_convention", setup.spec.heConvention.rawValue),
                    ("priors", setup.spec.priors.sorted().joined(separator: ", "))]
    }

    enum Relation: Equatable {
        /// The same model (same free parameters and settings): no test.
        case same
        /// Nested; true when this fit is the inner one.
        case inner(Bool)
        /// Not nested, and why.
        case none(String)
    }

    /// This fit is inside `other` when its free parameters are a strict subset of the other's, under the same
    /// hypothesis or inside mixed (vector and axial X are mixed X with the other couplings at 0), with the same
    /// settings and every parameter fixed in both fixed at the same value. Vector and axial are never nested.
    func nesting(_ other: NestingModel) -> Relation {
        for (k, s) in settings.enumerated() where s.value != other.settings[k].value {
            return .none("\(s.name) \(s.value.isEmpty ? "none" : s.value) vs \(other.settings[k].value.isEmpty ? "none" : other.settings[k].value)")
        }
        for (name, value) in fixed.sorted(by: { $0.key < $1.key }) {
            if let v = other.fixed[name], v != value { return .none("\(name) fixed at \(value) vs \(v)") }
        }
        func inside(_ a: NestingModel, _ b: NestingModel) -> Bool {
            (a.hypothesis == b.hypothesis || b.hypothesis == "mixed") && a.free.isStrictSubset(of: b.free)
        }
        if inside(self, other) { return .inner(true) }
        if inside(other, self) { return .inner(false) }
        if hypothesis == other.hypothesis && free == other.free { return .same }
        return .none("\(hypothesis) and \(other.hypothesis), free parameters \(free.sorted().joined(separator: ", ")) and "
                     + other.free.sorted().joined(separator: ", "))
    }
}

