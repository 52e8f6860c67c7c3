#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// χ²_π = (ε_p·√BR/σ)².
    public static func chi2(epsP: Double, branchingRatio: Double = 1, sigma: Double) throws -> Double {
        try requireFinite(epsP, "eps_p")
        try requireNonNegative(branchingRatio, "BR_ee")
        try requirePositive(sigma, "sigma")
        // Gaussian prior on ε_p√BR centred at 0 (D&G arXiv:2304.09877 §II; docs/physics.md §9) [R]
        let z = epsP * branchingRatio.squareRoot() / sigma
        return z * z
    }
}
