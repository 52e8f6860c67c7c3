import Foundation

/// Why an export could not be produced. Every case names the quantity or path at fault; the CLI
/// maps all of them to exit code 2 (bad input).
public enum ExportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An input value is inconsistent or out of range (`quantity` says which).
    case invalidInput(quantity: String, reason: String)
    /// A value that must be finite is NaN or infinite.
    case nonFinite(quantity: String)

    public var description: String {
        switch self {
        case let .invalidInput(quantity, reason): "invalid \(quantity): \(reason)"
        case let .nonFinite(quantity): "\(quantity) is not finite"
        }
    }
}

extension ExportError: LocalizedError {
    public var errorDescription: String? { description }
}
