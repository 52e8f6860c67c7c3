import Foundation
import Testing
import _TestSupport

/// `x17fit export` of a spec and of a result JSON, and `x17fit compare`, end to end.
@Suite(.serialized) struct ExportCompareTests {
    static let fits = ["dg2023-vector-none", "dg2023-vector-mixing", "dg2023-vector-mixing-breaking"]

    @Test func exportOfASpecWritesTheResultAndEveryPlane() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        // The repository spec asks for 101×101 planes; a scratch copy with 11-point axes keeps the test
        // fast, and its 1-D plane without a count takes --points.
        let specURL = tree.appendingPathComponent("fits/dg2023-vector-none.toml")
        var text = try String(contentsOf: specURL, encoding: .utf8)
        #expect(text.contains(":101\"") && text.contains("x = \"mX:16.6:17.1:201\""))
        text = text.replacingOccurrences(of: ":101\"", with: ":11\"")
            .replacingOccurrences(of: "x = \"mX:16.6:17.1:201\"", with: "x = \"mX\"")
        try text.write(to: specURL, atomically: true, encoding: .utf8)

        let run = try BinaryRunner.run(["export", "fits/dg2023-vector-none.toml", "--format", "all", "--points", "13",
                                        "--out", "ex", "--threads", "2"], in: tree)
        #expect(run.status == 0, "\(run.stderr)")
        let out = tree.appendingPathComponent("ex")
        let files = BinaryRunner.files(under: out)
        var expected = ["result.json", "result.csv", "hepdata/submission.yaml"]
        for stem in ["eps_n_eps_p", "mX_eps_n", "mX_eps_p"] {
            expected += [".csv", ".dat", ".json", ".svg", ".tex", "_contours.csv", "_contours.dat"].map { "profile_\(stem)\($0)" }
            expected += ["plot_profile_\(stem).py", "hepdata/profile_\(stem).yaml"]
        }
        expected += ["profile_mX.csv", "profile_mX.json", "profile_mX.svg", "hepdata/profile_mX.yaml"]
        for file in expected { #expect(files.contains(file), "missing \(file) in \(files)") }
        #expect(!files.contains { $0.hasPrefix("profile_mX_contours") }, "a 1-D plane has no contour files")

        let result = try BinaryRunner.json(out.appendingPathComponent("result.json"))
        checkResultSchema(result)
        for p in result["parameters"] as? [[String: Any]] ?? [] where p["fixed"] as? Bool == false {
            #expect((p["minos"] as? [String: Any])?["valid"] as? Bool == true, "export runs MINOS: \(p["name"] ?? "")")
        }
        let plane = try BinaryRunner.json(out.appendingPathComponent("profile_eps_n_eps_p.json"))
        #expect((plane["x"] as? [Double])?.count == 11 && (plane["y"] as? [Double])?.count == 11)
        #expect(plane["chi2_min"] as? Double != nil)
        let chi2 = try #require(result["chi2"] as? Double), chi2Min = try #require(plane["chi2_min"] as? Double)
        // The grid's global minimum is the result's χ², to the minimizer's EDM goal (2e-4).
        #expect(abs(chi2 - chi2Min) < 1e-3)
        #expect(Curve.lowestLevel(plane).count == 2, "the sign islands again, on the 11×11 grid")
        // The 1-D plane has no count in the spec: --points 13 over the best fit ± 4 HESSE errors.
        let mX = try BinaryRunner.json(out.appendingPathComponent("profile_mX.json"))
        let xs = try #require(mX["x"] as? [Double])
        let best = try #require(parameter(result, "mX")), value = try #require(best["value"] as? Double)
        let error = try #require(best["error"] as? Double)
        #expect(xs.count == 13)
        #expect(isClose(xs[6], value, abs: 1e-3 * error) && isClose(xs[12] - xs[0], 8 * error, rel: 1e-3))

        if let (code, output) = try hepdataValidate(out.appendingPathComponent("hepdata")) {
            #expect(code == 0 && output.contains("is valid"), "hepdata-validate: \(output)")
        } else {
            print("SKIPPED hepdata-validate of the export bundle: hepdata-validator not installed (pip install hepdata-validator)")
        }
    }

    @Test func exportOfAResultWritesItsTable() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let fit = try BinaryRunner.run(["fit", "fits/dg2023-vector-none.toml", "--minos", "--json", "r.json"], in: tree)
        #expect(fit.status == 0, "\(fit.stderr)")
        let run = try BinaryRunner.run(["export", "r.json", "--format", "csv", "--out", "rx"], in: tree)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(BinaryRunner.files(under: tree.appendingPathComponent("rx")) == [".x17fit-output.json", "result.csv"])
        let result = try BinaryRunner.json(tree.appendingPathComponent("r.json"))
        let rows = try BinaryRunner.csvRows(tree.appendingPathComponent("rx/result.csv"))
        #expect(rows.map { $0["name"] ?? "" } == ["mX", "eps_n", "eps_p", "BR_ee"])
        for row in rows {
            let p = try #require(parameter(result, row["name"] ?? ""))
            // Round-trip digits on both sides; Foundation's JSON reader may differ in the last one.
            #expect(isClose(Double(row["value"] ?? "") ?? .nan, p["value"] as? Double ?? .nan, rel: 1e-14))
            #expect(row["fixed"] == "\(p["fixed"] as? Bool ?? false)")
        }
        #expect(rows[0]["unit"] == "MeV" && rows[0]["lower_limit"] == "16.0" && rows[0]["minos_valid"] == "true")

        let json = try BinaryRunner.run(["export", "r.json", "--format", "json", "--out", "rj"], in: tree)
        #expect(json.status == 0, "\(json.stderr)")
        #expect(try Data(contentsOf: tree.appendingPathComponent("rj/result.json")) == Data(contentsOf: tree.appendingPathComponent("r.json")))

        // The default `--format all` writes what applies to a result (issue 16: it used to fail).
        let all = try BinaryRunner.run(["export", "r.json", "--out", "ra"], in: tree)
        #expect(all.status == 0 && all.stdout.contains("a result has no grids"), "\(all.stderr)")
        #expect(BinaryRunner.files(under: tree.appendingPathComponent("ra")) == [".x17fit-output.json", "result.csv", "result.json"])

        let before = BinaryRunner.files(under: tree)
        let svg = try BinaryRunner.run(["export", "r.json", "--format", "svg", "--out", "rs"], in: tree)
        #expect(svg.status == 2)
        #expect(svg.stderr.contains("field '--format': svg need grids"), "\(svg.stderr)")
        let broken = try BinaryRunner.run(["export", "fits/dg2023-vector-none.toml", "--format", "all", "--out", "fits/dg2023-vector-none.toml"], in: tree)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("field '--out': 'fits/dg2023-vector-none.toml' exists and is a file, not a folder"), "\(broken.stderr)")
        #expect(BinaryRunner.files(under: tree) == before)
    }

    @Test func compareTabulatesAICAndBICOfTheThreeTreatments() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let run = try BinaryRunner.run(["compare"] + Self.fits.map { "fits/\($0).toml" } + ["--json", "cmp.json"], in: tree)
        #expect(run.status == 0, "\(run.stderr)")
        for column in ["chi2", "ndof", "p-value", "AIC", "dAIC", "BIC", "dBIC"] { #expect(run.stdout.contains(column)) }
        for fit in Self.fits { #expect(run.stdout.contains(fit)) }
        let rows = try #require(try BinaryRunner.json(tree.appendingPathComponent("cmp.json"))["fits"] as? [[String: Any]])
        #expect(rows.count == 3)
        #expect(rows.compactMap { $0["fit"] as? String } == Self.fits)
        for row in rows {
            let chi2 = try #require(row["chi2"] as? Double)
            let k = try #require(row["free_parameters"] as? Int), n = try #require(row["data_points"] as? Int)
            #expect(k == 3 && n == 14 && row["ndof"] as? Int == 11 && row["valid"] as? Bool == true)
            // AIC = χ² + 2k, BIC = χ² + k ln n (the command's stated definitions); 1e-12 relative is rounding.
            #expect(isClose(row["aic"] as? Double ?? .nan, chi2 + 2 * Double(k), rel: 1e-12))
            #expect(isClose(row["bic"] as? Double ?? .nan, chi2 + Double(k) * log(Double(n)), rel: 1e-12))
        }
        // The same χ², p-value and Nσ as `fit` for the first fit (the p-value itself is tested against scipy
        // in StatisticsTests); 1e-12 relative allows for the last JSON digit.
        let fit = try BinaryRunner.run(["fit", "fits/dg2023-vector-none.toml", "--json", "none.json"], in: tree)
        #expect(fit.status == 0)
        let single = try BinaryRunner.json(tree.appendingPathComponent("none.json"))
        for key in ["chi2", "pvalue", "nsigma"] {
            #expect(isClose(rows[0][key] as? Double ?? .nan, single[key] as? Double ?? .nan, rel: 1e-12), "\(key)")
        }
        // Equal k and n: AIC and BIC order the fits as χ² does — no treatment is favoured by the penalty.
        let aic = rows.compactMap { $0["aic"] as? Double }
        #expect(aic == aic.sorted())

        #expect(rows.allSatisfy { $0["data"] as? String == "D1" }, "the three treatments share their data")

        let one = try BinaryRunner.run(["compare", "fits/dg2023-vector-none.toml"], in: tree)
        #expect(one.status == 2 && one.stderr.contains("command line: field 'fitspecs': compare needs at least two fit specs, got 1"), "\(one.stderr)")
    }

    /// Issue 13: fits of different data (14 vs 9 points) are refused with nothing written; with
    /// --allow-different-data every row names its data set, a legend lists each set's rows, and no
    /// likelihood-ratio test pairs them.
    @Test func compareRefusesFitsOfDifferentData() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let specs = ["fits/dg2023-vector-none.toml", "fits/atomki-vector-none.toml"]
        let refused = try BinaryRunner.run(["compare"] + specs + ["--json", "cmp.json"], in: tree)
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("the fits use different data") && refused.stderr.contains("summaries/dg2023-angular.csv row DG2023_angular"),
                "\(refused.stderr)")
        #expect(refused.stdout.isEmpty && !FileManager.default.fileExists(atPath: tree.appendingPathComponent("cmp.json").path))
        let allowed = try BinaryRunner.run(["compare"] + specs + ["--allow-different-data", "--json", "cmp.json"], in: tree)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        let rows = try #require(try BinaryRunner.json(tree.appendingPathComponent("cmp.json"))["fits"] as? [[String: Any]])
        #expect(rows.compactMap { $0["data"] as? String } == ["D1", "D2"])
        #expect(!allowed.stdout.contains("likelihood-ratio"))
        #expect(allowed.stdout.contains("data sets (χ², AIC and BIC of different data sets are not comparable):"), "\(allowed.stdout)")
        #expect(allowed.stdout.contains("  D1 (dg2023-vector-none): ") && allowed.stdout.contains("  D2 (atomki-vector-none): "))
        let sets = try #require(try BinaryRunner.json(tree.appendingPathComponent("cmp.json"))["data_sets"] as? [[String: Any]])
        #expect(sets.compactMap { $0["fits"] as? [String] } == [["dg2023-vector-none"], ["atomki-vector-none"]])
    }

    /// External constraints are data for compare: a fit without them is refused against one with them, naming
    /// them; a constraint that adds nothing at a fit's minimum (π⁰ → γX and n–Pb for an axial fit) is passed over.
    /// Vector inside mixed (a_0 free) is nested and gets Wilks' p-value; vector and axial are not nested.
    @Test func compareCountsExternalConstraintsAndNesting() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let refused = try BinaryRunner.run(["compare", "fits/vector-be.toml", "fits/vector-be-constrained.toml"], in: tree)
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("constraints/external-constraints.csv row pi0-na48-2")
                && refused.stderr.contains("constraints/external-constraints.csv row sindrum-i"), "\(refused.stderr)")

        let run = try BinaryRunner.run(["compare", "fits/vector-be-constrained.toml", "fits/axial-be-constrained.toml",
                                        "fits/mixed-be-constrained.toml", "--json", "c.json"], in: tree)
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try #require(try BinaryRunner.json(tree.appendingPathComponent("c.json"))["fits"] as? [[String: Any]])
        #expect(rows.allSatisfy { $0["data"] as? String == "D1" }, "\(rows)")
        #expect(run.stdout.contains("vector-be-constrained in mixed-be-constrained: Δχ² = "), "\(run.stdout)")
        #expect(run.stdout.contains("vector-be-constrained vs axial-be-constrained: not nested"))
        #expect(run.stdout.contains("axial-be-constrained vs mixed-be-constrained: not nested"))
        if SchemaTests.validatorAvailable {
            let (status, output) = try SchemaTests.validate("compare", [tree.appendingPathComponent("c.json")])
            #expect(status == 0, "\(output)")
        }

        // Sameness is pairwise: a third fit with constraints does not split vector-be from axial-be.
        let three = ["fits/vector-be.toml", "fits/axial-be.toml", "fits/vector-be-constrained.toml"]
        let split = try BinaryRunner.run(["compare"] + three + ["--allow-different-data", "--json", "three.json"], in: tree)
        #expect(split.status == 0, "\(split.stderr)")
        let labels = try #require(try BinaryRunner.json(tree.appendingPathComponent("three.json"))["fits"] as? [[String: Any]])
            .compactMap { $0["data"] as? String }
        #expect(labels == ["D1", "D1", "D2"])
        #expect(split.stdout.contains("vector-be vs axial-be: not nested"), "\(split.stdout)")
        let refusedThree = try BinaryRunner.run(["compare"] + three, in: tree)
        #expect(refusedThree.status == 2 && refusedThree.stderr.contains("fits/vector-be-constrained.toml has constraints/"),
                "\(refusedThree.stderr)")

        // Two isospin treatments are not nested even where the free parameters are a subset; a fixed mX inside
        // the same model with mX free is.
        let iso = try BinaryRunner.run(["compare", "fits/dg2023-vector-none.toml", "fits/dg2023-vector-mixing.toml",
                                        "fits/dg2023-vector-none-fixedmass.toml"], in: tree)
        #expect(iso.status == 0, "\(iso.stderr)")
        #expect(iso.stdout.contains("dg2023-vector-none vs dg2023-vector-mixing: not nested (isospin none vs mixing)"), "\(iso.stdout)")
        #expect(iso.stdout.contains("dg2023-vector-none-fixedmass in dg2023-vector-none: Δχ² = "), "\(iso.stdout)")
        #expect(!iso.stdout.contains("dg2023-vector-none-fixedmass in dg2023-vector-mixing"), "\(iso.stdout)")
    }
}
