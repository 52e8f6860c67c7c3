#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Axial-vector-X emission rates, before BR(X → e⁺e⁻). Couplings a_p, a_n absolute
/// (ℒ ⊃ X_μ Σ_N a_N N̄γ^μγ⁵N; a_N = e·ε_N^A), masses in MeV.
public enum AxialRates {
    /// Γ(N* → N X_A)/Γ_γ0 for ⁸Be(18.15), ⁸Be(17.64) and ¹²C(17.23); for ⁴He(21.01) the contribution to the
    /// ⁴He signal normalised to the 20.21 E0 transition. Throws `notAvailable` naming any missing ([U]) input;
    /// ⁴He(20.21) 0⁺ → 0⁺ axial emission is forbidden. A closed channel (mX ≥ ΔE) gives 0.
    public static func ratio(_ t: Transition, mX: Double, aP: Double, aN: Double, inputs: NuclearInputs) throws -> Double {
        try requireFinite(aP, "a_p")
        try requireFinite(aN, "a_n")
        switch t {
        case .be8_18_15, .be8_17_64:
            let gamma = try berylliumWidth(t, mX: mX, aP: aP, aN: aN, inputs: inputs)
            return gamma / (try inputs.photonWidth(t) / Constants.eVPerMeV)
        case .c12_17_23:
            try requirePositive(mX, "mX")
            let k = try Kinematics.momentumOrZero(mX: mX, energy: t.energy)
            let x = k / t.energy
            let d = aP - aN
            // derived: 2s½(1p3/2)⁻¹ particle-hole model (Mommers–Vanderhaeghen arXiv:2406.08143), R = κ(a_p−a_n)²(k/ω)³/(16πα), docs/physics.md §7.5 [D]
            return inputs.carbonAxialKappa * d * d * x * x * x / (16 * Double.pi * Constants.alpha)
        case .he4_21_01:
            return try heliumRatioToE0(mX: mX, aP: aP, aN: aN, inputs: inputs)
        case .he4_20_21:
            throw PhysicsError.notAvailable(
                "axial emission from He4_20.21 (0⁺ → 0⁺) is forbidden; the axial ⁴He signal is He4_21.01, whose nuclear "
                + "inputs He21_axial_charge_ME, He21_spin_dipole_ME and He21_population_ratio are not available [U] "
                + "(docs/physics.md §7.4; Viviani et al. PRC 105 014001 not retrieved)")
        }
    }

    /// Γ(⁸Be* → ⁸Be X_A) in MeV = k(2 + ΔE²/mX²)|a_p⟨σ^p⟩ + a_n⟨σ^n⟩|²/(18π) × the normalisation switch.
    public static func berylliumWidth(
        _ t: Transition, mX: Double, aP: Double, aN: Double, inputs: NuclearInputs
    ) throws -> Double {
        guard t == .be8_18_15 || t == .be8_17_64 else {
            throw PhysicsError.notAvailable("the ⁸Be 1⁺ → 0⁺ axial width for \(t.rawValue)")
        }
        try requirePositive(mX, "mX")
        let sigma = try inputs.spinMatrixElement(t)
        let k = try Kinematics.momentumOrZero(mX: mX, energy: t.energy)
        let e = t.energy
        let amplitude = aP * sigma.proton + aN * sigma.neutron
        // KMS PRD 95 115024 (1612.01525) structure [V via Gysbers et al. 2308.13751 Eq. 16]; 1/(18π) derived, docs/physics.md §7.1 [D]
        return inputs.axialNormalisation * k * (2 + e * e / (mX * mX)) * amplitude * amplitude / (18 * Double.pi)
    }

    /// Γ(⁴He(21.01) → ⁴He X_A) in MeV = k³/(2π mX²)·((a_p+a_n)/2)²·|x_c − e^{iφ} x_d|², with the axial-charge
    /// term x_c = ⟨σ·p⟩/M_N and the spin-dipole term x_d = (E/3)⟨σ·r⟩/ħc interfering at the relative phase φ.
    public static func heliumWidth21_01(mX: Double, aP: Double, aN: Double, inputs: NuclearInputs) throws -> Double {
        guard let charge = inputs.heliumAxial.axialCharge else {
            throw PhysicsError.notAvailable("He21_axial_charge_ME: ⁴He(21.01) axial-charge matrix element (Viviani et al. PRC 105 014001) [U]")
        }
        guard let dipole = inputs.heliumAxial.spinDipole else {
            throw PhysicsError.notAvailable("He21_spin_dipole_ME: ⁴He(21.01) spin-dipole matrix element (Viviani et al. PRC 105 014001) [U]")
        }
        try requirePositive(mX, "mX")
        let e = Transition.he4_21_01.energy
        let k = try Kinematics.momentumOrZero(mX: mX, energy: e)
        let nucleonMass = (Constants.protonMass + Constants.neutronMass) / 2
        let a0 = (aP + aN) / 2
        let dipoleMeV = dipole / Constants.hbarC
        let xc = charge / nucleonMass, xd = e * dipoleMeV / 3
        let m2 = xc * xc + xd * xd - 2 * xc * xd * cos(inputs.heliumAxial.relativePhase)
        // derived: longitudinal X only, isoscalar 0⁻ → 0⁺, charge and dipole amplitudes added before squaring; MEs as in Viviani et al. PRC 105 014001 (docs/physics.md §7.4) [D]
        return k * k * k / (2 * Double.pi * mX * mX) * a0 * a0 * m2
    }

    /// Axial ⁴He(21.01) contribution to σ_X/σ_E0: r_pop·(Γ_A/Γ_tot(21.01))/(Γ_E0/Γ_tot(20.21)).
    public static func heliumRatioToE0(mX: Double, aP: Double, aN: Double, inputs: NuclearInputs) throws -> Double {
        let width = try heliumWidth21_01(mX: mX, aP: aP, aN: aN, inputs: inputs)
        guard let population = inputs.heliumAxial.populationRatio else {
            throw PhysicsError.notAvailable("He21_population_ratio: σ(0⁻ 21.01)/σ(0⁺ 20.21) at the ATOMKI beam energies [U]")
        }
        guard let total21 = inputs.heliumTotalWidth_MeV[.he4_21_01], let total20 = inputs.heliumTotalWidth_MeV[.he4_20_21] else {
            throw PhysicsError.notAvailable("total widths Gamma_tot_He4_20.21 / Gamma_tot_He4_21.01")
        }
        let e0 = try VectorRates.heliumE0Width_eV(inputs: inputs, exactElectronMass: inputs.heliumExactE0Integral)
            / Constants.eVPerMeV
        // derived: signal summed over both states, normalised to the 20.21 E0 pairs as in seed 000 §2 (docs/physics.md §7.4) [D]
        return population * (width / total21) / (e0 / total20)
    }
}
