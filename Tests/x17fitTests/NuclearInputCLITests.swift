import Foundation
import Testing

/// Nuclear inputs on the command line: user-supplied values named in every output, and the bad-input cases of
/// issue 13 (a hypothesis without its couplings, a negative input uncertainty) exiting 2 with file, line and field.
@Suite(.serialized) struct NuclearInputCLITests {
    /// A mixed fit and its vector counterpart on the same data, with fixture ⁴He(21.01) inputs in the user's file.
    static func writeUserSuppliedFits(_ tree: URL) throws {
        try """
            id,transition,quantity,value,uncertainty,unit,use,source,grade,notes
            He21_axial_charge_ME@mine,He4_21.01,axial charge ME,12.0,0.1,MeV,default,my shell-model estimate,M,
            He21_spin_dipole_ME@mine,He4_21.01,spin dipole ME,0.9,0,fm,default,my shell-model estimate,M,
            He21_population_ratio@mine,He4_21.01,population ratio,0.3,0,1,default,my estimate,M,

            """.write(to: tree.appendingPathComponent("datasets/nuclear/mine.csv"), atomically: true, encoding: .utf8)
        for (name, hypothesis, axial) in [("mixed-mine", "mixed", "a_n = { start = 1e-5, step = 1e-6 }\na_p = { start = 1e-5, step = 1e-6 }\n"),
                                          ("vector-mine", "vector", "")] {
            try """
                name = "\(name)"
                description = "test: \(hypothesis) X on 8Be, 12C and the 4He ratio datum"
                hypothesis = "\(hypothesis)"
                isospin = "none"
                he_convention = "ratio"
                datasets = ["summaries/dg2023-angular.csv", "rates/atomki-rates.csv"]
                select = ["DG2023_angular", "Be18_Firak2020", "C12_PRC106", "He_PRC104_ratio"]
                nuclear = ["nuclear/x17-inputs.csv", "nuclear/mine.csv"]

                [parameters]
                mX    = { start = 16.9, step = 0.05, limits = [16.0, 17.2] }
                eps_n = { start = 5e-3, step = 1e-4 }
                eps_p = { start = 1e-3, step = 1e-4 }
                \(axial)BR_ee = { value = 1.0, fixed = true }

                """.write(to: tree.appendingPathComponent("fits/\(name).toml"), atomically: true, encoding: .utf8)
        }
    }

    @Test func userSuppliedInputsAreNamedInEveryOutput() throws {
        let tree = try BinaryRunner.scratchTree(); defer { try? FileManager.default.removeItem(at: tree) }
        try Self.writeUserSuppliedFits(tree)
        let fit = try BinaryRunner.run(["fit", "fits/mixed-mine.toml", "--json", "fit.json"], in: tree)
        #expect(fit.status == 0 || fit.status == 1, "\(fit.stderr)")
        #expect(fit.stdout.contains("USER-SUPPLIED INPUT (not in the shipped catalogue): He21_axial_charge_ME@mine = 12.0 ± 0.1 "
                                    + "(my shell-model estimate; datasets/nuclear/mine.csv:2)"), "\(fit.stdout)")
        let r = try BinaryRunner.json(tree.appendingPathComponent("fit.json"))
        let listed = try #require(r["user_supplied_inputs"] as? [[String: Any]])
        #expect(listed.compactMap { $0["id"] as? String }
                == ["He21_axial_charge_ME@mine", "He21_spin_dipole_ME@mine", "He21_population_ratio@mine"])

        let compare = try BinaryRunner.run(["compare", "fits/vector-mine.toml", "fits/mixed-mine.toml", "--json", "c.json"], in: tree)
        #expect(compare.stdout.contains("USER-SUPPLIED INPUTS (values not in the shipped catalogue): vector-mine: "
                                        + "He21_axial_charge_ME@mine"), "\(compare.stdout)\(compare.stderr)")
        let c = try BinaryRunner.json(tree.appendingPathComponent("c.json"))
        let rows = c["fits"] as? [[String: Any]] ?? []
        #expect(rows.count == 2 && rows.allSatisfy { $0["user_supplied_inputs"] != nil })

        let profile = try BinaryRunner.run(["profile", "fits/mixed-mine.toml", "--x", "mX:16.7:17.0:4", "--out", "p"], in: tree)
        #expect(profile.status == 0 || profile.status == 1, "\(profile.stderr)")
        let written = BinaryRunner.files(under: tree.appendingPathComponent("p"))
        let headers = written.compactMap { try? String(contentsOf: tree.appendingPathComponent("p/" + $0), encoding: .utf8) }
            .filter { $0.contains("user_supplied_input_1") && $0.contains("He21_axial_charge_ME@mine") }
        #expect(!headers.isEmpty, "no export names the user-supplied input: \(written)")

        let hep = try BinaryRunner.run(["profile", "fits/mixed-mine.toml", "--x", "mX:16.7:17.0:4", "--format", "hepdata",
                                        "--out", "h"], in: tree)
        #expect(hep.status == 0 || hep.status == 1, "\(hep.stderr)")
        let submission = try String(contentsOf: tree.appendingPathComponent("h/hepdata/submission.yaml"), encoding: .utf8)
        #expect(submission.contains("USER-SUPPLIED INPUTS: He21_axial_charge_ME@mine"), "\(submission.prefix(600))")

        let toys = try BinaryRunner.run(["toys", "fits/vector-mine.toml", "--n", "3", "--seed", "1", "--out", "t"], in: tree)
        #expect(toys.status == 0, "\(toys.stderr)")
        #expect(toys.stdout.contains("USER-SUPPLIED INPUTS (values not in the shipped catalogue): vector-mine: He21_axial_charge_ME@mine"),
                "\(toys.stdout)")
        let toyReport = try BinaryRunner.json(tree.appendingPathComponent("t/toys.json"))
        let study = toyReport["study"] as? [String: Any] ?? [:]
        #expect((study["user_supplied_inputs"] as? [[String: Any]])?.count == 3)
        let toyCSV = try String(contentsOf: tree.appendingPathComponent("t/toys.csv"), encoding: .utf8)
        #expect(toyCSV.contains("# USER-SUPPLIED INPUT: He21_population_ratio@mine = 0.3"), "\(toyCSV.prefix(400))")

        if SchemaTests.validatorAvailable {
            for (kind, file) in [("fit", "fit.json"), ("compare", "c.json"), ("toys", "t/toys.json")] {
                let (status, output) = try SchemaTests.validate(kind, [tree.appendingPathComponent(file)])
                #expect(status == 0, "\(kind): \(output)")
            }
        }
    }

    @Test func hypothesisWithoutItsCouplingsExitsTwo() throws {
        let tree = try BinaryRunner.scratchTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let spec = tree.appendingPathComponent("fits/dg2023-vector-none.toml")
        let text = try String(contentsOf: spec, encoding: .utf8)
        try text.replacingOccurrences(of: "hypothesis = \"vector\"", with: "hypothesis = \"axial\"")
            .write(to: spec, atomically: true, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("hypothesis") }! + 1
        let run = try BinaryRunner.run(["fit", "fits/dg2023-vector-none.toml"], in: tree)
        #expect(run.status == 2)
        #expect(run.stderr.contains("fits/dg2023-vector-none.toml:\(line): field 'hypothesis': hypothesis 'axial' needs parameters "
                                    + "a_p, a_n (or a_0); missing in [parameters]: a_p, a_n"), "\(run.stderr)")
    }

    @Test func negativeInputUncertaintyExitsTwo() throws {
        let tree = try BinaryRunner.scratchTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let nuclear = tree.appendingPathComponent("datasets/nuclear/x17-inputs.csv")
        let text = try String(contentsOf: nuclear, encoding: .utf8)
        try text.replacingOccurrences(of: "M_E0,1.10,0.16", with: "M_E0,1.10,-0.16").write(to: nuclear, atomically: true, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("M_E0,") }! + 1
        let run = try BinaryRunner.run(["fit", "fits/dg2023-vector-none.toml"], in: tree)
        #expect(run.status == 2)
        #expect(run.stderr.contains("datasets/nuclear/x17-inputs.csv:\(line):"), "\(run.stderr)")
        #expect(run.stderr.contains("field 'uncertainty': expected a non-negative number, got '-0.16'"), "\(run.stderr)")
    }
}
