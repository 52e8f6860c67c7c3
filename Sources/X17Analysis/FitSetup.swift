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

    static let fixedRoles: [String: ParameterRole] = [
        "mX": .mass, "eps_p": .epsP, "eps_n": .epsN, "eps_u": .epsU, "eps_d": .epsD,
        "a_p": .aP, "a_n": .aN, "BR_ee": .branchingRatio,
    ]

    /// Loads every file the spec names from `datasets` and validates the whole fit.
    public static func prepare(spec: FitSpec, datasets loader: DatasetLoader) throws -> FitSetup {
        func specError(_ key: String, section: String? = nil, field: String? = nil, _ message: String,
                       unavailable: Bool = false) -> InputError {
            InputError(file: spec.file, line: spec.line(of: key, section: section), field: field ?? key, message,
                       unavailable: unavailable)
        }
        var hashes: [String: String] = [:]
        func load(_ path: String, listedIn key: String, kinds: Set<DatasetKind>) throws -> DatasetFile {
            let url = loader.root.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw specError(key, "dataset file '\(path)' not found in \(loader.root.path)")
            }
            guard !isDirectory.boolValue else {
                throw specError(key, "'\(path)' is a folder in \(loader.root.path), expected a CSV file")
            }
            let file = try loader.load(path)
            guard kinds.contains(file.kind) else {
                throw specError(key, "'\(path)' holds \(file.kind.rawValue) rows, which do not belong under '\(key)'")
            }
            if key != "priors" && file.rows.isEmpty {
                throw InputError(file: file.file, line: file.headerLine,
                    "no data rows: every line after the header is blank or a comment (listed under '\(key)' in \(spec.file))")
            }
            hashes[path] = file.sha256
            return file
        }
        let dataFiles = try spec.datasets.map { try load($0, listedIn: "datasets", kinds: [.mass, .angle, .rate, .summary]) }
        let nuclearFiles = try spec.nuclear.map { try load($0, listedIn: "nuclear", kinds: [.nuclear]) }
        let priorFiles = spec.priors.isEmpty ? [] : try loader.files(in: "priors").map {
            try load($0, listedIn: "priors", kinds: [.prior])
        }

        // Ids are unique across every file of a fit.
        var seen: [String: RowInfo] = [:]
        for row in (dataFiles + nuclearFiles + priorFiles).flatMap(\.rows) {
            let info = row.info
            if let first = seen[info.id] {
                throw info.error(field: "id",
                    "duplicate id '\(info.id)' (also in \(first.file):\(first.line))")
            }
            seen[info.id] = info
        }

        // Selection.
        let measurementRows = (dataFiles + nuclearFiles).flatMap(\.rows)
        let selected: [DatasetRow]
        if let select = spec.select {
            let known = Set(measurementRows.map(\.info.id))
            for id in select where !known.contains(id) {
                throw specError("select", "unknown id '\(id)' (not in the datasets or nuclear files of this fit)")
            }
            let wanted = Set(select)
            // Nuclear rows with use = default are always in; `select` may add optional ones.
            selected = measurementRows.filter { wanted.contains($0.info.id) || (isNuclear($0) && $0.info.isDefault) }
        } else {
            selected = measurementRows.filter { row in
                // Rows graded U document what is missing; only an explicit `select` can (wrongly) pick them.
                guard row.info.isDefault, row.info.grade != .notRetrieved else { return false }
                if case .rate(let r) = row, r.transition == .he4_20_21 {
                    return r.observable == (spec.heConvention == .dg2023 ? .gammaXeV : .bxE0)
                }
                return true
            }
        }
        for row in selected {
            if case .unavailable(let info) = row {
                throw info.error(field: "grade",
                    "row '\(info.id)' is graded U (not retrieved) and cannot be used by a fit")
            }
        }

        // Parameters.
        let nuclearRows = selected.compactMap { row -> NuclearRow? in if case .nuclear(let n) = row { n } else { nil } }
        let allNuclear = measurementRows.compactMap { row -> NuclearRow? in if case .nuclear(let n) = row { n } else { nil } }
        var roles = FitModel.RoleIndex()
        var parameters: [ModelParameter] = []
        for (index, p) in spec.parameters.enumerated() {
            func perror(_ message: String) -> InputError {
                InputError(file: spec.file, line: p.line, field: "parameters.\(p.name)", message)
            }
            let role: ParameterRole
            var unit = ""
            if let fixedRole = fixedRoles[p.name] {
                role = fixedRole
                if role == .mass { unit = "MeV" }
            } else if let n = allNuclear.first(where: { $0.info.id == p.name || sanitized($0.info.id) == p.name }) {
                guard nuclearRows.contains(where: { $0.info.id == n.info.id }) else {
                    throw perror("nuclear input '\(n.info.id)' is not selected by this fit (use = optional; add it to select)")
                }
                if !p.fixed && !(n.uncertainty > 0) {
                    throw perror("nuclear input '\(n.info.id)' has no uncertainty and cannot float (fix it)")
                }
                role = .nuisance(inputID: n.info.id)
                unit = n.unit
            } else {
                let names = fixedRoles.keys.sorted() + allNuclear.map(\.info.id)
                throw perror("unknown parameter name '\(p.name)' (known: \(names.joined(separator: ", ")))")
            }
            switch role {
            case .mass: roles.mass = index
            case .epsP: roles.epsP = index
            case .epsN: roles.epsN = index
            case .epsU: roles.epsU = index
            case .epsD: roles.epsD = index
            case .aP: roles.aP = index
            case .aN: roles.aN = index
            case .branchingRatio: roles.br = index
            case .nuisance(let id): roles.nuisances.append((index, id))
            }
            parameters.append(ModelParameter(spec: p, role: role, unit: unit))
        }
        let hypothesisField = "hypothesis"
        guard roles.mass != nil else { throw specError("parameters", field: "parameters", "missing parameter mX") }
        let vectorPairs = (roles.epsP != nil && roles.epsN != nil, roles.epsU != nil && roles.epsD != nil)
        let hasAxial = roles.aP != nil && roles.aN != nil
        if (roles.epsP == nil) != (roles.epsN == nil) || (roles.epsU == nil) != (roles.epsD == nil) || (roles.aP == nil) != (roles.aN == nil) {
            throw specError("parameters", field: "parameters", "couplings come in pairs: eps_p with eps_n, eps_u with eps_d, a_p with a_n")
        }
        if vectorPairs.0 && vectorPairs.1 {
            throw specError("eps_u", section: "parameters", field: "parameters.eps_u", "give either (eps_p, eps_n) or (eps_u, eps_d), not both")
        }
        let hasVector = vectorPairs.0 || vectorPairs.1
        let usesRates = selected.contains { if case .rate = $0 { true } else { false } }
        switch spec.hypothesis {
        case _ where !usesRates && !hasVector && !hasAxial:
            break  // a mass / angle fit: no couplings needed
        case .vector:
            if !hasVector { throw specError(hypothesisField, "hypothesis 'vector' needs parameters eps_p, eps_n (or eps_u, eps_d)") }
            if hasAxial { throw specError("a_p", section: "parameters", field: "parameters.a_p", "axial couplings are not used by hypothesis 'vector'") }
        case .axial:
            if !hasAxial { throw specError(hypothesisField, "hypothesis 'axial' needs parameters a_p, a_n") }
            if hasVector { throw specError(hypothesisField, "vector couplings are not used by hypothesis 'axial'") }
        case .mixed:
            if !(hasAxial && hasVector) { throw specError(hypothesisField, "hypothesis 'mixed' needs eps_p, eps_n (or eps_u, eps_d) and a_p, a_n") }
        }

        // Nuclear inputs, row by row so an invalid one is named.
        var inputs = NuclearInputs.reference
        for n in nuclearRows.sorted(by: { ($0.info.file, $0.info.line) < ($1.info.file, $1.info.line) }) {
            do {
                inputs = try NuclearInputs(values: [n.info.id: n.value], base: inputs)
            } catch {
                throw n.info.error(field: "id", "\(error)")
            }
        }

        // An isospin coefficient listed as not retrieved (a U row in a nuclear file) makes the treatment unavailable.
        var missingInputs: [String: RowInfo] = [:]
        for row in measurementRows where isNuclear(row) && row.info.grade == .notRetrieved {
            missingInputs[NuclearInputs.inputName(ofID: row.info.id)] = row.info
        }
        for row in selected {
            guard case .rate(let r) = row else { continue }
            let name = "\(r.transition.rawValue)_a_\(spec.isospin.rawValue)"
            if let info = missingInputs[name] {
                throw specError("isospin",
                    "isospin treatment '\(spec.isospin.rawValue)' is not available for \(r.transition.rawValue) (row '\(r.info.id)'): "
                    + "its coefficient '\(info.id)' is graded U in \(info.file):\(info.line)", unavailable: true)
            }
        }

        // Data terms.
        var dataTerms: [DataTerm] = []
        var limits: [LimitTerm] = []
        var summaries: [SummaryTerm] = []
        var heliumDevice: String?
        var energies: [(Double, RowInfo)] = []
        for row in selected {
            switch row {
            case .mass(let m):
                if let energy = m.energy { energies.append((energy, m.info)) }
                dataTerms.append(DataTerm(info: m.info, prediction: .mass,
                    measurement: Measurement(id: m.info.id, value: m.mX, stat: m.stat, syst: m.syst, systGroup: m.systGroup),
                    sigma: (m.stat * m.stat + m.syst * m.syst).squareRoot()))
            case .angle(let a):
                energies.append((a.energy, a.info))
                dataTerms.append(DataTerm(info: a.info, prediction: .angle(energy: a.energy),
                    measurement: Measurement(id: a.info.id, value: a.theta, stat: a.stat, syst: a.syst, systGroup: a.systGroup),
                    sigma: (a.stat * a.stat + a.syst * a.syst).squareRoot()))
            case .rate(let r):
                try checkObservable(r, convention: spec.heConvention, specFile: spec.file)
                energies.append((r.transition.energy, r.info))
                let prediction = Prediction.rate(r.transition, r.observable)
                if r.isUpperLimit {
                    let sigma = try limitSigma(r.info, bound: r.value, center: 0, cl: r.cl!, twoSided: false)
                    limits.append(LimitTerm(info: r.info, prediction: prediction, bound: r.value, sigma: sigma))
                    continue
                }
                let syst = r.syst ?? 0
                if r.observable == .gammaXeV {
                    heliumDevice = "he_convention dg2023: the 4He datum '\(r.info.id)' (ATOMKI B_x) is compared with "
                        + "Gamma_X in eV (M_E0 = \(inputs.heliumE0MatrixElement_fm2) fm^2; the Gamma_E0 theory error is the row's syst): "
                        + "a reproduction device of Denton & Gehrlein 2023, not a physical ratio"
                }
                let stat = r.stat!
                dataTerms.append(DataTerm(info: r.info, prediction: prediction,
                    measurement: Measurement(id: r.info.id, value: r.value, stat: stat, syst: syst, systGroup: nil),
                    sigma: (stat * stat + syst * syst).squareRoot()))
            case .summary(let s):
                guard let index = spec.parameters.firstIndex(where: { $0.name == s.parameter }) else {
                    throw s.info.error(field: "parameter",
                        "summary '\(s.info.id)' constrains '\(s.parameter)', which is not a parameter of fit '\(spec.name)'")
                }
                summaries.append(SummaryTerm(info: s.info, index: index, value: s.value, sigma: s.sigma,
                                             offset: s.chi2Offset, dof: s.dof))
            case .nuclear, .prior, .unavailable:
                break
            }
        }

        // Blocks: one MeasurementSet per correlated systematic group, one for all uncorrelated rows.
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

        // Priors.
        var priors: [PriorTerm] = []
        let priorRows = priorFiles.flatMap(\.rows)
        for id in spec.priors {
            guard let row = priorRows.first(where: { $0.info.id == id }) else {
                throw specError("priors", "unknown prior id '\(id)' (not in \(loader.displayRoot)/priors/*.csv)")
            }
            guard case .prior(let prior) = row else {
                throw specError("priors", "prior '\(id)' is graded U (not retrieved) and cannot be used")
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
            let sigma: Double
            switch prior.kind {
            case .gaussian: sigma = prior.sigma!
            case .twoSidedLimit, .upperLimit:
                sigma = try prior.sigma ?? limitSigma(prior.info, bound: prior.bound!, center: prior.center, cl: prior.cl!,
                                                      twoSided: prior.kind == .twoSidedLimit)
            }
            priors.append(PriorTerm(info: prior.info, quantity: prior.parameter, index: index, scaledBySqrtBR: scaled,
                                    center: prior.center, sigma: sigma, oneSided: prior.kind == .upperLimit))
        }

        // Floated nuclear inputs: Gaussian constraints.
        var nuisances: [NuisanceTerm] = []
        for (index, id) in roles.nuisances where !spec.parameters[index].fixed {
            let n = nuclearRows.first { $0.info.id == id }!
            nuisances.append(NuisanceTerm(info: n.info, index: index, center: n.value, sigma: n.uncertainty))
        }

        // The X must be lighter than every transition the data use, at the start point.
        let mXSpec = spec.parameters[roles.mass!]
        // …and heavier than an e⁺e⁻ pair, which every observable here is (X → e⁺e⁻).
        let pairThreshold = 2 * Constants.electronMass
        guard mXSpec.start > pairThreshold else {
            throw InputError(file: spec.file, line: mXSpec.line, field: "parameters.mX.start",
                "start value \(mXSpec.start) MeV is not above the e⁺e⁻ threshold 2 m_e = \(pairThreshold) MeV")
        }
        for (energy, info) in energies where !(mXSpec.start < energy) {
            throw InputError(file: spec.file, line: mXSpec.line, field: "parameters.mX.start",
                "start value \(mXSpec.start) MeV is not below the energy \(energy) MeV of '\(info.id)' (\(info.file):\(info.line))")
        }

        let model = FitModel(
            parameters: parameters, hypothesis: spec.hypothesis, isospin: spec.isospin, heConvention: spec.heConvention,
            dataTerms: dataTerms, limits: limits, summaries: summaries, priors: priors, nuisances: nuisances,
            blocks: blocks, baseInputs: inputs, roles: roles, ndofOverride: spec.ndof)

        // Every prediction must be computable at the start point (unavailable physics is named here).
        let start = spec.parameters.map(\.start)
        let point: FitModel.Point
        do {
            point = try model.point(start)
        } catch {
            // A floated nuclear input started outside its physics domain (e.g. a negative matrix element).
            throw parameterDomainError(error, spec: spec) ?? InputError(file: spec.file, line: spec.line(of: "parameters"),
                field: "parameters", "the start values are outside the physics domain: \(error)")
        }
        for term in dataTerms.map({ ($0.info, $0.prediction) }) + limits.map({ ($0.info, $0.prediction) }) {
            do {
                _ = try model.predict(term.1, at: point)
            } catch {
                if let blamed = parameterDomainError(error, spec: spec) { throw blamed }
                let missing: Bool
                if case PhysicsError.notAvailable = error { missing = true } else { missing = false }
                if case .rate(let t, _) = term.1, spec.isospin != .none,
                   (try? VectorRates.ratio(t, mX: point.mX, epsP: point.epsP, epsN: point.epsN, isospin: .none, inputs: point.inputs)) != nil {
                    throw specError("isospin",
                        "isospin treatment '\(spec.isospin.rawValue)' is not available for \(t.rawValue) (row '\(term.0.id)', \(term.0.file):\(term.0.line)): \(error)",
                        unavailable: missing)
                }
                throw term.0.error(field: "transition",
                    "cannot predict '\(term.0.id)' under hypothesis '\(spec.hypothesis.rawValue)': \(error)", unavailable: missing)
            }
        }
        guard model.chi2(start).isFinite else {
            throw specError("parameters", field: "parameters", "the χ² is not finite at the start values")
        }
        try checkFirstSteps(spec: spec, model: model)
        guard model.ndof >= 1 else {
            throw specError("parameters", field: "parameters",
                "no degrees of freedom: \(model.dataPoints) data points − \(model.freeParameters) free parameters = \(model.ndof) "
                + "(a fit needs ndof ≥ 1 for its p-value; check the datasets and select)")
        }

        if let published = spec.published {
            let names = spec.parameters.map(\.name) + FitResult.derivedNames
            let known = Set(names + names.map { $0 + "_error" } + FitResult.statisticNames)
            for (name, _) in published.values where !known.contains(name) {
                throw specError(name, section: "published", field: "published.\(name)", "unknown quantity '\(name)' to compare with")
            }
        }
        return FitSetup(spec: spec, model: model, datasetHashes: hashes, heliumDeviceNote: heliumDevice)
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
        case (.gammaXeV, .he4_20_21):
            bad = convention == .dg2023 ? nil : "GammaX_eV is the dg2023 device; this fit uses he_convention = \(convention.rawValue)"
        case (.gammaXeV, _): bad = "GammaX_eV applies to He4_20.21 only"
        case (.bxE0, .he4_20_21), (.bxE0, .he4_21_01):
            bad = convention == .ratio ? nil : "BX_E0 is the ratio convention; this fit uses he_convention = \(convention.rawValue)"
        case (.bxE0, _): bad = "BX_E0 applies to ⁴He transitions only"
        case (.bxGamma, .he4_20_21), (.bxGamma, .he4_21_01): bad = "⁴He has no photon decay to normalise BX_gamma to; use BX_E0 or GammaX_eV"
        case (.bxGamma, _): bad = nil
        }
        if let bad { throw r.info.error(field: "observable", bad) }
    }
}

/// The Gaussian width of a limit row (Statistics' `limitWidth`), with its refusals reported against the row.
private func limitSigma(_ info: RowInfo, bound: Double, center: Double, cl: Double, twoSided: Bool) throws -> Double {
    do {
        return try limitWidth(name: info.id, bound: bound, center: center, cl: cl, twoSided: twoSided)
    } catch StatisticsError.invalidPrior(_, let field, let value, let reason) {
        throw info.error(field: field, "\(value) \(reason)")
    }
}
