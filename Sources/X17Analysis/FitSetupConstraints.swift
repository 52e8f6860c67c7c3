import FileSafety
import Foundation
import X17Physics

/// One row of a constraints file (datasets/SCHEMA.md, constraints), validated.
struct ConstraintRow {
    let term: ConstraintTerm
    /// Alternatives of parameter sets, any one of which the fit must have (`parameters`, e.g. `eps_e|a_e`).
    let needs: [[String]]
    /// Rows sharing a non-empty group are alternatives: at most one per fit.
    let exclusive: String?
}

extension FitSetup {
    static let constraintColumns = ["id", "probe", "quantity", "kind", "value", "sigma", "bound", "bound_negative",
                                    "bound_high", "cl", "parameters", "exclusive", "use", "source", "grade", "notes"]
    /// Names a constraint's `parameters` column may use.
    static let constraintParameterNames = ["mX", "eps_p", "eps_n", "a_p", "a_n", "eps_e", "a_e", "eps_nu"]

    /// The spec's external constraints from its constraints file, with the file's hash; none read when the spec
    /// names none.
    static func buildConstraints(spec: FitSpec, roles: FitModel.RoleIndex, loader: DatasetLoader)
        throws -> (terms: [ConstraintTerm], hashes: [String: String]) {
        guard !spec.constraints.isEmpty else { return ([], [:]) }
        let key = spec.line(of: "constraints_file") != nil ? "constraints_file" : "constraints"
        let url = loader.root.appendingPathComponent(spec.constraintsFile)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: url.path) else {
            throw spec.error(key, "constraints file '\(spec.constraintsFile)' not found in \(loader.root.path)")
        }
        let file = loader.display(spec.constraintsFile)
        guard let text = String(data: data, encoding: .utf8) else { throw InputError(file: file, "not UTF-8 text") }
        let rows = try parseConstraints(CSVTable(text: text, file: file), dataset: spec.constraintsFile)
        let known = rows.map(\.term.info.id)
        var available = Set<String>()
        if roles.mass != nil { available.insert("mX") }
        if roles.epsP != nil || roles.epsU != nil { available.formUnion(["eps_p", "eps_n"]) }
        if roles.aP != nil || roles.a0 != nil { available.formUnion(["a_p", "a_n"]) }
        if roles.epsE != nil { available.insert("eps_e") }
        if roles.aE != nil { available.insert("a_e") }
        if roles.epsNu != nil { available.insert("eps_nu") }
        var chosen: [ConstraintRow] = []
        for id in spec.constraints {
            guard let row = rows.first(where: { $0.term.info.id == id }) else {
                throw spec.error("constraints", "unknown constraint '\(id)' (known in \(file): \(known.joined(separator: ", ")))")
            }
            if spec.priors.contains(id) {
                throw spec.error("constraints", "'\(id)' is named in both priors and constraints: the same bound counted twice; name it once")
            }
            if chosen.contains(where: { $0.term.info.id == id }) {
                throw spec.error("constraints", "constraint '\(id)' is named twice")
            }
            if let group = row.exclusive, let other = chosen.first(where: { $0.exclusive == group }) {
                throw spec.error("constraints",
                    "constraints '\(other.term.info.id)' and '\(id)' are alternatives (exclusive group '\(group)' in \(file)): name one of them")
            }
            chosen.append(row)
        }
        for row in chosen where !row.needs.contains(where: { Set($0).isSubset(of: available) }) {
            let options = row.needs.map { $0.joined(separator: " and ") }
            throw spec.error("constraints",
                "constraint '\(row.term.info.id)' needs \(options[0])\(options.count > 1 ? " (or " + options.dropFirst().joined(separator: ", or ") + ")" : "") "
                + "among the fit's [parameters] (\(row.term.info.file):\(row.term.info.line))")
        }
        return (chosen.map(\.term), [spec.constraintsFile: SHA256.hex(of: data)])
    }

    /// Every row of a constraints file, checked whether or not a fit names it.
    static func parseConstraints(_ table: CSVTable, dataset: String) throws -> [ConstraintRow] {
        try table.requireColumns(constraintColumns)
        var ids: [String: Int] = [:]
        var out: [ConstraintRow] = []
        for row in table.rows {
            let id = try row.required("id")
            if let first = ids[id] { throw row.error("id", "duplicate id '\(id)' (first on line \(first))") }
            ids[id] = row.line
            _ = try row.required("probe")
            let info = RowInfo(
                id: id, dataset: dataset, file: table.file, line: row.line,
                isDefault: try row.choice("use", ["default", "optional"]) == "default", source: try row.required("source"),
                grade: Grade(rawValue: try row.choice("grade", Grade.allCases.map(\.rawValue)))!, notes: row.text("notes"),
                columns: row.columns)
            if info.grade == .notRetrieved { throw row.error("grade", "constraint rows graded U (not found) carry no number: remove the row") }
            let quantity = ConstraintQuantity(rawValue: try row.choice("quantity", ConstraintQuantity.allCases.map(\.rawValue)))!
            let kind = ConstraintKind(rawValue: try row.choice("kind", ConstraintKind.allCases.map(\.rawValue)))!
            func cl() throws -> Double {
                let value = try row.number("cl")
                guard value > 0.5, value < 1 else { throw row.error("cl", "expected a confidence level in (0.5, 1), got '\(row.text("cl"))'") }
                return value
            }
            var term: ConstraintTerm
            switch kind {
            case .gaussian:
                term = ConstraintTerm(info: info, quantity: quantity, kind: kind, center: try row.number("value"),
                                      sigma: try row.positive("sigma"), sigmaNegative: try row.positive("sigma"), window: nil)
            case .oneSidedUpper, .twoSidedAtZero:
                let sigma = try limitSigma(info, bound: try row.positive("bound"), center: 0, cl: try cl(),
                                           twoSided: kind == .twoSidedAtZero)
                term = ConstraintTerm(info: info, quantity: quantity, kind: kind, center: 0, sigma: sigma, sigmaNegative: sigma,
                                      window: nil)
            case .signDependentUpper:
                let level = try cl()
                term = ConstraintTerm(
                    info: info, quantity: quantity, kind: kind, center: 0,
                    sigma: try limitSigma(info, bound: try row.positive("bound"), center: 0, cl: level, twoSided: false),
                    sigmaNegative: try limitSigma(info, bound: try row.positive("bound_negative"), center: 0, cl: level, twoSided: false),
                    window: nil)
            case .excludedWindow:
                let lower = try row.nonNegative("bound")
                let upper: Double
                if row.text("bound_high") == "inf" {
                    upper = .infinity
                } else {
                    upper = try row.positive("bound_high")
                    guard upper > lower else {
                        throw row.error("bound_high", "expected the upper edge of the excluded window above bound = \(lower), got '\(row.text("bound_high"))'")
                    }
                }
                let shown = lower > 0 ? lower : upper
                term = ConstraintTerm(info: info, quantity: quantity, kind: kind, center: 0, sigma: shown, sigmaNegative: shown,
                                      window: (lower, upper))
            }
            if [.oneSidedUpper, .twoSidedAtZero, .signDependentUpper].contains(kind) { term.cl = try cl() }
            let needs = try row.required("parameters").split(separator: "|").map { group in
                try group.split(separator: "+").map { name -> String in
                    let n = String(name)
                    guard constraintParameterNames.contains(n) else {
                        throw row.error("parameters", "unknown parameter '\(n)' (expected names from \(constraintParameterNames.joined(separator: ", ")), joined by + and |)")
                    }
                    return n
                }
            }
            out.append(ConstraintRow(term: term, needs: needs, exclusive: row.text("exclusive").isEmpty ? nil : row.text("exclusive")))
        }
        return out
    }

    /// ε_ν fixes BR(X → e⁺e⁻) together with ε_e and a_e, so BR_ee cannot also be a parameter, and ε_ν alone would
    /// leave X without an e⁺e⁻ decay.
    static func checkLeptonCouplings(spec: FitSpec, roles: FitModel.RoleIndex) throws {
        guard roles.epsNu != nil else { return }
        if roles.br != nil {
            throw spec.error("BR_ee", section: "parameters", field: "parameters.BR_ee",
                "BR_ee cannot be a parameter together with eps_nu: BR(X → e⁺e⁻) then follows from eps_e, a_e and eps_nu "
                + "(docs/physics.md §12.1); remove BR_ee")
        }
        if roles.epsE == nil && roles.aE == nil {
            throw spec.error("eps_nu", section: "parameters", field: "parameters.eps_nu",
                "eps_nu needs eps_e or a_e as a parameter: without an electron coupling X never decays to e⁺e⁻")
        }
    }

    /// Each constraint is finite at the start values: an excluded window or an unevaluable quantity is named.
    static func checkConstraintsAtStart(spec: FitSpec, model: FitModel) throws {
        let start = spec.parameters.map(\.start)
        let br = model.couplings(start).br
        let p = model.constraintPoint(start, br: br)
        for term in model.constraints {
            let q: Double
            do {
                q = try term.quantity.value(at: p)
            } catch {
                throw spec.error("constraints", "constraint '\(term.info.id)' cannot be evaluated at the start values: \(error)")
            }
            guard term.chi2(q).isFinite else {
                let (lower, upper) = term.window ?? (0, 0)
                throw spec.error("constraints",
                    "constraint '\(term.info.id)' excludes the start values: \(term.quantity.rawValue) = \(q.isFinite ? "\(q)" : "∞") "
                    + "lies in its excluded window (\(lower), \(upper.isFinite ? "\(upper)" : "∞")); change the start values")
            }
        }
    }
}
