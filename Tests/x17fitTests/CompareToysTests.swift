import Foundation
import Testing

/// `compare --toys N`: the toy-calibrated p-value of the Δχ² of non-nested fits (issue 13 item 5).
@Suite(.serialized) struct CompareToysTests {
    /// Axial and vector fits of exactly the same rows (the ⁸Be rates and the D&G angular constraint).
    static let specs: [(String, String)] = [("t-axial-be", "axial"), ("t-vector-be", "vector")]

    static func writeSpecs(into tree: URL) throws {
        for (name, hypothesis) in specs {
            let couplings = hypothesis == "axial"
                ? "a_n = { start = 4e-5, step = 1e-6 }\na_p = { start = 1e-5, step = 1e-6 }"
                : "eps_n = { start = 0.005, step = 0.0005 }\neps_p = { start = 0.002, step = 0.0005 }"
            let text = """
                name = "\(name)"
                description = "\(hypothesis) X on the 8Be rates and the D&G angular constraint"
                hypothesis = "\(hypothesis)"
                isospin = "none"
                he_convention = "ratio"
                datasets = ["summaries/dg2023-angular.csv", "rates/atomki-rates.csv"]
                select = ["DG2023_angular", "Be18_Firak2020", "Be17_seed000"]
                nuclear = ["nuclear/x17-inputs.csv"]
                priors = []

                [parameters]
                mX = { start = 16.9, step = 0.05, limits = [16.0, 17.6] }
                \(couplings)
                BR_ee = { value = 1.0, fixed = true }

                """
            try Data(text.utf8).write(to: tree.appendingPathComponent("fits/\(name).toml"))
        }
    }

    static let pair = ["compare", "fits/t-axial-be.toml", "fits/t-vector-be.toml"]

    @Test func toyPValueIsIdenticalForAnyThreadCountAndMatchesToysAgainst() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        try Self.writeSpecs(into: tree)
        let base = Self.pair + ["--toys", "150", "--seed", "3"]
        let one = try BinaryRunner.run(base + ["--threads", "1", "--json", "one.json"], in: tree)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("toy-calibrated p-values of Δχ² = χ²(B) − χ²(A) for non-nested fits (150 toys under each, seed 3)"),
                "\(one.stdout)")
        #expect(one.stdout.contains("t-axial-be (A) vs t-vector-be (B): observed Δχ²"), "\(one.stdout)")
        #expect(!one.stdout.contains("Wilks' theorem does not"), "\(one.stdout)")
        let two = try BinaryRunner.run(base + ["--threads", "2", "--json", "two.json"], in: tree)
        #expect(two.status == 0, "\(two.stderr)")
        let a = try Data(contentsOf: tree.appendingPathComponent("one.json"))
        #expect(a == (try Data(contentsOf: tree.appendingPathComponent("two.json"))))

        let json = try BinaryRunner.json(tree.appendingPathComponent("one.json"))
        let calibrations = try #require(json["toy_comparisons"] as? [[String: Any]])
        #expect(calibrations.count == 1)
        let c = try #require(calibrations.first)
        #expect(c["a"] as? String == "t-axial-be" && c["b"] as? String == "t-vector-be" && c["toys"] as? Int == 150)
        let summary = try #require(c["summary"] as? [String: Any])
        for key in ["pvalue_under_a", "pvalue_under_b"] {
            let p = try #require(summary[key] as? [String: Any])
            #expect(p["total"] as? Int == 150, "\(key): \(p)")
            // The binomial error is √(p(1−p)/n) of the printed fraction (to rounding of the JSON doubles).
            let f = try #require(p["fraction"] as? Double), e = try #require(p["error"] as? Double)
            #expect(abs(e - (f * (1 - f) / 150).squareRoot()) < 1e-12)
        }
        // Same seed and toy count: the same streams as `toys A --against B`, so the same summary.
        let against = try BinaryRunner.run(["toys", "fits/t-axial-be.toml", "--against", "fits/t-vector-be.toml", "--n", "150",
                                            "--seed", "3", "--json", "against.json"], in: tree)
        #expect(against.status == 0, "\(against.stderr)")
        let reference = try BinaryRunner.json(tree.appendingPathComponent("against.json"))
        let expected = try #require(reference["summary"] as? [String: Any])
        #expect(NSDictionary(dictionary: expected).isEqual(to: summary), "\(expected) vs \(summary)")

        let plain = try BinaryRunner.run(Self.pair, in: tree)
        #expect(plain.status == 0 && plain.stdout.contains("not nested (axial and vector")
                && plain.stdout.contains("so Wilks' theorem does not give a p-value"), "\(plain.stdout)")
        #expect(plain.stdout.contains("--toys N"), "\(plain.stdout)")
    }

    @Test(arguments: [
        (["--toys", "0"], "--toys"),
        (["--toys", "-2"], "--toys"),
        (["--toys", "5", "--seed", "abc"], "--seed"),
        (["--toys", "5", "--seed", "-1"], "--seed"),
        (["--toys", "5", "--threads", "0"], "--threads"),
    ])
    func badOptionsExitTwoNamingTheOption(arguments: [String], option: String) throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        try Self.writeSpecs(into: tree)
        let run = try BinaryRunner.run(Self.pair + arguments + ["--json", "c.json"], in: tree)
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
        #expect(run.stderr.contains(option), "\(arguments): \(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: tree.appendingPathComponent("c.json").path))
    }

    @Test func toysWithoutANonNestedPairExitTwo() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        // A fixed-mass fit inside the same model with mX free is nested: Wilks applies, there is nothing to calibrate.
        let run = try BinaryRunner.run(["compare", "fits/dg2023-vector-none.toml", "fits/dg2023-vector-none-fixedmass.toml",
                                        "--toys", "5"], in: tree)
        #expect(run.status == 2 && run.stderr.contains("no two of the fits on the same data are non-nested"), "\(run.stderr)")
    }
}
