import Foundation
import Testing

extension BinaryRunner {
    /// A scratch copy of the repository's fits/ and datasets/ (the canonical specs with their [[profiles]]).
    static func repositoryTree() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("x17fit-repo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for folder in ["fits", "datasets"] {
            try FileManager.default.copyItem(at: packageRoot.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        return root
    }

    /// Every regular file under `folder`, as sorted relative paths.
    static func files(under folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var out: [String] = []
        while let path = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory),
               !isDirectory.boolValue { out.append(path) }
        }
        return out.sorted()
    }

    /// Paths of `a` whose bytes differ from the same path in `b`, plus paths present in only one of them.
    static func differences(_ a: URL, _ b: URL) throws -> [String] {
        let (fa, fb) = (files(under: a), files(under: b))
        var out = Set(fa).symmetricDifference(fb).sorted()
        for path in fa where fb.contains(path) {
            if try Data(contentsOf: a.appendingPathComponent(path)) != Data(contentsOf: b.appendingPathComponent(path)) {
                out.append(path)
            }
        }
        return out
    }

    /// The rows of a tidy CSV (after its `#` header lines) as column name → text.
    static func csvRows(_ url: URL) throws -> [[String: String]] {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) else { return [] }
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }
}

/// One contour curve of a profile JSON.
struct Curve {
    let level: Double
    let closed: Bool
    let x: [Double]
    let y: [Double]

    /// The curves of `json` at its lowest level (1σ: Δχ² = 2.30 for two parameters).
    static func lowestLevel(_ json: [String: Any]) -> [Curve] {
        let curves = (json["contours"] as? [[String: Any]] ?? []).map {
            Curve(level: $0["level"] as? Double ?? .nan, closed: $0["closed"] as? Bool ?? false,
                  x: $0["x"] as? [Double] ?? [], y: $0["y"] as? [Double] ?? [])
        }
        guard let lowest = curves.map(\.level).min() else { return [] }
        return curves.filter { $0.level == lowest }
    }
}

/// `hepdata-validate -d FOLDER` when the validator is installed (`pip install hepdata-validator`), else nil.
func hepdataValidate(_ folder: URL) throws -> (status: Int32, output: String)? {
    func run(_ arguments: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        let (stdout, stderr) = try BinaryRunner.runCapturing(p)
        return (p.terminationStatus, stdout + stderr)
    }
    guard let (status, _) = try? run(["hepdata-validate", "--help"]), status == 0 else { return nil }
    return try run(["hepdata-validate", "-d", folder.path])
}

/// A 2-D profile JSON's Δχ² as rows (y-major: row j is y[j]).
func deltaRows(_ json: [String: Any]) -> [[Double]] {
    (json["delta_chi2"] as? [[Any]] ?? []).map { $0.map { $0 as? Double ?? .nan } }
}
