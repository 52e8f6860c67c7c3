import Foundation

/// What kind of output a folder holds; x17fit replaces a folder only with an output of the same kind.
public enum OutputKind: String, Codable, Sendable {
    /// A profile or slice grid (`x17fit profile`, `x17fit merge`).
    case profile
    /// A fit with its planes (`x17fit export`).
    case export
    /// Every canonical fit (`x17fit reproduce`).
    case reproduce
    /// Shard files of a grid (`x17fit profile --shard`), added one at a time.
    case shards
    /// A toy study (`x17fit toys --out`, `x17fit merge` of toy shards).
    case toys
    /// Slurm job scripts (`x17fit slurm`).
    case slurm
}

/// `.x17fit-output.json`, written into every output folder: the kind, and each file with its content hash
/// (``ContentHash``), so that x17fit can tell its own files from a user's and see when one was changed.
struct OutputManifest: Codable, Equatable {
    static let fileName = ".x17fit-output.json"
    static let formatName = "x17fit-output-1"
    /// The hash of the `files` values.
    static let hashName = "fnv1a64"

    var format = formatName
    var kind: OutputKind
    var generator: String
    var hash = hashName
    /// Relative path → content hash; empty for a shard folder (whose files are recognised one by one).
    var files: [String: String]

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// The manifest of `folder`: nil when there is none; throws when one is there but unreadable.
    static func read(in folder: String) throws -> OutputManifest? {
        let path = folder + "/" + fileName
        switch POSIX.type(path) {
        case .missing: return nil
        case .regular: break
        default: throw FileSafetyError(.refused, path: folder, "holds a '\(fileName)' that is not a file; x17fit does not touch it")
        }
        guard let data = FileManager.default.contents(atPath: path),
              let manifest = try? JSONDecoder().decode(OutputManifest.self, from: data), manifest.format == formatName, manifest.hash == hashName,
              manifest.files.keys.allSatisfy(isSafeRelativePath)
        else {
            throw FileSafetyError(.refused, path: folder, "holds a damaged or foreign '\(fileName)'; x17fit does not touch this folder")
        }
        return manifest
    }
}

/// A path inside a folder: relative, no empty, `.` or `..` components.
func isSafeRelativePath(_ p: String) -> Bool {
    let parts = p.split(separator: "/", omittingEmptySubsequences: false)
    return !p.isEmpty && !p.hasPrefix("/") && parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
}
