import Foundation
import LinearAlgebra
import Testing
import _TestSupport
@testable import X17Analysis

@Suite struct ModelTests {
    /// Reference χ² from Reference/model_chi2_reference.py (numpy 2 / scipy 1.17.1), an independent
    /// implementation of docs/physics.md §4, §5.2, §9 on the same fixtures. Tolerance 1e-9 relative:
    /// same formulas and constants in double precision; the only differences are operation order and
    /// Φ⁻¹(0.95) (ours vs scipy, both good to ~1e-15).
    @Test(arguments: [
        (16.84, 1.9e-3, 5.3e-3, "none", 35.70749886248125),
        (16.85, 0.8e-3, 4.3e-3, "mixing", 45.31471012530771),
        (16.9, 1e-3, 5e-3, "none", 50.380589862012705),
    ])
    func dg2023Chi2MatchesReference(mX: Double, epsP: Double, epsN: Double, isospin: String, expected: Double) throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try tree.replace("fits/dg2023-vector-none.toml", "isospin = \"none\"", "isospin = \"\(isospin)\"")
        let setup = try prepare(tree, "dg2023-vector-none")
        #expect(setup.model.parameters.map(\.name) == ["mX", "eps_n", "eps_p", "BR_ee"])
        let chi2 = setup.model.chi2([mX, epsN, epsP, 1.0])
        #expect(isClose(chi2, expected, rel: 1e-9), "χ² = \(chi2)")
    }

    @Test func dg2023DegreesOfFreedomAndHeliumDevice() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        let setup = try prepare(tree, "dg2023-vector-none")
        // D&G: 11 = 11 angles (summary: 10 dof + 1) + 3 widths − 3 free parameters; the prior is no data point.
        #expect(setup.model.dataPoints == 14)
        #expect(setup.model.freeParameters == 3)
        #expect(setup.model.ndof == 11)
        #expect(setup.model.dataTerms.map(\.info.id) == ["Be18_Firak2020", "C12_PRC106", "He_PRC104_Bx"])
        #expect(setup.model.priors.count == 1)
        // σ_π = 1.2e-3/Φ⁻¹(0.95) = 7.2954e-4 (scipy: 1.2e-3/norm.ppf(0.95) = 0.000729549…).
        #expect(isClose(setup.model.priors[0].sigma, 1.2e-3 / 1.6448536269514722, rel: 1e-12))
        // He σ = √(1.3² + 1.479²)·1e-6: stat ⊕ the row's syst (the 29 % Γ_E0 theory error, docs/physics.md §5.2).
        let he = setup.model.dataTerms[2]
        #expect(isClose(he.sigma, (1.3e-6 * 1.3e-6 + 1.479e-6 * 1.479e-6).squareRoot(), rel: 1e-12))
        #expect(setup.heliumDeviceNote?.contains("reproduction device") == true)
        #expect(setup.datasetHashes.keys.sorted() == [
            "nuclear/x17-inputs.csv", "priors/external.csv", "rates/atomki-rates.csv", "summaries/dg2023-angular.csv",
        ])
    }

    @Test func defaultSelectionFollowsTheHeliumConvention() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        let spec = "fits/dg2023-vector-none.toml"
        try tree.replace(spec, "select = [\"DG2023_angular\", \"Be18_Firak2020\", \"He_PRC104_Bx\", \"C12_PRC106\"]\n", "")
        var setup = try prepare(tree, "dg2023-vector-none")
        #expect(setup.model.dataTerms.map(\.info.id) == ["Be18_Firak2020", "C12_PRC106", "He_PRC104_Bx"])
        try tree.replace(spec, "he_convention = \"dg2023\"", "he_convention = \"ratio\"")
        setup = try prepare(tree, "dg2023-vector-none")
        #expect(setup.model.dataTerms.map(\.info.id) == ["Be18_Firak2020", "C12_PRC106", "He_PRC104_ratio"])
        #expect(setup.heliumDeviceNote == nil)
    }

    @Test func explicitSelectionOfTheWrongHeliumObservableIsRefused() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try tree.replace("fits/dg2023-vector-none.toml", "he_convention = \"dg2023\"", "he_convention = \"ratio\"")
        let rates = "datasets/rates/atomki-rates.csv"
        expectInputError(file: rates, line: try tree.line(rates, containing: "He_PRC104_Bx"), field: "observable",
                         contains: "GammaX_eV is the dg2023 device") {
            _ = try prepare(tree, "dg2023-vector-none")
        }
    }

    /// χ² of the mass fixture: 4 Sas 2022 runs sharing a 0.2 MeV systematic (one correlated block) + the ⁴He
    /// combination; reference from Reference/model_chi2_reference.py (numpy.linalg.solve), 1e-10 relative
    /// (a 4×4 Cholesky solve vs LU in double precision, condition number ≈ 40).
    @Test func correlatedMassBlock() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        let setup = try prepare(tree, "atomki-masses")
        #expect(setup.model.ndof == 4)
        #expect(setup.model.blocks.count == 2)
        #expect(isClose(setup.model.chi2([16.9, 0, 0]), 5.154516797857435, rel: 1e-10))
        let terms = try setup.model.terms(at: [16.9, 0, 0])
        let he = try #require(terms.first { $0.id == "He_PRC104_mass" })
        #expect(isClose(he.pull, (16.9 - 16.94) / (0.12 * 0.12 + 0.21 * 0.21).squareRoot(), rel: 1e-12))
    }

    @Test func quarkCouplingsWithPropagatedErrors() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        let setup = try prepare(tree, "dg2023-vector-none")
        // Covariance over (mX, eps_n, eps_p, BR_ee); BR fixed → zero row.
        let v = try Matrix([
            [1.6e-3, 0, 0, 0],
            [0, 4e-7, 1e-7, 0],
            [0, 1e-7, 2.5e-7, 0],
            [0, 0, 0, 0],
        ])
        let derived = FitRunner.derivedCouplings(setup.model, values: [16.84, 5.3e-3, 1.9e-3, 1], covariance: v)
        #expect(derived.map(\.name) == ["eps_u", "eps_d"])
        // D&G Table II from Table I: ε_u = (2·1.9 − 5.3)/3 = −0.5e-3, ε_d = (2·5.3 − 1.9)/3 = 2.9e-3.
        #expect(isClose(derived[0].value, -0.5e-3, rel: 1e-12))
        #expect(isClose(derived[1].value, 2.9e-3, rel: 1e-12))
        // var(ε_u) = (4V_pp − 4V_pn + V_nn)/9, var(ε_d) = (4V_nn − 4V_pn + V_pp)/9.
        #expect(isClose(derived[0].error!, ((4 * 2.5e-7 - 4 * 1e-7 + 4e-7) / 9).squareRoot(), rel: 1e-12))
        #expect(isClose(derived[1].error!, ((4 * 4e-7 - 4 * 1e-7 + 2.5e-7) / 9).squareRoot(), rel: 1e-12))
    }
}
