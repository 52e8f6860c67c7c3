import Foundation
import Testing

/// Issue 5's bad input for `profile` and `merge`: exit 2, the option or field named, nothing written.
@Suite(.serialized) struct ProfileCommandBadInputTests {
    static let spec = "fits/dg2023-vector-none.toml"

    struct Case: Sendable, CustomStringConvertible {
        let arguments: [String]
        let message: String
        var description: String { arguments.joined(separator: " ") }
    }

    static let profileCases: [Case] = [
        Case(arguments: ["--x", "eps_q"], message: "field '--x': unknown parameter 'eps_q'"),
        Case(arguments: ["--x", "eps_n", "--y", "foo:-1:1:5"], message: "field '--y': unknown parameter 'foo'"),
        Case(arguments: ["--x", "mX:15:17:11"], message: "field '--x': profile grid: axis mX: 15.0 is below the parameter's lower limit 16.0"),
        Case(arguments: ["--x", "eps_n", "--y", "mX:16.5:18:5"], message: "field '--y': profile grid: axis mX: 18.0 is above the parameter's upper limit 17.6"),
        Case(arguments: ["--x", "mX:16.7:17:1"], message: "field '--x': point count must be at least 2, got 1"),
        Case(arguments: ["--x", "mX", "--levels", "1,0"], message: "field '--levels': levels must be > 0, got 0.0"),
        Case(arguments: ["--x", "mX", "--levels=-1"], message: "field '--levels': levels must be > 0, got -1.0"),
        Case(arguments: ["--x", "mX", "--cl", "0"], message: "field '--cl': levels must be > 0, got 0.0"),
        Case(arguments: ["--x", "BR_ee:0.5:1:11"], message: "field '--x': parameter 'BR_ee' is fixed"),
        Case(arguments: ["--x", "mX", "--format", "csv,xyz"], message: "field '--format': invalid export format 'xyz'"),
        Case(arguments: ["--x", "mX", "--shard", "3/2"], message: "field '--shard': profile grid: shard 3/2: the index must lie in 0…1"),
        Case(arguments: ["--x", "mX", "--shard", "0/0"], message: "field '--shard': profile grid: shard 0/0: the shard count must be ≥ 1"),
        Case(arguments: ["--x", "mX", "--threads", "0"], message: "field '--threads': expected at least 1, got 0"),
        Case(arguments: ["--x", "mX:16.7:16.9:100000000000"], message: "field '--x': point count must be at most 100000"),
        Case(arguments: ["--x", "mX:16.6:17.1:5000", "--y", "eps_n:-0.008:0.008:5000"],
             message: "field '--x/--y': the grid has 25000000 points; at most 10000000"),
        Case(arguments: ["--x", "mX", "--curve"], message: "field '--curve': the contour curve needs a profiled 2-D grid"),
        Case(arguments: ["--x", "mX", "--y", "eps_n", "--slice", "--curve"], message: "field '--curve': the contour curve needs a profiled 2-D grid"),
        Case(arguments: ["--x", "mX", "--out", "blocker"], message: "field '--out': 'blocker' exists and is a file, not a folder"),
        Case(arguments: ["--x", "mX", "--out", "blocker/sub"], message: "field '--out': 'blocker/sub' cannot be created: "),
        Case(arguments: ["--x", "mX", "--out", "blocker/sub", "--shard", "0/2"], message: "field '--out': 'blocker/sub' cannot be created: "),
        Case(arguments: ["--x", "mX", "--out", "/proc/x17fit-out"], message: "field '--out': '/proc/x17fit-out' cannot be created: '/proc' is not writable"),
        // Issue 12: the user's own folders are never replaced, with or without --force.
        Case(arguments: ["--x", "mX", "--out", "fits"], message: "field '--out': 'fits' is not empty and holds no x17fit output"),
        Case(arguments: ["--x", "mX", "--out", ".", "--force"], message: "field '--out': '.' is not empty and holds no x17fit output"),
        Case(arguments: ["--x", "mX", "--out", "datasets", "--shard", "0/2"], message: "field '--out': 'datasets' holds files that are not x17fit shards"),
        // Negative numbers reach the checks instead of ArgumentParser's "Missing value".
        Case(arguments: ["--x", "mX", "--threads", "-1"], message: "field '--threads': expected at least 1, got -1"),
        Case(arguments: ["--x", "mX", "--shard", "-1/2"], message: "field '--shard': profile grid: shard -1/2: the index must lie in 0…1"),
        Case(arguments: ["--x", "mX", "--levels", "-1"], message: "field '--levels': levels must be > 0, got -1.0"),
        Case(arguments: ["--x", "mX", "--cl", "-0.5"], message: "field '--cl': levels must be > 0, got -0.5"),
    ]

    @Test(arguments: profileCases)
    func profileRefusesAndWritesNothing(_ c: Case) throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        try Data("not a folder\n".utf8).write(to: tree.appendingPathComponent("blocker"))
        let before = BinaryRunner.files(under: tree)
        let run = try BinaryRunner.run(["profile", Self.spec] + c.arguments, in: tree)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("error: command line: " + c.message), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        // Nothing written: not the output folder, no shard, no temporary left behind.
        #expect(BinaryRunner.files(under: tree) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tree.path).sorted() == ["blocker", "datasets", "fits"])
    }

    @Test func parserRejectionsAreBadInputToo() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let missing = try BinaryRunner.run(["profile", Self.spec], in: tree)
        #expect(missing.status == 2 && missing.stderr.contains("Missing expected argument '--x <x>'"), "\(missing.stderr)")
        let negative = try BinaryRunner.run(["profile", Self.spec, "--x", "mX", "--levels", "-1"], in: tree)
        #expect(negative.status == 2 && negative.stderr.contains("--levels"), "\(negative.stderr)")
        #expect(try BinaryRunner.run(["--version"], in: tree).status == 0)
    }

    /// Shards 0/3 and 1/3 of the 15×11 (εn, εp) grid in `folder`.
    static func twoShards(_ tree: URL, into folder: String) throws {
        for k in 0..<2 {
            let run = try BinaryRunner.run(["profile", spec, "--x", "eps_n:-0.008:0.008:15", "--y", "eps_p:-0.004:0.004:11",
                                            "--out", folder, "--shard", "\(k)/3", "--format", "json"], in: tree)
            #expect(run.status == 0, "\(run.stderr)")
        }
    }

    @Test func mergeRefusesShardsOfDifferentGridsOrNone() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        try Self.twoShards(tree, into: "axes")
        try Self.twoShards(tree, into: "specs")
        try Self.twoShards(tree, into: "incomplete")
        let common = ["--y", "eps_p:-0.004:0.004:11", "--shard", "2/3", "--format", "json"]
        // The third shard of a grid with another x axis (13 points instead of 15) …
        #expect(try BinaryRunner.run(["profile", Self.spec, "--x", "eps_n:-0.008:0.008:13", "--out", "axes"] + common, in: tree).status == 0)
        // … and of the same grid of another spec (a copy under another name).
        try FileManager.default.copyItem(at: tree.appendingPathComponent(Self.spec), to: tree.appendingPathComponent("fits/copy.toml"))
        #expect(try BinaryRunner.run(["profile", "fits/copy.toml", "--x", "eps_n:-0.008:0.008:15", "--out", "specs"] + common, in: tree).status == 0)
        try FileManager.default.createDirectory(at: tree.appendingPathComponent("empty"), withIntermediateDirectories: false)
        let before = BinaryRunner.files(under: tree)

        let cases: [(String, String)] = [
            ("axes", "error: axes: field 'shards': cannot merge grid shards: shard 2 has a different x axis (eps_n)"),
            ("specs", "error: specs/eps_n_eps_p.shard-2-of-3.json: field 'spec': differs from eps_n_eps_p.shard-0-of-3.json"),
            ("incomplete", "error: incomplete: field 'shards': cannot merge grid shards: point (0, 2) was computed by no shard"),
            ("empty", "error: empty: no shard files (*.shard-i-of-N.json) found"),
            ("missing", "error: missing: no shard files (*.shard-i-of-N.json) found"),
        ]
        for (folder, message) in cases {
            let run = try BinaryRunner.run(["merge", folder, "--out", "merged-\(folder)"], in: tree)
            #expect(run.status == 2, "\(folder): \(run.stderr)")
            #expect(run.stderr.contains(message), "\(folder): \(run.stderr)")
        }
        #expect(BinaryRunner.files(under: tree) == before)
        #expect(!FileManager.default.fileExists(atPath: tree.appendingPathComponent("empty/eps_n_eps_p").path))
    }
}
