import Testing
import X17Physics
import _TestSupport

// docs/physics.md §7.1 and §7.3 (numpy 2.4.6 recomputation with the [M] spin matrix elements, Γ_γ0 Tilley):
//   phase k(2 + E²/m²)/(18π) at 16.85: 0.3769688350932645 (18.15), 0.2857814550937057 (17.64) MeV
//   R/a² at 16.85 (18.15, 17.64): n-only (3457.0026, 198.21802), p-only (438.27587, 101.52862),
//   isoscalar (6357.0834, 16.022814), isovector (1433.4736, 583.47047)

@Test("axial ⁸Be ratios per coupling pattern (docs/physics.md §7.3)", arguments: [
    (0.0, 1.0, 3457.0026224552853, 198.21801725299426),
    (1.0, 0.0, 438.2758719584323, 101.5286249462905),
    (1.0, 1.0, 6357.083392222783, 16.022813582253765),
    (1.0, -1.0, 1433.4735966046508, 583.4704708163157),
])
func axialBerylliumPatterns(aP: Double, aN: Double, r18: Double, r17: Double) throws {
    let a = 1e-4
    let x18 = try AxialRates.ratio(.be8_18_15, mX: 16.85, aP: aP * a, aN: aN * a, inputs: .reference)
    let x17 = try AxialRates.ratio(.be8_17_64, mX: 16.85, aP: aP * a, aN: aN * a, inputs: .reference)
    // same closed form: rounding only
    #expect(isClose(x18 / (a * a), r18, rel: 1e-11))
    #expect(isClose(x17 / (a * a), r17, rel: 1e-11))
}

@Test func axialPhaseFactorTable() throws {
    // docs/physics.md §7.1 table (4 digits): 18.15: 0.3999/0.3770/0.3530, 17.64: 0.3130/0.2858/0.2562
    var unit = NuclearInputs.reference
    unit.spinMatrixElements[.be8_18_15] = SpinMatrixElements(proton: 1, neutron: 0)
    unit.spinMatrixElements[.be8_17_64] = SpinMatrixElements(proton: 1, neutron: 0)
    let expected: [(Double, Double, Double)] = [(16.70, 0.3999, 0.3130), (16.85, 0.3770, 0.2858), (17.00, 0.3530, 0.2562)]
    for (mX, p18, p17) in expected {
        #expect(abs(try AxialRates.berylliumWidth(.be8_18_15, mX: mX, aP: 1, aN: 0, inputs: unit) - p18) < 5e-5)
        #expect(abs(try AxialRates.berylliumWidth(.be8_17_64, mX: mX, aP: 1, aN: 0, inputs: unit) - p17) < 5e-5)
    }
}

@Test func axialNormalisationSwitchAndNuisances() throws {
    let base = try AxialRates.ratio(.be8_18_15, mX: 16.85, aP: 3.1e-5, aN: 3.1e-5, inputs: .reference)
    // docs/physics.md §7.3: isoscalar a = 3.1e-5 gives R₁₈ ≈ 6e-6
    #expect(abs(base - 6e-6) < 0.15e-6)
    let x12 = try NuclearInputs.reference.setting("axial_norm@x12", to: 12)
    #expect(isClose(try AxialRates.ratio(.be8_18_15, mX: 16.85, aP: 3.1e-5, aN: 3.1e-5, inputs: x12), 12 * base, rel: 1e-14))
    // Γ_γ0 as a nuisance: R ∝ 1/Γ_γ0
    let wider = try NuclearInputs.reference.setting("Gamma_gamma0_18_15", to: 3.8)
    #expect(isClose(try AxialRates.ratio(.be8_18_15, mX: 16.85, aP: 3.1e-5, aN: 3.1e-5, inputs: wider), base / 2, rel: 1e-14))
}

@Test func axialCarbonParticleHole() throws {
    // docs/physics.md §7.5: κ = 1 needs |a_p − a_n| = 1.2e-2 for 3.6e-6 at 16.85 (numpy: 3.576813111951144e-06)
    let r = try AxialRates.ratio(.c12_17_23, mX: 16.85, aP: 1.2e-2, aN: 0, inputs: .reference)
    #expect(isClose(r, 3.576813111951144e-06, rel: 1e-11))
    let k17 = try NuclearInputs.reference.setting("C12_kappa", to: 17)
    #expect(isClose(try AxialRates.ratio(.c12_17_23, mX: 16.85, aP: 1.2e-2, aN: 0, inputs: k17), 17 * r, rel: 1e-14))
    // pure isovector: a_p = a_n gives nothing
    #expect(try AxialRates.ratio(.c12_17_23, mX: 16.85, aP: 1e-3, aN: 1e-3, inputs: .reference) == 0)
}

@Test func axialHeliumNeedsUnavailableInputs() throws {
    do {
        _ = try AxialRates.ratio(.he4_20_21, mX: 16.85, aP: 1e-4, aN: 1e-4, inputs: .reference)
        Issue.record("expected notAvailable")
    } catch PhysicsError.notAvailable(let what) {
        #expect(what.hasPrefix("axial emission from He4_20.21 (0⁺ → 0⁺) is forbidden"))
        for input in ["He21_axial_charge_ME", "He21_spin_dipole_ME", "He21_population_ratio"] {
            #expect(what.contains(input), "the message names the missing input \(input)")
        }
    }
    do {
        _ = try AxialRates.ratio(.he4_21_01, mX: 16.85, aP: 1e-4, aN: 1e-4, inputs: .reference)
        Issue.record("expected notAvailable")
    } catch let e as PhysicsError {
        #expect(e.description.contains("He21_axial_charge_ME") && e.description.contains("[U]"))
    }
    // with (hypothetical, test-only) inputs the structure is ∝ (a_p + a_n)² and linear in the population ratio
    let filled = try NuclearInputs(values: [
        "He21_axial_charge_ME": 100, "He21_spin_dipole_ME": 0.5, "He21_population_ratio": 1,
    ])
    let r1 = try AxialRates.ratio(.he4_21_01, mX: 16.85, aP: 1e-4, aN: 1e-4, inputs: filled)
    let r2 = try AxialRates.ratio(.he4_21_01, mX: 16.85, aP: 2e-4, aN: 0, inputs: filled)
    let r0 = try AxialRates.ratio(.he4_21_01, mX: 16.85, aP: 1e-4, aN: -1e-4, inputs: filled)
    #expect(r1 > 0 && isClose(r1, r2, rel: 1e-14) && r0 == 0)
    let half = try filled.setting("He21_population_ratio", to: 0.5)
    #expect(isClose(try AxialRates.ratio(.he4_21_01, mX: 16.85, aP: 1e-4, aN: 1e-4, inputs: half), r1 / 2, rel: 1e-14))
}

@Test func axialRejectsMissingSpinMatrixElements() {
    var missing = NuclearInputs.reference
    missing.spinMatrixElements[.be8_17_64] = nil
    #expect(throws: PhysicsError.notAvailable("spin matrix elements ⟨σ^p⟩, ⟨σ^n⟩ of Be8_17.64")) {
        try AxialRates.ratio(.be8_17_64, mX: 16.85, aP: 1e-4, aN: 1e-4, inputs: missing)
    }
    #expect(throws: PhysicsError.self) { try AxialRates.ratio(.be8_18_15, mX: 0, aP: 1e-4, aN: 1e-4, inputs: .reference) }
}

/// Issue 13: the ⁴He(21.01) axial-charge and spin-dipole amplitudes interfere (they used to be added in
/// quadrature). Hand values (independent Python re-derivation, docs/physics.md §7.4): mX = 16.85 MeV,
/// a_p = a_n = 10⁻⁴, ⟨σ·p⟩ = 100 MeV, ⟨σ·r⟩ = 1 fm give Γ = 5.5876e-5 eV at φ = 0 (destructive),
/// 2.2340e-4 eV at φ = π and 1.3964e-4 eV at φ = π/2 (the former quadrature sum); 5 digits are given.
@Test(arguments: [(0.0, 5.5876e-5), (Double.pi, 2.2340e-4), (Double.pi / 2, 1.3964e-4)])
func heliumAxialAmplitudesInterfere(phase: Double, widthEV: Double) throws {
    let inputs = try NuclearInputs(values: ["He21_axial_charge_ME": 100, "He21_spin_dipole_ME": 1, "He21_relative_phase": phase])
    let width = try AxialRates.heliumWidth21_01(mX: 16.85, aP: 1e-4, aN: 1e-4, inputs: inputs) * 1e6
    #expect(isClose(width, widthEV, rel: 1e-4), "φ = \(phase): \(width) eV")
}

@Test func heliumAxialPhaseDefaultsToTheImpulseApproximationSign() throws {
    #expect(NuclearInputs.reference.heliumAxial.relativePhase == 0)
    #expect(throws: PhysicsError.self) { try NuclearInputs(values: ["He21_relative_phase": .nan]) }
    // Constructive over destructive is ((x_c + x_d)/(x_c − x_d))², whatever the couplings.
    let base = try NuclearInputs(values: ["He21_axial_charge_ME": 100, "He21_spin_dipole_ME": 1])
    let plus = try AxialRates.heliumWidth21_01(mX: 16.9, aP: 3e-4, aN: -1e-4, inputs: base)
    let minus = try AxialRates.heliumWidth21_01(mX: 16.9, aP: 3e-4, aN: -1e-4, inputs: try base.setting("He21_relative_phase", to: .pi))
    let xc = 100 / ((Constants.protonMass + Constants.neutronMass) / 2), xd = Transition.he4_21_01.energy / Constants.hbarC / 3
    #expect(isClose(minus / plus, ((xc + xd) / (xc - xd)) * ((xc + xd) / (xc - xd)), rel: 1e-12))
}
