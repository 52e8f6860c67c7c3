import Foundation

/// A scratch copy of Fixtures/ (datasets/ + fits/) that a test may edit before loading.
struct FixtureTree {
    static let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("x17fit-fixture-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.source, to: root)
    }

    var datasets: URL { root.appendingPathComponent("datasets") }
    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    func read(_ path: String) throws -> String { try String(contentsOf: url(path), encoding: .utf8) }
    func write(_ path: String, _ text: String) throws { try text.write(to: url(path), atomically: true, encoding: .utf8) }

    /// Replaces the first occurrence of `old` in a file (the test fails if it is absent).
    func replace(_ path: String, _ old: String, _ new: String) throws {
        let text = try read(path)
        guard let range = text.range(of: old) else { throw FixtureError.notFound(old, path) }
        try write(path, text.replacingCharacters(in: range, with: new))
    }

    /// 1-based line of the first line containing `needle`.
    func line(_ path: String, containing needle: String) throws -> Int {
        let lines = try read(path).split(separator: "\n", omittingEmptySubsequences: false)
        guard let i = lines.firstIndex(where: { $0.contains(needle) }) else { throw FixtureError.notFound(needle, path) }
        return i + 1
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    enum FixtureError: Error { case notFound(String, String) }
}
