#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The message a fatal signal prints: preformatted before each case, written by the handler with
/// write(2) only (async-signal-safe), so that every crash names its replay command.
nonisolated(unsafe) private let crashBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: crashCapacity)
nonisolated(unsafe) private var crashLength = 0
private let crashCapacity = 1024

private func crashHandler(_ signal: Int32) {
    if crashLength > 0 { _ = write(2, crashBuffer, crashLength) }
    // SA_RESETHAND restored the default action: re-raise so the process dies of the same signal.
    _ = raise(signal)
}

/// Installs the fatal-signal handlers and keeps the "current case" message up to date.
public enum CrashGuard {
    /// The signals a trap, abort, overflow or bad access raises.
    public static let signals: [Int32] = [SIGABRT, SIGSEGV, SIGILL, SIGTRAP, SIGBUS, SIGFPE]

    /// Installs the handlers (on an alternate stack where the thread has one, see ``installAlternateStack()``).
    public static func install() {
        crashLength = 0
        for sig in signals {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = crashHandler
            action.sa_flags = Int32(SA_ONSTACK) | Int32(bitPattern: UInt32(SA_RESETHAND))
            #else
            action.__sigaction_u.__sa_handler = crashHandler
            action.sa_flags = SA_ONSTACK | SA_RESETHAND
            #endif
            sigemptyset(&action.sa_mask)
            sigaction(sig, &action, nil)
        }
    }

    /// Gives the calling thread an alternate signal stack, so a stack overflow still reaches the handler.
    public static func installAlternateStack() {
        let size = 1 << 16
        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        stack.ss_size = size
        stack.ss_flags = 0
        sigaltstack(&stack, nil)
    }

    /// Sets the text printed if the process dies of a signal from now on (nil: print nothing).
    public static func setMessage(_ text: String?) {
        crashLength = 0
        guard let text else { return }
        let bytes = Array(text.utf8.prefix(crashCapacity))
        bytes.withUnsafeBufferPointer { crashBuffer.update(from: $0.baseAddress!, count: bytes.count) }
        crashLength = bytes.count
    }
}
