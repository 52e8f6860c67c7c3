import Minimizer
import Testing

/// Fixed parameters interleaved with free ones (even and odd positions, a pair with one fixed half, a
/// limited free parameter): the cost must see every fixed value unchanged in every call (the evaluator
/// writes coordinates in 16-byte pairs and moves one coordinate at a time), and MIGRAD + HESSE must be
/// bit for bit the fit of the same function of the free parameters alone.
@Test(arguments: [[0, 2, 5], [1, 2], [3]])
func fixedParametersAmongFreeOnesAreNeverTouched(fixedAt fixed: [Int]) throws {
    let npar = 3 + fixed.count
    let freeAt = (0..<npar).filter { !fixed.contains($0) }
    let fixedValues = fixed.map { 0.25 + Double($0) }
    let wide = CostFunction(errordef: 1) { p in
        for (k, i) in fixed.enumerated() where p[i] != fixedValues[k] { return .nan }
        return rosen3.function([p[freeAt[0]], p[freeAt[1]], p[freeAt[2]]])
    }
    let starts = [-1.2, 1, -1.2]
    var parameters: [Parameter] = []
    var f = 0, k = 0
    for i in 0..<npar {
        if fixed.contains(i) {
            parameters.append(par("f\(i)", fixedValues[f], fixed: true))
            f += 1
        } else {
            parameters.append(par("p\(i)", starts[k], lower: k == 1 ? -3 : nil))
            k += 1
        }
    }
    var m = try Minuit(wide, parameters: parameters)
    var reference = try Minuit(rosen3, parameters: [par("a", -1.2), par("b", 1, lower: -3), par("c", -1.2)])
    let fm = m.migrad()
    let fr = reference.migrad()
    m.hesse()
    reference.hesse()
    #expect(fm.isValid && fr.isValid)
    #expect(m.nfcn == reference.nfcn)
    #expect(m.minimum!.fval.bitPattern == reference.minimum!.fval.bitPattern)
    #expect(freeAt.map { m.parameters[$0].value.bitPattern } == reference.parameters.map(\.value.bitPattern))
    #expect(freeAt.map { m.parameters[$0].step.bitPattern } == reference.parameters.map(\.step.bitPattern))
    #expect(fixed.map { m.parameters[$0].value } == fixedValues)
}
