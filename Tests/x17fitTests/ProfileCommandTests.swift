import Foundation
import Testing
import _TestSupport

/// `x17fit profile` and `x17fit merge` end to end on the repository's dg2023-vector-none fit, with small
/// grids (15×11) so the suite stays fast.
@Suite(.serialized) struct ProfileCommandTests {
    static let spec = "fits/dg2023-vector-none.toml"
    static let epsPlane = ["--x", "eps_n:-0.008:0.008:15", "--y", "eps_p:-0.004:0.004:11"]
    /// The minimizer's EDM goal is 2e-4 (tol 0.1, errordef 1): each profiled χ² is within about that of
    /// its true minimum, so two minimisations of the same or mirrored point agree to ~4e-4; 2e-3 leaves margin.
    static let chi2Tolerance = 2e-3

    @Test func epsilonPlaneWritesEveryFormatWithTwoSignIslands() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let run = try BinaryRunner.run(["profile", Self.spec] + Self.epsPlane + ["--out", "np", "--threads", "2"], in: tree)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("profiled grid eps_n × eps_p: 15×11 points"), "\(run.stdout)")
        // Without a terminal, progress is one summary line on stderr.
        #expect(run.stderr.contains("profile dg2023-vector-none eps_n_eps_p: 165 points"), "\(run.stderr)")
        let out = tree.appendingPathComponent("np")
        let stem = "profile_eps_n_eps_p"
        let expected = [".csv", ".dat", ".gp", ".json", ".svg", ".tex", "_contours.csv", "_contours.dat"].map { stem + $0 }
            + ["plot_\(stem).py", "hepdata/submission.yaml", "hepdata/\(stem).yaml"]
        let written = BinaryRunner.files(under: out)
        for file in expected { #expect(written.contains(file), "missing \(file) in \(written)") }

        let json = try BinaryRunner.json(out.appendingPathComponent(stem + ".json"))
        #expect(json["fit"] as? String == "dg2023-vector-none" && json["kind"] as? String == "profiled")
        #expect(json["profiled"] as? [String] == ["mX"])
        #expect((json["x"] as? [Double])?.count == 15 && (json["y"] as? [Double])?.count == 11)
        #expect((json["levels"] as? [[String: Any]])?.count == 3)
        let status = (json["status"] as? [[String]] ?? []).flatMap { $0 }
        #expect(status.count == 165 && status.allSatisfy { $0 == "ok" || $0 == "retried" }, "\(status)")
        let rows = deltaRows(json)
        #expect(rows.count == 11 && rows.allSatisfy { $0.count == 15 })
        // No grid point lies below the global minimum (beyond the minimizer's precision).
        #expect(rows.joined().min()! > -Self.chi2Tolerance)
        // (εn, εp) → (−εn, −εp) with mX profiled is a symmetry of the χ²: the symmetric grid is point-symmetric.
        for j in 0..<11 { for i in 0..<15 {
            #expect(abs(rows[j][i] - rows[10 - j][14 - i]) < Self.chi2Tolerance, "(\(i), \(j)): \(rows[j][i]) vs \(rows[10 - j][14 - i])")
        } }

        // D&G's sign degeneracy: at Δχ² = 2.30 two closed islands, εn and εp of the same sign in each.
        let islands = Curve.lowestLevel(json)
        #expect(islands.count == 2)
        #expect(islands.allSatisfy { isClose($0.level, 2.2957489288986, rel: 1e-12) && $0.closed })  // scipy.stats.chi2.ppf(0.682689492137, 2)
        #expect(islands.contains { c in c.x.allSatisfy { $0 > 0 } && c.y.allSatisfy { $0 > 0 } })
        #expect(islands.contains { c in c.x.allSatisfy { $0 < 0 } && c.y.allSatisfy { $0 < 0 } })

        let csv = try BinaryRunner.csvRows(out.appendingPathComponent(stem + ".csv"))
        #expect(csv.count == 165)
        // Tidy CSV, y-major: row j·nx + i is (x[i], y[j]), with the JSON's Δχ². Both files print round-trip
        // digits, but Foundation's JSONSerialization on Linux may misread the last one: 1e-14 relative.
        let k = 3 * 15 + 4
        #expect(isClose(Double(csv[k]["eps_n"] ?? "") ?? .nan, (json["x"] as? [Double])?[4] ?? .nan, rel: 1e-14))
        #expect(isClose(Double(csv[k]["eps_p"] ?? "") ?? .nan, (json["y"] as? [Double])?[3] ?? .nan, rel: 1e-14))
        #expect(isClose(Double(csv[k]["delta_chi2"] ?? "") ?? .nan, rows[3][4], rel: 1e-14))

        if let (code, output) = try hepdataValidate(out.appendingPathComponent("hepdata")) {
            #expect(code == 0 && output.contains("is valid"), "hepdata-validate: \(output)")
        } else {
            print("SKIPPED hepdata-validate of the profile bundle: hepdata-validator not installed (pip install hepdata-validator)")
        }
    }

    /// Issue 5: the minimizer's profiled contour curve is a second method, and it agrees with the grid contours.
    @Test func contourCurveMethodAgreesWithGridContours() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let run = try BinaryRunner.run(["profile", Self.spec, "--x", "eps_n:-0.008:0.008:41", "--y", "eps_p:-0.004:0.004:41",
                                        "--curve", "--out", "cv", "--format", "json"], in: tree)
        #expect(run.status == 0, "\(run.stderr)")
        // Each curve point re-profiled sits on its level. MnFunctionCross stops within 0.1·errordef of a crossing
        // in Minuit2; we ask for 1 % of the level, and measured 0.00075 / 0.0025 / 0.0048 at 2.30 / 6.18 / 11.83.
        let reports = run.stdout.split(separator: "\n").filter { $0.hasPrefix("curve method at") }
        #expect(reports.count == 3, "\(run.stdout)")
        for line in reports {
            let level = Double(line.split(separator: "=")[1].split(separator: ":")[0].trimmingCharacters(in: .whitespaces)) ?? .nan
            let worst = Double(line.split(separator: "=").last!.split(separator: " ")[0]) ?? .nan
            #expect(worst < 0.01 * level, "\(line)")
        }
        let json = try BinaryRunner.json(tree.appendingPathComponent("cv/profile_eps_n_eps_p.json"))
        let contours = json["contours"] as? [[String: Any]] ?? []
        let curves = contours.filter { $0["method"] as? String == "curve" }
        #expect(curves.count == 3)
        // At 1σ the curve traces the island around the best fit (εn, εp > 0). Grid-contour vertices lie on cell
        // edges, so that polygon is inscribed in the level curve: the curve's extent contains the grid's and
        // exceeds it by less than one cell (Δεn = 0.0004, Δεp = 0.0002 on this 41×41 grid).
        func extent(_ c: [String: Any]) -> (Double, Double, Double, Double) {
            let x = c["x"] as? [Double] ?? [], y = c["y"] as? [Double] ?? []
            return (x.min() ?? .nan, x.max() ?? .nan, y.min() ?? .nan, y.max() ?? .nan)
        }
        let lowest = contours.map { $0["level"] as? Double ?? .infinity }.min()!
        let curve = curves.first { $0["level"] as? Double == lowest }!
        let grid = contours.first { $0["method"] as? String == "grid" && $0["level"] as? Double == lowest
            && ($0["x"] as? [Double] ?? []).allSatisfy { $0 > 0 } }!
        let (c, g) = (extent(curve), extent(grid))
        let (dx, dy) = (0.016 / 40, 0.008 / 40)
        #expect(c.0 <= g.0 && g.0 - c.0 < dx && c.1 >= g.1 && c.1 - g.1 < dx, "x extents \(c) vs \(g)")
        #expect(c.2 <= g.2 && g.2 - c.2 < dy && c.3 >= g.3 && c.3 - g.3 < dy, "y extents \(c) vs \(g)")
    }

    /// Levels beyond about 8σ, whose CL rounds to 1 in double precision, still work: the Δχ² is computed in log
    /// space. 9σ for two parameters: Δχ² = 85.87000386554436 (scipy 1.17.1: stats.chi2.isf(2*stats.norm.sf(9), 2)).
    @Test func nineSigmaLevelWorks() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let run = try BinaryRunner.run(["profile", Self.spec] + Self.epsPlane + ["--cl", "1,9", "--curve", "--out", "nine",
                                        "--format", "json"], in: tree)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try BinaryRunner.json(tree.appendingPathComponent("nine/profile_eps_n_eps_p.json"))
        let levels = (json["levels"] as? [[String: Any]] ?? []).compactMap { $0["delta_chi2"] as? Double }
        #expect(levels.count == 2)
        #expect(isClose(levels.last ?? .nan, 85.87000386554436, rel: 1e-9), "\(levels)")
        #expect(run.stdout.contains("CL = 1 − "), "\(run.stdout)")
    }

    /// `merge` re-profiles for contour refinement, so it must see the same spec and data as the shards: it runs
    /// from any folder (absolute paths) and refuses once the spec changed.
    @Test func mergeRunsFromAnotherFolderAndRefusesAChangedSpec() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        for i in 0..<2 {
            let run = try BinaryRunner.run(["profile", Self.spec] + Self.epsPlane + ["--shard", "\(i)/2", "--out", "sh"], in: tree)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let elsewhere = tree.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let merged = try BinaryRunner.run(["merge", tree.appendingPathComponent("sh").path, "--out", "m"], in: elsewhere)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("m/profile_eps_n_eps_p.json").path))

        let spec = tree.appendingPathComponent(Self.spec)
        try (try String(contentsOf: spec, encoding: .utf8) + "\n# edited after the shards\n").write(to: spec, atomically: true, encoding: .utf8)
        let refused = try BinaryRunner.run(["merge", "sh", "--out", "m2"], in: tree)
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("changed since the shards were computed"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: tree.appendingPathComponent("m2").path))
    }

    @Test func massCouplingPlaneHasTwoIslands() throws {
        // Used to fail: warm starts kept εp on one branch, so the εn < 0 island was missing.
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        for (coupling, range) in [("eps_n", "-0.008:0.008"), ("eps_p", "-0.004:0.004")] {
            let run = try BinaryRunner.run(["profile", Self.spec, "--x", "mX:16.6:17.1:15", "--y", "\(coupling):\(range):11",
                                            "--out", coupling, "--format", "json"], in: tree)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(BinaryRunner.files(under: tree.appendingPathComponent(coupling)) == [".x17fit-output.json", "profile_mX_\(coupling).json"])
            let json = try BinaryRunner.json(tree.appendingPathComponent("\(coupling)/profile_mX_\(coupling).json"))
            let islands = Curve.lowestLevel(json)
            #expect(islands.count == 2 && islands.allSatisfy(\.closed), "\(coupling): \(islands.count) curves")
            #expect(islands.contains { $0.y.allSatisfy { $0 > 0 } } && islands.contains { $0.y.allSatisfy { $0 < 0 } })
            // Each island sits around the fitted mass (16.84 MeV) in x.
            #expect(islands.allSatisfy { c in c.x.min()! < 16.84 && c.x.max()! > 16.84 })
            // The coupling → −coupling mirror (the other one profiled) maps row j to row ny − 1 − j.
            let rows = deltaRows(json)
            for j in 0..<11 { for i in 0..<15 {
                #expect(abs(rows[j][i] - rows[10 - j][i]) < Self.chi2Tolerance, "\(coupling) (\(i), \(j))")
            } }
        }
    }

    @Test func shardsMergeAndThreadCountsAreByteIdentical() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let one = try BinaryRunner.run(["profile", Self.spec] + Self.epsPlane + ["--out", "one", "--threads", "1"], in: tree)
        let two = try BinaryRunner.run(["profile", Self.spec] + Self.epsPlane + ["--out", "two", "--threads", "2"], in: tree)
        #expect(one.status == 0 && two.status == 0, "\(one.stderr)\(two.stderr)")
        for k in 0..<3 {
            let shard = try BinaryRunner.run(["profile", Self.spec] + Self.epsPlane + ["--out", "shards", "--shard", "\(k)/3"], in: tree)
            #expect(shard.status == 0, "\(shard.stderr)")
            #expect(shard.stdout.contains("wrote shard \(k)/3"))
        }
        #expect(BinaryRunner.files(under: tree.appendingPathComponent("shards"))
                == [".x17fit-output.json"] + (0..<3).map { "eps_n_eps_p.shard-\($0)-of-3.json" })
        let merge = try BinaryRunner.run(["merge", "shards", "--out", "merged"], in: tree)
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stdout.contains("merged 3 shards of eps_n_eps_p"))
        let (a, b, m) = (tree.appendingPathComponent("one"), tree.appendingPathComponent("two"), tree.appendingPathComponent("merged"))
        #expect(BinaryRunner.files(under: a).count >= 17)
        #expect(try BinaryRunner.differences(a, b) == [], "--threads 1 vs 2")
        #expect(try BinaryRunner.differences(a, m) == [], "unsharded vs merged shards")
        // Without --out, merge writes next to the shards.
        #expect(try BinaryRunner.run(["merge", "shards"], in: tree).status == 0)
        #expect(try BinaryRunner.differences(a, tree.appendingPathComponent("shards/eps_n_eps_p")) == [])
    }

    @Test func oneDimensionalCrossingsAgreeWithMinos() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let fit = try BinaryRunner.run(["fit", Self.spec, "--minos", "--json", "fit.json"], in: tree)
        #expect(fit.status == 0, "\(fit.stderr)")
        let result = try BinaryRunner.json(tree.appendingPathComponent("fit.json"))
        let mX = try #require(parameter(result, "mX"))
        let best = try #require(mX["value"] as? Double)
        let minos = try #require(mX["minos"] as? [String: Any])
        let (lower, upper) = (try #require(minos["lower"] as? Double), try #require(minos["upper"] as? Double))

        // The profile files carry no 1-D interval, so the crossings come from the CSV by linear
        // interpolation on a fine grid: step h = 0.001 MeV, Δχ² ≈ ((m − m̂)/σ)² with σ ≈ 0.04 has
        // curvature 2/σ² ≈ 1250 MeV⁻², so interpolation is off by ≤ h²/8 · 1250 ≈ 1.6e-4 in Δχ², i.e.
        // ≈ 3e-6 MeV at the slope 2/σ = 50 MeV⁻¹ of the crossing — far inside 1 % of σ (4e-4 MeV).
        let run = try BinaryRunner.run(["profile", Self.spec, "--x", "mX:16.72:16.96:241", "--out", "mx", "--format", "csv,json"],
                                       in: tree)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try BinaryRunner.json(tree.appendingPathComponent("mx/profile_mX.json"))
        #expect(json["profiled"] as? [String] == ["eps_n", "eps_p"])
        #expect((json["levels"] as? [[String: Any]])?.map { $0["delta_chi2"] as? Double } == [1, 4, 9])
        let (provenance, fitProvenance) = (json["provenance"] as? [String: Any], result["provenance"] as? [String: Any])
        for key in ["spec_sha256", "x17fit", "git"] {
            #expect(provenance?[key] as? String == fitProvenance?[key] as? String, "provenance.\(key)")
        }
        let csvHeader = try String(contentsOf: tree.appendingPathComponent("mx/profile_mX.csv"), encoding: .utf8)
        #expect(csvHeader.contains("# generator: x17fit \(fitProvenance?["x17fit"] as? String ?? "?")\n"))
        let rows = try BinaryRunner.csvRows(tree.appendingPathComponent("mx/profile_mX.csv"))
        let points = rows.compactMap { r -> (Double, Double)? in
            guard let m = Double(r["mX"] ?? ""), let d = Double(r["delta_chi2"] ?? "") else { return nil }
            return (m, d)
        }
        #expect(points.count == 241)
        var crossings: [Double] = []
        for (p, q) in zip(points, points.dropFirst()) where (p.1 - 1) * (q.1 - 1) < 0 {
            crossings.append(p.0 + (1 - p.1) * (q.0 - p.0) / (q.1 - p.1))
        }
        #expect(crossings.count == 2, "\(crossings)")
        guard crossings.count == 2 else { return }
        // The brief's bar: the profile crossings equal the MINOS errors within 1 %.
        #expect(isClose(crossings[0] - best, lower, rel: 0.01), "lower \(crossings[0] - best) vs MINOS \(lower)")
        #expect(isClose(crossings[1] - best, upper, rel: 0.01), "upper \(crossings[1] - best) vs MINOS \(upper)")

        // `profile` also prints the crossings refined by root finding on the profiled Δχ² (not interpolated):
        // "  Δχ² = 1 (1σ): mX = 16.8414 -0.04014 +0.0402" — the same 1 % bar against MINOS.
        let line = try #require(run.stdout.split(separator: "\n").first { $0.contains("Δχ² = 1 (1σ): mX =") }, "\(run.stdout)")
        let fields = line.split(separator: " ").compactMap { Double($0) }
        #expect(fields.count == 4, "\(line)")  // level, best fit, lower error, upper error
        if fields.count == 4 {
            #expect(isClose(fields[2], lower, rel: 0.01), "printed lower \(fields[2]) vs MINOS \(lower)")
            #expect(isClose(fields[3], upper, rel: 0.01), "printed upper \(fields[3]) vs MINOS \(upper)")
        }
    }
}
