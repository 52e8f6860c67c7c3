import Foundation
import Testing

/// `profile --toys --shard` and `toys --against --shard`, joined by `merge`: the merged outputs equal the
/// unsharded run's byte for byte.
@Suite(.serialized) struct ToysShardTests {
    static let spec = "fits/dg2023-vector-none.toml"

    /// Every file under `a` equals the file of the same path under `b`, and both hold the same paths.
    static func expectSameTree(_ a: URL, _ b: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let files = BinaryRunner.files(under: a)
        #expect(!files.isEmpty && files == BinaryRunner.files(under: b), "\(files) vs \(BinaryRunner.files(under: b))", sourceLocation: sourceLocation)
        for f in files {
            #expect((try Data(contentsOf: a.appendingPathComponent(f))) == (try Data(contentsOf: b.appendingPathComponent(f))),
                    "\(f)", sourceLocation: sourceLocation)
        }
    }

    @Test func calibratedGridMergedFromShardsEqualsTheSingleRun() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let base = ["profile", Self.spec, "--x", "eps_n:-0.008:0.008:4", "--y", "eps_p:-0.004:0.004:3", "--toys", "20", "--seed", "5"]
        let one = try BinaryRunner.run(base + ["--out", "one"], in: tree)
        #expect(one.status == 0, "\(one.stderr)")
        for k in 0..<5 {  // 12 points in 5 blocks of 2 or 3, threads varied
            let s = try BinaryRunner.run(base + ["--shard", "\(k)/5", "--threads", "\(1 + k % 2)", "--out", "shards"], in: tree)
            #expect(s.status == 0, "\(s.stderr)")
            #expect(s.stdout.contains("(shard \(k)/5) of eps_n_eps_p"), "\(s.stdout)")
        }
        let merged = try BinaryRunner.run(["merge", "shards", "--out", "merged"], in: tree)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.contains("merged 5 Feldman–Cousins shards of eps_n_eps_p"), "\(merged.stdout)")
        #expect(merged.stdout.contains("toy-calibrated regions (Feldman–Cousins ordering, 20 toys per point, seed 5)"), "\(merged.stdout)")
        try Self.expectSameTree(tree.appendingPathComponent("one"), tree.appendingPathComponent("merged"))
        #expect(FileManager.default.fileExists(atPath: tree.appendingPathComponent("merged/fc_eps_n_eps_p.json").path))

        // A shard of another seed, a missing shard: refused naming the file and field.
        let other = try BinaryRunner.run(base.map { $0 == "5" ? "6" : $0 } + ["--shard", "1/2", "--out", "mixed"], in: tree)
        #expect(other.status == 0, "\(other.stderr)")
        let first = try BinaryRunner.run(base + ["--shard", "0/2", "--out", "mixed"], in: tree)
        #expect(first.status == 0, "\(first.stderr)")
        let mixed = try BinaryRunner.run(["merge", "mixed"], in: tree)
        #expect(mixed.status == 2 && mixed.stderr.contains("eps_n_eps_p.fc.shard-1-of-2.json") && mixed.stderr.contains("'seed'"),
                "\(mixed.stderr)")
        try FileManager.default.removeItem(at: tree.appendingPathComponent("mixed/eps_n_eps_p.fc.shard-1-of-2.json"))
        let missing = try BinaryRunner.run(["merge", "mixed"], in: tree)
        #expect(missing.status == 2 && missing.stderr.contains("missing shard(s) 1/2"), "\(missing.stderr)")
    }

    @Test func comparisonMergedFromShardsEqualsTheSingleRun() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let base = ["toys", Self.spec, "--against", "fits/dg2023-vector-mixing.toml", "--n", "40", "--seed", "9"]
        let one = try BinaryRunner.run(base + ["--out", "one", "--json", "one.json"], in: tree)
        #expect(one.status == 0, "\(one.stderr)")
        for k in 0..<3 {
            let s = try BinaryRunner.run(base + ["--shard", "\(k)/3", "--threads", "\(2 - k % 2)", "--out", "shards"], in: tree)
            #expect(s.status == 0, "\(s.stderr)")
        }
        let merged = try BinaryRunner.run(["merge", "shards", "--out", "merged", "--json", "merged.json"], in: tree)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.contains("merged 3 toy comparison shards of dg2023-vector-none against dg2023-vector-mixing"), "\(merged.stdout)")
        #expect(merged.stdout.contains("toys dg2023-vector-none (A) against dg2023-vector-mixing (B): 40 toys under each (seed 9)"), "\(merged.stdout)")
        try Self.expectSameTree(tree.appendingPathComponent("one"), tree.appendingPathComponent("merged"))
        let a = try Data(contentsOf: tree.appendingPathComponent("one.json"))
        #expect(a == (try Data(contentsOf: tree.appendingPathComponent("merged.json"))))

        let other = try BinaryRunner.run(base.map { $0 == "9" ? "10" : $0 } + ["--shard", "1/2", "--out", "mixed"], in: tree)
        #expect(other.status == 0, "\(other.stderr)")
        let first = try BinaryRunner.run(base + ["--shard", "0/2", "--out", "mixed"], in: tree)
        #expect(first.status == 0, "\(first.stderr)")
        let mixed = try BinaryRunner.run(["merge", "mixed"], in: tree)
        #expect(mixed.status == 2 && mixed.stderr.contains("toys-compare.shard-1-of-2.json") && mixed.stderr.contains("'header'"),
                "\(mixed.stderr)")
    }
}

/// `profile --toys` on a 2-D grid draws and tabulates the calibrated regions' boundaries beside the Wilks
/// contours in every export format.
@Suite(.serialized) struct CalibratedExportTests {
    /// Even-odd point-in-polygon over the closed polylines `rings`.
    static func inside(_ x: Double, _ y: Double, _ rings: [(x: [Double], y: [Double])]) -> Bool {
        var crossings = 0
        for r in rings {
            for n in 0..<(r.x.count - 1) {
                let (x0, y0, x1, y1) = (r.x[n], r.y[n], r.x[n + 1], r.y[n + 1])
                if (y0 > y) != (y1 > y), x < x0 + (y - y0) * (x1 - x0) / (y1 - y0) { crossings += 1 }
            }
        }
        return crossings % 2 == 1
    }

    @Test func calibratedBoundariesInEveryFormatEncloseTheAcceptedPoints() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let run = try BinaryRunner.run(["profile", "fits/dg2023-vector-none.toml", "--x", "eps_n:0.0035:0.0075:11", "--y", "eps_p:0.0003:0.0035:11",
                                        "--toys", "40", "--seed", "2", "--format", "all", "--out", "fc"], in: tree)
        #expect(run.status == 0, "\(run.stderr)")
        let dir = tree.appendingPathComponent("fc")
        func text(_ name: String) throws -> String { try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) }
        let stem = "profile_eps_n_eps_p"
        #expect(try text(stem + ".svg").contains("<g id=\"feldman-cousins\"") && text(stem + ".svg").contains("1σ FC (toys)"))
        #expect(try text(stem + ".tex").contains("\\definecolor{x17fc}") && text(stem + ".tex").contains("\\addlegendentry{1$\\sigma$ FC (toys)}"))
        #expect(try text(stem + ".gp").contains("title '1σ FC (toys)'"))
        #expect(try text("plot_" + stem + ".py").contains("FC_COLOR"))
        #expect(try text(stem + "_contours.csv").contains(",feldman-cousins"))
        #expect(try text(stem + "_contours.dat").contains("# segments of method feldman-cousins: "))
        let hepdata = BinaryRunner.files(under: dir.appendingPathComponent("hepdata")).filter { $0.contains("_contour_") }
        #expect(try hepdata.contains { try text("hepdata/" + $0).contains("feldman-cousins") }, "\(hepdata)")

        // The boundaries in the JSON separate the points the construction accepted from those it did not.
        let json = try BinaryRunner.json(dir.appendingPathComponent(stem + ".json"))
        let contours = try #require(json["contours"] as? [[String: Any]])
        let fc = try BinaryRunner.json(dir.appendingPathComponent("fc_eps_n_eps_p.json"))
        let points = try #require(fc["points"] as? [[String: Any]])
        let levels = try #require(fc["levels"] as? [[String: Any]]).map { $0["wilks_delta_chi2"] as! Double }
        var checked = 0
        for (k, level) in levels.enumerated() {
            let lines = contours.filter { $0["method"] as? String == "feldman-cousins" && $0["level"] as? Double == level }
            guard !lines.isEmpty, lines.allSatisfy({ $0["closed"] as? Bool == true }) else { continue }
            let rings = lines.map { c in
                let x = c["x"] as! [Double], y = c["y"] as! [Double]
                return (x: x + [x[0]], y: y + [y[0]])
            }
            for p in points {
                let c = p["coordinates"] as! [Double], accepted = (p["calibrated"] as! [Bool])[k]
                #expect(Self.inside(c[0], c[1], rings) == accepted, "level \(level) at \(c): accepted \(accepted)")
                checked += 1
            }
        }
        #expect(checked >= 2 * 121, "fewer than two levels with closed boundaries to check")
    }

    @Test func oneDimensionalCriticalValuesInEveryFormatMatchTheCalibratedPoints() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let run = try BinaryRunner.run(["profile", "fits/dg2023-vector-none.toml", "--x", "mX:16.7:17.0:11", "--toys", "60", "--seed", "3",
                                        "--format", "all", "--out", "fc"], in: tree)
        #expect(run.status == 0, "\(run.stderr)")
        let dir = tree.appendingPathComponent("fc")
        func text(_ name: String) throws -> String { try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) }
        #expect(try text("profile_mX.svg").contains("<g id=\"feldman-cousins\"") && text("profile_mX.svg").contains("2σ FC (toys)"))
        #expect(try text("profile_mX.tex").contains("\\addlegendentry{1$\\sigma$ FC (toys)}"))
        #expect(try text("profile_mX.gp").contains("$critical0 using 1:2"))
        #expect(try text("plot_profile_mX.py").contains("toy critical values"))
        #expect(try text("profile_mX_contours.csv").contains("mX,critical_delta_chi2,level,cl,segment_id,method"))
        #expect(try text("profile_mX_contours.dat").contains("# segments of method feldman-cousins: 0 1 2"))
        #expect(try text("hepdata/submission.yaml").contains("FC critical Δχ² (mX) part 1"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("hepdata/profile_mX_critical_2.yaml").path))

        // Each level's line holds the toy quantile of every point, and the profile lies below it exactly at the
        // points the construction accepted.
        let json = try BinaryRunner.json(dir.appendingPathComponent("profile_mX.json"))
        let lines = try #require(json["contours"] as? [[String: Any]]).filter { $0["method"] as? String == "feldman-cousins" }
        let fc = try BinaryRunner.json(dir.appendingPathComponent("fc_mX.json"))
        let points = try #require(fc["points"] as? [[String: Any]])
        let levels = try #require(fc["levels"] as? [[String: Any]]).map { $0["wilks_delta_chi2"] as! Double }
        #expect(lines.count == levels.count && points.allSatisfy { $0["toys_failed"] as? Int == 0 })
        for (k, level) in levels.enumerated() {
            let line = try #require(lines.first { $0["level"] as? Double == level })
            let x = line["x"] as! [Double], y = line["y"] as! [Double]
            #expect(x.count == points.count)
            for (n, p) in points.enumerated() {
                let q = (p["toy_quantiles"] as! [Double])[k], t = p["delta_chi2"] as! Double
                #expect(x[n] == (p["coordinates"] as! [Double])[0] && y[n] == q)
                #expect((t <= y[n]) == (p["calibrated"] as! [Bool])[k], "level \(level) at \(x[n])")
            }
        }
    }
}
