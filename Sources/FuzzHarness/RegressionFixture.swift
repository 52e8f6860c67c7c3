import Foundation

/// A fuzz case kept as files: the mutated file(s) plus `manifest.json` naming which repository file each
/// replaces (`Tests/FuzzTests/Regressions/<name>/`).
public struct RegressionFixture: Codable, Sendable {
    /// The spec the case runs, relative to the repository root.
    public var spec: String
    /// Repository path → file name in the fixture folder.
    public var replaces: [String: String]
    /// Repository paths replaced by a folder.
    public var folders: [String]
    /// The `seed:index` the case came from, if any.
    public var origin: String?
    /// What broke, and what the fix was.
    public var note: String?
    /// Expected outcome class (`ok`, `invalid fit`, `input error`); nil: any outcome that keeps the contract.
    public var expect: String?
    /// The injected non-finite value the loader must blame on its file, line, column and field.
    public var injected: Injected?
    /// For an expected input error: the file it must name (as displayed), when given.
    public var expectFile: String?
    /// The field an expected input error must name, when given.
    public var expectField: String?
    /// Set while the case cannot run yet (e.g. TOMLKit aborts the process on it): the reason; the tests
    /// then only load the fixture. Remove once the TOML parser change has landed.
    public var pending: String?

    /// ``InjectedNonFinite`` in JSON form.
    public struct Injected: Codable, Sendable {
        /// File, line, column, field and text of the injection.
        public var file: String, line: Int, column: Int, field: String, text: String
    }

    /// A manifest.
    public init(spec: String, replaces: [String: String] = [:], folders: [String] = [], origin: String? = nil,
                note: String? = nil, expect: String? = nil, injected: Injected? = nil) {
        self.spec = spec
        self.replaces = replaces
        self.folders = folders
        self.origin = origin
        self.note = note
        self.expect = expect
        self.injected = injected
    }

    /// Writes `fuzzCase` into `folder` (created): one file per changed file and the manifest.
    public static func save(_ fuzzCase: FuzzCase, to folder: URL, note: String? = nil, expect: String? = nil) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        var manifest = RegressionFixture(spec: fuzzCase.spec, origin: fuzzCase.id?.description,
                                         note: note ?? fuzzCase.mutations.joined(separator: "; "), expect: expect)
        let basenames = fuzzCase.edits.map { ($0.path as NSString).lastPathComponent }
        for (k, edit) in fuzzCase.edits.enumerated() {
            switch edit.change {
            case .directory:
                manifest.folders.append(edit.path)
            case .contents(let bytes):
                let unique = basenames.filter { $0 == basenames[k] }.count == 1 && basenames[k] != "manifest.json"
                let name = unique ? basenames[k] : edit.path.replacingOccurrences(of: "/", with: "__")
                try Data(bytes).write(to: folder.appendingPathComponent(name))
                manifest.replaces[edit.path] = name
            }
        }
        manifest.injected = fuzzCase.injected.map {
            Injected(file: $0.file, line: $0.line, column: $0.column, field: $0.field, text: $0.text)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try (encoder.encode(manifest) + Data("\n".utf8)).write(to: folder.appendingPathComponent("manifest.json"))
    }

    /// Reads a fixture folder back as a case.
    public static func load(_ folder: URL) throws -> (RegressionFixture, FuzzCase) {
        let manifest = try JSONDecoder().decode(RegressionFixture.self,
                                                from: Data(contentsOf: folder.appendingPathComponent("manifest.json")))
        var edits: [FileEdit] = []
        for path in manifest.replaces.keys.sorted() {
            let bytes = try Data(contentsOf: folder.appendingPathComponent(manifest.replaces[path]!))
            edits.append(FileEdit(path: path, change: .contents(Array(bytes))))
        }
        edits += manifest.folders.sorted().map { FileEdit(path: $0, change: .directory) }
        let injected = manifest.injected.map {
            InjectedNonFinite(file: $0.file, line: $0.line, column: $0.column, field: $0.field, text: $0.text)
        }
        let fuzzCase = FuzzCase(id: nil, spec: manifest.spec, edits: edits,
                                mutations: [manifest.note ?? folder.lastPathComponent], injected: injected)
        return (manifest, fuzzCase)
    }
}
