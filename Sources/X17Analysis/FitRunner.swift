import Foundation
import LinearAlgebra
import Minimizer
import Statistics
import X17Physics

/// Options of one fit run.
public struct FitOptions: Sendable {
    /// Run MINOS on every free parameter.
    public var minos: Bool
    /// Minuit strategy 0, 1 or 2.
    public var strategy: Int
    /// Call limit of each MIGRAD run (nil: Minuit's default, 200 + 100n + 5n²); the fuzzer caps it.
    public var maxCalls: Int?
    public init(minos: Bool = false, strategy: Int = 1, maxCalls: Int? = nil) {
        self.minos = minos
        self.strategy = strategy
        self.maxCalls = maxCalls
    }
}

/// A finished fit: the result plus the minimizer's printed summary.
public struct FitOutcome: Sendable {
    public let result: FitResult
    public let minimum: FunctionMinimum
    /// iminuit-style summary box of the minimizer.
    public var summary: String { minimum.summary }
}

/// Errors of a fit run that are not bad input.
public enum FitError: Error, CustomStringConvertible, Sendable {
    /// A number in the result is not finite (the result would not be valid JSON).
    case nonFinite(fit: String, quantity: String)
    case minimizer(fit: String, message: String)

    public var description: String {
        switch self {
        case .nonFinite(let fit, let quantity): "fit '\(fit)': \(quantity) is not finite"
        case .minimizer(let fit, let message): "fit '\(fit)': \(message)"
        }
    }
}

/// MIGRAD (with iminuit's iterate / SIMPLEX retries) → HESSE → optional MINOS on a prepared fit.
public enum FitRunner {
    /// The χ² of `setup` as a Minimizer cost function (errordef 1).
    public static func costFunction(_ setup: FitSetup) -> CostFunction {
        let model = setup.model
        return CostFunction(errordef: 1) { x in model.chi2(x) }
    }

    /// Minimizer parameters from the spec.
    public static func minimizerParameters(_ setup: FitSetup) -> [Parameter] {
        setup.spec.parameters.map {
            Parameter($0.name, value: $0.start, step: $0.step, lower: $0.lower, upper: $0.upper, fixed: $0.fixed)
        }
    }

    /// Runs the fit; `git` is the source revision recorded in the provenance.
    public static func run(_ setup: FitSetup, options: FitOptions = FitOptions(), version: String = x17fitVersion,
                           git: String = "unknown") throws -> FitOutcome {
        let spec = setup.spec
        var minuit: Minuit
        do {
            minuit = try Minuit(costFunction(setup), parameters: minimizerParameters(setup))
        } catch {
            throw InputError(file: spec.file, field: "parameters", "\(error)")
        }
        minuit.strategy = options.strategy
        minuit.maxCalls = options.maxCalls
        minuit.migrad()
        var minimum = minuit.hesse()
        var minosErrors: [String: MinosError] = [:]
        var failures: [String] = []
        if options.minos {
            // MINOS refuses an invalid minimum: the result then says so beside Minuit's flags (exit 1), not as an error.
            do {
                minosErrors = try minuit.minos()
            } catch {
                failures.append("MINOS not run: \(error)")
            }
            minimum = minuit.minimum ?? minimum
        }
        let result = try makeResult(setup, minimum: minimum, minos: minosErrors, failures: failures, version: version, git: git)
        return FitOutcome(result: result, minimum: minimum)
    }

    static func makeResult(_ setup: FitSetup, minimum: FunctionMinimum, minos: [String: MinosError], failures found: [String] = [],
                           version: String, git: String) throws -> FitResult {
        let spec = setup.spec
        let model = setup.model
        let x = minimum.values
        let chi2 = model.chi2(x)
        let ndof = model.ndof
        // A χ² that is not finite (or < 0) has no goodness of fit; the result is then marked invalid below.
        let gof = try? GoodnessOfFit(chi2: chi2, ndof: ndof)
        var failures = found
        let terms: [TermResult]
        do {
            terms = try model.terms(at: x)
        } catch {
            terms = []
            failures.append("the χ² terms cannot be computed at the minimum: \(error)")
        }
        var parameters: [ParameterResult] = []
        let errors = minimum.errors
        for (i, mp) in model.parameters.enumerated() {
            let s = mp.spec
            let limits: [Double?]? = s.lower == nil && s.upper == nil ? nil : [s.lower, s.upper]
            let m = minos[s.name].map(MinosInterval.init)
            parameters.append(ParameterResult(
                name: s.name, value: x[i], error: s.fixed ? 0 : errors[i], minos: m, fixed: s.fixed,
                limits: limits, unit: mp.unit))
        }
        let (covariance, correlation) = labelledMatrices(model, minimum)
        let result = FitResult(
            fit: spec.name, description: spec.description, hypothesis: spec.hypothesis.rawValue,
            isospin: spec.isospin.rawValue, heConvention: spec.heConvention.rawValue,
            heConventionNote: setup.heliumDeviceNote, parameters: parameters, chi2: chi2, ndof: ndof, pvalue: gof?.pValue,
            nsigma: gof?.nSigma, dataPoints: model.dataPoints, chi2Offset: model.chi2Offset,
            minimum: MinimumInfo(
                valid: minimum.isValid, edm: minimum.edm, edmGoal: minimum.edmGoal, nfcn: minimum.nfcn,
                accurateCovariance: minimum.hasAccurateCovariance, parametersAtLimit: minimum.hasParametersAtLimit,
                reachedCallLimit: minimum.hasReachedCallLimit, aboveMaxEdm: minimum.isAboveMaxEdm,
                madePosDefCovariance: minimum.hasMadePosDefCovariance, hesseFailed: minimum.hesseFailed),
            covariance: covariance, correlation: correlation,
            fixedParameters: model.parameters.filter(\.spec.fixed).map(\.spec.name), terms: terms,
            derived: derivedCouplings(model, values: x, covariance: minimum.covariance),
            published: nil,
            provenance: Provenance(x17fit: version, git: git, specSHA256: spec.sha256, datasetsSHA256: setup.datasetHashes))
        var withPublished = result
        if !setup.userSuppliedInputs.isEmpty { withPublished.userSuppliedInputs = setup.userSuppliedInputs }
        if let published = spec.published {
            var values: [String: Double] = [:], ours: [String: Double] = [:], differences: [String: Double] = [:]
            for (name, value) in published.values {
                values[name] = value
                if let mine = result.quantity(name) {
                    ours[name] = mine
                    differences[name] = mine - value
                }
            }
            withPublished.published = PublishedComparison(source: published.source, values: values, ours: ours, differences: differences)
        }
        withPublished.replaceNonFinite(failures: failures)
        return withPublished
    }

    /// The minimum's covariance and correlation restricted to the free parameters, labelled (HESSE's matrices
    /// have zero rows for fixed ones, which are left out).
    static func labelledMatrices(_ model: FitModel, _ minimum: FunctionMinimum) -> (LabelledMatrix?, LabelledMatrix?) {
        let free = model.parameters.indices.filter { !model.parameters[$0].spec.fixed }
        let names = free.map { model.parameters[$0].spec.name }
        func labelled(_ m: Matrix?) -> LabelledMatrix? {
            m.map { m in LabelledMatrix(parameters: names, matrix: free.map { i in free.map { j in m[i, j] } }) }
        }
        return (labelled(minimum.covariance), labelled(minimum.correlation))
    }

    /// Quark couplings from nucleon ones (or the reverse) with linearly propagated errors (D&G Table II).
    static func derivedCouplings(_ model: FitModel, values x: [Double], covariance: Matrix?) -> [DerivedQuantity] {
        func propagate(_ i: Int, _ j: Int, _ gi: Double, _ gj: Double) -> Double? {
            guard let v = covariance else { return nil }
            let variance = gi * gi * v[i, i] + 2 * gi * gj * v[i, j] + gj * gj * v[j, j]
            return variance >= 0 ? variance.squareRoot() : nil
        }
        if let i = model.roles.epsP, let j = model.roles.epsN {
            let q = QuarkCouplings.quarkVector(epsP: x[i], epsN: x[j])
            // ε_u = (2ε_p − ε_n)/3, ε_d = (2ε_n − ε_p)/3: the gradients below.
            return [
                DerivedQuantity(name: "eps_u", value: q.epsU, error: propagate(i, j, 2.0 / 3, -1.0 / 3), unit: ""),
                DerivedQuantity(name: "eps_d", value: q.epsD, error: propagate(i, j, -1.0 / 3, 2.0 / 3), unit: ""),
            ]
        }
        if let i = model.roles.epsU, let j = model.roles.epsD {
            let n = QuarkCouplings.nucleonVector(epsU: x[i], epsD: x[j])
            // ε_p = 2ε_u + ε_d, ε_n = ε_u + 2ε_d.
            return [
                DerivedQuantity(name: "eps_p", value: n.epsP, error: propagate(i, j, 2, 1), unit: ""),
                DerivedQuantity(name: "eps_n", value: n.epsN, error: propagate(i, j, 1, 2), unit: ""),
            ]
        }
        return []
    }
}

extension FitResult {
    /// Deterministic JSON (sorted keys, pretty-printed).
    public func jsonData() throws -> Data { try FitResult.encoder.encode(self) }

    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return e
    }
}

/// `x17fit reproduce --json`: `{"schema_version": 1, "data_sets": […], "fits": [results…]}`
/// (`schemas/reproduce.schema.json`). Fits are grouped by the data they use (`DataSets`).
public struct ReproduceReport: Encodable, Sendable {
    /// One data set: its label, its rows ("dataset row id") and the fits that use exactly these rows.
    public struct DataSet: Encodable, Sendable {
        public var label: String
        public var rows: [String]
        public var fits: [String]
        /// The rows grouped by dataset file, for reports (`DataSets.byFile`).
        public var summary: String

        public init(label: String, rows: Set<String>, fits: [String]) {
            self.label = label
            self.rows = DataSets.names(rows)
            self.summary = DataSets.byFile(rows)
            self.fits = fits
        }

        enum CodingKeys: String, CodingKey { case label, rows, fits }

        /// One data set per label D1, D2, … (`rows[k]` for label D(k+1)), each naming the fits (`names`, in the
        /// order of `labels`) that carry its label.
        public static func list(rows: [Set<String>], labels: [String], names: [String]) -> [DataSet] {
            rows.enumerated().map { k, set in
                DataSet(label: "D\(k + 1)", rows: set, fits: zip(names, labels).filter { $0.1 == "D\(k + 1)" }.map(\.0))
            }
        }
    }

    public var schemaVersion = FitResult.schemaVersion
    public var dataSets: [DataSet]
    public var fits: [FitResult]
    public init(fits: [FitResult], dataSets: [DataSet]) {
        self.fits = fits
        self.dataSets = dataSets
    }

    enum CodingKeys: String, CodingKey { case schemaVersion = "schema_version", dataSets = "data_sets", fits }
    public func jsonData() throws -> Data { try FitResult.encoder.encode(self) }
}
