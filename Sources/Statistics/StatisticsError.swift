/// Why a statistics computation refused its input. Every case names the quantity involved.
public enum StatisticsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A field of one measurement is unusable (`field` is e.g. "value", "stat", "syst").
    case invalidMeasurement(id: String, field: String, value: Double, reason: String)
    /// Two measurements share an id.
    case duplicateMeasurement(id: String)
    /// An id that is not part of the measurement set.
    case unknownMeasurement(id: String, context: String)
    /// The covariance of a measurement set is unusable; `detail` says where and why.
    case invalidCovariance(name: String, detail: String)
    /// Two arrays that must have the same length do not.
    case countMismatch(quantity: String, expected: Int, got: Int)
    /// A prediction (or other input vector element) is NaN or infinite.
    case nonFinite(quantity: String, index: Int, value: Double)
    /// A prior or limit term was given an unusable width, centre or bound.
    case invalidPrior(name: String, field: String, value: Double, reason: String)
    /// A scalar argument of a statistics function is out of its domain.
    case invalidArgument(function: String, argument: String, value: Double, reason: String)
    /// A profile-grid or contour request is unusable.
    case invalidGrid(String)
    /// A parameter name that the fit does not have.
    case unknownParameter(name: String, known: [String])
    /// Shards given to ``ProfileGrid/merge(_:)`` do not belong to one grid.
    case mergeMismatch(String)
    /// The minimizer refused the set-up (e.g. a non-finite χ² at the start).
    case minimizer(String)

    public var description: String {
        switch self {
        case let .invalidMeasurement(id, field, value, reason):
            return "measurement '\(id)': \(field) = \(value) \(reason)"
        case let .duplicateMeasurement(id):
            return "measurement id '\(id)' appears more than once"
        case let .unknownMeasurement(id, context):
            return "\(context): no measurement with id '\(id)'"
        case let .invalidCovariance(name, detail):
            return "covariance of \(name): \(detail)"
        case let .countMismatch(quantity, expected, got):
            return "\(quantity): expected \(expected) elements, got \(got)"
        case let .nonFinite(quantity, index, value):
            return "\(quantity)[\(index)] = \(value) is not finite"
        case let .invalidPrior(name, field, value, reason):
            return "prior '\(name)': \(field) = \(value) \(reason)"
        case let .invalidArgument(function, argument, value, reason):
            return "\(function): \(argument) = \(value) \(reason)"
        case let .invalidGrid(what):
            return "profile grid: \(what)"
        case let .unknownParameter(name, known):
            return "unknown parameter '\(name)' (known: \(known.joined(separator: ", ")))"
        case let .mergeMismatch(what):
            return "cannot merge grid shards: \(what)"
        case let .minimizer(what):
            return "minimizer: \(what)"
        }
    }
}
