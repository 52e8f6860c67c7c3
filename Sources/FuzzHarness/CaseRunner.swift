import Foundation
import X17Analysis

/// How one case ended.
public enum CaseOutcome: Sendable {
    /// The fit ran and is valid.
    case ok(FitResult)
    /// The fit ran and is not valid: the CLI exits 1 and prints these problems (Minuit's flags).
    case invalidFit(FitResult)
    /// Bad input: the CLI exits 2 with this message.
    case inputError(InputError)
    /// Any other error: the CLI would exit 1 without flags, a contract breach.
    case otherError(type: String, message: String)

    /// ok, invalid fit, input error or other error.
    public var className: String {
        switch self {
        case .ok: "ok"
        case .invalidFit: "invalid fit"
        case .inputError: "input error"
        case .otherError: "other error"
        }
    }

    /// One line for verbose output.
    public var summary: String {
        switch self {
        case .ok(let r): "ok: chi2 \(r.chi2)/\(r.ndof), Nsigma \(r.nsigma.map { "\($0)" } ?? "nil")"
        case .invalidFit(let r): "invalid fit: \(r.problems.joined(separator: "; "))"
        case .inputError(let e): "input error (exit 2): \(e.description)"
        case .otherError(let type, let message): "other error \(type) (exit 1 without flags): \(message)"
        }
    }
}

/// A scratch copy of the corpus (`fits/`, `datasets/`) in which cases are applied and undone one at a time.
public final class CaseRunner: @unchecked Sendable {
    /// The original files, restored after every case.
    public let corpus: FuzzCorpus
    /// The scratch folder holding `fits/` and `datasets/`.
    public let workFolder: URL
    /// Call limit of each MIGRAD run, so that no case takes seconds.
    public var maxCalls = 1_500

    /// Copies every corpus file into a new temporary folder: under /dev/shm when it is writable (each case
    /// writes and restores files; on a disk-backed /tmp that I/O is ten times the cost of the fit), else the
    /// system temporary folder.
    public init(corpus: FuzzCorpus) throws {
        self.corpus = corpus
        let fm = FileManager.default
        let shm = URL(fileURLWithPath: "/dev/shm")
        let base = fm.isWritableFile(atPath: shm.path) ? shm : fm.temporaryDirectory
        workFolder = base.appendingPathComponent("x17fuzz-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        for (path, bytes) in corpus.files {
            let url = workFolder.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
    }

    deinit { try? FileManager.default.removeItem(at: workFolder) }

    /// The bytes a path holds in `fuzzCase` (nil for a folder or a file outside the corpus).
    public func contents(of path: String, in fuzzCase: FuzzCase) -> [UInt8]? {
        if let edit = fuzzCase.edits.last(where: { $0.path == path }) {
            if case .contents(let bytes) = edit.change { return bytes }
            return nil
        }
        return corpus.files[path]
    }

    /// Writes the case's files, runs load → set-up → MIGRAD + HESSE in process, and restores the files.
    public func run(_ fuzzCase: FuzzCase) -> CaseOutcome {
        let fm = FileManager.default
        for edit in fuzzCase.edits { apply(edit, fm) }
        defer {
            for edit in fuzzCase.edits { restore(edit.path, fm) }
        }
        do {
            let spec = try FitSpec.load(path: workFolder.appendingPathComponent(fuzzCase.spec).path,
                                        display: FuzzCorpus.display(fuzzCase.spec))
            let setup = try FitSetup.prepare(spec: spec, datasets: DatasetLoader(root: workFolder.appendingPathComponent("datasets")))
            let outcome = try FitRunner.run(setup, options: FitOptions(minos: false, strategy: 1, maxCalls: maxCalls))
            return outcome.result.problems.isEmpty ? .ok(outcome.result) : .invalidFit(outcome.result)
        } catch let error as InputError {
            return .inputError(error)
        } catch {
            return .otherError(type: String(reflecting: type(of: error)), message: "\(error)")
        }
    }

    private func apply(_ edit: FileEdit, _ fm: FileManager) {
        let url = workFolder.appendingPathComponent(edit.path)
        try? fm.removeItem(at: url)
        switch edit.change {
        case .contents(let bytes):
            try? fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            _ = fm.createFile(atPath: url.path, contents: Data(bytes))
        case .directory:
            try? fm.createDirectory(at: url, withIntermediateDirectories: true)
        }
    }

    private func restore(_ path: String, _ fm: FileManager) {
        let url = workFolder.appendingPathComponent(path)
        try? fm.removeItem(at: url)
        if let original = corpus.files[path] { _ = fm.createFile(atPath: url.path, contents: Data(original)) }
    }
}
