import ArgumentParser
import Foundation
import X17Analysis

/// Exit codes of the DESIGN.md contract: 0 ok, 1 fit ran but invalid, 2 bad input.
enum Exit {
    static let invalidFit = ExitCode(1)
    static let badInput = ExitCode(2)
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
}

/// Runs `body`, mapping an InputError to exit 2 and any other failure to exit 1, with the message on stderr.
func withExitCodes<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as InputError {
        printError(error.description)
        throw Exit.badInput
    } catch let error as ExitCode {
        throw error
    } catch {
        printError("\(error)")
        throw Exit.invalidFit
    }
}

/// Writes `data` atomically: a temporary file in the same directory, then rename(2).
func writeAtomically(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
    try data.write(to: temporary)
    guard rename(temporary.path, url.path) == 0 else {
        try? FileManager.default.removeItem(at: temporary)
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
    }
}

/// The short git revision of the tree holding `path`, "unknown" outside a repository.
func gitRevision(near path: String) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", path, "rev-parse", "--short", "HEAD"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return "unknown" }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return process.terminationStatus == 0 && !text.isEmpty ? text : "unknown"
}

/// The directory of a file path (".", when it has none).
func directory(of path: String) -> String {
    let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
    return dir.isEmpty ? "." : dir
}
