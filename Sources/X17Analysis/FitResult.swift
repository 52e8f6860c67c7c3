import Minimizer
/// A MINOS interval (lower ≤ 0 ≤ upper, relative to the value) with Minuit's flags for each side.
public struct MinosInterval: Codable, Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    /// Both sides valid.
    public var valid: Bool
    public var lowerValid: Bool
    public var upperValid: Bool
    /// The side stopped at the parameter's limit (Minuit2: still valid, the interval is cut there).
    public var atLowerLimit: Bool
    public var atUpperLimit: Bool
    /// The side's search reached its call limit.
    public var atLowerMaxFcn: Bool
    public var atUpperMaxFcn: Bool
    /// The side's search found a lower minimum than the fit's.
    public var lowerNewMin: Bool
    public var upperNewMin: Bool
    /// Function calls of this MINOS run.
    public var nfcn: Int

    enum CodingKeys: String, CodingKey {
        case lower, upper, valid, nfcn
        case lowerValid = "lower_valid", upperValid = "upper_valid", atLowerLimit = "at_lower_limit"
        case atUpperLimit = "at_upper_limit", atLowerMaxFcn = "at_lower_max_fcn", atUpperMaxFcn = "at_upper_max_fcn"
        case lowerNewMin = "lower_new_min", upperNewMin = "upper_new_min"
    }
}

extension MinosInterval {
    /// The interval and flags of a MINOS run.
    public init(_ e: MinosError) {
        self.init(lower: e.lower, upper: e.upper, valid: e.isValid, lowerValid: e.lowerValid, upperValid: e.upperValid,
                  atLowerLimit: e.atLowerLimit, atUpperLimit: e.atUpperLimit, atLowerMaxFcn: e.atLowerMaxFcn,
                  atUpperMaxFcn: e.atUpperMaxFcn, lowerNewMin: e.lowerNewMin, upperNewMin: e.upperNewMin, nfcn: e.nfcn)
    }
}

/// A symmetric matrix over named parameters (the free ones, in fit order).
public struct LabelledMatrix: Codable, Sendable, Equatable {
    public var parameters: [String]
    /// Row i, column j belong to `parameters[i]`, `parameters[j]`.
    public var matrix: [[Double]]

    public init(parameters: [String], matrix: [[Double]]) {
        self.parameters = parameters
        self.matrix = matrix
    }

    /// The element for two parameters by name.
    public subscript(_ a: String, _ b: String) -> Double? {
        guard let i = parameters.firstIndex(of: a), let j = parameters.firstIndex(of: b) else { return nil }
        return matrix[i][j]
    }
}

/// One fitted parameter in the result.
public struct ParameterResult: Codable, Sendable {
    public var name: String
    public var value: Double
    public var error: Double
    public var minos: MinosInterval?
    public var fixed: Bool
    /// [lower, upper]; a side is null when open; the whole field is null without limits.
    public var limits: [Double?]?
    public var unit: String

    enum CodingKeys: String, CodingKey { case name, value, error, minos, fixed, limits, unit }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(value, forKey: .value)
        try c.encode(error, forKey: .error)
        try c.encode(minos, forKey: .minos)
        try c.encode(fixed, forKey: .fixed)
        try c.encode(limits, forKey: .limits)
        try c.encode(unit, forKey: .unit)
    }
}

/// Validity flags of the minimum (Minuit's FunctionMinimum).
public struct MinimumInfo: Codable, Sendable {
    public var valid: Bool
    public var edm: Double
    public var edmGoal: Double
    public var nfcn: Int
    public var accurateCovariance: Bool
    public var parametersAtLimit: Bool
    public var reachedCallLimit: Bool
    public var aboveMaxEdm: Bool
    public var madePosDefCovariance: Bool
    public var hesseFailed: Bool

    enum CodingKeys: String, CodingKey {
        case valid, edm, nfcn
        case edmGoal = "edm_goal", accurateCovariance = "accurate_covariance", parametersAtLimit = "parameters_at_limit"
        case reachedCallLimit = "reached_call_limit", aboveMaxEdm = "above_max_edm"
        case madePosDefCovariance = "made_posdef_covariance", hesseFailed = "hesse_failed"
    }
}

/// One χ² term: pull = (predicted − observed)/σ (zero for a one-sided term on its free side).
public struct TermResult: Codable, Sendable {
    /// measurement, upper_limit, summary, prior, prior_upper_limit, nuisance or constraint.
    public var kind: String
    public var dataset: String
    public var id: String
    public var observed: Double
    public var predicted: Double
    public var sigma: Double
    public var pull: Double
    /// The fixed χ² offset of a summary term.
    public var chi2Offset: Double?

    init(kind: String, dataset: String, id: String, observed: Double, predicted: Double, sigma: Double, chi2Offset: Double? = nil) {
        self.kind = kind
        self.dataset = dataset
        self.id = id
        self.observed = observed
        self.predicted = predicted
        self.sigma = sigma
        self.pull = (predicted - observed) / sigma
        self.chi2Offset = chi2Offset
    }

    enum CodingKeys: String, CodingKey { case kind, dataset, id, observed, predicted, sigma, pull, chi2Offset = "chi2_offset" }
}

/// A quantity derived from the fitted parameters with its propagated error (e.g. D&G Table II quark couplings).
public struct DerivedQuantity: Codable, Sendable {
    public var name: String
    public var value: Double
    /// Linear error propagation through the HESSE covariance; null without a covariance.
    public var error: Double?
    public var unit: String

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(value, forKey: .value)
        try c.encode(error, forKey: .error)
        try c.encode(unit, forKey: .unit)
    }
    enum CodingKeys: String, CodingKey { case name, value, error, unit }
}

/// Where a result comes from.
public struct Provenance: Codable, Sendable {
    public var x17fit: String
    public var git: String
    public var specSHA256: String
    /// Dataset path → SHA-256.
    public var datasetsSHA256: [String: String]

    public init(x17fit: String, git: String, specSHA256: String, datasetsSHA256: [String: String]) {
        self.x17fit = x17fit
        self.git = git
        self.specSHA256 = specSHA256
        self.datasetsSHA256 = datasetsSHA256
    }

    enum CodingKeys: String, CodingKey {
        case x17fit, git, specSHA256 = "spec_sha256", datasetsSHA256 = "datasets_sha256"
    }
}

/// Our numbers next to the published ones: difference = ours − published.
public struct PublishedComparison: Codable, Sendable {
    public var source: String?
    public var values: [String: Double]
    public var ours: [String: Double]
    public var differences: [String: Double]

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(source, forKey: .source)
        try c.encode(values, forKey: .values)
        try c.encode(ours, forKey: .ours)
        try c.encode(differences, forKey: .differences)
    }
    enum CodingKeys: String, CodingKey { case source, values, ours, differences }
}

/// The result of one fit; its JSON form is the DESIGN.md contract (keys sorted, never NaN).
public struct FitResult: Codable, Sendable {
    public var fit: String
    public var description: String
    public var hypothesis: String
    public var isospin: String
    public var heConvention: String
    /// Set when the dg2023 ⁴He reproduction device is in the χ².
    public var heConventionNote: String?
    public var parameters: [ParameterResult]
    public var chi2: Double
    public var ndof: Int
    /// P(χ²_ndof > χ²); null when ndof ≤ 0.
    public var pvalue: Double?
    /// Two-sided Nσ of the p-value; null when ndof ≤ 0.
    public var nsigma: Double?
    /// Data points counted for the dof (a summary counts dof + 1; priors none).
    public var dataPoints: Int
    /// The constant χ² of summary rows, included in `chi2`.
    public var chi2Offset: Double
    public var minimum: MinimumInfo
    /// HESSE covariance of the free parameters; nil without one.
    public var covariance: LabelledMatrix?
    /// Correlation coefficients of the free parameters; nil without a covariance.
    public var correlation: LabelledMatrix?
    /// The parameters held fixed (not in the matrices).
    public var fixedParameters: [String]
    public var terms: [TermResult]
    public var derived: [DerivedQuantity]
    public var published: PublishedComparison?
    public var provenance: Provenance
    /// Quantities that came out NaN or infinite and were replaced (by 0, or null where the field may be
    /// null) so that nothing non-finite is printed or written; the fit is then not valid. nil when none.
    public var failures: [String]?
    /// Nuclear inputs taken from the user where the shipped catalogue has none; nil when none.
    public var userSuppliedInputs: [UserSuppliedInput]?

    /// Quantities derived from the couplings that `[published]` may name.
    public static let derivedNames = ["eps_u", "eps_d", "eps_p", "eps_n"]
    /// Fit statistics that `[published]` may name.
    public static let statisticNames = ["chi2", "ndof", "pvalue", "nsigma", "chi2_per_ndof"]

    /// The version of the result JSON schema (`schemas/fit.schema.json`).
    public static let schemaVersion = 1

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case fit, description, hypothesis, isospin, parameters, chi2, ndof, pvalue, nsigma, minimum, covariance, terms
        case correlation, fixedParameters = "fixed_parameters"
        case derived, published, provenance, failures
        case heConvention = "he_convention", heConventionNote = "he_convention_note", dataPoints = "data_points"
        case chi2Offset = "chi2_offset", userSuppliedInputs = "user_supplied_inputs"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.schemaVersion, forKey: .schemaVersion)
        try c.encode(fit, forKey: .fit)
        try c.encode(description, forKey: .description)
        try c.encode(hypothesis, forKey: .hypothesis)
        try c.encode(isospin, forKey: .isospin)
        try c.encode(heConvention, forKey: .heConvention)
        try c.encode(heConventionNote, forKey: .heConventionNote)
        try c.encode(parameters, forKey: .parameters)
        try c.encode(chi2, forKey: .chi2)
        try c.encode(ndof, forKey: .ndof)
        try c.encode(pvalue, forKey: .pvalue)
        try c.encode(nsigma, forKey: .nsigma)
        try c.encode(dataPoints, forKey: .dataPoints)
        try c.encode(chi2Offset, forKey: .chi2Offset)
        try c.encode(minimum, forKey: .minimum)
        try c.encode(covariance, forKey: .covariance)
        try c.encode(correlation, forKey: .correlation)
        try c.encode(fixedParameters, forKey: .fixedParameters)
        try c.encode(terms, forKey: .terms)
        try c.encode(derived, forKey: .derived)
        try c.encode(published, forKey: .published)
        try c.encode(provenance, forKey: .provenance)
        try c.encodeIfPresent(failures, forKey: .failures)
        try c.encodeIfPresent(userSuppliedInputs, forKey: .userSuppliedInputs)
    }

    /// The value of a parameter, derived quantity or statistic by name.
    public func quantity(_ name: String) -> Double? {
        if let p = parameters.first(where: { $0.name == name }) { return p.value }
        if let d = derived.first(where: { $0.name == name }) { return d.value }
        if name.hasSuffix("_error") {
            let base = String(name.dropLast("_error".count))
            if let p = parameters.first(where: { $0.name == base }) { return p.error }
            if let d = derived.first(where: { $0.name == base }) { return d.error }
        }
        switch name {
        case "chi2": return chi2
        case "ndof": return Double(ndof)
        case "pvalue": return pvalue
        case "nsigma": return nsigma
        case "chi2_per_ndof": return ndof > 0 ? chi2 / Double(ndof) : nil
        default: return nil
        }
    }

    /// Why the fit is not valid (empty when it is): the CLI exits 1 and prints these.
    public var problems: [String] {
        var out: [String] = []
        if !minimum.valid { out.append("minimum not valid") }
        if minimum.aboveMaxEdm { out.append("EDM \(minimum.edm) above the goal \(minimum.edmGoal)") }
        if minimum.reachedCallLimit { out.append("call limit reached") }
        if minimum.hesseFailed { out.append("HESSE failed") }
        if !minimum.accurateCovariance { out.append("covariance not accurate") }
        if minimum.madePosDefCovariance { out.append("covariance was forced positive definite") }
        for p in parameters { if let m = p.minos, !m.valid { out.append("MINOS failed for \(p.name)") } }
        out += failures ?? []
        return out
    }
}

extension FitResult {
    /// Reads a result of this schema version; another version is refused with a message saying so.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let version = try c.decodeIfPresent(Int.self, forKey: .schemaVersion)
        guard version == Self.schemaVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .schemaVersion, in: c,
                debugDescription: "schema_version \(version.map(String.init) ?? "missing"), this x17fit reads \(Self.schemaVersion)")
        }
        fit = try c.decode(String.self, forKey: .fit)
        description = try c.decode(String.self, forKey: .description)
        hypothesis = try c.decode(String.self, forKey: .hypothesis)
        isospin = try c.decode(String.self, forKey: .isospin)
        heConvention = try c.decode(String.self, forKey: .heConvention)
        heConventionNote = try c.decodeIfPresent(String.self, forKey: .heConventionNote)
        parameters = try c.decode([ParameterResult].self, forKey: .parameters)
        chi2 = try c.decode(Double.self, forKey: .chi2)
        ndof = try c.decode(Int.self, forKey: .ndof)
        pvalue = try c.decodeIfPresent(Double.self, forKey: .pvalue)
        nsigma = try c.decodeIfPresent(Double.self, forKey: .nsigma)
        dataPoints = try c.decode(Int.self, forKey: .dataPoints)
        chi2Offset = try c.decode(Double.self, forKey: .chi2Offset)
        minimum = try c.decode(MinimumInfo.self, forKey: .minimum)
        covariance = try c.decodeIfPresent(LabelledMatrix.self, forKey: .covariance)
        correlation = try c.decodeIfPresent(LabelledMatrix.self, forKey: .correlation)
        fixedParameters = try c.decode([String].self, forKey: .fixedParameters)
        terms = try c.decode([TermResult].self, forKey: .terms)
        derived = try c.decode([DerivedQuantity].self, forKey: .derived)
        published = try c.decodeIfPresent(PublishedComparison.self, forKey: .published)
        provenance = try c.decode(Provenance.self, forKey: .provenance)
        failures = try c.decodeIfPresent([String].self, forKey: .failures)
        userSuppliedInputs = try c.decodeIfPresent([UserSuppliedInput].self, forKey: .userSuppliedInputs)
    }
}
