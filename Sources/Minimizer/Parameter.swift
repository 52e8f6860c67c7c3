/// One named fit parameter: start value, initial step (Minuit's "error"), optional limits, fixed flag.
public struct Parameter: Sendable, Equatable {
    public var name: String
    public var value: Double
    /// Initial step; after a fit it holds the parameter's error, as in iminuit.
    public var step: Double
    public var lower: Double?
    public var upper: Double?
    public var fixed: Bool

    public init(_ name: String, value: Double, step: Double, lower: Double? = nil, upper: Double? = nil,
                fixed: Bool = false) {
        self.name = name
        self.value = value
        self.step = step
        self.lower = lower
        self.upper = upper
        self.fixed = fixed
    }

    public var hasLimits: Bool { lower != nil || upper != nil }

    /// False when `value` is below the lower or above the upper limit (both ends allowed). Finiteness
    /// is not checked here.
    public func admits(_ value: Double) -> Bool {
        !(lower.map { value < $0 } ?? false) && !(upper.map { value > $0 } ?? false)
    }
}

/// The function to minimise and its `errordef` (1 for χ², 0.5 for −ln L).
///
/// The function receives ALL parameters (fixed ones included) in declaration order, external coordinates.
public struct CostFunction: Sendable {
    /// ΔF that defines one standard deviation: 1 for χ², 0.5 for −ln L. Never defaulted.
    public let errordef: Double
    /// Optional analytic gradient in external coordinates (all parameters, declaration order).
    public let gradient: (@Sendable ([Double]) -> [Double])?
    public let function: @Sendable ([Double]) -> Double
    /// Shared by copies of this value: tells a ``MigradWorkspace`` that it serves the same function.
    let identity = CostIdentity()

    public init(errordef: Double, gradient: (@Sendable ([Double]) -> [Double])? = nil,
                _ f: @escaping @Sendable ([Double]) -> Double) {
        self.errordef = errordef
        self.gradient = gradient
        self.function = f
    }

    public func callAsFunction(_ x: [Double]) -> Double { function(x) }
}

/// Identity token of a ``CostFunction`` value and its copies.
final class CostIdentity: Sendable {}

/// Why a minimisation could not be set up. Every case names the quantity involved.
public enum MinimizerError: Error, Equatable, Sendable, CustomStringConvertible {
    case startOutsideLimits(name: String, value: Double, lower: Double?, upper: Double?)
    /// lower ≥ upper.
    case invalidLimits(name: String, lower: Double, upper: Double)
    case nonPositiveStep(name: String, step: Double)
    /// The parameter list is empty or every parameter is fixed.
    case noFreeParameters
    /// The function is NaN or infinite at the start point (`point` lists name=value).
    case nonFiniteAtStart(value: Double, point: String)
    case unknownParameter(name: String)
    case duplicateName(name: String)
    case nonFiniteParameter(name: String, field: String)
    case invalidErrordef(Double)
    case invalidConfidenceLevel(Double)
    /// MINOS and contours need a valid minimum from MIGRAD first.
    case noValidMinimum(String)
    case parameterFixed(name: String)

    public var description: String {
        func lim(_ v: Double?) -> String { v.map { "\($0)" } ?? "none" }
        switch self {
        case let .startOutsideLimits(n, v, lo, hi):
            return "parameter '\(n)': start value \(v) is outside its limits [\(lim(lo)), \(lim(hi))]"
        case let .invalidLimits(n, lo, hi):
            return "parameter '\(n)': lower limit \(lo) is not below upper limit \(hi)"
        case let .nonPositiveStep(n, s):
            return "parameter '\(n)': step \(s) must be positive"
        case .noFreeParameters:
            return "no free parameters: the parameter list is empty or all parameters are fixed"
        case let .nonFiniteAtStart(v, p):
            return "the function is \(v) (not finite) at the start point \(p)"
        case let .unknownParameter(n):
            return "unknown parameter '\(n)'"
        case let .duplicateName(n):
            return "parameter name '\(n)' is used twice"
        case let .nonFiniteParameter(n, f):
            return "parameter '\(n)': \(f) is not finite"
        case let .invalidErrordef(e):
            return "errordef \(e) must be finite and positive (1 for χ², 0.5 for −ln L)"
        case let .invalidConfidenceLevel(c):
            return "confidence level \(c) must be in (0, 1) (probability) or ≥ 1 (number of σ)"
        case let .noValidMinimum(what):
            return "\(what) needs a valid minimum: run migrad first and check FunctionMinimum.isValid"
        case let .parameterFixed(n):
            return "parameter '\(n)' is fixed"
        }
    }
}

/// The variable-metric update used by MIGRAD.
public enum ErrorUpdator: Sendable, Equatable {
    /// Davidon–Fletcher–Powell, Minuit2's default.
    case davidon
    case bfgs
}

/// Minuit2's strategy knobs (`MnStrategy.cxx`).
struct StrategyKnobs: Sendable {
    let level: Int
    let gradientNCycles: Int
    let gradientStepTolerance: Double
    let gradientTolerance: Double
    let hessianNCycles: Int
    let hessianStepTolerance: Double
    let hessianG2Tolerance: Double
    let hessianGradientNCycles: Int

    init(_ level: Int) {
        self.level = level
        switch level {
        case ...0:
            (gradientNCycles, gradientStepTolerance, gradientTolerance) = (2, 0.5, 0.1)
            (hessianNCycles, hessianStepTolerance, hessianG2Tolerance, hessianGradientNCycles) = (3, 0.5, 0.1, 1)
        case 1:
            (gradientNCycles, gradientStepTolerance, gradientTolerance) = (3, 0.3, 0.05)
            (hessianNCycles, hessianStepTolerance, hessianG2Tolerance, hessianGradientNCycles) = (5, 0.3, 0.05, 2)
        default:
            (gradientNCycles, gradientStepTolerance, gradientTolerance) = (5, 0.1, 0.02)
            (hessianNCycles, hessianStepTolerance, hessianG2Tolerance, hessianGradientNCycles) = (7, 0.1, 0.02, 6)
        }
    }
}
