import Foundation

/// A fuzz run: cases `seed:0`, `seed:1`, … until the case count or the time limit, with outcome counts.
public final class FuzzSession: @unchecked Sendable {
    /// Outcome counts of a run.
    public struct Tally: Sendable, CustomStringConvertible {
        /// Cases run.
        public var cases = 0
        /// Valid fits (exit 0).
        public var ok = 0
        /// Fits that ran and are not valid (exit 1 with flags).
        public var invalidFit = 0
        /// Inputs refused with an InputError (exit 2).
        public var inputError = 0
        /// Cases that broke the contract.
        public var breaches = 0
        /// Wall time of the run.
        public var seconds = 0.0
        /// The slowest case and its wall time in seconds.
        public var slowest: (id: CaseID, seconds: Double)?

        /// The one-line summary.
        public var description: String {
            "\(cases) cases in \(String(format: "%.1f", seconds)) s: ok \(ok), invalid fit \(invalidFit), "
                + "input error \(inputError), breaches \(breaches)"
                + (slowest.map { String(format: " (slowest case %@: %.0f ms)", $0.id.description, $0.seconds * 1000) } ?? "")
        }
    }

    /// One case that broke the contract.
    public struct Breach: Sendable {
        /// The case.
        public let fuzzCase: FuzzCase
        /// How it ended.
        public let outcome: CaseOutcome
        /// The contract breaches.
        public let problems: [String]
    }

    /// Makes the case of each `seed:index`.
    public let generator: CaseGenerator
    /// Applies and runs cases in the scratch folder.
    public let runner: CaseRunner
    /// Seconds one case may take before it counts as a hang (the process then exits with the reproducer).
    public let caseDeadline: Double
    /// How to print a replay command for a case (`x17fuzz --replay seed:index`, plus options).
    public let replayCommand: @Sendable (CaseID) -> String
    private let worker: CaseWorker

    /// A session running `generator`'s cases through `runner`, each within `caseDeadline` seconds.
    public init(generator: CaseGenerator, runner: CaseRunner, caseDeadline: Double = 10,
                replayCommand: @escaping @Sendable (CaseID) -> String = { "x17fuzz --replay \($0)" }) {
        self.generator = generator
        self.runner = runner
        self.caseDeadline = caseDeadline
        self.replayCommand = replayCommand
        worker = CaseWorker(deadline: caseDeadline)
    }

    /// Runs one case with its crash message set and its clock running; checks the contract.
    /// Call on the worker (inside ``run(seed:cases:timeLimit:first:onBreach:)`` or ``checkWatched(_:)``).
    func checkOnWorker(_ fuzzCase: FuzzCase) -> (CaseOutcome, [String]) {
        let label = fuzzCase.id.map { "case \($0), replay: \(replayCommand($0))" } ?? "case \(fuzzCase.mutations.first ?? fuzzCase.spec)"
        CrashGuard.setMessage("\nx17fuzz: CRASH in \(label)\n")
        worker.begin(label)
        let outcome = runner.run(fuzzCase)
        worker.end()
        CrashGuard.setMessage(nil)
        return (outcome, ContractCheck.breaches(of: outcome, for: fuzzCase, runner: runner))
    }

    /// One case on the worker thread under the hang deadline: the outcome and the contract breaches.
    public func check(_ fuzzCase: FuzzCase) -> (CaseOutcome, [String]) {
        worker.run { self.checkOnWorker(fuzzCase) }
    }

    /// Runs cases `seed:first`, … until `cases` are done or `timeLimit` seconds have passed, on the worker
    /// thread; `onBreach` sees every breach as it is found (on the worker).
    public func run(seed: UInt64, cases: Int?, timeLimit: Double?, first: UInt64 = 0,
                    onBreach: @escaping @Sendable (Breach) -> Void = { _ in }) -> Tally {
        worker.run { self.runLoop(seed: seed, cases: cases, timeLimit: timeLimit, first: first, onBreach: onBreach) }
    }

    private func runLoop(seed: UInt64, cases: Int?, timeLimit: Double?, first: UInt64, onBreach: (Breach) -> Void) -> Tally {
        var tally = Tally()
        let start = Date()
        var index = first
        while cases.map({ tally.cases < $0 }) ?? true {
            if let timeLimit, Date().timeIntervalSince(start) >= timeLimit { break }
            let id = CaseID(seed: seed, index: index)
            let caseStart = Date()
            let fuzzCase = generator.makeCase(id)
            let (outcome, problems) = checkOnWorker(fuzzCase)
            let elapsed = Date().timeIntervalSince(caseStart)
            if elapsed > tally.slowest?.seconds ?? -1 { tally.slowest = (id, elapsed) }
            tally.cases += 1
            switch outcome {
            case .ok: tally.ok += 1
            case .invalidFit: tally.invalidFit += 1
            case .inputError: tally.inputError += 1
            case .otherError: break
            }
            if !problems.isEmpty {
                tally.breaches += 1
                onBreach(Breach(fuzzCase: fuzzCase, outcome: outcome, problems: problems))
            }
            index += 1
        }
        tally.seconds = Date().timeIntervalSince(start)
        return tally
    }
}
