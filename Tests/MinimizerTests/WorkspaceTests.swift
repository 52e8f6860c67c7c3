import Minimizer
import Testing

/// Everything observable after a MIGRAD run must be bit-identical with and without a workspace.
private func expectSameRun(_ a: Minuit, _ sa: MigradStatus, _ b: Minuit, _ sb: MigradStatus) throws {
    #expect(sa == sb)
    #expect(sa.fval.bitPattern == sb.fval.bitPattern)
    #expect(a.nfcn == b.nfcn)
    #expect(a.parameters.map(\.value.bitPattern) == b.parameters.map(\.value.bitPattern))
    #expect(a.parameters.map(\.step.bitPattern) == b.parameters.map(\.step.bitPattern))
    let ma = try #require(a.minimum), mb = try #require(b.minimum)
    #expect(ma.covariance == mb.covariance)
    #expect(ma.edm.bitPattern == mb.edm.bitPattern)
    #expect(ma.stopReason == mb.stopReason)
}

/// A warm-started chain of fits (a profile scan of `x` with `y` and `z` minimised), one fit per point,
/// with and without one shared workspace (recycling each replaced fit); strategies 0–2 and a limited parameter (sin transform).
@Test(arguments: [0, 1, 2])
func workspaceChainIsBitIdentical(strategy: Int) throws {
    var plain = try Minuit(rosen3, parameters: [par("x", -1.2), par("y", 1), par("z", -1.2, lower: -2)])
    plain.strategy = strategy
    try plain.fix("x")
    var fast = plain
    let workspace = MigradWorkspace()
    for k in 0..<12 {
        let x = -1.2 + 0.2 * Double(k)
        try plain.setValue(at: 0, x)
        // As a profile grid does: run a copy, keep it, recycle the previous fit's buffers.
        var next = fast
        try next.setValue(at: 0, x)
        let sa = plain.migradStatus(iterate: 1, useSimplex: false)
        let sb = next.migradStatus(iterate: 1, useSimplex: false, workspace: workspace)
        swap(&fast, &next)
        let kept = next.parameters
        next.recycle(into: workspace)
        #expect(next.minimum == nil && next.parameters == kept)
        try expectSameRun(plain, sa, fast, sb)
    }
    // HESSE after a workspace run continues from the same internal state.
    let ha = plain.hesse(), hb = fast.hesse()
    #expect(ha.errors.map(\.bitPattern) == hb.errors.map(\.bitPattern))
}

/// One workspace serving different functions, parameter sets and limits in turn (it must rebuild its
/// set-up each time), with a run stopped at the call limit before each converging one.
@Test func workspaceFollowsChangesOfFunctionAndParameters() throws {
    let workspace = MigradWorkspace()
    let setups: [(CostFunction, [Parameter])] = [
        (rosen2, [par("x", -1.2), par("y", 1)]),
        (quadratic, [par("x", 0, lower: -3, upper: 3), par("y", 0)]),
        (rosen3, [par("a", -1.2), par("b", 1), par("c", -1.2, lower: -2)]),
        (rosen2, [par("x", -1.2, lower: -5), par("y", 1)]),
        (quadratic, [par("x", 0.5), par("y", -1, upper: 0)]),
    ]
    for (cost, parameters) in setups {
        var plain = try Minuit(cost, parameters: parameters)
        var fast = plain
        // A 30-call budget stops the first run early (call limit, an invalid minimum on Rosenbrock).
        let sa = plain.migradStatus(maxCalls: 30, iterate: 3)
        let sb = fast.migradStatus(maxCalls: 30, iterate: 3, workspace: workspace)
        try expectSameRun(plain, sa, fast, sb)
        let ra = plain.migradStatus(), rb = fast.migradStatus(workspace: workspace)
        try expectSameRun(plain, ra, fast, rb)
        #expect(rb.isValid)
    }
}
