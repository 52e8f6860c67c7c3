import Minimizer
import Testing
import _TestSupport

// Reference: iminuit 2.33.0 `Minuit.scan` on f(x, y) = (x − 1.3)² + 4(y + 0.4)² + xy:
//   limits x ∈ [−2, 3], y ∈ [−1, 1], ncall = 400 → 20 points per axis, best (1.6842105263157894,
//   −0.5789473684210527), f = −0.6993628808864267;
//   errors (2, 1) around (0, 0), default ncall (420 → 20 per axis), best (1.5789473684210522,
//   −0.5789473684210527), f = −0.7082271468144046.
// The grid values are k/19 steps of the range, so they agree with numpy.linspace to a few ulp.
let scanCost = CostFunction(errordef: 1) { p in
    (p[0] - 1.3) * (p[0] - 1.3) + 4 * (p[1] + 0.4) * (p[1] + 0.4) + p[0] * p[1]
}

@Test func scanWithinLimitsMatchesIminuit() throws {
    var m = try Minuit(scanCost, parameters: [
        Parameter("x", value: 0, step: 0.1, lower: -2, upper: 3),
        Parameter("y", value: 0, step: 0.1, lower: -1, upper: 1),
    ])
    let r = m.scan(ncall: 400)
    #expect(r.pointsPerAxis == 20)
    #expect(r.nfcn == 400)
    #expect(isClose(r.values[0], 1.6842105263157894, rel: 1e-12))
    #expect(isClose(r.values[1], -0.5789473684210527, rel: 1e-12))
    #expect(isClose(r.fval, -0.6993628808864267, rel: 1e-12))
    #expect(m.parameters.map(\.value) == r.values, "scan moves the parameters to the best point")
    let fit = m.migrad()
    #expect(fit.isValid)
    // MIGRAD from the scan's point reaches the exact minimum of the quadratic, ∇f = 0 → (1.6, −0.6),
    // to a fraction of its error (EDM goal 2e-4 allows offsets of order √(2·EDM) ≈ 0.02σ; 0.1σ is the bar).
    #expect(abs(fit.values[0] - 1.6) < 0.1 * fit.errors[0])
    #expect(abs(fit.values[1] + 0.6) < 0.1 * fit.errors[1])
}

@Test func scanUsesStepsWithoutLimitsAndKeepsFixedParameters() throws {
    var m = try Minuit(scanCost, parameters: [
        Parameter("x", value: 0, step: 2),
        Parameter("y", value: 0, step: 1),
    ])
    let r = m.scan()
    #expect(r.pointsPerAxis == 20)
    #expect(isClose(r.values[0], 1.5789473684210522, rel: 1e-12))
    #expect(isClose(r.values[1], -0.5789473684210527, rel: 1e-12))
    #expect(isClose(r.fval, -0.7082271468144046, rel: 1e-12))

    var fixed = try Minuit(scanCost, parameters: [
        Parameter("x", value: 0.5, step: 2, fixed: true),
        Parameter("y", value: 0, step: 1),
    ])
    let one = fixed.scan(ncall: 50)
    #expect(one.pointsPerAxis == 50 && one.nfcn == 50)
    #expect(one.values[0] == 0.5)
}

@Test func scanSkipsNonFiniteValues() throws {
    let cost = CostFunction(errordef: 1) { p in p[0] < 0 ? .nan : (p[0] - 0.7) * (p[0] - 0.7) }
    var m = try Minuit(cost, parameters: [Parameter("x", value: 0, step: 1)])
    let r = m.scan(ncall: 11)
    #expect(r.fval.isFinite)
    #expect(isClose(r.values[0], 0.6, rel: 1e-12))
}
