import ArgumentParser

@main
struct X17Fit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "x17fit",
        abstract: "Statistical fits of the ATOMKI X17 anomaly.",
        version: x17fitVersion,
        subcommands: [FitCommand.self, Reproduce.self, ProfileCommand.self, MergeCommand.self, CompareCommand.self,
                      ExportCommand.self]
    )
}

/// The version recorded in every result's provenance.
let x17fitVersion = "0.1.0"
