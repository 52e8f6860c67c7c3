/// Quantities bounded by external (non-ATOMKI) experiments, as functions of the X couplings.
///
/// Conventions (docs/physics.md §12): ε in units of e, C = e·ε with e = √(4πα); axial couplings a_N, a_e absolute;
/// ε_ν couples to left-handed ν_e only, so C_νV − C_νA = e·ε_ν.
public enum ExternalConstraints {
    /// ΔQ = (C_uV + C_uA) − (C_dV + C_dA) − (C_νV − C_νA) + (C_eV − C_eA) with C_uV − C_dV = e(ε_p − ε_n) and
    /// C_uA − C_dA = (a_p − a_n)/(Δu − Δd) (seed 000 Eqs. 34–35 and 46, SINDRUM-I recast) [V].
    public static func sindrumDeltaQ(
        epsP: Double, epsN: Double, aP: Double, aN: Double, epsE: Double = 0, aE: Double = 0, epsNu: Double = 0,
        spinFractions f: SpinFractions = .reference
    ) throws -> Double {
        let gA = f.deltaUp - f.deltaDp
        guard gA.isFinite, gA != 0 else {
            throw PhysicsError.invalidParameter(name: "Delta_u_p - Delta_d_p", value: gA, reason: "must be non-zero")
        }
        let e = Constants.elementaryCharge
        // derived: nucleon part e(ε_p−ε_n) + (a_p−a_n)/(Δu−Δd), lepton part −eε_ν + eε_e − a_e (seed 000 Eq. 46) [D]
        return e * (epsP - epsN) + (aP - aN) / gA - e * epsNu + e * epsE - aE
    }

    /// |C_n|·|(126/208)C_n + (82/208)C_p| for ²⁰⁸Pb (seed 000 Eq. 48, n–Pb scattering) [V].
    public static func neutronLead(epsP: Double, epsN: Double) -> Double {
        let e = Constants.elementaryCharge
        let cP = e * epsP, cN = e * epsN
        return abs(cN) * abs((126 * cN + 82 * cP) / 208)
    }

    /// sign(ε_n ε_ν)·√|ε_n ε_ν| (Denton–Gehrlein arXiv:2304.09877 §III, Dresden-II CEvNS) [V].
    public static func cevnsSignedRoot(epsN: Double, epsNu: Double) -> Double { signedRoot(epsN * epsNu) }

    /// sign(ε_e ε_ν)·√|ε_e ε_ν| (Denton–Gehrlein arXiv:2304.09877 App. A, TEXONO ν–e) [V].
    public static func texonoSignedRoot(epsE: Double, epsNu: Double) -> Double { signedRoot(epsE * epsNu) }

    /// |C_eA|·|55 C_p + 78 C_n|/399 = |C_eA|·|(188/399)C_uV + (211/399)C_dV| for ¹³³Cs (seed 000 Eq. 39) [V].
    public static func cesiumAPV(aE: Double, epsP: Double, epsN: Double) -> Double {
        let e = Constants.elementaryCharge
        return abs(aE) * abs(55 * e * epsP + 78 * e * epsN) / 399
    }

    /// |C_eV · C_eA| (seed 000 Eq. 40, E158 Møller scattering) [V].
    public static func moller(epsE: Double, aE: Double) -> Double {
        abs(epsE * Constants.elementaryCharge * aE)
    }

    /// √(C_eV² + C_eA²), the electron coupling magnitude in KLOE and beam-dump bounds (seed 000 Eqs. 44–45) [V].
    public static func electronCoupling(epsE: Double, aE: Double) -> Double {
        let cV = epsE * Constants.elementaryCharge
        return (cV * cV + aE * aE).squareRoot()
    }

    /// The same magnitude in units of e, √(ε_e² + (a_e/e)²): NA64 and E137 quote ε_e for a vector; for mX ≫ m_e the
    /// production and visible decay depend on g_V² + g_A² (docs/physics.md §12.5) [D].
    public static func effectiveEpsE(epsE: Double, aE: Double) -> Double {
        electronCoupling(epsE: epsE, aE: aE) / Constants.elementaryCharge
    }

    /// Lab decay length (cm) of an X emitted in a transition of `energy` (recoil off `groundStateMass`):
    /// L = (|k_X|/mX)·ħc/Γ_tot with Γ_tot = Γ(X → e⁺e⁻)/BR (docs/physics.md §8 and §12.6) [D].
    public static func decayLength_cm(
        mX: Double, epsE: Double, aE: Double, branchingRatio br: Double, energy: Double, groundStateMass: Double
    ) throws -> Double {
        try requirePositive(br, "BR_ee")
        let gammaEE = try XDecay.widthToElectrons(mX: mX, gV: epsE * Constants.elementaryCharge, gA: aE)
        guard gammaEE > 0 else { return .infinity }
        let k = try Kinematics.momentumWithRecoil(mX: mX, energy: energy, groundStateMass: groundStateMass)
        return try XDecay.decayLength_cm(mX: mX, momentum: k, totalWidth: gammaEE / br)
    }

    static func signedRoot(_ product: Double) -> Double {
        product < 0 ? -(-product).squareRoot() : product.squareRoot()
    }
}
