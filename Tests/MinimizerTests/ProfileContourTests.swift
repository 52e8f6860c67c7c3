import Testing
import Minimizer
import _TestSupport

@Test func mnprofileMatchesIminuit() throws {
    var m = try peakMinuit()
    m.migrad()
    let prof = m.mnprofile("mu", values: [16.5, 17.0, 17.5])
    // iminuit 2.33.0 m.mnprofile("mu", bound=[16.5, 17.5], size=3): all valid
    let ref = [79.80119580536672, 18.063770982360264, 71.94647527197102]
    for (p, r) in zip(prof, ref) {
        #expect(p.valid)
        #expect(abs(p.fval - r) < 1e-4)   // MIGRAD of the nuisances converges to EDM ≪ 1e-4 here
    }
    let slice = try m.profile("mu", values: [17.0])
    #expect(slice[0].fval >= prof[1].fval - 1e-9)   // a slice is never below the profile
}

@Test func mncontourPointsLieOnTheProfiledLevel() throws {
    var m = try peakMinuit()
    m.migrad()
    m.hesse()
    let fmin = try #require(m.minimum).fval
    let c = try m.mncontour("mu", "s", cl: 0.68, size: 12)
    // scipy 1.17.1: scipy.stats.chi2.ppf(0.68, 2) = 2.27886856637673; the 2-dof quantile is −2 ln(1 − cl) exactly.
    #expect(isClose(c.level, 2.27886856637673, rel: 1e-12))
    #expect(c.x.count == 13 && c.x.first == c.x.last && c.y.first == c.y.last)
    #expect(c.pointValid.allSatisfy { $0 })
    for k in 0..<12 {
        var q = m
        try q.fix("mu", to: c.x[k])
        try q.fix("s", to: c.y[k])
        let f = q.migrad().fval
        // MnFunctionCross converges when |F − aim| < 0.01·up (up = level here): 2 % leaves margin.
        #expect(abs(f - fmin - c.level) < 0.02 * c.level, "point \(k): Δχ² = \(f - fmin)")
    }
    #expect(throws: MinimizerError.self) { try m.mncontour("mu", "nope") }
}

@Test func simplexThenMigradReachesTheSameMinimum() throws {
    var m = try Minuit(quadratic, parameters: [par("x", 0), par("y", 0)])
    let s = m.simplex()
    #expect(s.method == "Simplex" && !s.hasCovariance)
    #expect(s.edm < s.edmGoal)   // SIMPLEX goal: spread below tol·errordef
    #expect(abs(s.values[0] - 1) < 2 && abs(s.values[1] + 2) < 1)   // within 1σ of the exact minimum
    let fm = m.migrad()
    #expect(fm.isValid && abs(fm.values[0] - 1) < 0.01 && abs(fm.values[1] + 2) < 0.01)
}

@Test func bfgsAndAnalyticGradientConverge() throws {
    var m = try Minuit(rosen2, parameters: [par("x", -1.2), par("y", 1)])
    m.errorUpdator = .bfgs
    let b = m.migrad()
    #expect(b.isValid && abs(b.values[0] - 1) < 0.1 * b.errors[0])
    let g = CostFunction(errordef: 1, gradient: { p in
        [-2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] * p[0]), 200 * (p[1] - p[0] * p[0])]
    }, rosen2.function)
    var a = try Minuit(g, parameters: [par("x", -1.2), par("y", 1)])
    let fa = a.migrad()
    #expect(fa.isValid && fa.ngrad > 0)
    #expect(abs(fa.values[0] - 1) < 0.1 * fa.errors[0])
    #expect(fa.nfcn < 150)   // the analytic gradient replaces the 2·n·ncycle calls per iteration
}

@Test func copiesRunInParallelDeterministically() async throws {
    let base = try peakMinuit()
    let results = await withTaskGroup(of: (Int, Double).self) { group in
        for k in 0..<8 {
            group.addTask {
                var m = base
                try? m.fix("mu", to: 16.5 + 0.125 * Double(k))
                return (k, m.migrad().fval)
            }
        }
        var out = [Double](repeating: 0, count: 8)
        for await (k, f) in group { out[k] = f }
        return out
    }
    for k in 0..<8 {
        var m = base
        try m.fix("mu", to: 16.5 + 0.125 * Double(k))
        #expect(m.migrad().fval == results[k])   // bit-identical: no shared state between copies
    }
}

@Test func summaryStatesGoalAndReason() throws {
    var m = try peakMinuit()
    m.migrad()
    try m.minos(["mu"])
    let text = try #require(m.minimum).summary
    #expect(text.contains("Valid Minimum"))
    #expect(text.contains("Goal: 2.00e-04"))   // 0.002 · tol 0.1 · errordef 1
    #expect(text.contains("Stopped because:"))
    #expect(text.contains("Minos Err-") && text.contains("mu"))
}

@Test func callLimitIsAFlagNotAThrow() throws {
    var m = try Minuit(rosen2, parameters: [par("x", -1.2), par("y", 1)])
    let fm = m.migrad(maxCalls: 30, iterate: 1)
    #expect(fm.hasReachedCallLimit && !fm.isValid)
}

/// HESSE after an unconverged MIGRAD re-checks the EDM at the new covariance, as Minuit2 does.
/// iminuit 2.33.0, Rosenbrock from (−1.2, 1): migrad(ncall=20, iterate=1) → valid False (call limit);
/// hesse() → valid False, is_above_max_edm True, has_reached_call_limit False, EDM 0.564 ≫ 10 × 2e-4.
@Test func hesseAfterAnUnconvergedMigradStaysInvalid() throws {
    var m = try Minuit(rosen2, parameters: [par("x", -1.2), par("y", 1)])
    let first = m.migrad(maxCalls: 20, iterate: 1)
    #expect(!first.isValid && first.hasReachedCallLimit)
    let h = m.hesse()
    #expect(!h.isValid)
    #expect(h.isAboveMaxEdm, "EDM \(h.edm) against goal \(h.edmGoal)")
    #expect(h.edm > 10 * h.edmGoal)
    // A converged fit stays valid through HESSE.
    var ok = try Minuit(rosen2, parameters: [par("x", -1.2), par("y", 1)])
    #expect(ok.migrad().isValid)
    #expect(ok.hesse().isValid)
}

/// `cl` next to 1 (0.5 + 0.5·cl rounds to 1) must not trap: the quantile is taken from the tail.
/// For cl = 1 − 2⁻⁵³ the two-sided normal quantile is z = 8.292361075813597 (scipy 1.17.1: scipy.stats.norm.isf(2**-54)), so a
/// Tolerance: MINOS stops within toler·up = 0.1 of the crossing, ≈ 0.1/(2z) ≈ 0.006 in x, i.e. 7e-4 relative.
/// unit-width quadratic has MINOS errors ±z.
@Test func minosWithConfidenceNextToOneDoesNotTrap() throws {
    let q = CostFunction(errordef: 1) { p in p[0] * p[0] }
    var m = try Minuit(q, parameters: [par("x", 0.3)])
    #expect(m.migrad().isValid)
    let errors = try m.minos(["x"], cl: 1 - 0x1p-53)
    let e = try #require(errors["x"])
    #expect(isClose(e.upper, 8.292361075813597, rel: 1e-3) && isClose(-e.lower, 8.292361075813597, rel: 1e-3), "\(e.lower) \(e.upper)")
}

/// Settings that cannot run give an invalid result naming the setting, never a "valid" minimum after one
/// iteration (a NaN tolerance made the EDM goal NaN) and never a silent clamp (strategy 3 ran as 2).
@Test func invalidSettingsGiveAnInvalidResultNamingThem() throws {
    var m = try Minuit(rosen2, parameters: [par("x", -1.2), par("y", 1)])
    m.tolerance = .nan
    let a = m.migrad()
    #expect(!a.isValid && a.stopReason.contains("tolerance must be finite and > 0"), "\(a.stopReason)")
    #expect(!m.migradStatus().isValid)
    m.tolerance = 0.1
    m.strategy = 3
    let b = m.migrad()
    #expect(!b.isValid && b.stopReason.contains("strategy must be 0, 1 or 2, got 3"), "\(b.stopReason)")
    #expect(!m.hesse().isValid && !m.simplex().isValid)
    m.strategy = 2
    #expect(m.migrad().isValid)
}
