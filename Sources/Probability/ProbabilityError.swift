/// An argument outside a function's domain (e.g. a negative χ², a CL not in (0, 1)).
public enum ProbabilityError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidArgument(function: String, argument: String, value: Double, reason: String)

    public var description: String {
        switch self {
        case let .invalidArgument(function, argument, value, reason):
            return "\(function): \(argument) = \(value) \(reason)"
        }
    }
}
