extension FunctionMinimum {
    /// iminuit-style text: ``statusBox`` followed by ``parameterTable``.
    public var summary: String { statusBox + "\n" + parameterTable }

    /// iminuit-style status box, with the effective EDM goal and the reason the fit stopped.
    public var statusBox: String {
        let w = 36
        func pad(_ s: String, _ width: Int) -> String {
            let c = s.count
            if c >= width { return s }
            let left = (width - c) / 2
            return String(repeating: " ", count: left) + s + String(repeating: " ", count: width - c - left)
        }
        func left(_ s: String, _ width: Int) -> String {
            s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
        }
        let bar = String(repeating: "─", count: w)
        var lines = [String]()
        lines.append("┌" + bar + "─" + bar + "┐")
        lines.append("│" + pad(method, 2 * w + 1) + "│")
        lines.append("├" + bar + "┬" + bar + "┤")
        lines.append("│" + left(" FCN = \(fmt(fval, 6))", w) + "│" + left(" Nfcn = \(nfcn), Ngrad = \(ngrad)", w) + "│")
        lines.append("│" + left(" EDM = \(fmt(edm, 3)) (Goal: \(fmt(edmGoal, 3)))", w) + "│" + left(" errordef = \(fmt(errordef, 3))", w) + "│")
        lines.append("├" + bar + "┼" + bar + "┤")
        lines.append("│" + pad(isValid ? "Valid Minimum" : "INVALID Minimum", w) + "│"
                     + pad(isAboveMaxEdm ? "ABOVE EDM threshold (goal x 10)" : "Below EDM threshold (goal x 10)", w) + "│")
        lines.append("├" + bar + "┼" + bar + "┤")
        lines.append("│" + pad(hasParametersAtLimit ? "SOME parameters at limit" : "No parameters at limit", w) + "│"
                     + pad(hasReachedCallLimit ? "ABOVE call limit" : "Below call limit", w) + "│")
        lines.append("├" + bar + "┼" + bar + "┤")
        let hesseText = hesseFailed ? "Hesse FAILED" : (hasCovariance ? "Hesse ok" : "No covariance")
        let covText: String
        if !hasCovariance { covText = "Covariance not available" }
        else if hasMadePosDefCovariance { covText = "Covariance FORCED pos. def." }
        else if hasAccurateCovariance { covText = "Covariance accurate" }
        else { covText = "Covariance APPROXIMATE" }
        lines.append("│" + pad(hesseText, w) + "│" + pad(covText, w) + "│")
        lines.append("└" + bar + "┴" + bar + "┘")
        lines.append("Stopped because: \(stopReason)")
        return lines.joined(separator: "\n")
    }

    /// iminuit-style parameter table: values, HESSE errors, MINOS errors when run, limits, fixed.
    public var parameterTable: String {
        func left(_ s: String, _ width: Int) -> String {
            s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
        }
        var lines = [String]()
        let hasMinos = !minosErrors.isEmpty
        var header = ["", "Name", "Value", "Hesse Err"]
        if hasMinos { header += ["Minos Err-", "Minos Err+"] }
        header += ["Limit-", "Limit+", "Fixed"]
        var rows = [header]
        let names = self.names, values = self.values, errors = self.errors
        for (i, p) in parameters.enumerated() {
            var r = ["\(i)", names[i], fmt(values[i], 6), fmt(errors[i], 3)]
            if hasMinos {
                if let m = minosErrors[names[i]] { r += [fmt(m.lower, 3), fmt(m.upper, 3)] } else { r += ["", ""] }
            }
            r += [p.lower.map { fmt($0, 4) } ?? "", p.upper.map { fmt($0, 4) } ?? "", p.fixed ? "yes" : ""]
            rows.append(r)
        }
        var widths = [Int](repeating: 0, count: header.count)
        for r in rows { for (k, c) in r.enumerated() { widths[k] = max(widths[k], c.count) } }
        func line(_ l: String, _ m: String, _ r: String) -> String {
            l + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: m) + r
        }
        lines.append(line("┌", "┬", "┐"))
        for (k, r) in rows.enumerated() {
            lines.append("│" + r.enumerated().map { " " + left($0.element, widths[$0.offset]) + " " }.joined(separator: "│") + "│")
            if k == 0 { lines.append(line("├", "┼", "┤")) }
        }
        lines.append(line("└", "┴", "┘"))
        return lines.joined(separator: "\n")
    }
}

/// Compact formatting with `digits` significant digits, without Foundation.
func fmt(_ x: Double, _ digits: Int) -> String {
    guard x.isFinite else { return "\(x)" }
    if x == 0 { return "0" }
    let a = abs(x)
    if a >= 1e-3 && a < 1e6 {
        var mag = 0
        var t = a
        while t >= 10 { t /= 10; mag += 1 }
        while t < 1 { t *= 10; mag -= 1 }
        let decimals = max(0, digits - 1 - mag)
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let r = (a * scale).rounded() / scale
        var s = "\(Int((r * scale).rounded()))"
        if decimals > 0 {
            while s.count <= decimals { s = "0" + s }
            let cut = s.index(s.endIndex, offsetBy: -decimals)
            s = String(s[..<cut]) + "." + String(s[cut...])
        }
        return (x < 0 ? "-" : "") + s
    }
    var e = 0
    var m = a
    while m >= 10 { m /= 10; e += 1 }
    while m < 1 { m *= 10; e -= 1 }
    var scale = 1.0
    for _ in 0..<max(0, digits - 1) { scale *= 10 }
    var mi = Int((m * scale).rounded())
    if Double(mi) >= 10 * scale { mi /= 10; e += 1 }
    var s = "\(mi)"
    if s.count > 1 { s.insert(".", at: s.index(after: s.startIndex)) }
    return (x < 0 ? "-" : "") + s + "e" + (e < 0 ? "-" : "+") + (abs(e) < 10 ? "0" : "") + "\(abs(e))"
}
