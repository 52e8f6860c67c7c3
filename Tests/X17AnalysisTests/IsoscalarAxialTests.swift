import Foundation
import Testing
@testable import X17Analysis

/// The isoscalar axial coupling a_0 stands for a_p = a_n = a_0 (seed 000's main model, Eq. 55).
@Suite struct IsoscalarAxialTests {
    @Test func a0IsTheAxialFitWithEqualCouplings() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        let spec = "fits/dg2023-vector-none.toml"
        try tree.replace(spec, "hypothesis = \"vector\"", "hypothesis = \"mixed\"")
        try tree.replace(spec, "\"He_PRC104_Bx\", ", "")
        try tree.replace(spec, "BR_ee = {", "a_0 = { start = 3e-5, step = 1e-6 }\nBR_ee = {")
        let isoscalar = try prepare(tree, "dg2023-vector-none").model
        try tree.replace(spec, "a_0 = { start = 3e-5, step = 1e-6 }\n", "a_p = { start = 3e-5, step = 1e-6 }\na_n = { start = 3e-5, step = 1e-6 }\n")
        let pair = try prepare(tree, "dg2023-vector-none").model
        let names = isoscalar.parameters.map(\.name), pairNames = pair.parameters.map(\.name)
        for point in [(16.85, 5e-3, 1e-3, 3e-5), (16.9, -2e-3, 4e-3, -7e-5), (17.1, 0, 0, 1e-4)] {
            func vector(_ names: [String]) -> [Double] {
                names.map { ["mX": point.0, "eps_n": point.1, "eps_p": point.2, "a_0": point.3, "a_p": point.3, "a_n": point.3][$0] ?? 1 }
            }
            let a = isoscalar.chi2(vector(names)), b = pair.chi2(vector(pairNames))
            #expect(a.bitPattern == b.bitPattern, "χ² \(a) vs \(b) at \(point)")
            #expect(a.isFinite)
        }
        // Both forms at once are refused, naming a_0.
        try tree.replace(spec, "a_n = { start = 3e-5, step = 1e-6 }\n", "a_n = { start = 3e-5, step = 1e-6 }\na_0 = { start = 3e-5, step = 1e-6 }\n")
        let line = try tree.line(spec, containing: "a_0 =")
        expectInputError(file: spec, line: line, field: "parameters.a_0", contains: "not both") {
            _ = try prepare(tree, "dg2023-vector-none")
        }
    }
}
