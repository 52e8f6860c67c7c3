import Foundation
import Testing
@testable import X17Analysis

/// Nuclear inputs as nuisances: σ = 0 pins them, negative σ is refused, user-supplied inputs are reported, and a
/// hypothesis without its couplings is refused naming them.
@Suite struct NuisanceInputTests {
    static let nuclear = "datasets/nuclear/x17-inputs.csv"

    /// An input with uncertainty 0 named as a free parameter is fixed at the file's value (the spec's start is
    /// ignored): the fit equals the fit without the parameter bit for bit, χ² and every parameter.
    @Test func zeroUncertaintyReproducesTheFixedInputFit() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try tree.replace(Self.nuclear, "M_E0,He4_20.21,M_E0,1.10,0.16", "M_E0,He4_20.21,M_E0,1.10,0")
        let fixedInput = try FitRunner.run(try prepare(tree, "dg2023-vector-none")).result
        try tree.replace("fits/dg2023-vector-none.toml", "BR_ee = { value = 1.0, fixed = true }",
                         "BR_ee = { value = 1.0, fixed = true }\nM_E0 = { start = 1.3, step = 0.01 }")
        let setup = try prepare(tree, "dg2023-vector-none")
        #expect(setup.model.fast != nil, "a pinned input does not float the nuclear inputs")
        let pinned = try FitRunner.run(setup).result
        #expect(pinned.chi2.bitPattern == fixedInput.chi2.bitPattern, "\(pinned.chi2) vs \(fixedInput.chi2)")
        #expect(pinned.ndof == fixedInput.ndof)
        for p in fixedInput.parameters {
            let q = try #require(pinned.parameters.first { $0.name == p.name })
            #expect(q.value.bitPattern == p.value.bitPattern && q.error.bitPattern == p.error.bitPattern, "\(p.name)")
        }
        let mE0 = try #require(pinned.parameters.first { $0.name == "M_E0" })
        #expect(mE0.fixed && mE0.value == 1.10)
        #expect(pinned.fixedParameters.contains("M_E0"))
        #expect(!pinned.terms.contains { $0.kind == "nuisance" })
    }

    /// With σ > 0 the input floats, constrained, and its pull is a term of the result.
    @Test func floatedInputHasAPull() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try tree.replace("fits/dg2023-vector-none.toml", "BR_ee = { value = 1.0, fixed = true }",
                         "BR_ee = { value = 1.0, fixed = true }\nM_E0 = { start = 1.10, step = 0.01 }")
        let r = try FitRunner.run(try prepare(tree, "dg2023-vector-none")).result
        let term = try #require(r.terms.first { $0.kind == "nuisance" && $0.id == "M_E0" })
        #expect(term.observed == 1.10 && term.sigma == 0.16)
        let fitted = try #require(r.parameters.first { $0.name == "M_E0" })
        #expect(!fitted.fixed && fitted.value != 1.10)
        // pull = (fitted − centre)/σ, as every term.
        #expect(abs(term.pull - (fitted.value - 1.10) / 0.16) < 1e-12)
    }

    @Test(arguments: ["-0.16", "-1e-9", "nan", "inf"])
    func negativeOrNonFiniteUncertaintyNamesTheField(_ bad: String) throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try tree.replace(Self.nuclear, "M_E0,He4_20.21,M_E0,1.10,0.16", "M_E0,He4_20.21,M_E0,1.10,\(bad)")
        let line = try tree.line(Self.nuclear, containing: "M_E0,He4_20.21")
        expectInputError(file: Self.nuclear, line: line, field: "uncertainty", contains: "'\(bad)'") {
            _ = try prepare(tree, "dg2023-vector-none")
        }
    }

    /// Values for inputs graded U in the catalogue (here ⁴He(21.01) matrix elements) are accepted and listed.
    @Test func userSuppliedInputsAreListedInTheResult() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try writeMixedFixture(tree)
        let setup = try prepare(tree, "mixed-be-he")
        #expect(setup.userSuppliedInputs.map(\.id)
                == ["He21_axial_charge_ME@test", "He21_spin_dipole_ME@test", "He21_population_ratio@test"])
        #expect(setup.userSuppliedInputs[0].location == "datasets/nuclear/user-he21.csv:2")
        #expect(setup.userSuppliedInputs[0].uncertainty == 0.1)
        let r = try FitRunner.run(setup).result
        let json = try #require(try JSONSerialization.jsonObject(with: r.jsonData()) as? [String: Any])
        let listed = try #require(json["user_supplied_inputs"] as? [[String: Any]])
        #expect(listed.map { $0["id"] as? String } == setup.userSuppliedInputs.map(\.id))
        #expect(listed[0]["source"] as? String == "test fixture value")
        // A fit with only catalogued inputs has no such key.
        let plain = try FitRunner.run(try prepare(tree, "dg2023-vector-none")).result
        #expect(plain.userSuppliedInputs == nil)
        let plainJSON = try #require(try JSONSerialization.jsonObject(with: plain.jsonData()) as? [String: Any])
        #expect(plainJSON["user_supplied_inputs"] == nil)
    }

    @Test(arguments: [
        ("axial", "", "needs parameters a_p, a_n (or a_0); missing in [parameters]: a_p, a_n"),
        ("mixed", "", "missing in [parameters]: a_p, a_n"),
        ("mixed", "a_p = { start = 1e-5, step = 1e-6 }\n", "missing in [parameters]: a_n"),
        ("vector", "DROP eps_n", "missing in [parameters]: eps_n"),
    ])
    func hypothesisWithoutItsParametersNamesThem(_ hypothesis: String, _ extra: String, _ message: String) throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        let spec = "fits/dg2023-vector-none.toml"
        try tree.replace(spec, "hypothesis = \"vector\"", "hypothesis = \"\(hypothesis)\"")
        if extra == "DROP eps_n" {
            try tree.replace(spec, "eps_n = { start = 5e-3, step = 1e-4 }\n", "")
        } else {
            try tree.replace(spec, "BR_ee = {", extra + "BR_ee = {")
        }
        let line = try tree.line(spec, containing: "hypothesis =")
        expectInputError(file: spec, line: line, field: "hypothesis", contains: message) {
            _ = try prepare(tree, "dg2023-vector-none")
        }
    }
}
