import Testing
import Minimizer
import _TestSupport

private let rosen2 = CostFunction(errordef: 1) { p in
    let (x, y) = (p[0], p[1])
    return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
}

@Test func rosenbrock2DStrategy1() throws {
    var m = try Minuit(rosen2, parameters: [Parameter("x", value: -1.2, step: 0.12), Parameter("y", value: 1, step: 0.1)])
    let fm = m.migrad()
    print(fm)
    print(m.nfcn)
    m.hesse()
    print(m.minimum!)
    #expect(fm.isValid)
}
