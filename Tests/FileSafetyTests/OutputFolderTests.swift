@testable import FileSafety
import Foundation
import Testing

/// A scratch folder holding `parent/`, the place outputs are written into.
private final class Scratch {
    let root: URL
    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("x17fit-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: root) }

    func path(_ p: String) -> String { root.appendingPathComponent(p).path }
    func write(_ p: String, _ text: String) throws {
        let url = root.appendingPathComponent(p)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
    func read(_ p: String) -> String? { FileManager.default.contents(atPath: path(p)).map { String(decoding: $0, as: UTF8.self) } }
    /// Every entry under `p` (relative, sorted), hidden ones included.
    func tree(_ p: String = "") -> [String] {
        let base = p.isEmpty ? root.path : path(p)
        return ((FileManager.default.enumerator(atPath: base)?.allObjects as? [String]) ?? []).sorted()
    }
    func folder(_ p: String, _ kind: OutputKind = .profile, force: Bool = false) -> OutputFolder {
        OutputFolder(path: path(p), kind: kind, force: force, generator: "x17fit test")
    }
}

private let files = [OutputFile(path: "a.csv", text: "1\n"), OutputFile(path: "hepdata/t.yaml", text: "x: 1\n")]

private func refusal(_ body: () throws -> Void) -> FileSafetyError? {
    do { try body() } catch let error as FileSafetyError { return error } catch { return nil }
    return nil
}

@Suite struct OutputFolderTests {
    @Test func writesANewFolderWithAManifestOfHashes() throws {
        let s = try Scratch()
        let written = try s.folder("out").write(files)
        #expect(written.files.map(\.lastPathComponent) == ["a.csv", "t.yaml"])
        #expect(written.kept == nil)
        #expect(s.tree() == ["out", "out/.x17fit-output.json", "out/a.csv", "out/hepdata", "out/hepdata/t.yaml"])
        let manifest = try #require(s.read("out/.x17fit-output.json"))
        #expect(manifest.contains("\"kind\" : \"profile\""))
        // FNV-1a 64 of "1\n".
        #expect(manifest.contains("\"a.csv\" : \"07f8bc07b4ba5002\"") && manifest.contains("\"hash\" : \"fnv1a64\""))
    }

    /// The published FNV-1a 64 test values.
    @Test func contentHashIsFNV1a64() {
        #expect(ContentHash.hex(of: Data()) == "cbf29ce484222325")
        #expect(ContentHash.hex(of: Data("a".utf8)) == "af63dc4c8601ec8c")
        #expect(ContentHash.hex(of: Data("foobar".utf8)) == "85944171f73967e8")
    }

    @Test func replacesAnEmptyFolder() throws {
        let s = try Scratch()
        try FileManager.default.createDirectory(atPath: s.path("out"), withIntermediateDirectories: false)
        try s.folder("out").write(files)
        #expect(s.read("out/a.csv") == "1\n")
        #expect(s.tree().filter { !$0.hasPrefix("out") }.isEmpty, "no temporaries left: \(s.tree())")
    }

    /// The issue's case: `--out fits` or `--out .` must not delete a user's files, with or without force.
    @Test(arguments: [false, true]) func refusesAFolderItDidNotWrite(force: Bool) throws {
        let s = try Scratch()
        try s.write("fits/spec.toml", "name = \"mine\"\n")
        try s.write("fits/sub/notes.txt", "thesis\n")
        let error = refusal { try s.folder("fits", force: force).check() }
        #expect(error?.reason == .refused)
        #expect(error?.description.contains("holds no x17fit output") == true, "\(String(describing: error))")
        #expect(refusal { try s.folder("fits", force: force).write(files) }?.reason == .refused)
        #expect(s.tree() == ["fits", "fits/spec.toml", "fits/sub", "fits/sub/notes.txt"])
        #expect(s.read("fits/spec.toml") == "name = \"mine\"\n")
    }

    @Test func replacesItsOwnOutputOnlyWithForce() throws {
        let s = try Scratch()
        try s.folder("out").write(files)
        let error = refusal { try s.folder("out").write([OutputFile(path: "b.csv", text: "2\n")]) }
        #expect(error?.description.contains("pass --force") == true)
        #expect(s.read("out/a.csv") == "1\n")
        try s.folder("out", force: true).write([OutputFile(path: "b.csv", text: "2\n")])
        #expect(s.tree() == ["out", "out/.x17fit-output.json", "out/b.csv"])
    }

    @Test func keepsAUserFileAddedToAnOutputAndRefuses() throws {
        let s = try Scratch()
        try s.folder("out").write(files)
        try s.write("out/hepdata/my-notes.txt", "mine\n")
        let error = refusal { try s.folder("out", force: true).write(files) }
        #expect(error?.description.contains("hepdata/my-notes.txt") == true, "\(String(describing: error))")
        #expect(s.read("out/hepdata/my-notes.txt") == "mine\n")
        #expect(s.read("out/a.csv") == "1\n")
    }

    @Test func refusesWhenAnOutputFileWasEdited() throws {
        let s = try Scratch()
        try s.folder("out").write(files)
        try s.write("out/a.csv", "1\nedited by hand\n")
        let error = refusal { try s.folder("out", force: true).write(files) }
        #expect(error?.description.contains("changed since they were written (a.csv)") == true, "\(String(describing: error))")
        #expect(s.read("out/a.csv") == "1\nedited by hand\n")
    }

    @Test func refusesAnOutputOfAnotherKind() throws {
        let s = try Scratch()
        try s.folder("out", .export).write(files)
        let error = refusal { try s.folder("out", .profile, force: true).write(files) }
        #expect(error?.description.contains("holds an x17fit export output") == true)
    }

    @Test func refusesAFileALinkOrADamagedManifest() throws {
        let s = try Scratch()
        try s.write("file", "mine\n")
        #expect(refusal { try s.folder("file", force: true).write(files) }?.description.contains("is a file") == true)
        try FileManager.default.createDirectory(atPath: s.path("real"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: s.path("link"), withDestinationPath: s.path("real"))
        #expect(refusal { try s.folder("link", force: true).write(files) }?.description.contains("symbolic link") == true)
        try s.write("damaged/.x17fit-output.json", "{not json")
        #expect(refusal { try s.folder("damaged", force: true).write(files) }?.description.contains("damaged") == true)
        // A manifest whose file list escapes the folder is not trusted either.
        try s.write("escape/.x17fit-output.json", #"{"format":"x17fit-output-1","kind":"profile","generator":"x","hash":"fnv1a64","files":{"../file":"0"}}"#)
        #expect(refusal { try s.folder("escape", force: true).write(files) }?.description.contains("damaged") == true)
        #expect(s.read("file") == "mine\n")
        #expect(s.tree().contains("real") && s.tree().contains("link"))
    }

    @Test func checksAgainWhenWriting() throws {
        let s = try Scratch()
        let folder = s.folder("out")
        try folder.check()
        try s.write("out/appeared.txt", "mine\n")  // the user saves a file while the grid runs
        #expect(refusal { try folder.write(files) }?.reason == .refused)
        #expect(s.tree() == ["out", "out/appeared.txt"])
    }

    @Test func aFailureHalfwayLeavesTheOldOutputAndNoTemporary() throws {
        let s = try Scratch()
        try s.folder("out").write(files)
        let tooLong = String(repeating: "n", count: 300)  // longer than NAME_MAX: fails while writing
        let error = refusal { try s.folder("out", force: true).write([OutputFile(path: "z.csv", text: "new\n"), OutputFile(path: tooLong, text: "")]) }
        #expect(error?.reason == .io)
        #expect(s.tree() == ["out", "out/.x17fit-output.json", "out/a.csv", "out/hepdata", "out/hepdata/t.yaml"])
    }

    @Test func rejectsPathsOutsideTheFolder() throws {
        let s = try Scratch()
        for bad in ["../e", "/abs", "a//b", "./a", ".x17fit-output.json", ""] {
            #expect(refusal { try s.folder("out").write([OutputFile(path: bad, text: "")]) } != nil, "\(bad)")
        }
        #expect(refusal { try s.folder("out").write([OutputFile(path: "x", text: ""), OutputFile(path: "x/y", text: "")]) } != nil)
        #expect(s.tree().isEmpty)
    }
}

@Suite struct OutputFilePolicyTests {
    private static let own: @Sendable (Data) -> Bool = { String(decoding: $0, as: UTF8.self).hasPrefix("x17fit") }

    @Test func writesNewAndOwnFilesButNeverAUsersFile() throws {
        let s = try Scratch()
        let policy = OutputFilePolicy(path: s.path("sub/r.json"), isOwn: Self.own)
        try policy.write(Data("x17fit 1".utf8))
        try policy.write(Data("x17fit 2".utf8))
        #expect(s.read("sub/r.json") == "x17fit 2")
        try s.write("mine.json", "{\"thesis\": 1}")
        let error = refusal { try OutputFilePolicy(path: s.path("mine.json"), isOwn: Self.own).write(Data("x17fit".utf8)) }
        #expect(error?.description.contains("was not written by x17fit") == true)
        #expect(s.read("mine.json") == "{\"thesis\": 1}")
        #expect(refusal { try OutputFilePolicy(path: s.path("sub"), isOwn: Self.own).check() }?.description.contains("is a folder") == true)
        #expect(s.tree() == ["mine.json", "sub", "sub/r.json"])
    }

    @Test func aFileUnderARegularFileIsAnIOError() throws {
        let s = try Scratch()
        try s.write("blocker", "x")
        #expect(refusal { try OutputFilePolicy(path: s.path("blocker/r.json"), isOwn: Self.own).check() }?.reason == .io)
        #expect(refusal { try s.folder("blocker/out").check() }?.reason == .io)
        #expect(s.tree() == ["blocker"])
    }
}

@Suite struct ShardFolderTests {
    private static let own: @Sendable (String, Data) -> Bool = { _, data in String(decoding: data, as: UTF8.self).hasPrefix("shard") }

    @Test func addsShardsAndReplacesOnlyItsOwn() throws {
        let s = try Scratch()
        let folder = s.folder("sh", .shards)
        try folder.add(OutputFile(path: "mX.shard-0-of-2.json", text: "shard 0"), isOwn: Self.own)
        try folder.add(OutputFile(path: "mX.shard-1-of-2.json", text: "shard 1"), isOwn: Self.own)
        try folder.add(OutputFile(path: "mX.shard-1-of-2.json", text: "shard 1 again"), isOwn: Self.own)  // a re-queued task
        try s.folder("sh/mX").write(files)  // merge's output inside the shard folder
        try folder.add(OutputFile(path: "mX.shard-0-of-2.json", text: "shard 0"), isOwn: Self.own)
        #expect(s.read("sh/mX.shard-1-of-2.json") == "shard 1 again")
        try s.write("sh/notes.txt", "mine")
        #expect(refusal { try folder.add(OutputFile(path: "mX.shard-0-of-2.json", text: "shard"), isOwn: Self.own) }?.reason == .refused)
        #expect(s.read("sh/notes.txt") == "mine")
    }

    @Test func neverReplacesAForeignFileWithAShardName() throws {
        let s = try Scratch()
        try s.write("sh/mX.shard-0-of-2.json", "my own notes")
        let folder = s.folder("sh", .shards)
        #expect(refusal { try folder.add(OutputFile(path: "mX.shard-0-of-2.json", text: "shard"), isOwn: Self.own) }?.reason == .refused)
        #expect(s.read("sh/mX.shard-0-of-2.json") == "my own notes")
        #expect(s.tree() == ["sh", "sh/mX.shard-0-of-2.json"])
    }
}
