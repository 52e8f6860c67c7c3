import Testing
@testable import Minimizer
import _TestSupport

// Minuit2's rules for HESSE, MnPosDef, MINOS and the result flags (project issue 15, item 1). Numbers
// marked "iminuit 2.33.0" were printed by iminuit with the same function, start point and settings.

// Rule 1: HESSE counts its own calls from 0 against its call limit (iminuit resets the counter before
// MnHesse), so a long MIGRAD before it does not use up HESSE's budget.
@Test func hesseCountsItsCallsFromZero() throws {
    var m = try Minuit(rosen2, parameters: [par("x", -1.2), par("y", 1)])
    m.migrad()
    let before = m.nfcn
    #expect(before > 50)
    // iminuit 2.33.0: m.hesse(ncall=50) after MIGRAD makes 10 calls, valid, accurate, below the call limit.
    let h = m.hesse(maxCalls: 50)
    #expect(m.nfcn - before == 10)
    #expect(h.isValid && h.hasAccurateCovariance && !h.hasReachedCallLimit && !h.hesseFailed)
    #expect(isClose(h.errors[0], 0.9837982802653177, rel: 0.01))
    #expect(isClose(h.errors[1], 1.9692335014436895, rel: 0.01))
}

// Rule 7: a HESSE stopped by its call limit has failed: MnHesse returns the status MnReachedCallLimit,
// which is not a valid error matrix, so there is no covariance (MnUserParameterState keeps none) and
// iminuit's hesse_failed (covariance present but neither pos-def nor made pos-def) is true.
@Test func hesseStoppedByCallLimitHasFailed() throws {
    var m = try Minuit(rosen2, parameters: [par("x", -1.2), par("y", 1)])
    m.migrad()
    let before = m.nfcn
    let h = m.hesse(maxCalls: 3)
    // iminuit 2.33.0, m.hesse(ncall=3): 5 calls, is_valid False, hesse_failed True, has_reached_call_limit
    // True, has_covariance True, has_accurate/posdef/made_posdef False, m.covariance None.
    #expect(m.nfcn - before == 5)
    #expect(!h.isValid)
    #expect(h.hesseFailed)
    #expect(h.hasReachedCallLimit)
    #expect(h.hasCovariance)
    #expect(!h.hasAccurateCovariance && !h.hasPosDefCovariance && !h.hasMadePosDefCovariance)
    #expect(h.covariance == nil)
    #expect(h.correlation == nil)
}

// Rule 6: hasValidParameters is Minuit2's FunctionMinimum::HasValidParameters: the last state holds a
// parameter point (MinimumParameters built from a vector), whatever its function value; only a result
// without a run has none.
@Test func validParametersMeansAPointWasFound() throws {
    let f = CostFunction(errordef: 1) { p in p[0] > 5 ? .nan : (p[0] - 1) * (p[0] - 1) }
    var m = try Minuit(f, parameters: [par("x", 0)])
    try m.setValue("x", 10)
    let fm = m.migrad()
    #expect(!fm.isValid)
    #expect(fm.hasValidParameters)
    var bad = try Minuit(f, parameters: [par("x", 0)])
    bad.strategy = 7
    let none = bad.migrad()
    #expect(!none.isValid && !none.hasValidParameters)
}

// Rule 2: MnPosDef reports "made positive definite" only when it inflates the diagonal because of an
// eigenvalue below ε·λmax; the shift of a non-positive diagonal alone returns a matrix with the status
// pos-def (and the input's dcovar).
@Test func diagonalShiftAloneIsNotMadePosDef() {
    let precision = Precision()
    // V with a negative diagonal element: shifted by 0.5 + ε + 0.1, the scaled matrix has eigenvalues
    // 1 ± 0.559, so no inflation follows.
    var st = MinState(zeros: 2)
    st.v = [1, 0.5, 0.5, -0.1]
    st.status = .posDef
    st.dcovar = 0.25
    st.hasErrorMatrix = true
    let shifted = try! #require(forcePositiveDefinite(st, precision: precision))
    #expect(shifted.status == .posDef)
    #expect(shifted.dcovar == 0.25)
    #expect(shifted.v[3] > 0)
    // A (nearly) singular V: the smallest eigenvalue of the scaled matrix is below ε·λmax, the diagonal is
    // inflated: made pos-def, dcovar 1 (MinimumError(err, MnMadePosDef)).
    st.v = [1, 1, 1, 1]
    let inflated = try! #require(forcePositiveDefinite(st, precision: precision))
    #expect(inflated.status == .madePosDef)
    #expect(inflated.dcovar == 1)
}

/// x² − 0.01·y²: a Hessian with a negative diagonal element that the shift alone repairs.
@Test func hesseOfShiftedHessianIsPosDef() {
    let cost = CostFunction(errordef: 1) { p in p[0] * p[0] - 0.01 * p[1] * p[1] }
    let parameters = [par("x", 0), par("y", 0)]
    let trafo = Transform(parameters, precision: Precision())
    let fcn = FCN(cost, trafo: trafo, externalValues: [0, 0])
    var st = MinState(zeros: 2)
    st.fval = 0
    st.grad = Gradient(g: [0, 0], g2: [2, -0.02], gstep: [0.1, 0.1])
    st.hasErrorMatrix = true
    st.status = .posDef
    let h = computeHesse(fcn, st, knobs: StrategyKnobs(1), maxCalls: 1000)
    #expect(h.status == .posDef)
    #expect(h.dcovar == 0)
}

// Rule 3: MnMinos starts the other parameters at xunit·M_ij with M = 2V (FunctionMinimum::Error().Matrix()),
// xunit = √(up/M_ii): √2 farther than with V. On a correlated quadratic the crossing is then found at once.
@Test func minosStartsOtherParametersTwoCovarianceStepsAway() throws {
    var m = try Minuit(quadratic, parameters: [par("x", 0), par("y", 0)])
    m.migrad()
    m.hesse()
    // iminuit 2.33.0: m.minos("x") and m.minos("y") make 12 calls each; ±2, ±1.
    for (name, sigma) in [("x", 2.0), ("y", 1.0)] {
        let before = m.nfcn
        let e = try #require(try m.minos([name])[name])
        #expect(m.nfcn - before == 12, "\(name): \(m.nfcn - before) calls")
        #expect(e.isValid)
        #expect(isClose(e.lower, -sigma, rel: 1e-3) && isClose(e.upper, sigma, rel: 1e-3))
    }
}

// Rule 4: MnSeedGenerator runs the negative-G2 line search only when the state has no covariance; a
// MIGRAD seeded with one (as every MIGRAD inside MINOS) starts from it unchanged.
@Test func seedWithCovarianceSkipsNegativeG2Search() {
    // cos(x) at x = 0.1: g2 < 0.
    let cost = CostFunction(errordef: 1) { p in 2 * _cos(p[0]) + p[1] * p[1] }
    let parameters = [par("x", 0.1), par("y", 1)]
    let trafo = Transform(parameters, precision: Precision())
    let settings = Settings(knobs: StrategyKnobs(1), updator: .davidon)
    let withCov = FCN(cost, trafo: trafo, externalValues: [0.1, 1])
    let seeded = makeSeed(withCov, parameters: parameters, covariance: [1, 0, 0, 0.5], settings: settings,
                          into: MinState(zeros: 2))
    #expect(seeded.x == [0.1, 1])
    #expect(seeded.grad.g2[0] < 0)
    #expect(seeded.v == [1, 0, 0, 0.5])
    let without = FCN(cost, trafo: trafo, externalValues: [0.1, 1])
    let searched = makeSeed(without, parameters: parameters, covariance: nil, settings: settings,
                            into: MinState(zeros: 2))
    #expect(searched.x[0] != 0.1)
    #expect(without.calls > withCov.calls)
}

// Rule 5: a MINOS side that stops at a parameter limit is valid, at the limit (MnCross CrossParLimit).
@Test func minosSideAtLimitIsValid() throws {
    let f = CostFunction(errordef: 1) { p in (p[0] - 1) * (p[0] - 1) + (p[1] - 2) * (p[1] - 2) }
    var m = try Minuit(f, parameters: [par("x", 0, upper: 0.5), par("y", 0)])
    m.migrad()
    m.hesse()
    let e = try #require(try m.minos(["x"])["x"])
    // iminuit 2.33.0: lower −0.6180557120574673, upper 2.45e-8, is_valid True, lower_valid True,
    // upper_valid True, at_lower_limit False, at_upper_limit True.
    #expect(e.upperValid && e.atUpperLimit)
    #expect(e.lowerValid && !e.atLowerLimit)
    #expect(e.isValid)
    #expect(isClose(e.lower, -0.6180557120574673, rel: 0.01))
    #expect(abs(e.upper) < 1e-6)
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@inline(__always) private func _cos(_ x: Double) -> Double { cos(x) }

// VariableMetricBuilder: a seed whose V gives a negative EDM is returned as the minimum, without iterating.
// For Minuit2 that minimum is valid (MnFunctionCross goes on with its function value); iminuit reports it
// invalid (FMin.is_valid is false for a negative EDM).
@Test func seedWithNegativeEDMIsReturnedAsTheMinimum() {
    let cost = CostFunction(errordef: 1) { p in p[0] * p[0] + p[1] * p[1] }
    let parameters = [par("x", 1), par("y", 1)]
    let fcn = FCN(cost, trafo: Transform(parameters, precision: Precision()), externalValues: [1, 1])
    let r = Runner.minimize(fcn, parameters: parameters, covariance: [0.1, 0, 0, -1], strategy: 1, maxCalls: nil,
                            tolerance: 0.1, updator: .davidon, workspace: nil)
    #expect(r.state.edm < 0)
    #expect(r.state.x == [1, 1])
    #expect(r.isValid)
    #expect(!r.isUserValid)
    // The seed alone: f and one numerical gradient (2 cycles of 2 calls per parameter at most).
    #expect(fcn.calls <= 1 + 2 * 2 * 3)
}
