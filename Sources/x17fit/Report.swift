import Foundation
import Probability
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
            let tail = (try? chi2SurvivalFunction(level, dof: grid.y == nil ? 1 : 2)) ?? 0
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

    /// The reproduce summary: one table per data set (fits on the same rows side by side, whatever their
    /// hypothesis), ours (published); a coupling column appears only where a fit of that table has it.
    static func reproduceSummary(_ results: [FitResult], dataSets: [ReproduceReport.DataSet], unavailable: [String]) -> String {
        var parts = ["summary by data set: ours (published)"]
        for set in dataSets {
            let group = results.filter { set.fits.contains($0.fit) }
            let table = ComparisonTable(group)
            parts.append("data set \(set.label): \(set.summary)\n"
                         + Report.table(table.header, table.rows.map { $0.map(\.text) }))
        }
        if !unavailable.isEmpty { parts.append("not available: " + unavailable.joined(separator: ", ")) }
        return parts.joined(separator: "\n\n") + userSuppliedNote(results.map { ($0.fit, $0.userSuppliedInputs ?? []) })
    }

    /// "\nUSER-SUPPLIED INPUTS: fit: id, id; …" for the fits that use any (empty when none does).
    static func userSuppliedNote(_ fits: [(fit: String, inputs: [UserSuppliedInput])]) -> String {
        let used = fits.filter { !$0.inputs.isEmpty }
        guard !used.isEmpty else { return "" }
        return "\nUSER-SUPPLIED INPUTS (values not in the shipped catalogue): "
            + used.map { "\($0.fit): " + $0.inputs.map(\.id).joined(separator: ", ") }.joined(separator: "; ")
    }
}

/// The rows of a comparison of fits on one data set, for the terminal, Markdown and CSV.
struct ComparisonTable {
    struct Cell {
        var text: String
        var value: Double?
    }
    /// (column title, quantity name, scale shown in the title).
    static let couplings: [(title: String, name: String, scale: Double)] = [
        ("eps_n x1e3", "eps_n", 1e3), ("eps_p x1e3", "eps_p", 1e3), ("a_n x1e5", "a_n", 1e5), ("a_p x1e5", "a_p", 1e5),
        ("a_0 x1e5", "a_0", 1e5),
    ]
    let header: [String]
    let rows: [[Cell]]

    init(_ results: [FitResult]) {
        let shown = Self.couplings.filter { c in results.contains { $0.quantity(c.name) != nil } }
        header = ["fit", "hypothesis", "isospin", "He conv.", "mX [MeV]"] + shown.map(\.title)
            + ["chi2/ndof", "p-value", "Nsigma", "priors and constraints", "status"]
        rows = results.map { r in
            func cell(_ name: String, scale: Double = 1, digits: Int = 4) -> Cell {
                guard let mine = r.quantity(name) else { return Cell(text: "-", value: nil) }
                var s = Report.number(mine * scale, digits)
                if let pub = r.published?.values[name] { s += " (\(Report.number(pub * scale, digits)))" }
                return Cell(text: s, value: mine)
            }
            let nsigma = r.nsigma.map { n in
                String(format: "%.2f", n) + (r.published?.values["nsigma"].map { " (\(Report.number($0, 2)))" } ?? "")
            }
            let priors = r.terms.filter { $0.kind.hasPrefix("prior") || $0.kind == "constraint" }.map(\.id)
            let userSupplied = !(r.userSuppliedInputs ?? []).isEmpty
            return [Cell(text: r.fit), Cell(text: r.hypothesis), Cell(text: r.isospin), Cell(text: r.heConvention),
                    cell("mX", digits: 5)] + shown.map { cell($0.name, scale: $0.scale, digits: 3) }
                + [Cell(text: "\(Report.number(r.chi2, 4))/\(r.ndof)", value: r.chi2),
                   Cell(text: r.pvalue.map { Report.number($0, 3) } ?? "-", value: r.pvalue),
                   Cell(text: nsigma ?? "-", value: r.nsigma),
                   Cell(text: priors.isEmpty ? "none" : priors.joined(separator: " ")),
                   Cell(text: (r.problems.isEmpty ? "valid" : "INVALID") + (userSupplied ? ", user-supplied inputs" : ""))]
        }
    }
}

extension ComparisonTable.Cell {
    init(text: String) { self.init(text: text, value: nil) }
}

/// `comparison.md` and `comparison.csv` of a reproduce run: every data set's table.
enum ComparisonFiles {
    static func markdown(_ results: [FitResult], dataSets: [ReproduceReport.DataSet], unavailable: [String]) -> String {
        var out = "# x17fit reproduce: fits compared on the same data\n\n"
            + "Each table holds the fits that use exactly the same data rows; numbers in parentheses are the published "
            + "ones named in the fit's `[published]` table. Fits on different data are never put in one table.\n"
        for set in dataSets {
            let t = ComparisonTable(results.filter { set.fits.contains($0.fit) })
            out += "\n## Data set \(set.label)\n\nRows: \(set.summary).\n\n"
            out += "| " + t.header.joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: t.header.count) + "\n"
            for row in t.rows { out += "| " + row.map(\.text).joined(separator: " | ") + " |\n" }
        }
        if !unavailable.isEmpty { out += "\nNot available (inputs missing): " + unavailable.joined(separator: ", ") + ".\n" }
        let note = Report.userSuppliedNote(results.map { ($0.fit, $0.userSuppliedInputs ?? []) })
        return note.isEmpty ? out : out + note + "\n"
    }

    static let title = "x17fit reproduce comparison: one row per fit; fits with the same data_set label use the same data"

    /// One line per fit with full-precision numbers (empty where a fit has no such parameter).
    static func csv(_ results: [FitResult], dataSets: [ReproduceReport.DataSet]) -> String {
        let names = ["mX"] + ComparisonTable.couplings.map(\.name)
        var out = "# \(title)\ndata_set,fit,hypothesis,isospin,he_convention," + names.joined(separator: ",")
            + ",chi2,ndof,pvalue,nsigma,valid\n"
        func number(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
        for set in dataSets {
            for r in results where set.fits.contains(r.fit) {
                out += [set.label, r.fit, r.hypothesis, r.isospin, r.heConvention].joined(separator: ",") + ","
                out += names.map { number(r.quantity($0)) }.joined(separator: ",")
                out += ",\(r.chi2),\(r.ndof),\(number(r.pvalue)),\(number(r.nsigma)),\(r.problems.isEmpty)\n"
            }
        }
        return out
    }
}
