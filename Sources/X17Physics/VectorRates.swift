/// Vector-X emission rates relative to the photon (or E0) transition, before BR(X → e⁺e⁻).
/// Couplings ε_p, ε_n in units of e (ℒ ⊃ e X_μ Σ ε_f f̄γ^μ f), masses in MeV.
public enum VectorRates {
    /// Γ(N* → N X)/Γ(N* → N γ) for ⁸Be and ¹²C; for ⁴He(20.21) the ratio K_He·Γ_X/Γ_E0 (physical convention).
    /// ⁸Be(17.64) and ⁸Be(18.15) use the isospin coefficient of `isospin`; ¹²C and ⁴He are pure isovector /
    /// isoscalar and ignore it. ⁴He(21.01) throws: vector emission from 0⁻ is forbidden.
    /// A closed channel (mX ≥ ΔE) gives 0, continuously; a negative or non-finite mX throws.
    public static func ratio(
        _ t: Transition, mX: Double, epsP: Double, epsN: Double, isospin: IsospinTreatment, inputs: NuclearInputs
    ) throws -> Double {
        try requireFinite(epsP, "eps_p")
        try requireFinite(epsN, "eps_n")
        switch t {
        case .be8_18_15, .be8_17_64:
            return try berylliumRatio(t, mX: mX, epsP: epsP, epsN: epsN,
                                      isospinCoefficient: try inputs.isospinCoefficient(t, isospin))
        case .c12_17_23:
            return try carbonRatio(mX: mX, epsP: epsP, epsN: epsN)
        case .he4_20_21:
            let r = try heliumRatioToE0(
                mX: mX, epsP: epsP, epsN: epsN, exactElectronMass: inputs.heliumExactE0Integral)
            return inputs.heliumRatioScale * r
        case .he4_21_01:
            throw PhysicsError.notAvailable("vector emission from 0⁻ is forbidden (He4_21.01 → 0⁺ needs an axial X)")
        }
    }

    /// The ⁸Be(18.15 / 17.64) case of ``ratio(_:mX:epsP:epsN:isospin:inputs:)`` with the isospin coefficient
    /// `a` already looked up (`NuclearInputs.isospinCoefficient`), for χ² loops that resolve it once.
    @inlinable
    public static func berylliumRatio(
        _ t: Transition, mX: Double, epsP: Double, epsN: Double, isospinCoefficient a: Double
    ) throws -> Double {
        guard t == .be8_18_15 || t == .be8_17_64 else {
            throw PhysicsError.notAvailable("berylliumRatio is defined for the ⁸Be levels only, not \(t.rawValue)")
        }
        try requireFinite(epsP, "eps_p")
        try requireFinite(epsN, "eps_n")
        let sum = epsP + epsN, diff = epsP - epsN
        let k = try Kinematics.momentumOrZero(mX: mX, energy: t.energy)
        let x = k / t.energy
        let amplitude = a * sum + (1 - a) * diff
        // Feng et al. PRL 117 071803 (1604.07411) M1 ratio with isospin weights; docs/physics.md §4.1, §4.2, §6 [V/R/D]
        return amplitude * amplitude * x * x * x
    }

    /// The ¹²C(17.23) case of ``ratio(_:mX:epsP:epsN:isospin:inputs:)`` (no nuclear input), for χ² loops.
    @inlinable
    public static func carbonRatio(mX: Double, epsP: Double, epsN: Double) throws -> Double {
        try requireFinite(epsP, "eps_p")
        try requireFinite(epsN, "eps_n")
        let diff = epsP - epsN
        let e = Transition.c12_17_23.energy
        let k = try Kinematics.momentumOrZero(mX: mX, energy: e)
        // derived: E1 with massive-vector polarisation sum; normalisation fits D&G arXiv:2304.09877 Table I (docs/physics.md §4.3) [D, normalisation R]
        return diff * diff * (k / e) * (1 + mX * mX / (2 * e * e))
    }

    /// ⁴He(20.21) absolute width Γ_X (eV) = α(ε_p+ε_n)²k³mX²M_E0²/18 with M_E0 from `inputs`:
    /// the D&G 2023 reproduction device (compared with ATOMKI's B_x read as eV), not a physical ratio.
    public static func heliumWidthX_eV(mX: Double, epsP: Double, epsN: Double, inputs: NuclearInputs) throws -> Double {
        try heliumWidthX_eV(mX: mX, epsP: epsP, epsN: epsN, e0MatrixElement_fm2: inputs.heliumE0MatrixElement_fm2)
    }

    /// ``heliumWidthX_eV(mX:epsP:epsN:inputs:)`` with M_E0 (fm²) given directly.
    @inlinable
    public static func heliumWidthX_eV(mX: Double, epsP: Double, epsN: Double, e0MatrixElement_fm2 m: Double) throws -> Double {
        try requireFinite(epsP, "eps_p")
        try requireFinite(epsN, "eps_n")
        try requirePositive(m, "M_E0")
        let k = try Kinematics.momentumOrZero(mX: mX, energy: Transition.he4_20_21.energy)
        let mE0 = m / (Constants.hbarC * Constants.hbarC)  // MeV⁻²
        let sum = epsP + epsN
        // derived: longitudinal X, ρ(k) ≈ −k²M_E0/6 (docs/physics.md §4.4) [D]; used as in D&G arXiv:2304.09877 (docs/physics.md §5.2) [R]
        let widthMeV = Constants.alpha * sum * sum * k * k * k * mX * mX * mE0 * mE0 / 18
        return widthMeV * Constants.eVPerMeV
    }

    /// ⁴He(20.21) physical ratio Γ_X/Γ_E0 = (15π/2α)(ε_p+ε_n)²k³mX²/ΔE⁵ (M_E0 cancels);
    /// `exactElectronMass` uses the exact Γ_E0 pair integral instead (ratio +1 %).
    public static func heliumRatioToE0(
        mX: Double, epsP: Double, epsN: Double, exactElectronMass: Bool = false
    ) throws -> Double {
        try requireFinite(epsP, "eps_p")
        try requireFinite(epsN, "eps_n")
        let e = Transition.he4_20_21.energy
        let k = try Kinematics.momentumOrZero(mX: mX, energy: e)
        let sum = epsP + epsN
        let numerator = sum * sum * k * k * k * mX * mX
        if exactElectronMass {
            // derived: Γ_X/Γ_E0 with the Kroll–Wada pair integral (docs/physics.md §4.4) [D]
            return numerator / (Constants.alpha / (3 * Double.pi) * HeliumE0.pairIntegral20_21)
        }
        // derived: R_He,phys = (15π/(2α))(ε_p+ε_n)²k³mX²/ΔE⁵ (docs/physics.md §4.4) [D]
        return 15 * Double.pi / (2 * Constants.alpha) * numerator / (e * e * e * e * e)
    }

    /// Γ_E0 of ⁴He(20.21) → e⁺e⁻ (eV) for M_E0 from `inputs`.
    public static func heliumE0Width_eV(inputs: NuclearInputs, exactElectronMass: Bool = false) throws -> Double {
        try requirePositive(inputs.heliumE0MatrixElement_fm2, "M_E0")
        let mE0 = inputs.heliumE0MatrixElement_fm2 / (Constants.hbarC * Constants.hbarC)
        let a2m2 = Constants.alpha * Constants.alpha * mE0 * mE0
        let e = Transition.he4_20_21.energy
        if exactElectronMass {
            // derived: Γ_E0 = α²M²/(54π) ∫ds (ΔE²−s)^{3/2}(1+2m²/s)β (docs/physics.md §4.4) [D]
            return a2m2 / (54 * Double.pi) * HeliumE0.pairIntegral20_21 * Constants.eVPerMeV
        }
        // derived: m_e → 0: Γ_E0 = α²ΔE⁵M²/(135π) (docs/physics.md §4.4) [D]
        return a2m2 * e * e * e * e * e / (135 * Double.pi) * Constants.eVPerMeV
    }
}

/// The E0 pair-emission integral of ⁴He(20.21).
enum HeliumE0 {
    /// ∫_{4m_e²}^{ΔE²} ds (ΔE² − s)^{3/2} β (1 + 2m_e²/s), ΔE = 20.21 MeV (MeV⁵), computed once.
    static let pairIntegral20_21: Double = pairIntegral(energy: Transition.he4_20_21.energy)

    /// Composite Simpson after s = 4m² + (ΔE² − 4m²)u², which removes the threshold square root.
    static func pairIntegral(energy: Double, intervals: Int = 4000) -> Double {
        // integrand of Γ_E0: massive-photon rate × Kroll–Wada factor (docs/physics.md §4.4) [D]
        let m2 = Constants.electronMass * Constants.electronMass
        let span = energy * energy - 4 * m2
        func integrand(_ u: Double) -> Double {
            let s = 4 * m2 + span * u * u
            let rest = max(span * (1 - u * u), 0)
            let pow32 = rest * rest.squareRoot()
            let beta = u * (span / s).squareRoot()
            return pow32 * beta * (1 + 2 * m2 / s) * 2 * span * u
        }
        let h = 1.0 / Double(intervals)
        var total = integrand(0) + integrand(1)
        for i in 1..<intervals {
            total += (i % 2 == 1 ? 4 : 2) * integrand(Double(i) * h)
        }
        return total * h / 3
    }
}
