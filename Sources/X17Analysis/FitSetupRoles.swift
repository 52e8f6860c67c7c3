import Statistics
import X17Physics

extension FitSetup {
    /// Stage 3: each spec parameter's role (mass, coupling, BR, or a nuclear input floated as a nuisance), and
    /// the couplings the hypothesis needs.
    static func assignRoles(spec: FitSpec, selected: [DatasetRow], selectedNuclear: [NuclearRow], allNuclear: [NuclearRow])
        throws -> (parameters: [ModelParameter], roles: FitModel.RoleIndex) {
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
                guard selectedNuclear.contains(where: { $0.info.id == n.info.id }) else {
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
            case .epsE: roles.epsE = index
            case .aE: roles.aE = index
            case .epsNu: roles.epsNu = index
            case .nuisance(let id): roles.nuisances.append((index, id))
            }
            parameters.append(ModelParameter(spec: p, role: role, unit: unit))
        }
        try checkHypothesis(spec: spec, roles: roles, usesRates: selected.contains { if case .rate = $0 { true } else { false } })
        try checkLeptonCouplings(spec: spec, roles: roles)
        return (parameters, roles)
    }

    /// mX is a parameter; couplings come in pairs; the hypothesis has exactly the couplings it uses.
    static func checkHypothesis(spec: FitSpec, roles: FitModel.RoleIndex, usesRates: Bool) throws {
        let hypothesisField = "hypothesis"
        guard roles.mass != nil else { throw spec.error("parameters", field: "parameters", "missing parameter mX") }
        let vectorPairs = (roles.epsP != nil && roles.epsN != nil, roles.epsU != nil && roles.epsD != nil)
        let hasAxial = roles.aP != nil && roles.aN != nil
        if (roles.epsP == nil) != (roles.epsN == nil) || (roles.epsU == nil) != (roles.epsD == nil) || (roles.aP == nil) != (roles.aN == nil) {
            throw spec.error("parameters", field: "parameters", "couplings come in pairs: eps_p with eps_n, eps_u with eps_d, a_p with a_n")
        }
        if vectorPairs.0 && vectorPairs.1 {
            throw spec.error("eps_u", section: "parameters", field: "parameters.eps_u", "give either (eps_p, eps_n) or (eps_u, eps_d), not both")
        }
        let hasVector = vectorPairs.0 || vectorPairs.1
        switch spec.hypothesis {
        case _ where !usesRates && !hasVector && !hasAxial:
            break  // a mass / angle fit: no couplings needed
        case .vector:
            if !hasVector { throw spec.error(hypothesisField, "hypothesis 'vector' needs parameters eps_p, eps_n (or eps_u, eps_d)") }
            if hasAxial { throw spec.error("a_p", section: "parameters", field: "parameters.a_p", "axial couplings are not used by hypothesis 'vector'") }
        case .axial:
            if !hasAxial { throw spec.error(hypothesisField, "hypothesis 'axial' needs parameters a_p, a_n") }
            if hasVector { throw spec.error(hypothesisField, "vector couplings are not used by hypothesis 'axial'") }
        case .mixed:
            if !(hasAxial && hasVector) { throw spec.error(hypothesisField, "hypothesis 'mixed' needs eps_p, eps_n (or eps_u, eps_d) and a_p, a_n") }
        }
    }

    /// Stage 4: the selected nuclear inputs over the reference values, row by row so an invalid one is named.
    static func nuclearInputs(_ nuclearRows: [NuclearRow]) throws -> NuclearInputs {
        var inputs = NuclearInputs.reference
        for n in nuclearRows.sorted(by: { ($0.info.file, $0.info.line) < ($1.info.file, $1.info.line) }) {
            do {
                inputs = try NuclearInputs(values: [n.info.id: n.value], base: inputs)
            } catch {
                throw n.info.error(field: "id", "\(error)")
            }
        }
        return inputs
    }

    /// An isospin coefficient listed as not retrieved (a U row in a nuclear file) makes the treatment unavailable.
    static func checkIsospinInputs(spec: FitSpec, selected: [DatasetRow], measurementRows: [DatasetRow]) throws {
        var missingInputs: [String: RowInfo] = [:]
        for row in measurementRows where isNuclear(row) && row.info.grade == .notRetrieved {
            missingInputs[NuclearInputs.inputName(ofID: row.info.id)] = row.info
        }
        for row in selected {
            guard case .rate(let r) = row else { continue }
            let name = "\(r.transition.rawValue)_a_\(spec.isospin.rawValue)"
            if let info = missingInputs[name] {
                throw spec.error("isospin",
                    "isospin treatment '\(spec.isospin.rawValue)' is not available for \(r.transition.rawValue) (row '\(r.info.id)'): "
                    + "its coefficient '\(info.id)' is graded U in \(info.file):\(info.line)", unavailable: true)
            }
        }
    }
}
