import Statistics
import X17Physics

/// Stage 5 of ``FitSetup/prepare(spec:datasets:)``: the χ² terms of the selected rows.
struct BuiltTerms {
    var data: [DataTerm] = []
    var limits: [LimitTerm] = []
    var summaries: [SummaryTerm] = []
    /// Set when the ⁴He datum is read through D&G's reproduction device.
    var heliumDevice: String?
    /// The energy of every transition a term uses, with its row (mX must stay below each).
    var energies: [(Double, RowInfo)] = []
}

extension FitSetup {
    /// Measurement, limit and summary terms of the selected rows.
    static func buildTerms(spec: FitSpec, selected: [DatasetRow], inputs: NuclearInputs) throws -> BuiltTerms {
        var t = BuiltTerms()
        for row in selected {
            switch row {
            case .mass(let m):
                if let energy = m.energy { t.energies.append((energy, m.info)) }
                t.data.append(DataTerm(info: m.info, prediction: .mass,
                    measurement: Measurement(id: m.info.id, value: m.mX, stat: m.stat, syst: m.syst, systGroup: m.systGroup),
                    sigma: (m.stat * m.stat + m.syst * m.syst).squareRoot()))
            case .angle(let a):
                t.energies.append((a.energy, a.info))
                t.data.append(DataTerm(info: a.info, prediction: .angle(energy: a.energy),
                    measurement: Measurement(id: a.info.id, value: a.theta, stat: a.stat, syst: a.syst, systGroup: a.systGroup),
                    sigma: (a.stat * a.stat + a.syst * a.syst).squareRoot()))
            case .rate(let r):
                try checkObservable(r, convention: spec.heConvention, specFile: spec.file)
                t.energies.append((r.transition.energy, r.info))
                let prediction = Prediction.rate(r.transition, r.observable)
                if r.isUpperLimit {
                    let penalty = try rowPenalty(r.info, columns: ["bound": "value"]) {
                        try UpperLimitTerm.fromUpperLimit(name: r.info.id, bound: r.value, cl: r.cl!, twoSided: false)
                    }
                    t.limits.append(LimitTerm(info: r.info, prediction: prediction, bound: r.value, penalty: penalty))
                    continue
                }
                let syst = r.syst ?? 0
                if r.observable == .gammaX_eV {
                    t.heliumDevice = "he_convention dg2023: the 4He datum '\(r.info.id)' (ATOMKI B_x) is compared with "
                        + "Gamma_X in eV (M_E0 = \(inputs.heliumE0MatrixElement_fm2) fm^2; the Gamma_E0 theory error is the row's syst): "
                        + "a reproduction device of Denton & Gehrlein 2023, not a physical ratio"
                }
                let stat = r.stat!
                t.data.append(DataTerm(info: r.info, prediction: prediction,
                    measurement: Measurement(id: r.info.id, value: r.value, stat: stat, syst: syst, systGroup: nil),
                    sigma: (stat * stat + syst * syst).squareRoot()))
            case .summary(let s):
                guard let index = spec.parameters.firstIndex(where: { $0.name == s.parameter }) else {
                    throw s.info.error(field: "parameter",
                        "summary '\(s.info.id)' constrains '\(s.parameter)', which is not a parameter of fit '\(spec.name)'")
                }
                t.summaries.append(SummaryTerm(info: s.info, index: index, value: s.value, sigma: s.sigma,
                                               offset: s.chi2Offset, dof: s.dof))
            case .nuclear, .prior, .unavailable:
                break
            }
        }
        return t
    }

    /// One `MeasurementSet` per correlated systematic group, one for all uncorrelated rows.
    static func correlatedBlocks(_ dataTerms: [DataTerm]) throws -> [(set: MeasurementSet, members: [Int])] {
        var groups: [String: [Int]] = [:]
        for (i, term) in dataTerms.enumerated() { groups[term.measurement.systGroup ?? "", default: []].append(i) }
        var blocks: [(set: MeasurementSet, members: [Int])] = []
        for key in groups.keys.sorted() {
            let members = groups[key]!
            do {
                blocks.append((try MeasurementSet(members.map { dataTerms[$0].measurement }), members))
            } catch {
                let info = dataTerms[members[0]].info
                throw InputError(file: info.file, line: info.line, "\(error)")
            }
        }
        return blocks
    }

    /// The spec's priors, each a Gaussian or a one-sided limit on a parameter (optionally times √BR).
    static func buildPriors(spec: FitSpec, priorRows: [DatasetRow], loader: DatasetLoader) throws -> [PriorTerm] {
        var priors: [PriorTerm] = []
        for id in spec.priors {
            guard let row = priorRows.first(where: { $0.info.id == id }) else {
                throw spec.error("priors", "unknown prior id '\(id)' (not in \(loader.displayRoot)/priors/*.csv)")
            }
            guard case .prior(let prior) = row else {
                throw spec.error("priors", "prior '\(id)' is graded U (not retrieved) and cannot be used")
            }
            var quantity = prior.parameter
            var scaled = false
            if quantity.hasSuffix("_sqrtBR") { quantity.removeLast("_sqrtBR".count); scaled = true }
            guard let index = spec.parameters.firstIndex(where: { $0.name == quantity }) else {
                throw prior.info.error(field: "parameter",
                    "prior '\(id)' constrains '\(prior.parameter)', but fit '\(spec.name)' has no parameter '\(quantity)'")
            }
            if prior.kind != .gaussian, prior.sigma == nil, prior.cl == nil {
                throw prior.info.error(field: "cl",
                    "missing value (prior '\(id)' is a limit: it needs the confidence level of its bound)")
            }
            let penalty = try rowPenalty(prior.info) { () throws -> PriorPenalty in
                let (name, center) = (prior.info.id, prior.center)
                switch (prior.kind, prior.sigma) {
                case (.gaussian, let sigma?), (.twoSidedLimit, let sigma?):
                    return .gaussian(try GaussianPrior(name: name, center: center, sigma: sigma))
                case (.upperLimit, let sigma?):
                    return .upperLimit(try UpperLimitTerm(name: name, center: center, sigma: sigma))
                case (.twoSidedLimit, nil):
                    return .gaussian(try GaussianPrior.fromUpperLimit(name: name, bound: prior.bound!, cl: prior.cl!,
                                                                      center: center, twoSided: true))
                case (.upperLimit, nil):
                    return .upperLimit(try UpperLimitTerm.fromUpperLimit(name: name, bound: prior.bound!, cl: prior.cl!,
                                                                         center: center, twoSided: false))
                case (.gaussian, nil):
                    throw prior.info.error(field: "sigma", "missing value (a gaussian prior needs sigma)")
                }
            }
            priors.append(PriorTerm(info: prior.info, quantity: prior.parameter, index: index, scaledBySqrtBR: scaled,
                                    penalty: penalty))
        }
        return priors
    }
}

/// The Gaussian width of a limit row (Statistics' `limitWidth`), with its refusals reported against the row.
func limitSigma(_ info: RowInfo, bound: Double, center: Double, cl: Double, twoSided: Bool) throws -> Double {
    try rowPenalty(info) { try limitWidth(name: info.id, bound: bound, center: center, cl: cl, twoSided: twoSided) }
}

/// A Statistics penalty (or width) built for the row `info`, its refusals reported against the row's column
/// (`columns` renames Statistics' field names, e.g. "sigma" → "uncertainty").
func rowPenalty<T>(_ info: RowInfo, columns: [String: String] = [:], _ build: () throws -> T) throws -> T {
    do {
        return try build()
    } catch StatisticsError.invalidPrior(_, let field, let value, let reason) {
        throw info.error(field: columns[field] ?? field, "\(value) \(reason)")
    }
}
