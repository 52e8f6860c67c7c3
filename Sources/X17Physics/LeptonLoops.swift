/// One-loop contributions of an X with vector and axial lepton couplings to lepton anomalous magnetic moments.
///
/// Couplings are absolute: C_V = e·ε_ℓ, C_A = a_ℓ (docs/physics.md §12).
public enum LeptonLoops {
    /// Muon mass (MeV). CODATA 2018 [M].
    public static let muonMass = 105.6583755

    /// G(r) = 2∫₀¹ dx x²(1−x)/(x² + r²(1−x)), r = mX/m_ℓ (Peets 2026, seed 004, Eq. 4) [V].
    public static func vectorLoop(_ r: Double) throws -> Double {
        try requirePositive(r, "r")
        return 2 * integrate { x in x * x * (1 - x) / (x * x + r * r * (1 - x)) }
    }

    /// H(r) = ∫₀¹ dx [2x³ + (x − x²)(4 − x)r²]/(x² + (1−x)r²) (seed 004 Eq. 5) [V].
    public static func axialLoop(_ r: Double) throws -> Double {
        try requirePositive(r, "r")
        return integrate { x in (2 * x * x * x + (x - x * x) * (4 - x) * r * r) / (x * x + (1 - x) * r * r) }
    }

    /// δa_ℓ = C_V² G(r)/(8π²) − C_A² (m_ℓ/mX)² H(r)/(4π²) (seed 004 Eq. 3) [V].
    public static func anomalousMoment(leptonMass m: Double, mX: Double, cV: Double, cA: Double) throws -> Double {
        try requirePositive(m, "lepton mass")
        try requirePositive(mX, "mX")
        try requireFinite(cV, "C_V")
        try requireFinite(cA, "C_A")
        let r = mX / m
        let pi2 = Double.pi * Double.pi
        return cV * cV * (try vectorLoop(r)) / (8 * pi2) - cA * cA * (m * m) / (mX * mX) * (try axialLoop(r)) / (4 * pi2)
    }

    /// Δa_e for electron couplings ε_e (units of e) and a_e (absolute).
    public static func electronMoment(mX: Double, epsE: Double, aE: Double) throws -> Double {
        try anomalousMoment(leptonMass: Constants.electronMass, mX: mX, cV: epsE * Constants.elementaryCharge, cA: aE)
    }

    /// Δa_μ for muon couplings ε_μ (units of e) and a_μ (absolute).
    public static func muonMoment(mX: Double, epsMu: Double, aMu: Double) throws -> Double {
        try anomalousMoment(leptonMass: muonMass, mX: mX, cV: epsMu * Constants.elementaryCharge, cA: aMu)
    }

    /// ∫₀¹ f by adaptive Simpson to a relative tolerance 1e-12 (deterministic: fixed recursion order).
    static func integrate(_ f: (Double) -> Double) -> Double {
        func simpson(_ a: Double, _ b: Double, _ fa: Double, _ fm: Double, _ fb: Double) -> Double {
            (b - a) / 6 * (fa + 4 * fm + fb)
        }
        func step(_ a: Double, _ b: Double, _ fa: Double, _ fm: Double, _ fb: Double, _ whole: Double,
                  _ tolerance: Double, _ depth: Int) -> Double {
            let m = (a + b) / 2
            let lm = (a + m) / 2, rm = (m + b) / 2
            let flm = f(lm), frm = f(rm)
            let left = simpson(a, m, fa, flm, fm), right = simpson(m, b, fm, frm, fb)
            let delta = left + right - whole
            if depth <= 0 || abs(delta) <= 15 * tolerance { return left + right + delta / 15 }
            return step(a, m, fa, flm, fm, left, tolerance / 2, depth - 1)
                + step(m, b, fm, frm, fb, right, tolerance / 2, depth - 1)
        }
        let fa = f(0), fm = f(0.5), fb = f(1)
        let whole = simpson(0, 1, fa, fm, fb)
        return step(0, 1, fa, fm, fb, whole, 1e-12 * max(abs(whole), 1e-300), 40)
    }
}
