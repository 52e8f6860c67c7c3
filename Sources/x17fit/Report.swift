import Foundation
import Statistics
import X17Analysis

/// Terminal rendering of a fit result.
enum Report {
    static func number(_ x: Double, _ digits: Int = 5) -> String { String(format: "%.\(digits)g", x) }

    static func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let n = s.count
        guard n < width else { return s }
        let fill = String(repeating: " ", count: width - n)
        return right ? fill + s : s + fill
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in pad(c, widths[i], right: i > 0) }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }

    static func header(_ r: FitResult) -> String {
        var lines = ["fit \(r.fit): \(r.description)",
                     "hypothesis \(r.hypothesis), isospin \(r.isospin), he_convention \(r.heConvention)"]
        if let note = r.heConventionNote { lines.append("NOTE: \(note)") }
        for input in r.userSuppliedInputs ?? [] {
            lines.append("USER-SUPPLIED INPUT (not in the shipped catalogue): \(input.summary)")
        }
        return lines.joined(separator: "\n")
    }

    static func parameters(_ r: FitResult) -> String {
        let withMinos = r.parameters.contains { $0.minos != nil }
        var head = ["parameter", "value", "hesse error"]
        if withMinos { head += ["minos lower", "minos upper"] }
        head += ["unit", "limits", "fixed"]
        let rows = r.parameters.map { p -> [String] in
            var row = [p.name, number(p.value, 6), p.fixed ? "-" : number(p.error, 3)]
            if withMinos {
                if let m = p.minos {
                    row += [number(m.lower, 3) + (m.valid ? "" : "!"), "+" + number(m.upper, 3) + (m.valid ? "" : "!")]
                } else { row += ["-", "-"] }
            }
            let limits = p.limits.map { l in "[\(l[0].map { number($0) } ?? "-inf"), \(l[1].map { number($0) } ?? "+inf")]" } ?? ""
            row += [p.unit, limits, p.fixed ? "yes" : ""]
            return row
        }
        return table(head, rows)
    }

    static func goodness(_ r: FitResult) -> String {
        var s = "chi2/ndof = \(number(r.chi2, 6))/\(r.ndof)"
        if r.chi2Offset > 0 { s += " (includes summary offset \(number(r.chi2Offset)))" }
        s += ", data points \(r.dataPoints)"
        if let p = r.pvalue, let n = r.nsigma {
            s += "\np-value = \(number(p, 4)), Nsigma = \(String(format: "%.2f", n)) (two-sided)"
        } else {
            s += "\np-value: none (ndof <= 0)"
        }
        return s
    }

    static func derived(_ r: FitResult) -> String? {
        guard !r.derived.isEmpty else { return nil }
        return "derived: " + r.derived.map { d in
            "\(d.name) = \(number(d.value, 4))" + (d.error.map { " ± \(number($0, 3))" } ?? "")
        }.joined(separator: ", ")
    }

    static func pulls(_ r: FitResult) -> String {
        table(["term", "kind", "observed", "predicted", "sigma", "pull"], r.terms.map {
            [$0.id, $0.kind, number($0.observed), number($0.predicted), number($0.sigma, 3), String(format: "%+.2f", $0.pull)]
        })
    }

    static func comparison(_ r: FitResult) -> String? {
        guard let pub = r.published, !pub.values.isEmpty else { return nil }
        let rows = pub.values.keys.sorted().map { name -> [String] in
            [name, pub.ours[name].map { number($0) } ?? "-", number(pub.values[name]!), pub.differences[name].map { number($0, 3) } ?? "-"]
        }
        return "published: \(pub.source ?? "")\n" + table(["quantity", "ours", "published", "ours - published"], rows)
    }

    /// The full report of `x17fit fit`.
    static func full(_ outcome: FitOutcome) -> String {
        let r = outcome.result
        var parts = [header(r), outcome.minimum.statusBox, parameters(r), goodness(r)]
        if let d = derived(r) { parts.append(d) }
        parts.append("pulls (predicted - observed)/sigma:\n" + pulls(r))
        if let c = comparison(r) { parts.append(c) }
        if !r.problems.isEmpty { parts.append("INVALID FIT: " + r.problems.joined(separator: "; ")) }
        return parts.joined(separator: "\n\n")
    }

    /// A profile grid in numbers: minimum on the grid, failed points, and per contour level the islands
    /// with their extents.
    static func gridSummary(_ grid: ProfileGrid, contours: [ContourLine]) -> String {
        let computed = grid.points.indices.filter { grid.points[$0].status != .notComputed }
        let failed = computed.filter { grid.points[$0].status == .failed }.count
        let retried = computed.filter { grid.points[$0].status == .retried }.count
        var lines = ["\(grid.kind.rawValue) grid \(grid.x.name)\(grid.y.map { " × " + $0.name } ?? ""): "
                     + "\(grid.nx)\(grid.y == nil ? "" : "×\(grid.ny)") points, \(retried) retried, \(failed) failed; "
                     + "chi2_min = \(number(grid.chi2Min, 6))"
                     + (grid.profiledParameters.isEmpty ? "" : ", profiled: " + grid.profiledParameters.joined(separator: ", "))]
        let levels = Array(Set(contours.map(\.level))).sorted()
        for level in levels {
            let pieces = contours.filter { $0.level == level }
            // Near 1 the CL is shown through its tail, from the level (χ² survival for 1 or 2 dof).
            let tail = grid.y == nil ? erfc((level / 2).squareRoot()) : exp(-level / 2)
            let cl = pieces.first?.cl == nil ? "" : tail < 5e-5 ? String(format: " (CL = 1 − %.2g)", tail)
                : String(format: " (%.2f%% CL)", 100 * (1 - tail))
            lines.append("  Δχ² = \(number(level, 4))\(cl): \(pieces.count) curve\(pieces.count == 1 ? "" : "s")")
            for (k, c) in pieces.enumerated() {
                guard let x0 = c.x.min(), let x1 = c.x.max(), let y0 = c.y.min(), let y1 = c.y.max() else { continue }
                let method = c.method == "grid" ? "" : " (\(c.method))"
                lines.append("    #\(k + 1)\(c.closed ? " closed" : " open  ")\(method): \(grid.x.name) ∈ [\(number(x0, 4)), \(number(x1, 4))]"
                             + (grid.y.map { ", \($0.name) ∈ [\(number(y0, 4)), \(number(y1, 4))]" } ?? ""))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// One line per fit: ours (published) for mX, εn, εp, χ²/ndof and Nσ.
    static func reproduceSummary(_ results: [FitResult], unavailable: [String]) -> String {
        func cell(_ r: FitResult, _ name: String, scale: Double = 1, digits: Int = 4) -> String {
            guard let mine = r.quantity(name) else { return "-" }
            var s = number(mine * scale, digits)
            if let pub = r.published?.values[name] { s += " (\(number(pub * scale, digits)))" }
            return s
        }
        let rows = results.map { r -> [String] in
            [r.fit, r.heConvention, cell(r, "mX", digits: 5), cell(r, "eps_n", scale: 1e3, digits: 3),
             cell(r, "eps_p", scale: 1e3, digits: 3), "\(number(r.chi2, 4))/\(r.ndof)",
             r.nsigma.map { n in String(format: "%.2f", n) + (r.published?.values["nsigma"].map { " (\(number($0, 2)))" } ?? "") } ?? "-",
             r.problems.isEmpty ? "valid" : "INVALID"]
        } + unavailable.map { [$0, "-", "-", "-", "-", "-", "-", "not available"] }
        return "summary: ours (published)\n" + table(
            ["fit", "He conv.", "mX [MeV]", "eps_n x1e3", "eps_p x1e3", "chi2/ndof", "Nsigma", "status"], rows)
            + userSuppliedNote(results.map { ($0.fit, $0.userSuppliedInputs ?? []) })
    }

    /// "\nUSER-SUPPLIED INPUTS: fit: id, id; …" for the fits that use any (empty when none does).
    static func userSuppliedNote(_ fits: [(fit: String, inputs: [UserSuppliedInput])]) -> String {
        let used = fits.filter { !$0.inputs.isEmpty }
        guard !used.isEmpty else { return "" }
        return "\nUSER-SUPPLIED INPUTS (values not in the shipped catalogue): "
            + used.map { "\($0.fit): " + $0.inputs.map(\.id).joined(separator: ", ") }.joined(separator: "; ")
    }
}
