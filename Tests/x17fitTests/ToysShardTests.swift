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
