import FileSafety
import Foundation
import Probability
import ProfileData

/// The allowed region of one external constraint drawn on a profiled 2-D plane (`bands` of a `[[profiles]]`
/// entry): the constraint's χ² alone, evaluated at every grid point with the other parameters at that point's
/// profiled values (fixed ones at their spec value; couplings the fit lacks at 0), traced where it equals the
/// Δχ² of the constraint's bound.
public struct ConstraintBand: Sendable {
    /// The `method` of the band's lines: `band:<id>`.
    public static let methodPrefix = "band:"

    public let term: ConstraintTerm
    /// The catalogue's `probe` column, e.g. "SINDRUM-I pi+ -> e+ nu e+ e-".
    public let probe: String
    /// The χ² of the term at the boundary: Φ⁻¹((1 + cl)/2)² two-sided, Φ⁻¹(cl)² one-sided; 3.84 (95 %) for a
    /// Gaussian term; 0.5 on an indicator (1 inside, 0 outside) for an excluded window.
    public let deltaChi2: Double
    /// The confidence level of the boundary; nil for an excluded window (the catalogue states none).
    public let cl: Double?

    public var method: String { Self.methodPrefix + term.info.id }

    /// The probe as a legend names it: the whole probe when short, else its parenthesised experiment or its
    /// first word ("SINDRUM-I pi+ -> e+ nu e+ e-" → "SINDRUM-I").
    public var shortProbe: String {
        guard probe.count > 22 else { return probe }
        if let open = probe.lastIndex(of: "("), let close = probe.lastIndex(of: ")"), open < close {
            return String(probe[probe.index(after: open)..<close])
        }
        return probe.split(separator: " ").first.map(String.init) ?? probe
    }

    /// The band's legend text, e.g. "SINDRUM-I 90% CL allowed".
    public var legend: String {
        shortProbe + (cl.map { " \(Self.percent($0))% CL" } ?? "") + (term.kind == .excludedWindow ? " excluded edge" : " allowed")
    }

    /// How the band was drawn, one sentence for captions and file headers.
    public func description(absent: [String]) -> String {
        let where_ = term.kind == .excludedWindow ? "the edge of its excluded window"
            : "constraint χ² = \(Self.short(deltaChi2))" + (cl.map { " (its bound at \(Self.percent($0))% CL)" } ?? " (95% CL)")
        return "Band \(term.info.id) (\(probe); \(term.info.source)): \(where_), the constraint's χ² alone at each grid point "
            + "with the other parameters at that point's profiled values"
            + (absent.isEmpty ? "" : "; couplings the fit lacks (\(absent.joined(separator: ", "))) at 0")
            + "; not part of the fit's χ²"
    }

    /// The constraint couplings this fit does not have (they enter the band at 0).
    public static func absentCouplings(_ setup: FitSetup) -> [String] {
        let r = setup.model.roles
        var out: [String] = []
        if r.epsP == nil && r.epsU == nil { out += ["eps_p", "eps_n"] }
        if r.aP == nil && r.a0 == nil { out += ["a_p", "a_n"] }
        if r.epsE == nil { out.append("eps_e") }
        if r.aE == nil { out.append("a_e") }
        if r.epsNu == nil { out.append("eps_nu") }
        return out
    }

    /// The bands a plane names, from the spec's constraints file. An unknown id, a constraint on couplings the
    /// fit has none of (lepton couplings may be absent: they are 0), or a 1-D plane is an ``InputError`` at
    /// `profiles[k].bands` (`field`) on `line` of the spec.
    public static func prepare(setup: FitSetup, plane: ProfilePlane, datasets loader: DatasetLoader, field: String)
        throws -> [ConstraintBand] {
        guard !plane.bands.isEmpty else { return [] }
        let spec = setup.spec
        func fail(_ message: String) -> InputError { InputError(file: spec.file, line: plane.bandsLine, field: field, message) }
        guard plane.y != nil else { throw fail("bands are drawn on 2-D planes only: give y") }
        let url = loader.root.appendingPathComponent(spec.constraintsFile)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: url.path) else {
            throw fail("constraints file '\(spec.constraintsFile)' not found in \(loader.root.path)")
        }
        let file = loader.display(spec.constraintsFile)
        guard let text = String(data: data, encoding: .utf8) else { throw InputError(file: file, "not UTF-8 text") }
        let table = try CSVTable(text: text, file: file)
        let rows = try FitSetup.parseConstraints(table, dataset: spec.constraintsFile)
        let available = Set(FitSetup.constraintParameterNames).subtracting(absentCouplings(setup))
            .union(["eps_e", "a_e", "eps_nu"])
        return try plane.bands.map { id in
            guard let row = rows.first(where: { $0.term.info.id == id }) else {
                throw fail("unknown constraint '\(id)' (known in \(file): \(rows.map(\.term.info.id).joined(separator: ", ")))")
            }
            guard row.needs.contains(where: { Set($0).isSubset(of: available) }) else {
                throw fail("band '\(id)' needs \(row.needs.map { $0.joined(separator: " and ") }.joined(separator: " or ")) "
                    + "among the fit's [parameters] (\(row.term.info.file):\(row.term.info.line))")
            }
            let probe = table.rows.first { $0.text("id") == id }?.text("probe") ?? id
            let term = row.term
            let level: Double, cl: Double?
            switch term.kind {
            case .twoSidedAtZero:
                cl = term.cl
                level = pow(try normalQuantile((1 + term.cl!) / 2), 2)
            case .oneSidedUpper, .signDependentUpper:
                cl = term.cl
                level = pow(try normalQuantile(term.cl!), 2)
            case .gaussian:
                cl = 0.95
                level = pow(try normalQuantile(0.975), 2)
            case .excludedWindow:
                cl = nil
                level = 0.5
            }
            return ConstraintBand(term: term, probe: probe, deltaChi2: level, cl: cl)
        }
    }

    /// The constraint's χ² at the full parameter vector `x` of the fit (indicator for a window); NaN where the
    /// quantity cannot be evaluated.
    func chi2(_ x: [Double], model: FitModel) -> Double {
        let point = model.constraintPoint(x, br: model.couplings(x).br)
        guard let q = try? term.quantity.value(at: point) else { return .nan }
        if term.kind == .excludedWindow { return q.isNaN ? .nan : (term.chi2(q).isNaN ? 1 : 0) }
        return term.chi2(q)
    }

    /// The band's boundary lines on `grid` (a complete 2-D grid of `setup`'s fit), method ``method``. Crossings
    /// are refined along each cell edge on the constraint's χ² with the profiled values of the nearer grid point.
    public func lines(on grid: ProfileGrid, setup: FitSetup) throws -> [ContourLine] {
        guard let yAxis = grid.y else { return [] }
        let model = setup.model
        let names = model.parameters.map(\.name)
        let base = names.map { name in grid.bestFit[name] ?? setup.spec.parameter(name)?.start ?? 0 }
        let profiledIndex = grid.profiledParameters.map { names.firstIndex(of: $0) }
        guard let ix = names.firstIndex(of: grid.x.name), let iy = names.firstIndex(of: yAxis.name) else {
            throw InputError(file: setup.spec.file, "the grid's axes \(grid.x.name), \(yAxis.name) are not parameters of the fit")
        }
        func vector(_ x: Double, _ y: Double, _ profiled: [Double]) -> [Double] {
            var v = base
            for (k, i) in profiledIndex.enumerated() where k < profiled.count { if let i { v[i] = profiled[k] } }
            v[ix] = x
            v[iy] = y
            return v
        }
        var field = grid
        field.chi2Min = 0
        for j in 0..<grid.ny {
            for i in 0..<grid.nx {
                let k = j * grid.nx + i
                field.points[k].chi2 = chi2(vector(grid.x.values[i], yAxis.values[j], grid.points[k].profiledValues), model: model)
            }
        }
        return try field.contours(levels: [deltaChi2], cl: [cl], refine: { x, y, start in
            chi2(vector(x, y, start), model: model)
        }).map { line in
            var c = line
            c.method = method
            return c
        }
    }

    static func percent(_ cl: Double) -> String {
        let p = (cl * 1000).rounded() / 10
        return p == p.rounded() ? String(Int(p)) : String(p)
    }

    static func short(_ v: Double) -> String { String(format: "%.4g", v) }
}
