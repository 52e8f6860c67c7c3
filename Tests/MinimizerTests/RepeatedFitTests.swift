import Minimizer
import Testing

/// What a toy reads of a fit, as bit patterns.
private struct Seen: Equatable {
    var fval: UInt64, isValid: Bool, nfcn: Int, values: [UInt64], errors: [UInt64]

    init(_ r: RepeatedFit.Result) {
        (fval, isValid, nfcn) = (r.fval.bitPattern, r.isValid, r.nfcn)
        (values, errors) = (r.values.map(\.bitPattern), r.errors.map(\.bitPattern))
    }

    /// `Minuit(cost, parameters:)` → migrad() → hesse(); nil when Minuit throws.
    init?(_ cost: CostFunction, _ parameters: [Parameter], strategy: Int) {
        guard var m = try? Minuit(cost, parameters: parameters) else { return nil }
        m.strategy = strategy
        m.migrad()
        let h = m.hesse()
        (fval, isValid, nfcn) = (h.fval.bitPattern, h.isValid, m.nfcn)
        (values, errors) = (h.values.map(\.bitPattern), h.errors.map(\.bitPattern))
    }
}

/// Rosenbrock in 3-D, undefined (NaN) for y > 1.6: starts near that edge make MIGRAD fail and retry.
private let edged = CostFunction(errordef: 1) { p in p[1] > 1.6 ? .nan : rosen3(p) }

/// One `RepeatedFit` run after run, against a new `Minuit` per start: χ², values, errors, validity and call
/// count bit for bit, for strategies 0–2, a limited and a fixed parameter, starts that fail and retry, and
/// starts that `Minuit` refuses (nil on both sides). The fit object is reused across all starts, as in a study.
@Test(arguments: [0, 1, 2])
func repeatedFitEqualsMinuitPath(strategy: Int) throws {
    let parameters = [par("x", -1.2), par("y", 1, lower: -3, upper: 1.7), par("z", 0.5), par("w", 2, fixed: true)]
    let cost = CostFunction(errordef: 1) { p in edged(Array(p[0..<3])) + (p[3] - 2) * (p[3] - 2) }
    let fit = try RepeatedFit(parameters: parameters, strategy: strategy)
    let starts: [[Double]] = [
        [-1.2, 1, 0.5, 2], [0.3, -0.4, 2, 2], [1.5, 1.55, -1, 2], [-0.7, 1.65, 0.2, 2], [2, 0.1, 0.1, 2.5],
        [-1.2, 1.7, 0.5, 2],        // on the upper limit
        [-1.2, 1.8, 0.5, 2],        // outside the limits: refused
        [.nan, 1, 0.5, 2],          // not finite: refused
        [-1.2, 1, 0.5, 2],          // again, after the refusals
    ]
    var compared = 0
    for start in starts {
        var p = parameters
        for i in p.indices { p[i].value = start[i] }
        let expected = Seen(cost, p, strategy: strategy)
        let got = fit.run(cost, from: start).map(Seen.init)
        #expect(got == expected, "start \(start)")
        if expected != nil { compared += 1 }
    }
    #expect(compared == 5)
}

/// A cusp (√|x|) makes MIGRAD fail; `Minuit.migrad()` then retries with SIMPLEX and MIGRAD at strategy 2,
/// and so must `RepeatedFit`.
@Test func repeatedFitRetriesAsMinuit() throws {
    let cusp = CostFunction(errordef: 1) { p in abs(p[0]).squareRoot() + (p[1] - 1) * (p[1] - 1) }
    let parameters = [par("x", 0.7), par("y", 0.2)]
    let fit = try RepeatedFit(parameters: parameters)
    var retried = 0
    for start in [[0.7, 0.2], [-0.3, 2], [1e-3, 1], [2, -1]] {
        var p = parameters
        for i in p.indices { p[i].value = start[i] }
        var once = try Minuit(cusp, parameters: p)
        if !once.migrad(iterate: 1).isValid { retried += 1 }
        #expect(fit.run(cusp, from: start).map(Seen.init) == Seen(cusp, p, strategy: 1), "start \(start)")
    }
    #expect(retried > 0, "the retry path was exercised")
}

/// A cost that is NaN at the start is refused, as `Minuit` throws; a strategy outside 0…2 gives an invalid
/// result without calls, as Minuit's migrad and hesse do; bad parameters throw Minuit's errors.
@Test func repeatedFitRefusals() throws {
    let nanCost = CostFunction(errordef: 1) { p in p[0] < -5 ? .nan : (p[0] - 1) * (p[0] - 1) }
    let fit = try RepeatedFit(parameters: [par("x", 1)])
    #expect(fit.run(nanCost, from: [-6]) == nil)
    #expect(try #require(fit.run(nanCost, from: [2])).isValid)
    #expect(fit.run(nanCost, from: [1, 2]) == nil)
    let bad = try RepeatedFit(parameters: [par("x", 1)], strategy: 3)
    let r = try #require(bad.run(nanCost, from: [3]))
    #expect(!r.isValid && r.nfcn == 0 && r.fval == 4)
    #expect(throws: MinimizerError.noFreeParameters) { try RepeatedFit(parameters: [par("x", 1, fixed: true)]) }
    #expect(throws: MinimizerError.duplicateName(name: "x")) { try RepeatedFit(parameters: [par("x", 1), par("x", 2)]) }
}
