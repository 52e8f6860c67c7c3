import ArgumentParser
import FileSafety
import Foundation
import X17Analysis

struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Run one fit: minimizer summary, parameters, chi2/ndof, p-value, Nsigma, pulls.")

    @Argument(help: "The fit spec (fits/NAME.toml).")
    var fitspec: String

    @Option(help: "Write the result JSON here ('-': standard output, the report then goes to standard error).")
    var json: String?

    @Flag(help: "Run MINOS on every free parameter.")
    var minos = false

    @Option(parsing: .unconditional, help: "Minuit strategy 0, 1 or 2.")
    var strategy = 1

    @Option(help: "The datasets directory (default: <spec dir>/../datasets).")
    var datasets: String?

    func run() throws {
        guard (0...2).contains(strategy) else {
            printError("--strategy: expected 0, 1 or 2, got \(strategy)")
            throw Exit.badInput
        }
        let (outcome, output) = try withExitCodes { () throws -> (FitOutcome, JSONDestination?) in
            let output = try JSONDestination.checked(json)
            let spec = try FitSpec.load(path: fitspec)
            let root = datasets ?? directory(of: fitspec) + "/../datasets"
            let setup = try FitSetup.prepare(spec: spec, datasets: DatasetLoader(root: URL(fileURLWithPath: root)))
            let outcome = try FitRunner.run(setup, options: FitOptions(minos: minos, strategy: strategy),
                                            version: x17fitVersion, git: gitRevision(near: directory(of: fitspec)))
            return (outcome, output)
        }
        say(Report.full(outcome), jsonOnStdout: json == "-")
        if let output { try withExitCodes { try output.write(try outcome.result.jsonData()) } }
        if !outcome.result.problems.isEmpty { throw Exit.invalidFit }
    }
}
