import ArgumentParser

@main
struct X17Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "x17fit",
        abstract: "Statistical fits of the ATOMKI X17 anomaly.",
        version: "0.1.0",
        subcommands: [Reproduce.self]
    )
}

struct Reproduce: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the canonical fits and compare them with the published numbers.")

    func run() throws {
        print("no canonical fits yet")
    }
}
