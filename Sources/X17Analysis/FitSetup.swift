import Foundation
import Statistics
import X17Physics

/// A fit spec resolved against its datasets: the validated model plus provenance.
public struct FitSetup: Sendable {
    public let spec: FitSpec
    public let model: FitModel
    /// Dataset path (relative to the datasets directory) → SHA-256 of the file, for every file read.
    public let datasetHashes: [String: String]
    /// Set when the ⁴He term uses the D&G 2023 reproduction device (B_x read as Γ_X in eV).
    public let heliumDeviceNote: String?
    /// Nuclear inputs whose values come from the user where the shipped catalogue has none (empty: none).
    public let userSuppliedInputs: [UserSuppliedInput]

    static let fixedRoles: [String: ParameterRole] = [
        "mX": .mass, "eps_p": .epsP, "eps_n": .epsN, "eps_u": .epsU, "eps_d": .epsD,
        "a_p": .aP, "a_n": .aN, "a_0": .a0, "BR_ee": .branchingRatio,
        "eps_e": .epsE, "a_e": .aE, "eps_nu": .epsNu,
    ]

    /// Loads every file the spec names from `datasets` and validates the whole fit, in named stages: load the
    /// files, select the rows, assign the parameters' roles, read the nuclear inputs, build the χ² terms, check
    /// the start point.
    public static func prepare(spec: FitSpec, datasets loader: DatasetLoader) throws -> FitSetup {
        let files = try loadFiles(spec: spec, loader: loader)
        let spec = pinExactInputs(spec: spec, allNuclear: files.nuclearRows)
        let selected = try selectRows(spec: spec, from: files.measurementRows)
        let nuclearRows = selected.compactMap { row -> NuclearRow? in if case .nuclear(let n) = row { n } else { nil } }
        let (parameters, roles) = try assignRoles(spec: spec, selected: selected, selectedNuclear: nuclearRows,
                                                  allNuclear: files.nuclearRows)
        let inputs = try nuclearInputs(nuclearRows)
        try checkIsospinInputs(spec: spec, selected: selected, measurementRows: files.measurementRows)
        let terms = try buildTerms(spec: spec, selected: selected, inputs: inputs)
        let blocks = try correlatedBlocks(terms.data)
        let priors = try buildPriors(spec: spec, priorRows: files.priorFiles.flatMap(\.rows), loader: loader)
        // Inputs with uncertainty 0 were pinned (fixed) by `pinExactInputs`, so every term here has σ > 0.
        let nuisances = try roles.nuisances.filter { !spec.parameters[$0.index].fixed }.map { index, id in
            let n = nuclearRows.first { $0.info.id == id }!
            let penalty = try rowPenalty(n.info, columns: ["center": "value", "sigma": "uncertainty"]) {
                try GaussianPrior(name: id, center: n.value, sigma: n.uncertainty)
            }
            return NuisanceTerm(info: n.info, index: index, penalty: penalty)
        }
        try checkMassAtStart(spec: spec, roles: roles, energies: terms.energies)
        var model = FitModel(
            parameters: parameters, hypothesis: spec.hypothesis, isospin: spec.isospin, heConvention: spec.heConvention,
            dataTerms: terms.data, limits: terms.limits, summaries: terms.summaries, priors: priors, nuisances: nuisances,
            blocks: blocks, baseInputs: inputs, roles: roles, ndofOverride: spec.ndof)
        let external = try buildConstraints(spec: spec, roles: roles, loader: loader)
        model.constraints = external.terms
        try checkConstraintsAtStart(spec: spec, model: model)
        try checkStart(spec: spec, model: model)
        try checkPublished(spec: spec)
        let hashes = files.hashes.merging(external.hashes) { first, _ in first }
        return FitSetup(spec: spec, model: model, datasetHashes: hashes, heliumDeviceNote: terms.heliumDevice,
                        userSuppliedInputs: userSuppliedInputs(selected: nuclearRows, measurementRows: files.measurementRows))
    }

    /// The X must be heavier than an e⁺e⁻ pair (every observable here is X → e⁺e⁻) and lighter than every
    /// transition the data use, at the start point.
    static func checkMassAtStart(spec: FitSpec, roles: FitModel.RoleIndex, energies: [(Double, RowInfo)]) throws {
        let mXSpec = spec.parameters[roles.mass!]
        let pairThreshold = 2 * Constants.electronMass
        guard mXSpec.start > pairThreshold else {
            throw InputError(file: spec.file, line: mXSpec.line, field: "parameters.mX.start",
                "start value \(mXSpec.start) MeV is not above the e⁺e⁻ threshold 2 m_e = \(pairThreshold) MeV")
        }
        for (energy, info) in energies where !(mXSpec.start < energy) {
            throw InputError(file: spec.file, line: mXSpec.line, field: "parameters.mX.start",
                "start value \(mXSpec.start) MeV is not below the energy \(energy) MeV of '\(info.id)' (\(info.file):\(info.line))")
        }
    }

    /// Stage 6: every prediction is computable at the start point (unavailable physics is named here), the χ²
    /// and MIGRAD's first steps are finite, and the fit has degrees of freedom.
    static func checkStart(spec: FitSpec, model: FitModel) throws {
        let start = spec.parameters.map(\.start)
        let point: FitModel.Point
        do {
            point = try model.point(start)
        } catch {
            // A floated nuclear input started outside its physics domain (e.g. a negative matrix element).
            throw parameterDomainError(error, spec: spec) ?? InputError(file: spec.file, line: spec.line(of: "parameters"),
                field: "parameters", "the start values are outside the physics domain: \(error)")
        }
        for term in model.dataTerms.map({ ($0.info, $0.prediction) }) + model.limits.map({ ($0.info, $0.prediction) }) {
            do {
                _ = try model.predict(term.1, at: point)
            } catch {
                if let blamed = parameterDomainError(error, spec: spec) { throw blamed }
                let missing: Bool
                if case PhysicsError.notAvailable = error { missing = true } else { missing = false }
                if case .rate(let t, let o) = term.1, spec.isospin != .none,
                   (try? RateKernel(o, transition: t, hypothesis: spec.hypothesis, isospin: .none, inputs: point.inputs)
                        .evaluate(mX: point.mX, couplings: point.couplings, branchingRatio: point.br, inputs: point.inputs)) != nil {
                    throw spec.error("isospin",
                        "isospin treatment '\(spec.isospin.rawValue)' is not available for \(t.rawValue) (row '\(term.0.id)', \(term.0.file):\(term.0.line)): \(error)",
                        unavailable: missing)
                }
                throw term.0.error(field: "transition",
                    "cannot predict '\(term.0.id)' under hypothesis '\(spec.hypothesis.rawValue)': \(error)", unavailable: missing)
            }
        }
        guard model.chi2(start).isFinite else {
            throw spec.error("parameters", field: "parameters", "the χ² is not finite at the start values")
        }
        try checkFirstSteps(spec: spec, model: model)
        guard model.ndof >= 1 else {
            throw spec.error("parameters", field: "parameters",
                "no degrees of freedom: \(model.dataPoints) data points − \(model.freeParameters) free parameters = \(model.ndof) "
                + "(a fit needs ndof ≥ 1 for its p-value; check the datasets and select)")
        }
    }

    /// `[published]` names only quantities a result has.
    static func checkPublished(spec: FitSpec) throws {
        guard let published = spec.published else { return }
        let names = spec.parameters.map(\.name) + FitResult.derivedNames
        let known = Set(names + names.map { $0 + "_error" } + FitResult.statisticNames)
        for (name, _) in published.values where !known.contains(name) {
            throw spec.error(name, section: "published", field: "published.\(name)", "unknown quantity '\(name)' to compare with")
        }
    }

    /// The spec error for a physics-domain refusal of a parameter's start value (`PhysicsError.invalidParameter`
    /// naming a spec parameter, e.g. mX below 2 mₑ or a negative matrix element), or nil for any other error.
    static func parameterDomainError(_ error: Error, spec: FitSpec) -> InputError? {
        guard case PhysicsError.invalidParameter(let name, let value, let reason) = error,
              let p = spec.parameters.first(where: { $0.name == name || sanitized(name) == $0.name }) else { return nil }
        return InputError(file: spec.file, line: p.line, field: "parameters.\(p.name).start",
                          "start value \(value) is outside the physics domain of \(name): \(reason)")
    }

    /// MIGRAD's first steps must be computable: for every free parameter, a limit span that is finite (Minuit's
    /// sine transform maps it) and a finite χ² at start ± step (clamped to the limits), else the first gradient
    /// is NaN. Named against the parameter's step or limits.
    static func checkFirstSteps(spec: FitSpec, model: FitModel) throws {
        let start = spec.parameters.map(\.start)
        for (i, p) in spec.parameters.enumerated() where !p.fixed {
            func fail(_ key: String, _ message: String) -> InputError {
                InputError(file: spec.file, line: p.line, field: "parameters.\(p.name).\(key)", message)
            }
            if let lo = p.lower, let hi = p.upper, !(hi - lo).isFinite {
                throw fail("limits", "limits [\(lo), \(hi)] span more than the largest double: the minimizer cannot map them")
            }
            for sign in [-1.0, 1.0] {
                var x = start
                var moved = p.start + sign * p.step
                if let lo = p.lower { moved = max(moved, lo) }
                if let hi = p.upper { moved = min(moved, hi) }
                x[i] = moved
                guard moved.isFinite, model.chi2(x).isFinite else {
                    throw fail("step", "step \(p.step) is too large: the χ² is not finite at \(p.name) = \(moved) (start \(sign < 0 ? "−" : "+") step)")
                }
            }
        }
    }

    static func isNuclear(_ row: DatasetRow) -> Bool {
        if case .nuclear = row { return true }
        if case .unavailable(let info) = row, info.dataset.hasPrefix("nuclear/") { return true }
        return false
    }

    static func sanitized(_ id: String) -> String {
        String(id.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
    }

    static func checkObservable(_ r: RateRow, convention: HeConvention, specFile: String) throws {
        let bad: String?
        switch (r.observable, r.transition) {
        case (.gammaX_eV, .he4_20_21):
            bad = convention == .dg2023 ? nil : "GammaX_eV is the dg2023 device; this fit uses he_convention = \(convention.rawValue)"
        case (.gammaX_eV, _): bad = "GammaX_eV applies to He4_20.21 only"
        case (.bxE0, .he4_20_21), (.bxE0, .he4_21_01):
            bad = convention == .ratio ? nil : "BX_E0 is the ratio convention; this fit uses he_convention = \(convention.rawValue)"
        case (.bxE0, _): bad = "BX_E0 applies to ⁴He transitions only"
        case (.bxGamma, .he4_20_21), (.bxGamma, .he4_21_01): bad = "⁴He has no photon decay to normalise BX_gamma to; use BX_E0 or GammaX_eV"
        case (.bxGamma, _): bad = nil
        }
        if let bad { throw r.info.error(field: "observable", bad) }
    }
}
