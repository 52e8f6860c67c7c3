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

    @Option(help: "Write the result JSON here.")
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
        let (outcome, output) = try withExitCodes { () throws -> (FitOutcome, OutputFilePolicy?) in
            let output = try json.map { try checkedOutputFile($0, option: "--json") }
            let spec = try FitSpec.load(path: fitspec)
            let root = datasets ?? directory(of: fitspec) + "/../datasets"
            let setup = try FitSetup.prepare(spec: spec, datasets: DatasetLoader(root: URL(fileURLWithPath: root)))
            let outcome = try FitRunner.run(setup, options: FitOptions(minos: minos, strategy: strategy),
                                            version: x17fitVersion, git: gitRevision(near: directory(of: fitspec)))
            return (outcome, output)
        }
        print(Report.full(outcome))
        if let output { try withExitCodes { try write(try outcome.result.jsonData(), to: output, option: "--json") } }
        if !outcome.result.problems.isEmpty { throw Exit.invalidFit }
    }
}
