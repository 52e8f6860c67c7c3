import Minimizer
import Testing

/// `migradStatus` is the same run as `migrad` without building the result: everything observable after
/// it must equal what `migrad` gives, bit for bit.
@Test(arguments: [0, 1, 2])
func migradStatusEqualsMigrad(strategy: Int) throws {
    var a = try Minuit(rosen3, parameters: [par("a", -1.2), par("b", 1), par("c", -1.2, lower: -2)])
    a.strategy = strategy
    var b = a
    let full = a.migrad()
    let status = b.migradStatus()
    #expect(status.fval.bitPattern == full.fval.bitPattern)
    #expect(status.isValid == full.isValid)
    #expect(b.nfcn == a.nfcn)
    #expect(b.parameters == a.parameters)
    let lazy = try #require(b.minimum)
    #expect(lazy.values.map(\.bitPattern) == full.values.map(\.bitPattern))
    #expect(lazy.errors.map(\.bitPattern) == full.errors.map(\.bitPattern))
    #expect(lazy.covariance == full.covariance)
    #expect(lazy.stopReason == full.stopReason)
    // A HESSE after either run continues from the same internal state.
    let ha = a.hesse(), hb = b.hesse()
    #expect(ha.errors.map(\.bitPattern) == hb.errors.map(\.bitPattern))
    #expect(ha.method == "Migrad" && hb.method == "Migrad")
}

@Test func migradStatusReportsAnInvalidMinimum() throws {
    // One MIGRAD pass with a 20-call budget cannot converge on Rosenbrock from (−1.2, 1).
    var m = try Minuit(rosen2, parameters: [par("x", -1.2), par("y", 1)])
    let status = m.migradStatus(maxCalls: 20, iterate: 1)
    #expect(!status.isValid)
    let fm = try #require(m.minimum)
    #expect(!fm.isValid && fm.hasReachedCallLimit)
    #expect(fm.fval.bitPattern == status.fval.bitPattern)
}

@Test func setValueByIndexChecksLikeSetValueByName() throws {
    var m = try Minuit(quadratic, parameters: [par("x", 0, lower: -1, upper: 1), par("y", 0)])
    try m.setValue(at: 0, 0.5)
    #expect(m.parameters[0].value == 0.5)
    #expect(throws: MinimizerError.startOutsideLimits(name: "x", value: 2, lower: -1, upper: 1)) {
        try m.setValue(at: 0, 2)
    }
    #expect(throws: MinimizerError.nonFiniteParameter(name: "y", field: "value")) { try m.setValue(at: 1, .nan) }
    #expect(throws: MinimizerError.unknownParameter(name: "#2")) { try m.setValue(at: 2, 0) }
    #expect(m.parameters.map(\.value) == [0.5, 0])
}
