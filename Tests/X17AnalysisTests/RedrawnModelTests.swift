import Foundation
import Minimizer
import Testing
import Toys
@testable import X17Analysis

/// A study's generator redraws one model in place behind one cost function; it must give, toy after toy,
/// the χ² of the model `pseudoData(at:stream:)` builds from the same stream (bit for bit), for the fast path
/// with redrawn constraints and summaries and for the general path with floated nuclear inputs.
@Suite struct RedrawnModelTests {
    @Test(arguments: ["dg2023-vector-none", "vector-be-constrained", "mixed-be-constrained"])
    func generatorEqualsPseudoData(fit: String) throws {
        try compare(ConstraintToysTests.setup(fit))
    }

    @Test func generatorEqualsPseudoDataWithFloatedInputs() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try tree.replace("fits/dg2023-vector-none.toml", "BR_ee = { value = 1.0, fixed = true }",
                         "BR_ee = { value = 1.0, fixed = true }\nM_E0 = { start = 1.10, step = 0.01 }")
        let setup = try prepare(tree, "dg2023-vector-none")
        #expect(setup.model.fast == nil && !setup.model.nuisances.isEmpty)
        try compare(setup)
    }

    private func compare(_ setup: FitSetup) throws {
        let model = setup.model
        let truth = try FitRunner.run(setup).minimum.values
        let generator = FitToyModel(setup: setup).generator(truth: truth)
        var first: CostFunction?
        let probes = [truth, truth.map { $0 * 1.01 }, truth.map { $0 * 0.97 + 1e-4 }]
        for k in 0..<40 {
            var a = ToyRandomStream(seed: 11, stream: UInt64(k)), b = a
            let cost = try generator.draw(&a)
            let toy = try model.pseudoData(at: truth, stream: &b)
            #expect(a.nextBlock() == b.nextBlock() && a.normal() == b.normal(), "the same draws consumed")
            for x in probes { #expect(cost(x).bitPattern == toy.chi2(x).bitPattern, "toy \(k)") }
            // One cost function for every toy: the minimiser keeps its set-up.
            if let first { #expect(first.function(probes[1]).bitPattern == toy.chi2(probes[1]).bitPattern) }
            first = first ?? cost
        }
        // The model the generator started from is untouched.
        #expect(setup.model.chi2(truth).bitPattern == model.chi2(truth).bitPattern)
    }
}
