import ArgumentParser
import Export
import Foundation
import Statistics
import X17Analysis

/// Exit codes of the DESIGN.md contract: 0 ok, 1 fit ran but invalid, 2 bad input.
enum Exit {
    static let invalidFit = ExitCode(1)
    static let badInput = ExitCode(2)
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
}

/// The exit code for `error`, after printing its message: bad input (InputError, and Statistics or Export
/// refusals of their arguments) is 2, anything else (a fit that did not converge) is 1.
func exitCode(for error: Error) -> ExitCode {
    switch error {
    case let code as ExitCode:
        return code
    case let e as InputError:
        printError(e.description)
        return Exit.badInput
    case let e as ExportError:
        printError(e.description)
        return Exit.badInput
    case let e as StatisticsError:
        printError(e.description)
        if case .minimizer = e { return Exit.invalidFit }
        return Exit.badInput
    default:
        printError("\(error)")
        return Exit.invalidFit
    }
}

/// Runs `body`, turning a thrown error into the exit code of ``exitCode(for:)``.
func withExitCodes<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch { throw exitCode(for: error) }
}

/// Runs `body`, turning a thrown error into the exit code of ``exitCode(for:)``.
func withExitCodes<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch { throw exitCode(for: error) }
}

/// Throws unless `threads` ≥ 1 (`--threads`).
func requirePositiveThreads(_ threads: Int) throws {
    guard threads >= 1 else { throw InputError(file: "command line", field: "--threads", "expected at least 1, got \(threads)") }
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
