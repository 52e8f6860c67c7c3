import Foundation
import Minimizer
import Testing

// x17fit against iminuit on the conformance problems (conformance/README.md): the reference file
// conformance/iminuit_reference.json is written by conformance/make_reference.py; no Python runs here.

private struct Reference {
    let version: String
    let problems: [[String: Any]]

    static func load() throws -> Reference {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("conformance/iminuit_reference.json")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        return Reference(version: try #require(root["iminuit"] as? String),
                         problems: try #require(root["problems"] as? [[String: Any]]))
    }
}

/// A number of the reference file (non-finite values are written as strings).
private func number(_ v: Any?) -> Double {
    if let d = v as? Double { return d }
    if let i = v as? Int { return Double(i) }
    if let s = v as? String { return Double(s) ?? .nan }
    return .nan
}

/// What remains different from iminuit, per problem, and why; those checks are reported, not asserted.
private enum Check: Hashable { case migradFlags, fval, hesseFlags, hesseErrors, minos }

// MIGRAD's arithmetic is Minuit2's step for step but not its summation order (V·g, gᵀVg and the DFP update are
// summed row by row, Minuit2 sums packed columns), so function values agree to rounding, not bit for bit
// (see the fval column of the report). On well-conditioned problems that never changes a decision; on the
// problems below the last-bit differences grow until the two runs take different steps.
private let knownDifferences: [String: (checks: Set<Check>, reason: String)] = [
    "meyer": ([.fval, .hesseFlags, .hesseErrors],
              "MIGRAD fails on both sides (iminuit's 5 retries included); 556 vs 546 calls end at different points "
              + "of the curved valley (fval 33402 vs 31200, minimum 87.95), where HESSE differs"),
    "gulf": ([.hesseErrors, .minos],
             "rounding drift from iteration 7 of 30: x17fit's HESSE gives EDM 1.76e-4 < goal and stops (323 calls); "
             + "iminuit's gives 2.06e-4 and iterates once more (346 calls). fval 2.2e-4 vs 8.3e-5 above a zero "
             + "minimum, where the Hessian changes by 20 %; HESSE and MINOS errors follow it"),
    "wood": ([.hesseErrors],
             "MIGRAD ends invalid on both sides (703 vs 707 calls, rounding drift); HESSE errors of x3 and x4 at the "
             + "two end points differ by 1.5 % and 1.3 %"),
    "kowalik_osborne": ([.minos],
                        "x2's profile never reaches fmin + 1 within 100 HESSE errors: iminuit stops at MnFunctionCross's "
                        + "cap of 100 and reports the side valid 'at upper limit' with upper = −0.86 (the limit of a "
                        + "parameter without limits is 0); x17fit's inner MIGRAD fails first (invalid side). x1 lower: "
                        + "iminuit's inner MIGRAD fails, x17fit's converges and finds the crossing"),
    "osborne1": ([.minos],
                 "x4 lower side (a flat profile, crossing 3 HESSE errors out): at a = 8.6 x17fit's inner MIGRAD fails "
                 + "(invalid side), iminuit's starts from a seed with negative EDM, which VariableMetricBuilder returns "
                 + "as valid, and goes on to a crossing at −0.079"),
    "penalty2_4": ([.minos],
                   "x1 lower side: the profile flattens below fmin + 1; iminuit's inner MIGRAD fails (invalid side), "
                   + "x17fit's converges and finds a crossing at −0.825"),
    "chebyquad5": ([.minos],
                   "x5 lower side: the profile flattens (the roots of the Chebyshev quadrature swap); iminuit's inner "
                   + "MIGRAD fails (invalid side), x17fit's converges and finds a crossing at −0.969"),
]

private func flags(_ m: FunctionMinimum) -> [String: Bool] {
    [
        "is_valid": m.isValid, "has_covariance": m.hasCovariance, "has_accurate_covar": m.hasAccurateCovariance,
        "has_posdef_covar": m.hasPosDefCovariance, "has_made_posdef_covar": m.hasMadePosDefCovariance,
        "hesse_failed": m.hesseFailed, "is_above_max_edm": m.isAboveMaxEdm,
        "has_reached_call_limit": m.hasReachedCallLimit, "has_parameters_at_limit": m.hasParametersAtLimit,
    ]
}

private func minosFlags(_ e: MinosError) -> [String: Bool] {
    [
        "is_valid": e.isValid, "lower_valid": e.lowerValid, "upper_valid": e.upperValid,
        "at_lower_limit": e.atLowerLimit, "at_upper_limit": e.atUpperLimit, "at_lower_max_fcn": e.atLowerMaxFcn,
        "at_upper_max_fcn": e.atUpperMaxFcn, "lower_new_min": e.lowerNewMin, "upper_new_min": e.upperNewMin,
    ]
}

private func relClose(_ a: Double, _ b: Double, _ rel: Double) -> Bool {
    a == b || abs(a - b) <= rel * max(abs(a), abs(b))
}

/// One problem run by x17fit and compared with iminuit; returns the lines of the report and the counts.
private struct Outcome {
    var name = ""
    var line = ""
    var migradCalls = false, hesseCalls = false, minosCalls = false
    /// MINOS ran on both sides.
    var minosRan = false
    /// MIGRAD's function value is bit for bit iminuit's.
    var sameBits = false
    var differences: [String] = []
}

private func compare(_ p: ConformanceProblem, _ ref: [String: Any]) throws -> Outcome {
    var out = Outcome(name: p.name)
    func differ(_ check: Check, _ message: String) {
        out.differences.append("\(p.name): \(message)")
        if knownDifferences[p.name]?.checks.contains(check) != true {
            Issue.record("\(p.name): \(message)")
        }
    }
    // The same problem on both sides: parameters, and f at the start and at a probe point bit for bit (the
    // start values are compared loosely here only because Foundation parses JSON numbers inexactly).
    let refParameters = try #require(ref["parameters"] as? [[String: Any]])
    #expect(refParameters.count == p.parameters.count, "\(p.name): parameter count")
    for (q, r) in zip(p.parameters, refParameters) {
        #expect(r["name"] as? String == q.name && r["fixed"] as? Bool == q.fixed, "\(p.name): \(q.name)")
        #expect(relClose(number(r["start"]), q.value, 1e-15), "\(p.name): \(q.name) start")
        #expect((r["lower"] is NSNull) == (q.lower == nil) && (r["upper"] is NSNull) == (q.upper == nil),
                "\(p.name): \(q.name) limits")
        if let lo = q.lower { #expect(relClose(number(r["lower"]), lo, 1e-15), "\(p.name): \(q.name) lower") }
        if let hi = q.upper { #expect(relClose(number(r["upper"]), hi, 1e-15), "\(p.name): \(q.name) upper") }
    }
    let start = p.parameters.map(\.value)
    #expect(p.cost(start).bitPattern == number(ref["f_start"]).bitPattern, "\(p.name): f(start)")
    let probe = try #require(ref["probe"] as? [Any]).map(number)
    #expect(p.cost(probe).bitPattern == number(ref["f_probe"]).bitPattern, "\(p.name): f(probe)")

    var m = try Minuit(p.cost, parameters: p.parameters)
    let mg = m.migrad()
    let rm = try #require(ref["migrad"] as? [String: Any])
    let rmFlags = try #require(rm["flags"] as? [String: Bool])
    let migradCalls = m.nfcn
    out.migradCalls = migradCalls == Int(number(rm["nfcn"]))
    out.sameBits = mg.fval.bitPattern == number(rm["fval"]).bitPattern
    for (k, v) in flags(mg) where rmFlags[k] != v { differ(.migradFlags, "MIGRAD \(k) \(v), iminuit \(rmFlags[k]!)") }
    // Two correct MIGRADs stop anywhere with EDM ≤ 10·goal; the EDM estimates f − fmin, so their function
    // values may differ by up to 10·goal = 0.002·errordef, but not more. Runs that match call for call agree
    // to rounding.
    let fvalTolerance = 10 * mg.edmGoal
    if !(abs(mg.fval - number(rm["fval"])) <= fvalTolerance) {
        differ(.fval, "MIGRAD fval \(mg.fval), iminuit \(number(rm["fval"])) (tolerance \(fvalTolerance))")
    }

    let h = m.hesse()
    let rh = try #require(ref["hesse"] as? [String: Any])
    let rhFlags = try #require(rh["flags"] as? [String: Bool])
    out.hesseCalls = m.nfcn - migradCalls == Int(number(rh["nfcn"]))
    for (k, v) in flags(h) where rhFlags[k] != v { differ(.hesseFlags, "HESSE \(k) \(v), iminuit \(rhFlags[k]!)") }
    let refErrors = try #require(rh["errors"] as? [Any]).map(number)
    if h.covariance != nil && rhFlags["has_covariance"] == true {
        for (i, q) in p.parameters.enumerated() where !q.fixed && !relClose(h.errors[i], refErrors[i], 0.01) {
            differ(.hesseErrors, "HESSE error \(q.name) \(h.errors[i]), iminuit \(refErrors[i])")
        }
    }

    let rminos = try #require(ref["minos"] as? [String: Any])
    var minosCalls = 0, refMinosCalls = 0
    if h.isValid != !rminos.isEmpty {
        differ(.minos, "MINOS run \(h.isValid), iminuit \(!rminos.isEmpty)")
    } else if h.isValid {
        for q in p.parameters where !q.fixed {
            let r = try #require(rminos[q.name] as? [String: Any])
            let before = m.nfcn
            let e = try #require(try m.minos([q.name])[q.name])
            minosCalls += m.nfcn - before
            refMinosCalls += Int(number(r["nfcn"]))
            for (k, v) in minosFlags(e) where (r[k] as? Bool) != v {
                differ(.minos, "MINOS \(q.name) \(k) \(v), iminuit \(r[k] ?? "none")")
            }
            if !relClose(e.lower, number(r["lower"]), 0.01) || !relClose(e.upper, number(r["upper"]), 0.01) {
                differ(.minos, "MINOS \(q.name) (\(e.lower), \(e.upper)), iminuit (\(number(r["lower"])), \(number(r["upper"])))")
            }
        }
    }
    out.minosRan = h.isValid && !rminos.isEmpty
    out.minosCalls = h.isValid == !rminos.isEmpty && minosCalls == refMinosCalls
    func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s : s + String(repeating: " ", count: w - s.count) }
    out.line = pad(p.name, 24) + pad("MIGRAD \(migradCalls)/\(Int(number(rm["nfcn"])))", 18) + pad(out.sameBits ? "fval ≡" : "fval ≠", 8)
        + pad("HESSE \(out.hesseCalls ? "=" : "≠")", 10) + pad("MINOS \(minosCalls)/\(refMinosCalls)", 20)
        + (out.differences.isEmpty ? "" : "differs")
    return out
}

@Test func conformanceWithIminuit() throws {
    let reference = try Reference.load()
    #expect(reference.problems.count == conformanceProblems.count)
    #expect(reference.problems.count >= 25)
    var outcomes = [Outcome]()
    for (p, ref) in zip(conformanceProblems, reference.problems) {
        #expect(ref["name"] as? String == p.name)
        outcomes.append(try compare(p, ref))
    }
    let n = outcomes.count
    let migrad = outcomes.filter(\.migradCalls).count
    let all = outcomes.filter { $0.migradCalls && $0.hesseCalls && $0.minosCalls }.count
    let clean = outcomes.filter(\.differences.isEmpty).count
    let hesse = outcomes.filter(\.hesseCalls).count
    let minos = outcomes.filter { $0.minosCalls && $0.minosRan }.count
    let minosRan = outcomes.filter(\.minosRan).count
    print("conformance with iminuit \(reference.version): \(n) problems; call for call: MIGRAD \(migrad), HESSE "
          + "\(hesse), MINOS \(minos) of \(minosRan), all three \(all); no difference \(clean)")
    // Floors at the numbers reached (README "Conformance with Minuit2"): a change that loses a match fails here.
    #expect(migrad >= 28 && hesse == n && minos >= 17 && clean >= n - knownDifferences.count)
    #expect(Set(outcomes.filter { !$0.differences.isEmpty }.map(\.name)).isSubset(of: Set(knownDifferences.keys)))
    for o in outcomes { print("  " + o.line) }
    for o in outcomes { for d in o.differences { print("  difference: " + d) } }
    for (name, known) in knownDifferences.sorted(by: { $0.key < $1.key }) {
        print("  known difference \(name): \(known.reason)")
    }
}
