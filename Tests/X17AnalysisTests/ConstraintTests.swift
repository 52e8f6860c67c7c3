import Foundation
import Testing
import X17Physics
import _TestSupport
@testable import X17Analysis

/// External constraints as χ² terms (docs/physics.md §12), on the repository's own datasets.
@Suite struct ConstraintTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let loader = DatasetLoader(root: repository.appendingPathComponent("datasets"))
    static let axialBe = try! String(contentsOf: repository.appendingPathComponent("fits/axial-be.toml"), encoding: .utf8)

    /// fits/axial-be.toml with `constraints` added and the parameter lines edited.
    static func axialSpec(constraints: [String], replacing edits: [(String, String)] = [], extra: String = "") throws -> FitSpec {
        var text = axialBe.replacingOccurrences(
            of: "priors = []", with: "priors = []\nconstraints = [\(constraints.map { "\"\($0)\"" }.joined(separator: ", "))]\(extra)")
        for (old, new) in edits {
            #expect(text.contains(old), "\(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return try FitSpec(text: text, file: "fits/test.toml")
    }

    static func setup(_ constraints: [String], _ edits: [(String, String)] = [], extra: String = "") throws -> FitSetup {
        try FitSetup.prepare(spec: axialSpec(constraints: constraints, replacing: edits, extra: extra), datasets: loader)
    }

    static let withEpsE = [("BR_ee = { value = 1.0, fixed = true }", "eps_e = { start = 8e-4, step = 1e-5 }")]
    static let withEpsNu = [("BR_ee = { value = 1.0, fixed = true }",
                             "eps_e = { start = 8e-4, step = 1e-5 }\neps_nu = { start = 1e-5, step = 1e-6 }")]

    /// Every row of the repository's file parses; limits get σ = bound/Φ⁻¹(cl) (one-sided) or
    /// bound/Φ⁻¹((1 + cl)/2) (two-sided at zero).
    @Test func repositoryFileParses() throws {
        let url = Self.loader.root.appendingPathComponent(FitSpec.defaultConstraintsFile)
        let table = try CSVTable(text: String(contentsOf: url, encoding: .utf8), file: "x.csv")
        let rows = try FitSetup.parseConstraints(table, dataset: FitSpec.defaultConstraintsFile)
        #expect(rows.count >= 19)
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.term.info.id, $0.term) })
        #expect(abs(byID["sindrum-i"]!.sigma - 8.5e-5 / 1.6448536269514722) < 1e-18)
        #expect(abs(byID["npb"]!.sigma - 3.6e-5 / 1.2815515655446004) < 1e-18)
        #expect(abs(byID["cevns-dresden"]!.sigmaNegative - 8.0e-5 / 1.2815515655446004) < 1e-18)
        #expect(byID["prompt-decay"]!.window!.upper == .infinity)
        #expect(Set(rows.compactMap(\.exclusive)) == ["g2e", "g2mu", "pi0"])
    }

    /// fits/axial-be.toml + sindrum-i: SINDRUM-I bites on a_p − a_n, so the best fit moves to a_p ≈ a_n at a cost
    /// of Δχ² ≈ 1 from Be17 (docs/physics.md §12.7). Measured: a_p − a_n from −1.16e-4 to about −1.3e-5,
    /// Δχ² = 0.97. Constraints are not data points: ndof is unchanged.
    @Test func sindrumMovesAxialFitToIsoscalar() throws {
        let free = try FitRunner.run(Self.setup([]))
        let constrained = try FitRunner.run(Self.setup(["sindrum-i"]))
        func value(_ r: FitResult, _ name: String) -> Double { r.parameters.first { $0.name == name }!.value }
        let before = value(free.result, "a_p") - value(free.result, "a_n")
        let after = value(constrained.result, "a_p") - value(constrained.result, "a_n")
        #expect(free.result.minimum.valid && constrained.result.minimum.valid)
        #expect(abs(before / 1.264 + 9.2e-5) < 0.2e-5, "\(before)")
        #expect(abs(after) < abs(before) / 5, "\(after) vs \(before)")
        let delta = constrained.result.chi2 - free.result.chi2
        #expect(delta > 0.7 && delta < 1.3, "Δχ² = \(delta)")
        #expect(constrained.result.ndof == free.result.ndof)
        let term = constrained.result.terms.first { $0.id == "sindrum-i" }
        #expect(term?.kind == "constraint")
        #expect(term.map { abs($0.pull - $0.predicted / (8.5e-5 / 1.6448536269514722)) < 1e-12 } == true)
    }

    /// The fast χ² and the general path agree bit for bit with constraints, including BR from ε_e and ε_ν.
    @Test func fastAndGeneralPathsAgree() throws {
        let setup = try Self.setup(["sindrum-i", "g2e-rb2020", "texono", "na64-invisible", "padme"], Self.withEpsNu)
        #expect(setup.model.fast != nil)
        var rng = SplitMix64(seed: 17)
        for _ in 0..<200 {
            let x = setup.spec.parameters.map { p in p.fixed ? p.start : p.start * (1 + 0.5 * (2 * rng.uniform() - 1)) }
            let fast = setup.model.chi2(x), general = setup.model.generalChi2(x)
            #expect(fast.bitPattern == general.bitPattern || (fast.isNaN && general.isNaN), "\(x)")
        }
    }

    /// With ε_ν a parameter and BR_ee not, BR = Γ_ee/(Γ_ee + Γ_νν): ε_ν = ε_e gives
    /// Γ_νν/Γ_ee = (1/6)/((1/3)β(1 + 2r)), r = m_e²/mX².
    @Test func branchingRatioFollowsFromCouplings() throws {
        let setup = try Self.setup([], Self.withEpsNu)
        var x = setup.spec.parameters.map(\.start)
        let iE = setup.spec.parameters.firstIndex { $0.name == "eps_e" }!, iNu = setup.spec.parameters.firstIndex { $0.name == "eps_nu" }!
        x[iE] = 1e-3
        x[iNu] = 1e-3
        let r = Constants.electronMass * Constants.electronMass / (16.9 * 16.9)
        let ee = (1 - 4 * r).squareRoot() * (1 + 2 * r) / 3
        let expected = ee / (ee + 1.0 / 6)
        #expect(abs(setup.model.couplings(x).br - expected) < 1e-14)
        x[iNu] = 0
        #expect(setup.model.couplings(x).br == 1)
    }

    /// An excluded window is a forbidden region: χ² NaN inside (the minimizer treats NaN as outside the domain),
    /// the window adds 0 outside.
    @Test func excludedWindowIsForbidden() throws {
        let setup = try Self.setup(["na64-visible"], Self.withEpsE)
        let plain = try Self.setup([], Self.withEpsE)
        var x = setup.spec.parameters.map(\.start)
        let i = setup.spec.parameters.firstIndex { $0.name == "eps_e" }!
        for (value, forbidden) in [(1.0e-4, false), (1.3e-4, true), (6.7e-4, true), (7.0e-4, false), (-3e-4, true)] {
            x[i] = value
            #expect(setup.model.chi2(x).isNaN == forbidden, "eps_e = \(value)")
            if !forbidden { #expect(setup.model.chi2(x) == plain.model.chi2(x)) }
        }
    }

    /// A fit with ε_e, (g−2)_e (Rb) and the windows: the minimum lies outside every window and is valid, with
    /// ε_e at the g−2 value √(4.8e-13/(7.660e-6 e²)) = 8.27e-4 (pull 0: ε_e is free and only g−2 constrains it);
    /// the extra free parameter costs one dof (constraints are not data points).
    @Test func windowsLeaveAValidMinimumOutside() throws {
        let edits = [("BR_ee = { value = 1.0, fixed = true }", "eps_e = { start = 1.1e-3, step = 1e-5 }")]
        let outcome = try FitRunner.run(Self.setup(["g2e-rb2020", "na64-visible", "prompt-decay", "beam-dumps", "na64-invisible"], edits))
        let plain = try FitRunner.run(Self.setup([]))
        #expect(outcome.result.minimum.valid)
        let epsE = outcome.result.parameters.first { $0.name == "eps_e" }!.value
        let expected = (4.8e-13 / (try LeptonLoops.electronMoment(mX: 16.85, epsE: 1, aE: 0))).squareRoot()
        #expect(abs(epsE / expected - 1) < 1e-3, "\(epsE) vs \(expected)")
        #expect(epsE > 6.8e-4)
        #expect(outcome.result.ndof == plain.result.ndof - 1)
        #expect(outcome.result.terms.filter { $0.kind == "constraint" }.allSatisfy { $0.pull.isFinite && $0.sigma > 0 })
    }

    /// Bad input names the spec file, the line of `constraints` and the field; the CLI maps it to exit 2.
    @Test func badConstraintInput() throws {
        let line = 13  // `constraints` is inserted after `priors` (line 12 of fits/axial-be.toml)
        expectInputError(file: "fits/test.toml", line: line, field: "constraints", contains: "unknown constraint 'nope' (known in datasets/constraints/external-constraints.csv: pi0-na48-2, sindrum-i") {
            _ = try Self.setup(["nope"])
        }
        expectInputError(file: "fits/test.toml", line: line, field: "constraints", contains: "'g2e-rb2020' and 'g2e-cs2018' are alternatives") {
            _ = try Self.setup(["g2e-rb2020", "g2e-cs2018"], Self.withEpsE)
        }
        expectInputError(file: "fits/test.toml", line: line, field: "constraints", contains: "constraint 'g2e-rb2020' needs eps_e (or a_e)") {
            _ = try Self.setup(["g2e-rb2020"])
        }
        expectInputError(file: "fits/test.toml", line: line, field: "constraints", contains: "'moller-e158' needs eps_e and a_e") {
            _ = try Self.setup(["moller-e158"], Self.withEpsE)
        }
        expectInputError(file: "fits/test.toml", line: line, field: "constraints", contains: "constraint 'sindrum-i' is named twice") {
            _ = try Self.setup(["sindrum-i", "sindrum-i"])
        }
        expectInputError(file: "fits/test.toml", line: line, field: "constraints", contains: "'prompt-decay' excludes the start values") {
            _ = try Self.setup(["prompt-decay"], [("BR_ee = { value = 1.0, fixed = true }", "eps_e = { start = 1e-6, step = 1e-7 }")])
        }
        expectInputError(file: "fits/test.toml", line: 14, field: "constraints_file", contains: "constraints file 'constraints/none.csv' not found") {
            _ = try Self.setup(["sindrum-i"], extra: "\nconstraints_file = \"constraints/none.csv\"")
        }
        let brLine = 19  // BR_ee, after the inserted constraints line
        expectInputError(file: "fits/test.toml", line: brLine, field: "parameters.BR_ee", contains: "BR_ee cannot be a parameter together with eps_nu") {
            _ = try Self.setup([], [("BR_ee = { value = 1.0, fixed = true }", "BR_ee = { value = 1.0, fixed = true }\neps_e = { start = 1e-3 }\neps_nu = { start = 1e-5 }")])
        }
    }
}
