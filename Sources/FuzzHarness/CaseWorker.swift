import Foundation

/// Runs fuzz cases on a worker thread (large stack, alternate signal stack) while the calling thread
/// watches the clock of the current case: a case running longer than the deadline is a hang, reported
/// with its reproducer before the process exits (status 3), since a stuck thread cannot be stopped.
///
/// The worker runs a whole batch of cases, so that there is no thread hand-off per case (on a loaded
/// machine each wake-up can wait for a time slice).
public final class CaseWorker: @unchecked Sendable {
    private let lock = NSLock()
    private var started: Date?
    private var label = ""
    /// Seconds one case may take.
    public let deadline: Double

    /// A worker whose cases may each take `deadline` seconds.
    public init(deadline: Double) { self.deadline = deadline }

    /// Marks the start of a case (called on the worker); `label` is printed if it hangs.
    public func begin(_ label: String) {
        lock.lock()
        started = Date()
        self.label = label
        lock.unlock()
    }

    /// Marks the end of the current case.
    public func end() {
        lock.lock()
        started = nil
        lock.unlock()
    }

    private func overdue() -> String? {
        lock.lock()
        defer { lock.unlock() }
        guard let started, Date().timeIntervalSince(started) > deadline else { return nil }
        return label
    }

    /// Runs `body` on a new worker thread and waits for it, checking the current case's clock meanwhile.
    public func run<T>(stackSize: Int = 64 << 20, _ body: @escaping @Sendable () -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            CrashGuard.installAlternateStack()
            box.value = body()
            done.signal()
        }
        thread.stackSize = stackSize
        thread.name = "x17fuzz-cases"
        thread.start()
        while done.wait(timeout: .now() + 0.05) == .timedOut {
            if let label = overdue() {
                FileHandle.standardError.write(Data("\nx17fuzz: HANG (no result after \(deadline) s) in \(label)\n".utf8))
                exit(3)
            }
        }
        return box.value!
    }
}

/// The worker's result, written once by the worker before it signals.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
