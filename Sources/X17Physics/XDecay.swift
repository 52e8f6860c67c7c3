/// Decays of X: widths in MeV, lengths in cm.
public enum XDecay {
    /// Γ(X → e⁺e⁻) = (mX/12π) β [g_V²(1 + 2m_e²/mX²) + g_A² β²] for absolute couplings g_V, g_A (MeV).
    public static func widthToElectrons(mX: Double, gV: Double, gA: Double = 0) throws -> Double {
        let me = Constants.electronMass
        guard mX.isFinite, mX > 2 * me else {
            throw PhysicsError.invalidParameter(name: "mX", value: mX, reason: "must exceed 2 m_e for X → e⁺e⁻")
        }
        try requireFinite(gV, "g_V")
        try requireFinite(gA, "g_A")
        let r = me * me / (mX * mX)
        let beta = (1 - 4 * r).squareRoot()
        // standard two-body width Γ = (mX/12π)β[g_V²(1 + 2m_e²/mX²) + g_A²β²] (docs/physics.md §8) [D]
        return mX / (12 * Double.pi) * beta * (gV * gV * (1 + 2 * r) + gA * gA * beta * beta)
    }

    /// Γ(X → e⁺e⁻) for a vector coupling e·ε_e: (α ε_e² mX/3) β (1 + 2m_e²/mX²) (MeV).
    public static func vectorWidthToElectrons(mX: Double, epsE: Double) throws -> Double {
        // g_V = e·ε_e in the width above, e² = 4πα (docs/physics.md §8) [D]
        try widthToElectrons(mX: mX, gV: epsE * Constants.elementaryCharge)
    }

    /// Γ(X → ν ν̄) for one flavour with coupling e·ε_ν to left-handed ν only: α ε_ν² mX/6 (MeV).
    public static func widthToNeutrinos(mX: Double, epsNu: Double) throws -> Double {
        try requirePositive(mX, "mX")
        try requireFinite(epsNu, "eps_nu")
        // derived: Γ(X → νν̄) = αε_ν²mX/6, left-handed ν only (docs/physics.md §8) [D]
        return Constants.alpha * epsNu * epsNu * mX / 6
    }

    /// BR(X → e⁺e⁻) = Γ_ee/(Γ_ee + Γ_other).
    public static func branchingRatioToElectrons(widthToElectrons: Double, otherWidth: Double) throws -> Double {
        try requireNonNegative(widthToElectrons, "Gamma_ee")
        try requireNonNegative(otherWidth, "Gamma_other")
        let total = widthToElectrons + otherWidth
        guard total > 0 else {
            throw PhysicsError.invalidParameter(name: "Gamma_tot", value: total, reason: "must be > 0")
        }
        // definition of a branching ratio; Γ_other from the ν (and other) couplings (docs/physics.md §8, §12.1) [D]
        return widthToElectrons / total
    }

    /// Lab decay length L = (|k_X|/mX)·ħc/Γ_tot in cm.
    public static func decayLength_cm(mX: Double, momentum: Double, totalWidth: Double) throws -> Double {
        try requirePositive(mX, "mX")
        try requireNonNegative(momentum, "momentum")
        try requirePositive(totalWidth, "Gamma_tot")
        // derived: L = (|k_X|/mX)·ħc/Γ_tot (docs/physics.md §8) [D]; ħc in MeV·fm, 1 fm = 1e-13 cm
        return momentum / mX * Constants.hbarC / totalWidth * 1e-13
    }
}
