import ArgumentParser
import Export
import FileSafety
import Foundation
import Probability
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

/// The exit code for `error`, after printing its message: bad input (InputError, refusals of their arguments
/// by Probability, ProfileData, Statistics or Export, an output that would overwrite a user's file) is 2, anything else
/// (a fit that did not converge) is 1.
func exitCode(for error: Error) -> ExitCode {
    if let code = error as? ExitCode { return code }
    printError("\(error)")
    switch error {
    case StatisticsError.minimizer: return Exit.invalidFit
    case is InputError, is ExportError, is ProbabilityError, is ProfileDataError, is FileSafetyError, is StatisticsError:
        return Exit.badInput
    default: return Exit.invalidFit
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

/// The short git revision of the tree holding `path`, "unknown" outside a repository. git runs through
/// posix_spawn and a blocking waitpid (Foundation's Process polls, costing ~50 ms per command).
func gitRevision(near path: String) -> String {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return "unknown" }
    defer { close(fds[0]) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addclose(&actions, fds[0])
    let arguments = ["git", "-C", path, "rev-parse", "--short", "HEAD"]
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var pid = pid_t()
    let spawned = posix_spawnp(&pid, "git", &actions, nil, &argv, environ)
    close(fds[1])
    guard spawned == 0 else { return "unknown" }
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 256)
    while true {
        let n = buffer.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
        if n > 0 { output += buffer[0..<n] } else if n == 0 || errno != EINTR { break }
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let text = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    let exitedCleanly = (status & 0x7f) == 0 && ((status >> 8) & 0xff) == 0
    return exitedCleanly && !text.isEmpty ? text : "unknown"
}

/// The directory of a file path (".", when it has none).
func directory(of path: String) -> String {
    let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
    return dir.isEmpty ? "." : dir
}
