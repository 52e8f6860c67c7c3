import Foundation
import Testing

/// Issue 12: no command deletes or overwrites anything x17fit did not write; earlier x17fit outputs are
/// replaced only with --force, atomically; a reproduce that stops part-way writes nothing.
@Suite(.serialized) struct FileSafetyCLITests {
    static let spec = "fits/dg2023-vector-none.toml"
    static let profile = ["profile", spec, "--x", "mX:16.8:16.9:5", "--format", "csv"]

    /// A user's folder with files in it, including one in a sub-folder.
    static func plantSentinels(in folder: URL) throws {
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("chapter"), withIntermediateDirectories: true)
        try Data("my thesis\n".utf8).write(to: folder.appendingPathComponent("thesis.tex"))
        try Data("figure notes\n".utf8).write(to: folder.appendingPathComponent("chapter/notes.txt"))
    }

    /// Each writing command, pointed at a folder of the user's: refused (exit 2) with and without --force,
    /// and nothing changes anywhere in the tree.
    @Test(arguments: [
        profile + ["--out", "mine"],
        ["profile", spec, "--x", "mX:16.8:16.9:4", "--shard", "0/2", "--out", "mine"],
        ["export", spec, "--format", "csv", "--points", "3", "--out", "mine"],
        ["reproduce", "--out", "mine"],
    ])
    func aUsersFolderIsNeverTouched(_ arguments: [String]) throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        try Self.plantSentinels(in: tree.appendingPathComponent("mine"))
        let before = try snapshot(tree)
        for force in [false, true] {
            let run = try BinaryRunner.run(arguments + (force ? ["--force"] : []), in: tree)
            #expect(run.status == 2, "\(arguments) force=\(force): \(run.stderr)")
            #expect(run.stderr.contains("field '--out': 'mine'"), "\(run.stderr)")
            #expect(try snapshot(tree) == before, "\(arguments) force=\(force) changed files")
        }
    }

    @Test func mergeIntoAUsersFolderIsRefused() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        for k in 0..<2 {
            let shard = try BinaryRunner.run(["profile", Self.spec, "--x", "mX:16.8:16.9:4", "--shard", "\(k)/2", "--out", "sh"], in: tree)
            #expect(shard.status == 0, "\(shard.stderr)")
        }
        try Self.plantSentinels(in: tree.appendingPathComponent("mine"))
        let before = try snapshot(tree)
        for force in [false, true] {
            let run = try BinaryRunner.run(["merge", "sh", "--out", "mine"] + (force ? ["--force"] : []), in: tree)
            #expect(run.status == 2 && run.stderr.contains("holds no x17fit output"), "\(run.stderr)")
            #expect(try snapshot(tree) == before)
        }
    }

    @Test func anEarlierOutputIsReplacedOnlyWithForce() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        #expect(try BinaryRunner.run(Self.profile + ["--out", "p"], in: tree).status == 0)
        let first = try snapshot(tree)
        let again = try BinaryRunner.run(Self.profile + ["--out", "p"], in: tree)
        #expect(again.status == 2 && again.stderr.contains("holds an earlier x17fit profile output: pass --force to replace it"),
                "\(again.stderr)")
        #expect(try snapshot(tree) == first)
        let forced = try BinaryRunner.run(["profile", Self.spec, "--x", "mX:16.8:16.9:5", "--format", "json", "--out", "p", "--force"], in: tree)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(BinaryRunner.files(under: tree.appendingPathComponent("p")) == [".x17fit-output.json", "profile_mX.json"])
        // No temporary or moved-aside folder is left next to it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: tree.path).sorted() == ["datasets", "fits", "p"])

        // A user's file dropped into the output, or an output file edited by hand: refused even with --force.
        try Data("keep me\n".utf8).write(to: tree.appendingPathComponent("p/mine.txt"))
        let withUserFile = try BinaryRunner.run(Self.profile + ["--out", "p", "--force"], in: tree)
        #expect(withUserFile.status == 2 && withUserFile.stderr.contains("holds files x17fit did not write (mine.txt)"), "\(withUserFile.stderr)")
        #expect(try String(contentsOf: tree.appendingPathComponent("p/mine.txt"), encoding: .utf8) == "keep me\n")
        // An output of another command is not replaced either.
        try FileManager.default.removeItem(at: tree.appendingPathComponent("p/mine.txt"))
        let otherKind = try BinaryRunner.run(["export", Self.spec, "--format", "csv", "--points", "3", "--out", "p", "--force"], in: tree)
        #expect(otherKind.status == 2 && otherKind.stderr.contains("holds an x17fit profile output"), "\(otherKind.stderr)")
    }

    @Test func jsonNeverOverwritesAUsersFile() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        try Data("{\"mine\": true}\n".utf8).write(to: tree.appendingPathComponent("notes.json"))
        for arguments in [["fit", Self.spec, "--json", "notes.json"],
                          ["compare", Self.spec, "fits/dg2023-vector-mixing.toml", "--json", "notes.json"],
                          ["reproduce", "--out", "r", "--json", "notes.json"]] {
            let run = try BinaryRunner.run(arguments, in: tree)
            #expect(run.status == 2 && run.stderr.contains("'notes.json' exists and was not written by x17fit"), "\(run.stderr)")
        }
        #expect(try String(contentsOf: tree.appendingPathComponent("notes.json"), encoding: .utf8) == "{\"mine\": true}\n")
        // x17fit's own JSON files are replaced, as an -o option would.
        for arguments in [["fit", Self.spec, "--json", "r.json"], ["compare", Self.spec, Self.spec, "--json", "c.json"]] {
            #expect(try BinaryRunner.run(arguments, in: tree).status == 0)
            #expect(try BinaryRunner.run(arguments, in: tree).status == 0)
        }
    }

    @Test func reproduceThatStopsPartWayWritesNothing() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let good = try BinaryRunner.run(["reproduce", "--out", "r"], in: tree)
        #expect(good.status == 0, "\(good.stderr)")
        let before = try snapshot(tree.appendingPathComponent("r"))
        #expect(before.keys.contains("reproduce.json") && before.keys.contains("dg2023-vector-none/result.json"))
        // A spec sorted after the first fits names a missing dataset: the run stops there.
        let broken = tree.appendingPathComponent("fits/dg2023-vector-none.toml")
        let text = try String(contentsOf: broken, encoding: .utf8)
        try text.replacingOccurrences(of: "rates/atomki-rates.csv", with: "rates/missing.csv").write(to: broken, atomically: true, encoding: .utf8)
        let run = try BinaryRunner.run(["reproduce", "--out", "r", "--force"], in: tree)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("reproduce stopped at dg2023-vector-none.toml; completed before it: atomki-masses,"), "\(run.stderr)")
        #expect(run.stderr.contains("Nothing was written"))
        #expect(try snapshot(tree.appendingPathComponent("r")) == before)
    }

    @Test func exportOfAFitWithOneFreeParameterWritesItsProfile() throws {
        let tree = try BinaryRunner.repositoryTree(); defer { try? FileManager.default.removeItem(at: tree) }
        let run = try BinaryRunner.run(["export", "fits/atomki-masses.toml", "--format", "csv", "--points", "11", "--out", "m"], in: tree)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(BinaryRunner.files(under: tree.appendingPathComponent("m")) == [".x17fit-output.json", "profile_mX.csv", "result.csv", "result.json"])
    }

    /// Relative path → contents of every regular file under `folder` (hidden ones included).
    func snapshot(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for path in BinaryRunner.files(under: folder) { out[path] = try Data(contentsOf: folder.appendingPathComponent(path)) }
        return out
    }
}
