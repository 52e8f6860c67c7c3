/// The nuclear transitions with an ATOMKI X17 measurement.
public enum Transition: String, CaseIterable, Sendable {
    case be8_18_15 = "Be8_18.15"
    case be8_17_64 = "Be8_17.64"
    case he4_20_21 = "He4_20.21"
    case he4_21_01 = "He4_21.01"
    case c12_17_23 = "C12_17.23"

    /// Nominal level energy ΔE above the ground state (MeV).
    /// ⁸Be: Tilley et al. NPA 745 (2004) Tables 8.9/8.10 [V]; ⁴He, ¹²C: TUNL evaluations [M] (docs/physics.md §2).
    @inlinable
    public var energy: Double {
        switch self {
        case .be8_18_15: return 18.15
        case .be8_17_64: return 17.64
        case .he4_20_21: return 20.21
        case .he4_21_01: return 21.01
        case .c12_17_23: return 17.23
        }
    }

    /// J^π of the initial and final state, e.g. "1+ → 0+" (Tilley 2004, TUNL A=4/A=12; docs/physics.md §2).
    public var spinParity: String {
        switch self {
        case .be8_18_15, .be8_17_64: return "1+ → 0+"
        case .he4_20_21: return "0+ → 0+"
        case .he4_21_01: return "0- → 0+"
        case .c12_17_23: return "1- → 0+"
        }
    }

    /// Electromagnetic multipolarity of the transition to the ground state ("M0" for ⁴He 0⁻→0⁺, γ-forbidden).
    public var multipolarity: String {
        switch self {
        case .be8_18_15, .be8_17_64: return "M1"
        case .he4_20_21: return "E0"
        case .he4_21_01: return "M0"
        case .c12_17_23: return "E1"
        }
    }

    /// Ground-state radiative width Γ_γ0 (eV) where one exists.
    /// ⁸Be: Tilley 2004 Table 8.10 [V]; ¹²C: 44 eV, seed 000 §1 [V]; ⁴He: no γ decay to the ground state.
    public var photonWidth0_eV: Double? {
        switch self {
        case .be8_18_15: return 1.9
        case .be8_17_64: return 15.0
        case .c12_17_23: return 44.0
        case .he4_20_21, .he4_21_01: return nil
        }
    }

    /// Nucleus name ("8Be", "4He", "12C").
    public var nucleus: String {
        switch self {
        case .be8_18_15, .be8_17_64: return "8Be"
        case .he4_20_21, .he4_21_01: return "4He"
        case .c12_17_23: return "12C"
        }
    }

    /// Ground-state mass of the nucleus (MeV), for recoil kinematics.
    public var groundStateMass: Double {
        switch self {
        case .be8_18_15, .be8_17_64: return Constants.beryllium8Mass
        case .he4_20_21, .he4_21_01: return Constants.helium4Mass
        case .c12_17_23: return Constants.carbon12Mass
        }
    }

    /// Q-value of the proton capture that populates the level (MeV).
    /// p+⁷Li 17.2551 [V Tilley 2004]; p+³H 19.814 and p+¹¹B 15.957 [M] (docs/physics.md §2).
    public var captureQValue: Double {
        switch self {
        case .be8_18_15, .be8_17_64: return 17.2551
        case .he4_20_21, .he4_21_01: return 19.814
        case .c12_17_23: return 15.957
        }
    }
}

/// The Lorentz structure of the X couplings to quarks and nucleons.
public enum Hypothesis: String, CaseIterable, Sendable {
    case vector, axial, mixed
}

/// How the isospin structure of the ⁸Be 1⁺ levels enters the vector rate (D&G Table I rows).
public enum IsospinTreatment: String, CaseIterable, Sendable {
    case none, mixing
    case mixingBreaking = "mixing-breaking"
}

/// Which ⁴He normalisation a fit uses (docs/physics.md §5).
public enum HeConvention: String, CaseIterable, Sendable {
    /// D&G reproduction device: absolute Γ_X (eV) with M_E0 compared with ATOMKI's B_x read as eV.
    case dg2023
    /// The physical ratio Γ_X/Γ_E0 (M_E0 cancels).
    case ratio
}
