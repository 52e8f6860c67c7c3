import Testing
import Minimizer

private let f = CostFunction(errordef: 1) { p in p.reduce(0) { $0 + $1 * $1 } }

@Test func badInputThrowsNamedErrors() throws {
    #expect(throws: MinimizerError.startOutsideLimits(name: "a", value: 5, lower: 0, upper: 1)) {
        try Minuit(f, parameters: [Parameter("a", value: 5, step: 0.1, lower: 0, upper: 1)])
    }
    #expect(throws: MinimizerError.invalidLimits(name: "a", lower: 1, upper: 1)) {
        try Minuit(f, parameters: [Parameter("a", value: 1, step: 0.1, lower: 1, upper: 1)])
    }
    #expect(throws: MinimizerError.nonPositiveStep(name: "b", step: 0)) {
        try Minuit(f, parameters: [Parameter("a", value: 1, step: 0.1), Parameter("b", value: 1, step: 0)])
    }
    #expect(throws: MinimizerError.nonPositiveStep(name: "a", step: -1)) {
        try Minuit(f, parameters: [Parameter("a", value: 1, step: -1)])
    }
    #expect(throws: MinimizerError.noFreeParameters) { try Minuit(f, parameters: []) }
    #expect(throws: MinimizerError.noFreeParameters) {
        try Minuit(f, parameters: [Parameter("a", value: 1, step: 0.1, fixed: true)])
    }
    #expect(throws: MinimizerError.duplicateName(name: "a")) {
        try Minuit(f, parameters: [Parameter("a", value: 1, step: 0.1), Parameter("a", value: 2, step: 0.1)])
    }
    #expect(throws: MinimizerError.invalidErrordef(0)) {
        try Minuit(CostFunction(errordef: 0) { _ in 0 }, parameters: [Parameter("a", value: 1, step: 0.1)])
    }
    let nan = CostFunction(errordef: 1) { p in p[0] < 0 ? .nan : p[0] }
    do {
        _ = try Minuit(nan, parameters: [Parameter("a", value: -1, step: 0.1)])
        Issue.record("expected a throw")
    } catch let e as MinimizerError {
        guard case .nonFiniteAtStart = e else { Issue.record("wrong error \(e)"); return }
        #expect(e.description.contains("a=-1.0"))
    }
    var m = try Minuit(f, parameters: [Parameter("a", value: 1, step: 0.1, lower: 0)])
    #expect(throws: MinimizerError.unknownParameter(name: "zz")) { try m.fix("zz") }
    #expect(throws: MinimizerError.startOutsideLimits(name: "a", value: -1, lower: 0, upper: nil)) {
        try m.setValue("a", -1)
    }
    #expect(throws: MinimizerError.noValidMinimum("MINOS")) { try m.minos() }
    #expect(MinimizerError.nonPositiveStep(name: "b", step: 0).description.contains("'b'"))
}
