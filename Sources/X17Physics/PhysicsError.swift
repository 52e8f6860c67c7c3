/// Errors thrown by X17Physics; every message names the offending quantity.
public enum PhysicsError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A formula or input needed for this request is not available (graded [U] or forbidden).
    case notAvailable(String)
    /// The X mass is at or above the transition (or run) energy: the decay is closed.
    case massAboveThreshold(mX: Double, energy: Double, what: String)
    /// A parameter is outside its domain (negative, non-finite, …).
    case invalidParameter(name: String, value: Double, reason: String)
    /// A nuclear-input id that `NuclearInputs` does not know.
    case unknownInput(String)
    /// Two entries set the same nuclear input.
    case duplicateInput(String)

    public var description: String {
        switch self {
        case .notAvailable(let what):
            return "not available: \(what)"
        case .massAboveThreshold(let mX, let energy, let what):
            return "mX = \(mX) MeV is not below the energy \(energy) MeV of \(what): the decay is kinematically closed"
        case .invalidParameter(let name, let value, let reason):
            return "invalid \(name) = \(value): \(reason)"
        case .unknownInput(let id):
            return "unknown nuclear input id '\(id)' (known: \(NuclearInputs.inputIDs.joined(separator: ", ")))"
        case .duplicateInput(let id):
            return "nuclear input '\(id)' is set twice (an id and an '@' alternative of it?)"
        }
    }
}

@inline(__always)
@usableFromInline
func requireFinite(_ value: Double, _ name: String) throws {
    guard value.isFinite else {
        throw PhysicsError.invalidParameter(name: name, value: value, reason: "must be finite")
    }
}

@inline(__always)
@usableFromInline
func requirePositive(_ value: Double, _ name: String) throws {
    guard value.isFinite, value > 0 else {
        throw PhysicsError.invalidParameter(name: name, value: value, reason: "must be finite and > 0")
    }
}

@inline(__always)
@usableFromInline
func requireNonNegative(_ value: Double, _ name: String) throws {
    guard value.isFinite, value >= 0 else {
        throw PhysicsError.invalidParameter(name: name, value: value, reason: "must be finite and ≥ 0")
    }
}
