#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Two-body kinematics of N* → N X and of the X → e⁺e⁻ opening angle. Energies in MeV, angles in degrees.
public enum Kinematics {
    /// |k_X| = √(ΔE² − mX²), recoil neglected (the form D&G use). Throws unless 0 ≤ mX < ΔE.
    public static func momentum(mX: Double, energy: Double) throws -> Double {
        try requireNonNegative(mX, "mX")
        try requirePositive(energy, "transition energy")
        guard mX < energy else {
            throw PhysicsError.massAboveThreshold(mX: mX, energy: energy, what: "the transition")
        }
        // derived: no-recoil two-body limit, as D&G arXiv:2304.09877 and FTV arXiv:2006.01151 (docs/physics.md §3) [D]
        return ((energy - mX) * (energy + mX)).squareRoot()
    }

    /// |k_X| for a rate: like `momentum`, but 0 when mX ≥ ΔE (the channel is closed, the rate vanishes
    /// continuously; docs/physics.md §3).
    @inlinable
    public static func momentumOrZero(mX: Double, energy: Double) throws -> Double {
        try requireNonNegative(mX, "mX")
        try requirePositive(energy, "transition energy")
        return mX < energy ? ((energy - mX) * (energy + mX)).squareRoot() : 0
    }

    /// X energy including the nuclear recoil, E_X = (M*² − M² + mX²)/(2M*), M* = M + ΔE.
    public static func energyWithRecoil(mX: Double, energy: Double, groundStateMass: Double) throws -> Double {
        try requireNonNegative(mX, "mX")
        try requirePositive(energy, "transition energy")
        try requirePositive(groundStateMass, "ground-state mass")
        let excited = groundStateMass + energy
        // derived: two-body decay at rest, E_X = (M*² − M² + mX²)/(2M*) (docs/physics.md §3) [D]
        let eX = (energy * (excited + groundStateMass) + mX * mX) / (2 * excited)
        guard mX < eX else {
            throw PhysicsError.massAboveThreshold(mX: mX, energy: energy, what: "the transition (with recoil)")
        }
        return eX
    }

    /// |k_X| with the nuclear recoil: √(E_X² − mX²) with E_X from `energyWithRecoil`.
    public static func momentumWithRecoil(mX: Double, energy: Double, groundStateMass: Double) throws -> Double {
        let eX = try energyWithRecoil(mX: mX, energy: energy, groundStateMass: groundStateMass)
        // derived: |k_X| = √(E_X² − mX²) (docs/physics.md §3) [D]
        return ((eX - mX) * (eX + mX)).squareRoot()
    }

    /// Energies and momenta of e⁺ and e⁻ sharing `energy` with asymmetry y (|y| < 1, both above m_e).
    private static func leptons(energy: Double, asymmetry: Double) throws
        -> (ePlus: Double, eMinus: Double, pPlus: Double, pMinus: Double) {
        let me = Constants.electronMass
        guard abs(asymmetry) < 1 else {
            throw PhysicsError.invalidParameter(name: "asymmetry", value: asymmetry, reason: "must satisfy |y| < 1")
        }
        let ePlus = energy * (1 + asymmetry) / 2, eMinus = energy * (1 - asymmetry) / 2
        guard ePlus > me, eMinus > me else {
            throw PhysicsError.invalidParameter(name: "asymmetry", value: asymmetry, reason: "leaves a lepton below m_e")
        }
        // derived: E± = E(1 ± y)/2, p± = √(E±² − m_e²) (docs/physics.md §3) [D]
        return (ePlus, eMinus, ((ePlus - me) * (ePlus + me)).squareRoot(), ((eMinus - me) * (eMinus + me)).squareRoot())
    }

    /// e⁺e⁻ opening angle (degrees) for an X of energy `energy` (no recoil: E_X = ΔE) with the electron mass,
    /// energy asymmetry y = (E₊ − E₋)/(E₊ + E₋); y = 0 is the symmetric pair (the minimum angle).
    public static func openingAngle(mX: Double, energy: Double, asymmetry: Double = 0) throws -> Double {
        let me = Constants.electronMass
        try requireFinite(asymmetry, "asymmetry")
        guard mX.isFinite, mX > 2 * me else {
            throw PhysicsError.invalidParameter(name: "mX", value: mX, reason: "must exceed 2 m_e for X → e⁺e⁻")
        }
        _ = try momentum(mX: mX, energy: energy)
        let (ePlus, eMinus, pPlus, pMinus) = try leptons(energy: energy, asymmetry: asymmetry)
        // derived: invariant mass mX² = 2m_e² + 2(E₊E₋ − p₊p₋ cosθ) (docs/physics.md §3) [D]
        let cosTheta = (ePlus * eMinus + me * me - mX * mX / 2) / (pPlus * pMinus)
        guard cosTheta >= -1, cosTheta <= 1 else {
            throw PhysicsError.invalidParameter(
                name: "asymmetry", value: asymmetry, reason: "not kinematically reachable for mX = \(mX) MeV")
        }
        return acos(cosTheta) * 180 / Double.pi
    }

    /// The m_e → 0 limit of `openingAngle`: θ = 2·arcsin(mX / (E √(1 − y²))) in degrees.
    public static func openingAngleMasslessLimit(mX: Double, energy: Double, asymmetry: Double = 0) throws -> Double {
        _ = try momentum(mX: mX, energy: energy)
        try requireFinite(asymmetry, "asymmetry")
        // D&G 2023 (arXiv:2304.09877) Fig. 1 caption, citing FTV; asymmetric form docs/physics.md §3 [V/D]
        let s = mX / (energy * (1 - asymmetry * asymmetry).squareRoot())
        guard abs(asymmetry) < 1, s <= 1 else {
            throw PhysicsError.invalidParameter(
                name: "asymmetry", value: asymmetry, reason: "not kinematically reachable for mX = \(mX) MeV")
        }
        return 2 * asin(s) * 180 / Double.pi
    }

    /// Inverse of `openingAngle` (with m_e): the X mass giving opening angle θ (degrees) at energy E.
    public static func mass(openingAngle theta: Double, energy: Double, asymmetry: Double = 0) throws -> Double {
        let me = Constants.electronMass
        guard theta.isFinite, theta > 0, theta <= 180 else {
            throw PhysicsError.invalidParameter(name: "opening angle", value: theta, reason: "must be in (0°, 180°]")
        }
        try requirePositive(energy, "transition energy")
        let (ePlus, eMinus, pPlus, pMinus) = try leptons(energy: energy, asymmetry: asymmetry)
        // derived: invariant mass mX² = 2m_e² + 2(E₊E₋ − p₊p₋ cosθ) solved for mX (docs/physics.md §3) [D]
        let m2 = 2 * me * me + 2 * (ePlus * eMinus - pPlus * pMinus * cos(theta * Double.pi / 180))
        return m2.squareRoot()
    }

    /// Excitation energy reached in a capture run: E* = Q + E_p·M_A/(M_A + m_p) (MeV; M_A the target mass).
    public static func excitationEnergy(q: Double, protonEnergy: Double, targetMass: Double) throws -> Double {
        try requireFinite(q, "Q-value")
        try requireNonNegative(protonEnergy, "proton energy")
        try requirePositive(targetMass, "target mass")
        // derived: E* = Q + E_p·M_A/(M_A + m_p), centre-of-mass energy of the capture (docs/physics.md §2) [D]
        return q + protonEnergy * targetMass / (targetMass + Constants.protonMass)
    }
}
