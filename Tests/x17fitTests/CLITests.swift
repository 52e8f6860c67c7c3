import Foundation
import Testing
import _TestSupport

/// Checks one result object against the DESIGN.md result schema.
func checkResultSchema(_ r: [String: Any]) {
    for key in ["fit", "hypothesis", "isospin", "he_convention", "parameters", "chi2", "ndof", "pvalue", "nsigma",
                "minimum", "covariance", "terms", "provenance"] {
        #expect(r[key] != nil, "missing key \(key)")
    }
    let parameters = r["parameters"] as? [[String: Any]] ?? []
    #expect(!parameters.isEmpty)
    for p in parameters {
        #expect(Set(p.keys).isSuperset(of: ["name", "value", "error", "minos", "fixed", "limits", "unit"]))
    }
    let minimum = r["minimum"] as? [String: Any] ?? [:]
    #expect(Set(minimum.keys).isSuperset(of: ["valid", "edm", "edm_goal", "nfcn", "accurate_covariance",
                                              "parameters_at_limit", "reached_call_limit"]))
    let terms = r["terms"] as? [[String: Any]] ?? []
    #expect(!terms.isEmpty)
    for t in terms { #expect(Set(t.keys).isSuperset(of: ["dataset", "id", "observed", "predicted", "sigma", "pull"])) }
    let provenance = r["provenance"] as? [String: Any] ?? [:]
    #expect(Set(provenance.keys).isSuperset(of: ["x17fit", "git", "spec_sha256", "datasets_sha256"]))
    #expect((provenance["spec_sha256"] as? String)?.count == 64)
    #expect(r["schema_version"] as? Int == 1)
    // Labelled matrices over the free parameters only; fixed ones listed apart.
    let free = parameters.filter { $0["fixed"] as? Bool == false }.compactMap { $0["name"] as? String }
    let fixed = parameters.filter { $0["fixed"] as? Bool == true }.compactMap { $0["name"] as? String }
    #expect(r["fixed_parameters"] as? [String] == fixed)
    for key in ["covariance", "correlation"] {
        let m = r[key] as? [String: Any] ?? [:]
        #expect(m["parameters"] as? [String] == free, "\(key) labels")
        let rows = m["matrix"] as? [[Double]] ?? []
        #expect(rows.count == free.count && rows.allSatisfy { $0.count == free.count }, "\(key) shape")
    }
    let correlation = (r["correlation"] as? [String: Any])?["matrix"] as? [[Double]] ?? []
    for (i, row) in correlation.enumerated() {
        #expect(abs(row[i] - 1) < 1e-12 && row.allSatisfy { abs($0) <= 1 + 1e-12 })
    }
    for p in parameters {
        guard let minos = p["minos"] as? [String: Any] else { continue }
        #expect(Set(minos.keys) == ["lower", "upper", "valid", "lower_valid", "upper_valid", "at_lower_limit", "at_upper_limit",
                                    "at_lower_max_fcn", "at_upper_max_fcn", "lower_new_min", "upper_new_min", "nfcn"])
    }
}

func parameter(_ r: [String: Any], _ name: String) -> [String: Any]? {
    (r["parameters"] as? [[String: Any]])?.first { $0["name"] as? String == name }
}

@Suite(.serialized) struct CLITests {
    @Test func fitWritesTheDesignJSONAndReproducesDG2023Row1() throws {
        let tree = try BinaryRunner.scratchTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let out = tree.appendingPathComponent("result.json")
        let run = try BinaryRunner.run(["fit", "fits/dg2023-vector-none.toml", "--minos", "--json", out.path], in: tree)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("chi2/ndof"))
        #expect(run.stdout.contains("Nsigma"))
        #expect(run.stdout.contains("he_convention dg2023"))
        #expect(run.stdout.contains("Be18_Firak2020"))
        let r = try BinaryRunner.json(out)
        checkResultSchema(r)
        #expect(r["ndof"] as? Int == 11)
        #expect(r["he_convention_note"] as? String != nil)
        let mX = try #require(parameter(r, "mX"))
        #expect((mX["minos"] as? [String: Any])?["lower"] as? Double ?? 0 < 0)
        #expect(mX["unit"] as? String == "MeV")
        #expect((r["minimum"] as? [String: Any])?["valid"] as? Bool == true)
        let published = try #require(r["published"] as? [String: Any])
        #expect((published["differences"] as? [String: Double])?.keys.sorted() == ["eps_n", "eps_p", "mX", "nsigma"])
    }

    @Test func badInputExitsTwoNamingFileLineField() throws {
        let tree = try BinaryRunner.scratchTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let rates = tree.appendingPathComponent("datasets/rates/atomki-rates.csv")
        let text = try String(contentsOf: rates, encoding: .utf8)
        try text.replacingOccurrences(of: "BX_gamma,3.6e-6,0.3e-6", with: "BX_gamma,3.6e-6,-1e-7")
            .write(to: rates, atomically: true, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = lines.firstIndex { $0.hasPrefix("C12_PRC106") }! + 1
        // The column where field 'stat' (the 5th) starts.
        let column = lines[line - 1].split(separator: ",").prefix(4).reduce(0) { $0 + $1.count + 1 } + 1
        let run = try BinaryRunner.run(["fit", "fits/dg2023-vector-none.toml"], in: tree)
        #expect(run.status == 2)
        #expect(run.stderr.contains("datasets/rates/atomki-rates.csv:\(line):\(column): field 'stat': expected a positive number, got '-1e-7'"),
                "\(run.stderr)")

        let spec = tree.appendingPathComponent("fits/atomki-masses.toml")
        let specText = try String(contentsOf: spec, encoding: .utf8)
        let specLine = specText.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("eps_p") }! + 1
        try specText.replacingOccurrences(of: "eps_p = {", with: "eps_q = {").write(to: spec, atomically: true, encoding: .utf8)
        let bad = try BinaryRunner.run(["fit", "fits/atomki-masses.toml"], in: tree)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("fits/atomki-masses.toml:\(specLine): field 'parameters.eps_q': unknown parameter name 'eps_q'"),
                "\(bad.stderr)")
        let missing = try BinaryRunner.run(["fit", "fits/none.toml"], in: tree)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("fits/none.toml: fit spec not found"))
        let folder = try BinaryRunner.run(["fit", "fits"], in: tree)
        #expect(folder.status == 2 && folder.stderr.contains("fits: is a folder, not a fit spec"), "\(folder.stderr)")
    }

    /// An output path that cannot be written is bad input (exit 2, the option named), found before any fit runs.
    /// A regular file stands in the way of the folder (root ignores permission bits, so no chmod test).
    @Test(arguments: [
        (["fit", "fits/dg2023-vector-none.toml", "--json", "blocker/x.json"], "--json"),
        (["fit", "fits/dg2023-vector-none.toml", "--json", "."], "--json"),
        (["compare", "fits/dg2023-vector-none.toml", "fits/dg2023-vector-mixing.toml", "--json", "blocker/c.json"], "--json"),
        (["reproduce", "--json", "blocker/r.json"], "--json"),
        (["reproduce", "--out", "blocker/out"], "--out"),
    ])
    func unwritableOutputExitsTwoBeforeFitting(_ arguments: [String], option: String) throws {
        let tree = try BinaryRunner.scratchTree(); defer { try? FileManager.default.removeItem(at: tree) }
        try Data("not a folder".utf8).write(to: tree.appendingPathComponent("blocker"))
        let run = try BinaryRunner.run(arguments, in: tree)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("field '\(option)'"), "\(run.stderr)")
        #expect(!run.stdout.contains("chi2/ndof"), "no fit ran: \(run.stdout)")
    }

    /// `--json -` puts the JSON alone on standard output (the report moves to standard error) and writes no
    /// file named "-".
    @Test func jsonDashWritesToStandardOutput() throws {
        let tree = try BinaryRunner.scratchTree(); defer { try? FileManager.default.removeItem(at: tree) }
        for arguments in [["fit", "fits/dg2023-vector-none.toml", "--json", "-"],
                          ["compare", "fits/dg2023-vector-none.toml", "fits/dg2023-vector-mixing.toml", "--json", "-"]] {
            let run = try BinaryRunner.run(arguments, in: tree)
            #expect(run.status == 0, "\(run.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            #expect(object?["chi2"] != nil || object?["fits"] != nil, "\(run.stdout.prefix(200))")
            #expect(run.stderr.contains("chi2"), "the report is on standard error")
            #expect(!FileManager.default.fileExists(atPath: tree.appendingPathComponent("-").path))
        }
    }

    @Test func invalidFitExitsOneWithTheFlags() throws {
        // Couplings with no rate data: a flat χ² direction, so HESSE cannot give an accurate covariance.
        let tree = try BinaryRunner.scratchTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let spec = tree.appendingPathComponent("fits/atomki-masses.toml")
        try (try String(contentsOf: spec, encoding: .utf8))
            .replacingOccurrences(of: "eps_n = { value = 0.0, fixed = true }", with: "eps_n = { start = 1e-3, step = 1e-4 }")
            .write(to: spec, atomically: true, encoding: .utf8)
        let run = try BinaryRunner.run(["fit", "fits/atomki-masses.toml"], in: tree)
        #expect(run.status == 1)
        #expect(run.stdout.contains("INVALID FIT"), "\(run.stdout)")
        // With --minos too: MINOS refuses the invalid minimum, and the result says so beside Minuit's flags.
        let minos = try BinaryRunner.run(["fit", "fits/atomki-masses.toml", "--minos"], in: tree)
        #expect(minos.status == 1 && minos.stdout.contains("INVALID FIT"), "\(minos.stdout)\(minos.stderr)")
        #expect(!minos.stderr.contains("error:"), "\(minos.stderr)")
    }

    @Test func reproduceWritesEveryFitSortedWithPublishedNumbers() throws {
        let tree = try BinaryRunner.scratchTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let json = tree.appendingPathComponent("all.json")
        let run = try BinaryRunner.run(["reproduce", "--json", json.path, "--out", "export"], in: tree)
        #expect(run.status == 0, "\(run.stderr)")
        let fits = try #require(try BinaryRunner.json(json)["fits"] as? [[String: Any]])
        let names = fits.compactMap { $0["fit"] as? String }
        #expect(names == ["atomki-masses", "dg2023-vector-mixing", "dg2023-vector-mixing-breaking", "dg2023-vector-none",
                          "dg2023-vector-none-fixedmass"])
        for fit in fits {
            checkResultSchema(fit)
            #expect(fit["published"] as? [String: Any] != nil)
            for p in fit["parameters"] as? [[String: Any]] ?? [] where p["fixed"] as? Bool == false {
                #expect(p["minos"] as? [String: Any] != nil, "MINOS missing for \(p["name"] ?? "")")
            }
            let written = tree.appendingPathComponent("export/\(fit["fit"] as! String)/result.json")
            #expect(FileManager.default.fileExists(atPath: written.path))
        }
    }

    /// Issue 13: reproduce never puts fits on different data in one table; the groups are in the JSON and in
    /// comparison.md / comparison.csv.
    @Test func reproduceGroupsFitsByTheirData() throws {
        let tree = try BinaryRunner.scratchTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let json = tree.appendingPathComponent("all.json")
        let run = try BinaryRunner.run(["reproduce", "--json", json.path, "--out", "export"], in: tree)
        #expect(run.status == 0, "\(run.stderr)")
        let sets = try #require(try BinaryRunner.json(json)["data_sets"] as? [[String: Any]])
        let groups = sets.compactMap { $0["fits"] as? [String] }
        #expect(groups == [["atomki-masses"], ["dg2023-vector-mixing", "dg2023-vector-mixing-breaking", "dg2023-vector-none",
                                               "dg2023-vector-none-fixedmass"]])
        #expect(sets.map { $0["label"] as? String } == ["D1", "D2"])
        let d2 = try #require(sets[1]["rows"] as? [String])
        #expect(d2.contains("summaries/dg2023-angular.csv row DG2023_angular") && !d2.contains { $0.hasPrefix("masses/") })
        let markdown = try String(contentsOf: tree.appendingPathComponent("export/comparison.md"), encoding: .utf8)
        let tables = markdown.components(separatedBy: "## Data set ").dropFirst()
        #expect(tables.count == 2)
        #expect(tables.first.map { $0.contains("atomki-masses") && !$0.contains("dg2023-vector") } == true)
        let csv = try String(contentsOf: tree.appendingPathComponent("export/comparison.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").filter { $0.hasPrefix("D2,") }.count == 4)
        #expect(run.stdout.contains("data set D1:") && run.stdout.contains("data set D2:"))
    }
}
