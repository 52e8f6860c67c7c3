import ArgumentParser
import Foundation
import LinearAlgebra
import X17Analysis

@main
struct X17Fit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "x17fit",
        abstract: "Statistical fits of the ATOMKI X17 anomaly.",
        version: x17fitVersion,
        subcommands: [FitCommand.self, Reproduce.self, ProfileCommand.self, MergeCommand.self, CompareCommand.self,
                      ExportCommand.self, ToysCommand.self, SlurmCommand.self]
    )

    /// The default entry point, except that a command line the parser rejects (missing or malformed
    /// option) exits 2, bad input, as DESIGN.md specifies, instead of ArgumentParser's 64.
    static func main() async {
        // One OpenBLAS thread: our matrices are small, and a threaded reduction order would make results
        // differ in the last bits from run to run (outputs must be bit-identical).
        setBLASThreads(1)
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                exit(withError: Exit.badInput)
            }
            exit(withError: error)
        }
    }
}

