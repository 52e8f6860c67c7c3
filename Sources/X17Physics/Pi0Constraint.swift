#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Probability

/// The π⁰ → γX (NA48/2) constraint on ε_p.
public enum Pi0Constraint {
    /// BR(π⁰ → γX) = 2ε_p²(1 − mX²/m_π²)³ BR(π⁰ → γγ) (docs/physics.md §9 [D]; |2ε_u + ε_d| = |ε_p| as in D&G arXiv:2304.09877 Sec. III).
    public static func branchingRatio(epsP: Double, mX: Double) throws -> Double {
        try requireFinite(epsP, "eps_p")
        try requireNonNegative(mX, "mX")
        let mPi = Constants.pi0Mass
        guard mX < mPi else {
            throw PhysicsError.massAboveThreshold(mX: mX, energy: mPi, what: "π⁰ → γX")
        }
        let x = 1 - mX * mX / (mPi * mPi)
        return 2 * epsP * epsP * x * x * x * Constants.pi0ToGammaGammaBR
    }

    /// D&G's 90 % bound |ε_p|√BR < 1.2×10⁻³ (arXiv:2304.09877 §II) [V].
    public static let dg2023Bound = 1.2e-3

    /// Width of a zero-centred Gaussian prior whose Δχ² at `bound` equals the two-sided `cl` quantile:
    /// σ = bound/Φ⁻¹((1 + cl)/2); 0.90 → bound/1.6449 (docs/physics.md §9 [R]: reproduces D&G arXiv:2304.09877 Table I).
    public static func priorSigma(bound: Double = dg2023Bound, cl: Double = 0.90) throws -> Double {
        try requirePositive(bound, "bound")
        guard cl.isFinite, cl > 0, cl < 1 else {
            throw PhysicsError.invalidParameter(name: "cl", value: cl, reason: "must be in (0, 1)")
        }
        return bound / (try normalQuantile(0.5 * (1 + cl)))
    }

    /// χ²_π = (ε_p·√BR/σ)².
    public static func chi2(epsP: Double, branchingRatio: Double = 1, sigma: Double) throws -> Double {
        try requireFinite(epsP, "eps_p")
        try requireNonNegative(branchingRatio, "BR_ee")
        try requirePositive(sigma, "sigma")
        let z = epsP * branchingRatio.squareRoot() / sigma
        return z * z
    }
}
