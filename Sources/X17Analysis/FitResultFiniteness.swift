extension FitResult {
    /// Replaces every NaN or infinite number by 0 (or null where the field may be null), listing each in
    /// ``failures`` together with `failures` already found, so that an invalid fit never prints or writes a
    /// non-finite number and says why it is invalid. A valid fit with finite numbers is left unchanged.
    mutating func replaceNonFinite(failures initial: [String]) {
        var found = initial
        func show(_ v: Double) -> String { v.isNaN ? "NaN" : "\(v)" }
        func fix(_ v: inout Double, _ what: String) {
            if !v.isFinite { found.append("\(what) is not finite (\(show(v)))"); v = 0 }
        }
        func fix(_ v: inout Double?, _ what: String) {
            if let value = v, !value.isFinite { found.append("\(what) is not finite (\(show(value)))"); v = nil }
        }
        fix(&chi2, "chi2 at the minimum")
        if ndof > 0 && (pvalue == nil || nsigma == nil) { found.append("no p-value for chi2 = \(chi2)") }
        fix(&pvalue, "p-value")
        fix(&nsigma, "Nsigma")
        fix(&minimum.edm, "EDM")
        for i in parameters.indices {
            let name = parameters[i].name
            fix(&parameters[i].value, "\(name) value")
            fix(&parameters[i].error, "\(name) error")
            if var m = parameters[i].minos, !(m.lower.isFinite && m.upper.isFinite) {
                if !m.lower.isFinite { m.lowerValid = false }
                if !m.upper.isFinite { m.upperValid = false }
                fix(&m.lower, "\(name) MINOS lower")
                fix(&m.upper, "\(name) MINOS upper")
                m.valid = false
                parameters[i].minos = m
            }
        }
        func fix(_ m: inout LabelledMatrix?, _ what: String) {
            guard var matrix = m else { return }
            let bad = matrix.matrix.joined().filter { !$0.isFinite }.count
            guard bad > 0 else { return }
            found.append("\(what): \(bad) entries not finite")
            matrix.matrix = matrix.matrix.map { row in row.map { $0.isFinite ? $0 : 0 } }
            m = matrix
        }
        fix(&covariance, "covariance")
        fix(&correlation, "correlation")
        for i in terms.indices {
            fix(&terms[i].predicted, "prediction of \(terms[i].id)")
            fix(&terms[i].pull, "pull of \(terms[i].id)")
        }
        for i in derived.indices {
            fix(&derived[i].value, derived[i].name)
            fix(&derived[i].error, "\(derived[i].name) error")
        }
        if var comparison = published {
            for key in comparison.differences.keys.sorted() where !(comparison.differences[key]!.isFinite) {
                found.append("difference in \(key) is not finite")
                comparison.differences[key] = nil
                comparison.ours[key] = nil
            }
            published = comparison
        }
        if !found.isEmpty {
            minimum.valid = false
            failures = found
        }
    }
}
