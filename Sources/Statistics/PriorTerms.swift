import Probability

/// A Gaussian penalty ((value − center)/sigma)² on a parameter or derived quantity.
public struct GaussianPrior: Sendable, Equatable {
    public let name: String
    public private(set) var center: Double
    public let sigma: Double

    /// Throws when `center` is not finite or `sigma` is not finite and > 0.
    public init(name: String, center: Double, sigma: Double) throws {
        try Self.checkCenter(center, name: name)
        guard sigma.isFinite, sigma > 0 else {
            throw StatisticsError.invalidPrior(name: name, field: "sigma", value: sigma,
                                               reason: "must be finite and > 0")
        }
        self.name = name
        self.center = center
        self.sigma = sigma
    }

    /// Moves the centre to `center` in place (pseudo-data); throws, changing nothing, unless it is finite.
    public mutating func recenter(_ center: Double) throws {
        try Self.checkCenter(center, name: name)
        self.center = center
    }

    private static func checkCenter(_ center: Double, name: String) throws {
        guard center.isFinite else {
            throw StatisticsError.invalidPrior(name: name, field: "center", value: center, reason: "is not finite")
        }
    }

    /// ((value − center)/sigma)².
    @inlinable
    public func chi2(_ value: Double) -> Double {
        let z = (value - center) / sigma
        return z * z
    }

    /// A Gaussian at `center` (default 0) built from an upper limit `bound` at confidence `cl`.
    ///
    /// Two-sided (default): σ = (bound − center)/Φ⁻¹((1 + cl)/2), so |value| = bound costs the two-sided
    /// Δχ² of that CL (2.706 at 90 %: π⁰ → γX, 1.2e-3 / 1.6449). One-sided: σ = (bound − center)/Φ⁻¹(cl).
    public static func fromUpperLimit(name: String, bound: Double, cl: Double = 0.90, center: Double = 0,
                                      twoSided: Bool = true) throws -> GaussianPrior {
        try GaussianPrior(name: name, center: center, sigma: limitWidth(name: name, bound: bound, center: center,
                                                                        cl: cl, twoSided: twoSided))
    }
}

/// A one-sided penalty for an upper limit (e.g. MEG II): 0 for value ≤ center, and
/// ((value − center)/sigma)² above it.
public struct UpperLimitTerm: Sendable, Equatable {
    /// The Gaussian this term applies above its centre.
    public private(set) var gaussian: GaussianPrior
    public var name: String { gaussian.name }
    public var center: Double { gaussian.center }
    public var sigma: Double { gaussian.sigma }

    public init(name: String, center: Double = 0, sigma: Double) throws {
        gaussian = try GaussianPrior(name: name, center: center, sigma: sigma)
    }

    @inlinable
    public func chi2(_ value: Double) -> Double {
        value > gaussian.center ? gaussian.chi2(value) : 0
    }

    /// ``GaussianPrior/recenter(_:)`` of the Gaussian.
    public mutating func recenter(_ center: Double) throws { try gaussian.recenter(center) }

    /// From an upper limit `bound` at confidence `cl` on a quantity ≥ `center`.
    ///
    /// One-sided (default): σ = (bound − center)/Φ⁻¹(cl), Δχ² = 1.642 at a 90 % bound.
    /// `twoSided: true` uses Φ⁻¹((1 + cl)/2) instead (Δχ² = 2.706 at 90 %).
    public static func fromUpperLimit(name: String, bound: Double, cl: Double = 0.90, center: Double = 0,
                                      twoSided: Bool = false) throws -> UpperLimitTerm {
        try UpperLimitTerm(name: name, center: center,
                           sigma: limitWidth(name: name, bound: bound, center: center, cl: cl, twoSided: twoSided))
    }
}

/// The width σ of a Gaussian penalty that puts the limit `bound` at confidence `cl` (in (0.5, 1)):
/// σ = (bound − center)/Φ⁻¹((1 + cl)/2) two-sided, (bound − center)/Φ⁻¹(cl) one-sided.
public func limitWidth(name: String, bound: Double, center: Double, cl: Double, twoSided: Bool) throws -> Double {
    guard bound.isFinite, bound > center else {
        throw StatisticsError.invalidPrior(name: name, field: "bound", value: bound,
                                           reason: "must be finite and above the centre \(center)")
    }
    guard !cl.isNaN, cl > 0.5, cl < 1 else {
        throw StatisticsError.invalidPrior(name: name, field: "cl", value: cl, reason: "must lie in (0.5, 1)")
    }
    let z = try normalQuantile(twoSided ? 0.5 * (1 + cl) : cl)
    return (bound - center) / z
}
