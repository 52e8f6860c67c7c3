import Minimizer
import Testing

/// A chain run and the `Minuit` path it stands for must agree bit for bit in everything observable.
private func expectSameRun(_ m: Minuit, _ sm: MigradStatus, calls: Int, _ chain: MigradChain, _ sc: MigradStatus?) throws {
    let sc = try #require(sc)
    #expect(sm == sc)
    #expect(sm.fval.bitPattern == sc.fval.bitPattern)
    #expect(m.nfcn - calls == sc.nfcn)
    let c = chain.minuit
    #expect(m.parameters.map(\.value.bitPattern) == c.parameters.map(\.value.bitPattern))
    #expect(m.parameters.map(\.step.bitPattern) == c.parameters.map(\.step.bitPattern))
}

/// A warm-started profile scan of `x` with `y` and `z` minimised, run by a chain and by one `Minuit`
/// (setValue + migradStatus), for strategies 0–2 and a limited parameter (sin transform). HESSE from
/// the chain's final state equals HESSE after the Minuit path.
@Test(arguments: [0, 1, 2])
func chainEqualsMinuitPath(strategy: Int) throws {
    var plain = try Minuit(rosen3, parameters: [par("x", -1.2), par("y", 1), par("z", -1.2, lower: -2)])
    plain.strategy = strategy
    try plain.fix("x")
    let chain = MigradChain(plain)
    for k in 0..<12 {
        let x = -1.2 + 0.2 * Double(k)
        try plain.setValue(at: 0, x)
        let calls = plain.nfcn
        let sa = plain.migradStatus(iterate: 1, useSimplex: false)
        let sb = chain.run(setting: [0], to: [x])
        try expectSameRun(plain, sa, calls: calls, chain, sb)
        #expect(chain.lastFailure == nil && sa.isValid)
        #expect(chain.value(at: 1).bitPattern == plain.parameters[1].value.bitPattern)
    }
    var fromChain = chain.minuit
    try fromChain.setValue(at: 0, plain.parameters[0].value)
    _ = fromChain.migradStatus(iterate: 1, useSimplex: false)
    _ = plain.migradStatus(iterate: 1, useSimplex: false)
    #expect(fromChain.hesse().errors.map(\.bitPattern) == plain.hesse().errors.map(\.bitPattern))
}

/// An invalid run leaves the chain where it was and reports the failed minimum; the next run continues
/// from the state before the failure, as a `Minuit` copy kept from before would.
@Test func failedRunLeavesTheChainUnchanged() throws {
    // Rosenbrock in (y, z) with x fixed, undefined (NaN) for x > 1.4.
    let cost = CostFunction(errordef: 1) { p in p[0] > 1.4 ? .nan : rosen3(p) }
    var m = try Minuit(cost, parameters: [par("x", -1.2), par("y", 1), par("z", -1.2)])
    try m.fix("x")
    let chain = MigradChain(m)
    #expect(try #require(chain.run(setting: [0], to: [0.3])).isValid)
    let kept = chain.minuit
    var plain = kept
    try plain.setValue(at: 0, 1.5)
    let sa = plain.migradStatus(iterate: 1, useSimplex: false)
    let sb = try #require(chain.run(setting: [0], to: [1.5]))
    #expect(!sa.isValid && !sb.isValid && sa.nfcn == sb.nfcn && sa.fval.bitPattern == sb.fval.bitPattern)
    let failure = try #require(chain.lastFailure)
    #expect(!failure.isValid && failure.fval.isNaN && failure.stopReason == plain.minimum?.stopReason)
    #expect(chain.minuit.parameters == kept.parameters)
    var next = kept
    try next.setValue(at: 0, 0.4)
    let calls = next.nfcn
    let sn = next.migradStatus(iterate: 1, useSimplex: false)
    try expectSameRun(next, sn, calls: calls, chain, chain.run(setting: [0], to: [0.4]))
    #expect(chain.lastFailure == nil)
}

/// Values outside the limits or not finite, and unknown indices: no run, nothing changed.
@Test func invalidMovesAreRefused() throws {
    var m = try Minuit(quadratic, parameters: [par("x", 0, lower: -3, upper: 3), par("y", 0)])
    try m.fix("x")
    let chain = MigradChain(m)
    let before = chain.minuit.parameters
    #expect(chain.run(setting: [0], to: [3.5]) == nil)
    #expect(chain.run(setting: [0], to: [.nan]) == nil)
    #expect(chain.run(setting: [5], to: [0]) == nil)
    #expect(chain.minuit.parameters == before)
}

/// `load` moves a chain to another state of the same fit: from a Minuit and from another chain.
@Test func loadContinuesFromAnotherState() throws {
    var m = try Minuit(rosen3, parameters: [par("x", -1.2), par("y", 1), par("z", -1.2, lower: -2)])
    try m.fix("x")
    let a = MigradChain(m), b = MigradChain(m)
    _ = a.run(setting: [0], to: [0.5])
    b.load(a)
    #expect(b.minuit.parameters == a.minuit.parameters)
    var plain = a.minuit
    try plain.setValue(at: 0, 0.6)
    let calls = plain.nfcn
    let sp = plain.migradStatus(iterate: 1, useSimplex: false)
    try expectSameRun(plain, sp, calls: calls, b, b.run(setting: [0], to: [0.6]))
    let c = MigradChain(m)
    c.load(a.minuit)
    #expect(c.run(setting: [0], to: [0.6]) == a.run(setting: [0], to: [0.6]))
}

/// With every parameter fixed there is nothing to run: an invalid status, as `migradStatus` gives.
@Test func chainWithoutFreeParametersIsInvalid() throws {
    var m = try Minuit(quadratic, parameters: [par("x", 0.5), par("y", 0)])
    try m.fix("y")
    try m.fix("x")
    let status = try #require(MigradChain(m).run(setting: [0], to: [1]))
    var plain = m
    try plain.setValue(at: 0, 1)
    let expected = plain.migradStatus()
    #expect(!status.isValid && status == expected)
}
