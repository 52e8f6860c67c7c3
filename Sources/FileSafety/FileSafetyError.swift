/// Why an output was refused or could not be written; `description` names the path and says how to proceed.
public struct FileSafetyError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Reason: Sendable, Equatable {
        /// Writing would delete or overwrite something x17fit did not write (or needs `--force`).
        case refused
        /// The file system failed (permissions, a file where a folder is needed, disk full).
        case io
    }

    public var path: String
    public var reason: Reason
    public var message: String

    public init(_ reason: Reason, path: String, _ message: String) {
        self.reason = reason
        self.path = path
        self.message = message
    }

    public var description: String { "'\(path)' \(message)" }
}
