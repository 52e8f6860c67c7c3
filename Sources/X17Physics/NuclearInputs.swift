/// Reduced spin matrix elements ⟨0‖σ^p‖1⟩, ⟨0‖σ^n‖1⟩ (Edmonds, Pauli σ) of a ⁸Be 1⁺ → 0⁺ transition.
public struct SpinMatrixElements: Sendable, Equatable {
    public var proton: Double
    public var neutron: Double
    public init(proton: Double, neutron: Double) {
        self.proton = proton
        self.neutron = neutron
    }
}

/// Quark spin fractions of the proton; the neutron follows by isospin symmetry (Δu^n = Δd^p, Δd^n = Δu^p).
public struct SpinFractions: Sendable, Equatable {
    public var deltaUp: Double
    public var deltaDp: Double
    public var deltaS: Double
    public init(deltaUp: Double, deltaDp: Double, deltaS: Double) {
        self.deltaUp = deltaUp
        self.deltaDp = deltaDp
        self.deltaS = deltaS
    }
    /// seed 000 Eq. (35): Δu^p = 0.897(27), Δd^p = −0.367(27), Δs = −0.026(4) [V].
    public static let reference = SpinFractions(deltaUp: 0.897, deltaDp: -0.367, deltaS: -0.026)
}

/// Nuclear matrix elements of the axial ⁴He(21.01) 0⁻ → 0⁺ emission (Viviani et al. PRC 105 014001; docs/physics.md §7.4); all [U] today.
public struct HeliumAxialInputs: Sendable, Equatable {
    /// ⟨0⁺|Σ_i σ_i·p_i|0⁻⟩ per unit isoscalar coupling (MeV).
    public var axialCharge: Double?
    /// ⟨0⁺|Σ_i σ_i·r_i|0⁻⟩ per unit isoscalar coupling (fm).
    public var spinDipole: Double?
    /// Population ratio σ(0⁻ 21.01)/σ(0⁺ 20.21) at the ATOMKI beam energies.
    public var populationRatio: Double?
    /// Relative phase φ (radians) of the spin-dipole to the axial-charge amplitude: the two interfere as
    /// |x_c − e^{iφ} x_d|². Time-reversal-phased (real) matrix elements give φ = 0 or π; 0 is the
    /// impulse-approximation sign (destructive), π/2 the former quadrature sum.
    public var relativePhase: Double
    public init(axialCharge: Double? = nil, spinDipole: Double? = nil, populationRatio: Double? = nil,
                relativePhase: Double = 0) {
        self.axialCharge = axialCharge
        self.spinDipole = spinDipole
        self.populationRatio = populationRatio
        self.relativePhase = relativePhase
    }
}

/// The nuclear / theory numbers the rates need: a plain value, filled from `datasets/nuclear/*.csv`
/// by id (`init(values:)`), with `.reference` defaults from docs/physics.md.
/// A fit may float any of them as a nuisance parameter named after its id (`setting(_:to:)`).
public struct NuclearInputs: Sendable, Equatable {
    /// ⁴He(0⁺₂ → 0⁺₁) E0 matrix element M_E0 (fm²). Walcher, PLB 31 (1970) 442: 1.10 ± 0.16 [M/R].
    public var heliumE0MatrixElement_fm2: Double
    /// Multiplier K_He on the physical ⁴He ratio Γ_X/Γ_E0 (docs/physics.md §4.4, §5; 1 = physics).
    public var heliumRatioScale: Double
    /// Use the exact-m_e Γ_E0 integral (+1 % on the ratio) instead of the m_e → 0 closed form.
    public var heliumExactE0Integral: Bool
    /// Ground-state radiative widths Γ_γ0 (eV); defaults from `Transition.photonWidth0_eV`.
    public var photonWidth0_eV: [Transition: Double]
    /// ⁸Be spin matrix elements per 1⁺ level (KMS arXiv:1612.01525 recalled, [M]; normalisation ×1 [D], docs/physics.md §7.2).
    public var spinMatrixElements: [Transition: SpinMatrixElements]
    /// Axial ⁸Be rate normalisation switch: 1 (as recalled) or 12 (B-value-normalised reading), docs/physics.md §7.2.
    public var axialNormalisation: Double
    /// Isoscalar weight a of the ⁸Be photon amplitude per level and treatment (b = 1 − a).
    public var isospinA: [Transition: [IsospinTreatment: Double]]
    /// Quark spin fractions of the nucleon.
    public var spinFractions: SpinFractions
    /// ¹²C axial quenching factor κ ∈ {1, 5.7, 17} (docs/physics.md §7.5) [D].
    public var carbonAxialKappa: Double
    /// Total widths of ⁴He(20.21) and ⁴He(21.01) (MeV), TUNL A=4 [M]; used only by the axial ⁴He ratio.
    public var heliumTotalWidth_MeV: [Transition: Double]
    /// Axial ⁴He(21.01) inputs [U].
    public var heliumAxial: HeliumAxialInputs

    public init(
        heliumE0MatrixElement_fm2: Double, heliumRatioScale: Double, heliumExactE0Integral: Bool,
        photonWidth0_eV: [Transition: Double], spinMatrixElements: [Transition: SpinMatrixElements],
        axialNormalisation: Double, isospinA: [Transition: [IsospinTreatment: Double]],
        spinFractions: SpinFractions, carbonAxialKappa: Double, heliumTotalWidth_MeV: [Transition: Double],
        heliumAxial: HeliumAxialInputs
    ) {
        self.heliumE0MatrixElement_fm2 = heliumE0MatrixElement_fm2
        self.heliumRatioScale = heliumRatioScale
        self.heliumExactE0Integral = heliumExactE0Integral
        self.photonWidth0_eV = photonWidth0_eV
        self.spinMatrixElements = spinMatrixElements
        self.axialNormalisation = axialNormalisation
        self.isospinA = isospinA
        self.spinFractions = spinFractions
        self.carbonAxialKappa = carbonAxialKappa
        self.heliumTotalWidth_MeV = heliumTotalWidth_MeV
        self.heliumAxial = heliumAxial
    }

    /// Defaults equal to docs/physics.md and datasets/nuclear/x17-inputs.csv (grades there).
    public static let reference = NuclearInputs(
        heliumE0MatrixElement_fm2: 1.10,  // Walcher 1970 [M], reproduces D&G Table I [R] (docs/physics.md §5.2)
        heliumRatioScale: 1.0,  // K_He = 1: physical ratio (docs/physics.md §4.4)
        heliumExactE0Integral: false,  // closed form, m_e → 0 (docs/physics.md §4.4)
        photonWidth0_eV: [
            .be8_18_15: 1.9,  // Tilley 2004 Table 8.10 [V]
            .be8_17_64: 15.0,  // Tilley 2004 Table 8.10 [V]
            .c12_17_23: 44.0,  // seed 000 §1 [V]
        ],
        spinMatrixElements: [
            .be8_18_15: SpinMatrixElements(proton: -0.047, neutron: -0.132),  // KMS 1612.01525 [M], docs/physics.md §7.2
            .be8_17_64: SpinMatrixElements(proton: -0.073, neutron: 0.102),  // KMS 1612.01525 [M], docs/physics.md §7.2
        ],
        axialNormalisation: 1.0,  // docs/physics.md §7.2: ×1 [D], from the U(1)X paper's Models I–II
        isospinA: [
            // Feng et al. PRD 95 035017 (1608.03591) [M], assignment fixed by D&G Table I [R] (docs/physics.md §6.1)
            .be8_18_15: [.none: 1.0, .mixing: -0.09, .mixingBreaking: 0.05],
            // derived: two-state mixing model with Tilley 2004 Γ_γ0 ratio (docs/physics.md §6.2) [D]
            .be8_17_64: [.none: 0.0, .mixing: 0.01, .mixingBreaking: -0.01],
        ],
        spinFractions: .reference,
        carbonAxialKappa: 1.0,  // docs/physics.md §7.5: κ = 1 (E1 and spin-dipole quenched alike) [D]
        heliumTotalWidth_MeV: [.he4_20_21: 0.50, .he4_21_01: 0.84],  // TUNL A=4 [M] (docs/physics.md §2)
        heliumAxial: HeliumAxialInputs()  // Viviani et al. PRC 105 014001 [U]
    )
}

extension NuclearInputs {
    /// Ids understood by `init(values:)` and `setting(_:to:)` (the `id` column of datasets/nuclear/*.csv).
    /// An id may carry an alternative tag after "@" (e.g. `M_E0@Kegel2023`): the part before "@" names the input.
    public static let inputIDs: [String] = [
        "M_E0", "K_He", "He_E0_exact_me",
        "Gamma_gamma0_18_15", "Gamma_gamma0_17_64", "Gamma_gamma0_C12",
        "sigma_p_18_15", "sigma_n_18_15", "sigma_p_17_64", "sigma_n_17_64", "axial_norm",
        "Be8_18.15_a_none", "Be8_18.15_a_mixing", "Be8_18.15_a_mixing-breaking",
        "Be8_17.64_a_none", "Be8_17.64_a_mixing", "Be8_17.64_a_mixing-breaking",
        "Delta_u_p", "Delta_d_p", "Delta_s", "C12_kappa",
        "Gamma_tot_He4_20.21", "Gamma_tot_He4_21.01",
        "He21_axial_charge_ME", "He21_spin_dipole_ME", "He21_population_ratio", "He21_relative_phase",
    ]

    /// Ids of the inputs `NuclearInputs.reference` has no value for (a fit needing them refuses unless a nuclear
    /// file supplies one; such a value is reported as user-supplied).
    public static var inputsWithoutReference: [String] {
        let he = NuclearInputs.reference.heliumAxial
        return [("He21_axial_charge_ME", he.axialCharge), ("He21_spin_dipole_ME", he.spinDipole),
                ("He21_population_ratio", he.populationRatio)].filter { $0.1 == nil }.map(\.0)
    }

    /// The input name an id sets: the id up to an optional "@tag".
    public static func inputName(ofID id: String) -> String {
        if let at = id.firstIndex(of: "@") { return String(id[..<at]) }
        return id
    }

    /// Starts from `base` and overrides every input named in `values` (keys: ids, see `inputIDs`).
    public init(values: [String: Double], base: NuclearInputs = .reference) throws {
        var result = base
        var seen: Set<String> = []
        for id in values.keys.sorted() {
            let name = NuclearInputs.inputName(ofID: id)
            guard seen.insert(name).inserted else { throw PhysicsError.duplicateInput(name) }
            result = try result.setting(id, to: values[id]!)
        }
        self = result
    }

    /// A copy with the input `id` set to `value` (validated; throws for unknown ids or bad values).
    public func setting(_ id: String, to value: Double) throws -> NuclearInputs {
        var r = self
        let name = NuclearInputs.inputName(ofID: id)
        try requireFinite(value, id)
        switch name {
        case "M_E0": try requirePositive(value, id); r.heliumE0MatrixElement_fm2 = value
        case "K_He": try requirePositive(value, id); r.heliumRatioScale = value
        case "He_E0_exact_me":
            guard value == 0 || value == 1 else {
                throw PhysicsError.invalidParameter(name: id, value: value, reason: "switch must be 0 or 1")
            }
            r.heliumExactE0Integral = value == 1
        case "Gamma_gamma0_18_15": try requirePositive(value, id); r.photonWidth0_eV[.be8_18_15] = value
        case "Gamma_gamma0_17_64": try requirePositive(value, id); r.photonWidth0_eV[.be8_17_64] = value
        case "Gamma_gamma0_C12": try requirePositive(value, id); r.photonWidth0_eV[.c12_17_23] = value
        case "sigma_p_18_15": r.spinMatrixElements[.be8_18_15, default: .init(proton: 0, neutron: 0)].proton = value
        case "sigma_n_18_15": r.spinMatrixElements[.be8_18_15, default: .init(proton: 0, neutron: 0)].neutron = value
        case "sigma_p_17_64": r.spinMatrixElements[.be8_17_64, default: .init(proton: 0, neutron: 0)].proton = value
        case "sigma_n_17_64": r.spinMatrixElements[.be8_17_64, default: .init(proton: 0, neutron: 0)].neutron = value
        case "axial_norm": try requirePositive(value, id); r.axialNormalisation = value
        case "Delta_u_p": r.spinFractions.deltaUp = value
        case "Delta_d_p": r.spinFractions.deltaDp = value
        case "Delta_s": r.spinFractions.deltaS = value
        case "C12_kappa": try requirePositive(value, id); r.carbonAxialKappa = value
        case "Gamma_tot_He4_20.21": try requirePositive(value, id); r.heliumTotalWidth_MeV[.he4_20_21] = value
        case "Gamma_tot_He4_21.01": try requirePositive(value, id); r.heliumTotalWidth_MeV[.he4_21_01] = value
        case "He21_axial_charge_ME": r.heliumAxial.axialCharge = value
        case "He21_spin_dipole_ME": r.heliumAxial.spinDipole = value
        case "He21_population_ratio": try requireNonNegative(value, id); r.heliumAxial.populationRatio = value
        case "He21_relative_phase": try requireFinite(value, id); r.heliumAxial.relativePhase = value
        default:
            for level in [Transition.be8_18_15, .be8_17_64] {
                for treatment in IsospinTreatment.allCases where name == "\(level.rawValue)_a_\(treatment.rawValue)" {
                    r.isospinA[level, default: [:]][treatment] = value
                    return r
                }
            }
            throw PhysicsError.unknownInput(id)
        }
        return r
    }

    /// Γ_γ0 of `t` in eV, or a `notAvailable` error naming it.
    public func photonWidth(_ t: Transition) throws -> Double {
        guard let w = photonWidth0_eV[t] else {
            throw PhysicsError.notAvailable("ground-state photon width Γ_γ0 of \(t.rawValue)")
        }
        return w
    }

    /// The isoscalar weight a of `t` under `treatment`, or a `notAvailable` error naming it.
    public func isospinCoefficient(_ t: Transition, _ treatment: IsospinTreatment) throws -> Double {
        guard let a = isospinA[t]?[treatment] else {
            throw PhysicsError.notAvailable("isospin coefficient a of \(t.rawValue) for treatment '\(treatment.rawValue)'")
        }
        return a
    }

    /// Spin matrix elements of `t`, or a `notAvailable` error naming them.
    public func spinMatrixElement(_ t: Transition) throws -> SpinMatrixElements {
        guard let s = spinMatrixElements[t] else {
            throw PhysicsError.notAvailable("spin matrix elements ⟨σ^p⟩, ⟨σ^n⟩ of \(t.rawValue)")
        }
        return s
    }
}
