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
            case .a0: roles.a0 = index
            case .branchingRatio: roles.br = index
            case .epsE: roles.epsE = index
            case .aE: roles.aE = index
            case .epsNu: roles.epsNu = index
            case .nuisance(let id):
                // Fixed at the file's value (e.g. pinned by `pinExactInputs`), the input is already in the base inputs.
                let value = allNuclear.first { $0.info.id == id }!.value
                if !(p.fixed && p.start.bitPattern == value.bitPattern) { roles.nuisances.append((index, id)) }
            }
            parameters.append(ModelParameter(spec: p, role: role, unit: unit))
        }
        try checkHypothesis(spec: spec, roles: roles, usesRates: selected.contains { if case .rate = $0 { true } else { false } })
        try checkLeptonCouplings(spec: spec, roles: roles)
        return (parameters, roles)
    }

    /// mX is a parameter; the hypothesis has every coupling it uses (the missing ones named) and no other;
    /// couplings come in pairs.
    static func checkHypothesis(spec: FitSpec, roles: FitModel.RoleIndex, usesRates: Bool) throws {
        let hypothesisField = "hypothesis"
        guard roles.mass != nil else { throw spec.error("parameters", field: "parameters", "missing parameter mX") }
        let hasQuarkVector = roles.epsU != nil || roles.epsD != nil
        let hasVector = roles.epsP != nil || roles.epsN != nil || hasQuarkVector
        let hasAxial = roles.aP != nil || roles.aN != nil || roles.a0 != nil
        if usesRates || hasVector || hasAxial {
            var missing: [String] = []
            if spec.hypothesis != .axial {
                missing += hasQuarkVector ? [("eps_u", roles.epsU), ("eps_d", roles.epsD)].filter { $0.1 == nil }.map(\.0)
                    : [("eps_p", roles.epsP), ("eps_n", roles.epsN)].filter { $0.1 == nil }.map(\.0)
            }
            if spec.hypothesis != .vector {
                missing += roles.a0 != nil ? [] : [("a_p", roles.aP), ("a_n", roles.aN)].filter { $0.1 == nil }.map(\.0)
            }
            if !missing.isEmpty {
                let needs: String
                switch spec.hypothesis {
                case .vector: needs = "eps_p, eps_n (or eps_u, eps_d)"
                case .axial: needs = "a_p, a_n (or a_0)"
                case .mixed: needs = "eps_p, eps_n (or eps_u, eps_d) and a_p, a_n (or a_0)"
                }
                throw spec.error(hypothesisField,
                    "hypothesis '\(spec.hypothesis.rawValue)' needs parameters \(needs); missing in [parameters]: \(missing.joined(separator: ", "))")
            }
        }
        if (roles.epsP == nil) != (roles.epsN == nil) || (roles.epsU == nil) != (roles.epsD == nil) || (roles.aP == nil) != (roles.aN == nil) {
            throw spec.error("parameters", field: "parameters", "couplings come in pairs: eps_p with eps_n, eps_u with eps_d, a_p with a_n")
        }
        if roles.a0 != nil && roles.aP != nil {
            throw spec.error("a_0", section: "parameters", field: "parameters.a_0", "give either (a_p, a_n) or the isoscalar a_0, not both")
        }
        if roles.epsP != nil && roles.epsU != nil {
            throw spec.error("eps_u", section: "parameters", field: "parameters.eps_u", "give either (eps_p, eps_n) or (eps_u, eps_d), not both")
        }
        if spec.hypothesis == .vector && hasAxial {
            throw spec.error(roles.a0 != nil ? "a_0" : "a_p", section: "parameters", field: roles.a0 != nil ? "parameters.a_0" : "parameters.a_p",
                             "axial couplings are not used by hypothesis 'vector'")
        }
        if spec.hypothesis == .axial && hasVector {
            throw spec.error(hypothesisField, "vector couplings are not used by hypothesis 'axial'")
        }
    }

    /// Stage 3a: a nuclear-input parameter whose input has uncertainty 0 is exact: it is fixed at the input's value
    /// (any `start` ignored) and listed as fixed, so the fit is the fixed-input fit bit for bit.
    static func pinExactInputs(spec: FitSpec, allNuclear: [NuclearRow]) -> FitSpec {
        var spec = spec
        for (i, p) in spec.parameters.enumerated() where !p.fixed && fixedRoles[p.name] == nil {
            guard let n = allNuclear.first(where: { $0.info.id == p.name || sanitized($0.info.id) == p.name }),
                  n.uncertainty == 0 else { continue }
            spec.parameters[i].fixed = true
            spec.parameters[i].start = n.value
        }
        return spec
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
