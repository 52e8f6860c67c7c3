import Foundation
import FuzzHarness

/// x17fuzz: mutates fits/*.toml and datasets/**/*.csv and checks the command-line contract of issue #12
/// (exit 0 / 1 with Minuit's flags / 2 naming file, line, column and field; no crash, hang or NaN result).
let usage = """
    usage: x17fuzz [--seed S] [--cases N] [--time-limit SECONDS] [--toml] [--root DIR] [--deadline SECONDS]
           x17fuzz --replay SEED:INDEX [--toml] [--save DIR]
      --seed S            session seed (default 1); case i is generated from S and i alone
      --cases N           stop after N cases (default: 1000 without --time-limit)
      --time-limit S      stop after S seconds
      --replay SEED:INDEX rerun one case verbosely (mutations, outcome, contract check)
      --save DIR          with --replay: write the case's mutated files and manifest.json (a regression fixture)
      --toml              also mutate the fit specs (off: the TOMLKit parser aborts on some inputs)
      --root DIR          repository root holding fits/ and datasets/ (default: .)
      --deadline S        seconds one case may take before it is reported as a hang (default 10)
      --self-test KIND    check the guards: KIND = crash (a trap in a case), recursion (a stack
                          overflow) or hang (a case that sleeps)
    """

/// Unbounded recursion for `--self-test recursion` (the stack overflows: SIGSEGV on the alternate stack).
@inline(never)
func recurse(_ depth: Int) -> Int {
    if depth == Int.max { return 0 }  // never reached before the stack overflows
    var frame = [Int](repeating: depth, count: 64)
    frame[depth % 64] = recurse(depth + 1)
    return frame.reduce(0, &+)
}

/// Prints and flushes, so that the line is out before a crash of the next case.
func say(_ text: String) {
    print(text)
    fflush(nil)
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("x17fuzz: \(message)\n\(usage)\n".utf8))
    exit(2)
}

/// The parsed command line.
struct Options {
    var seed: UInt64 = 1
    var cases: Int?
    var timeLimit: Double?
    var replay: CaseID?
    var save: String?
    var toml = false
    var root = "."
    var deadline = 10.0
    var selfTest: String?

    init(_ commandLine: [String]) {
        var arguments = commandLine[...]
        func value(_ option: String) -> String {
            guard let v = arguments.popFirst() else { fail("\(option) needs a value") }
            return v
        }
        while let argument = arguments.popFirst() {
            switch argument {
            case "--seed": guard let s = UInt64(value(argument)) else { fail("--seed: expected an unsigned integer") }; seed = s
            case "--cases": guard let n = Int(value(argument)), n > 0 else { fail("--cases: expected a positive integer") }; cases = n
            case "--time-limit":
                guard let t = Double(value(argument)), t > 0 else { fail("--time-limit: expected seconds > 0") }; timeLimit = t
            case "--replay": guard let id = CaseID(parsing: value(argument)) else { fail("--replay: expected SEED:INDEX") }; replay = id
            case "--save": save = value(argument)
            case "--toml": toml = true
            case "--root": root = value(argument)
            case "--deadline": guard let d = Double(value(argument)), d > 0 else { fail("--deadline: expected seconds > 0") }; deadline = d
            case "--self-test": selfTest = value(argument)
            case "-h", "--help": print(usage); exit(0)
            default: fail("unknown argument '\(argument)'")
            }
        }
        if save != nil && replay == nil { fail("--save needs --replay SEED:INDEX") }
    }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let (seed, cases, timeLimit, replay, save, toml, root, deadline) =
    (options.seed, options.cases, options.timeLimit, options.replay, options.save, options.toml, options.root, options.deadline)

CrashGuard.install()
if let kind = options.selfTest {
    // The guards on a fake case: a trap must print the crash line, a sleep past the deadline the hang line.
    let worker = CaseWorker(deadline: 1)
    let label = "self-test case, replay: x17fuzz --self-test \(kind)"
    switch kind {
    case "crash":
        _ = worker.run {
            CrashGuard.setMessage("\nx17fuzz: CRASH in \(label)\n")
            worker.begin(label)
            let empty: [Int] = []
            return empty[empty.count]  // index out of range: a Swift trap
        }
    case "recursion":
        _ = worker.run {
            CrashGuard.setMessage("\nx17fuzz: CRASH in \(label)\n")
            return recurse(1)
        }
    case "hang":
        worker.run { worker.begin(label); Thread.sleep(forTimeInterval: 30) }
    default:
        fail("--self-test: expected crash, recursion or hang, got '\(kind)'")
    }
    fail("--self-test \(kind): the guard did not fire")
}
let corpus: FuzzCorpus
let runner: CaseRunner
do {
    corpus = try FuzzCorpus(root: URL(fileURLWithPath: root))
    runner = try CaseRunner(corpus: corpus)
} catch {
    fail("\(error)")
}
// exit() skips deinit: remove the scratch folder at exit (normal end, breach, or a hang's exit(3)).
nonisolated(unsafe) var scratchFolder = runner.workFolder.path
atexit { try? FileManager.default.removeItem(atPath: scratchFolder) }
let tomlFlag = toml
let session = FuzzSession(generator: CaseGenerator(corpus: corpus, mutateTOML: toml), runner: runner, caseDeadline: deadline,
                          replayCommand: { "x17fuzz --replay \($0)\(tomlFlag ? " --toml" : "")" })

if let replay {
    let fuzzCase = session.generator.makeCase(replay)
    say("case \(replay): spec \(fuzzCase.spec)")
    for m in fuzzCase.mutations { say("  mutation: \(m)") }
    if let i = fuzzCase.injected { say("  injected non-finite '\(i.text)' at \(i.file):\(i.line):\(i.column) field '\(i.field)'") }
    if let save {  // before running: a crashing case is saved too
        do {
            try RegressionFixture.save(fuzzCase, to: URL(fileURLWithPath: save))
            say("saved to \(save)")
        } catch { fail("--save: \(error)") }
    }
    let (outcome, problems) = session.check(fuzzCase)
    say("outcome: \(outcome.summary)")
    for p in problems { say("BREACH: \(p)") }
    if problems.isEmpty { say("contract kept") }
    exit(problems.isEmpty ? 0 : 1)
}

let tally = session.run(seed: seed, cases: cases ?? (timeLimit == nil ? 1000 : nil), timeLimit: timeLimit) { breach in
    let id = breach.fuzzCase.id!
    var text = "BREACH case \(id) (spec \(breach.fuzzCase.spec); \(breach.fuzzCase.mutations.joined(separator: "; ")))\n"
    for p in breach.problems { text += "  \(p)\n" }
    text += "  replay: \(session.replayCommand(id))"
    say(text)
}
say("x17fuzz: seed \(seed)\(toml ? ", toml on" : ", toml off"): \(tally)")
exit(tally.breaches == 0 ? 0 : 1)
