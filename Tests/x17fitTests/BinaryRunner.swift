import Foundation

/// Runs the built `.build/debug/x17fit` (found from this file's path; `swift test` builds it).
struct BinaryRunner {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = packageRoot.appendingPathComponent(".build/debug/x17fit")
    static let fixtures = packageRoot.appendingPathComponent("Tests/X17AnalysisTests/Fixtures")

    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs the binary to completion. Output goes to temporary files, not pipes: a blocking pipe read in
    /// the test process can fail with EINTR (Foundation traps) when other suites' children exit meanwhile.
    static func run(_ arguments: [String], in directory: URL) throws -> Output {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = "1"
        process.environment = environment
        let (stdout, stderr) = try runCapturing(process)
        return Output(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    /// Runs `process` with stdout and stderr captured through temporary files.
    static func runCapturing(_ process: Process) throws -> (stdout: String, stderr: String) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("x17fit-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (outURL, errURL) = (scratch.appendingPathComponent("stdout"), scratch.appendingPathComponent("stderr"))
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return (String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// A scratch copy of the fixture tree (datasets/ + fits/).
    static func scratchTree() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("x17fit-cli-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixtures, to: root)
        return root
    }

    static func json(_ url: URL) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        guard let dictionary = object as? [String: Any] else { throw CocoaError(.fileReadCorruptFile) }
        return dictionary
    }
}
