import Foundation
import Testing

/// `x17fit toys` and the merge of toy shards end to end on the D&G vector fit (small studies).
@Suite(.serialized) struct ToysCommandTests {
    static let spec = "fits/dg2023-vector-none.toml"

    @Test func identicalForAnyThreadCountAndSharding() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let base = ["toys", Self.spec, "--n", "240", "--seed", "17", "--minos"]
        let one = try BinaryRunner.run(base + ["--threads", "1", "--out", "one"], in: tree)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("toys dg2023-vector-none: 240 toys (seed 17)"), "\(one.stdout)")
        #expect(one.stdout.contains("Wilks χ²(11)") && one.stdout.contains("MINOS 68.27%"), "\(one.stdout)")
        #expect(one.stderr.contains("toys dg2023-vector-none: 240 toys in"), "\(one.stderr)")
        let two = try BinaryRunner.run(base + ["--threads", "2", "--out", "two"], in: tree)
        #expect(two.status == 0, "\(two.stderr)")
        for k in 0..<4 {
            let s = try BinaryRunner.run(base + ["--threads", "\(1 + k % 2)", "--shard", "\(k)/4", "--out", "shards"], in: tree)
            #expect(s.status == 0, "\(s.stderr)")
        }
        let merged = try BinaryRunner.run(["merge", "shards", "--out", "merged"], in: tree)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.contains("merged 4 toy shards of dg2023-vector-none"), "\(merged.stdout)")
        for file in ["toys.json", "toys.csv"] {
            let a = try Data(contentsOf: tree.appendingPathComponent("one/" + file))
            #expect(a == (try Data(contentsOf: tree.appendingPathComponent("two/" + file))), "\(file): threads")
            #expect(a == (try Data(contentsOf: tree.appendingPathComponent("merged/" + file))), "\(file): shards")
        }
        let json = try BinaryRunner.json(tree.appendingPathComponent("one/toys.json"))
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["toys"] as? Int == 240 && summary["ndof"] as? Int == 11)
        #expect((json["chi2"] as? [Any])?.count == 240)
        let coverage = try #require(summary["coverage"] as? [[String: Any]])
        #expect(coverage.map { $0["parameter"] as? String } == ["mX", "eps_n", "eps_p"])
        #expect(coverage.allSatisfy { $0["minos_68"] != nil && $0["hesse_95"] != nil })
        // A different seed gives different toys.
        let other = try BinaryRunner.run(["toys", Self.spec, "--n", "240", "--seed", "18", "--minos", "--out", "other"], in: tree)
        #expect(other.status == 0)
        #expect((try Data(contentsOf: tree.appendingPathComponent("other/toys.json")))
                != (try Data(contentsOf: tree.appendingPathComponent("one/toys.json"))))
    }

    @Test(arguments: [
        (["--n", "0", "--seed", "1"], "--n"),
        (["--n", "-5", "--seed", "1"], "--n"),
        (["--n", "10", "--seed", "-1"], "--seed"),
        (["--n", "10", "--seed", "1.5"], "--seed"),
        (["--n", "10", "--seed", "abc"], "--seed"),
        (["--n", "10", "--seed", "18446744073709551616"], "--seed"),
        (["--n", "10", "--seed", "1", "--shard", "4/4", "--out", "s"], "--shard"),
        (["--n", "10", "--seed", "1", "--shard", "-1/4", "--out", "s"], "--shard"),
        (["--n", "10", "--seed", "1", "--shard", "0/4"], "--shard"),
        (["--n", "10", "--seed", "1", "--threads", "0"], "--threads"),
    ])
    func badOptionsExitTwoNamingTheOption(arguments: [String], option: String) throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let run = try BinaryRunner.run(["toys", Self.spec] + arguments, in: tree)
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
        #expect(run.stderr.contains(option), "\(arguments): \(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: tree.appendingPathComponent("s").path))
    }

    @Test func mergingShardsOfDifferentStudiesIsRefusedNamingTheFile() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        func shard(_ k: Int, seed: String, spec: String = Self.spec, dir: String) throws {
            let r = try BinaryRunner.run(["toys", spec, "--n", "20", "--seed", seed, "--shard", "\(k)/2", "--out", dir], in: tree)
            #expect(r.status == 0, "\(r.stderr)")
        }
        try shard(0, seed: "1", dir: "seeds")
        try shard(1, seed: "2", dir: "seeds")
        let seeds = try BinaryRunner.run(["merge", "seeds"], in: tree)
        #expect(seeds.status == 2)
        #expect(seeds.stderr.contains("seed") && seeds.stderr.contains("toys.shard-1-of-2.json"), "\(seeds.stderr)")

        try shard(0, seed: "1", dir: "specs")
        try shard(1, seed: "1", spec: "fits/dg2023-vector-mixing.toml", dir: "specs")
        let specs = try BinaryRunner.run(["merge", "specs"], in: tree)
        #expect(specs.status == 2)
        #expect(specs.stderr.contains("fit") && specs.stderr.contains("differs"), "\(specs.stderr)")

        try shard(0, seed: "1", dir: "missing")
        let missing = try BinaryRunner.run(["merge", "missing"], in: tree)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("missing shard(s) 1/2"), "\(missing.stderr)")
    }
}

/// `profile --toys N`: the Feldman–Cousins construction beside the grid, in CSV and JSON.
@Suite(.serialized) struct ProfileToysCommandTests {
    @Test func calibratedGridIsWrittenAndIndependentOfThreads() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let base = ["profile", "fits/dg2023-vector-none.toml", "--x", "mX:16.72:16.96:7", "--toys", "100", "--seed", "4",
                    "--format", "csv,json"]
        let one = try BinaryRunner.run(base + ["--threads", "1", "--out", "one"], in: tree)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("toy-calibrated regions (Feldman–Cousins ordering, 100 toys per point, seed 4)"), "\(one.stdout)")
        let two = try BinaryRunner.run(base + ["--threads", "2", "--out", "two"], in: tree)
        #expect(two.status == 0, "\(two.stderr)")
        for file in ["fc_mX.csv", "fc_mX.json"] {
            let a = try Data(contentsOf: tree.appendingPathComponent("one/" + file))
            #expect(a == (try Data(contentsOf: tree.appendingPathComponent("two/" + file))), "\(file)")
        }
        let json = try BinaryRunner.json(tree.appendingPathComponent("one/fc_mX.json"))
        let points = try #require(json["points"] as? [[String: Any]])
        #expect(points.count == 7)
        #expect(points.allSatisfy { ($0["toy_quantiles"] as? [Any])?.count == 3 && $0["toys_failed"] as? Int == 0 })
        // The best fit (16.84) is inside every calibrated region, the grid's ends (Δχ² > 9) outside the 1σ one.
        let calibrated = points.map { $0["calibrated"] as? [Bool] ?? [] }
        #expect(calibrated[3] == [true, true, true])
        #expect(calibrated[0][0] == false && calibrated[6][0] == false)
        let bad = try BinaryRunner.run(base.map { $0 == "100" ? "0" : $0 } + ["--out", "bad"], in: tree)
        #expect(bad.status == 2 && bad.stderr.contains("--toys"), "\(bad.stderr)")
    }
}

/// `toys A --against B`: Δχ² of two hypotheses on the same data, under each.
@Suite(.serialized) struct ToysAgainstCommandTests {
    @Test func comparisonIsDeterministicAndRefusesDifferentData() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let base = ["toys", "fits/dg2023-vector-none.toml", "--against", "fits/dg2023-vector-mixing.toml", "--n", "60", "--seed", "2"]
        let one = try BinaryRunner.run(base + ["--threads", "1", "--json", "one.json"], in: tree)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("observed Δχ² = χ²(B) − χ²(A)"), "\(one.stdout)")
        let two = try BinaryRunner.run(base + ["--threads", "2", "--json", "two.json"], in: tree)
        #expect(two.status == 0, "\(two.stderr)")
        let a = try Data(contentsOf: tree.appendingPathComponent("one.json"))
        #expect(a == (try Data(contentsOf: tree.appendingPathComponent("two.json"))))
        let json = try BinaryRunner.json(tree.appendingPathComponent("one.json"))
        #expect((json["delta_chi2_under_a"] as? [Any])?.count == 60 && (json["delta_chi2_under_b"] as? [Any])?.count == 60)
        let other = try BinaryRunner.run(["toys", "fits/dg2023-vector-none.toml", "--against", "fits/atomki-vector-none.toml",
                                          "--n", "5", "--seed", "1"], in: tree)
        #expect(other.status == 2 && other.stderr.contains("do not use the same observations"), "\(other.stderr)")
    }
}
