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
