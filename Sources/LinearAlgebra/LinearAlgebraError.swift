/// Why a linear-algebra operation refused its input. Every case names the quantity involved.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The leading minor of order `leadingMinor` (1-based, as LAPACK counts) is not positive.
    case notPositiveDefinite(name: String, leadingMinor: Int)
    /// A zero pivot at `pivot` (1-based) in a symmetric indefinite factorisation.
    case singular(name: String, pivot: Int)
    case nonFinite(name: String, row: Int, column: Int)
    case notSquare(name: String, rows: Int, columns: Int)
    case notSymmetric(name: String, row: Int, column: Int, relativeDifference: Double)
    case dimensionMismatch(String)
    /// LAPACK reported an argument error or failed to converge.
    case lapack(routine: String, info: Int)

    public var description: String {
        switch self {
        case let .notPositiveDefinite(name, k):
            return "\(name) is not positive definite: its leading minor of order \(k) is not positive"
        case let .singular(name, p):
            return "\(name) is singular (zero pivot at \(p))"
        case let .nonFinite(name, r, c):
            return "\(name) has a non-finite element (NaN or infinity) at row \(r), column \(c)"
        case let .notSquare(name, r, c):
            return "\(name) is not square (\(r)×\(c))"
        case let .notSymmetric(name, r, c, d):
            return "\(name) is not symmetric: elements (\(r),\(c)) and (\(c),\(r)) differ by \(d) relative"
        case let .dimensionMismatch(what):
            return "dimension mismatch: \(what)"
        case let .lapack(routine, info):
            return "LAPACK \(routine) failed with info = \(info)"
        }
    }
}
