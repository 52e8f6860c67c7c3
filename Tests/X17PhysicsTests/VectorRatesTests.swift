import Testing
import X17Physics
import _TestSupport

// Reference values: docs/physics.md §3 (k-factors) and §10 unit-test table, each recomputed with
// numpy 2.4.6 / scipy 1.17.1 from the §3–§4 formulas (full digits below; the sheet prints 4–5 digits).

@Test("k-factors of docs/physics.md §3", arguments: [
    // mX, (k/ΔE)³@18.15, (k/ΔE)³@17.64, C factor@17.23, c_He,phys@20.21 (numpy)
    (16.70, 0.06007949712362487, 0.033411538515954915, 0.3617237817209186, 393.8437189842557),
    (16.85, 0.05133188431847356, 0.025911030534096404, 0.3087352200379417, 377.81664564503586),
    (17.00, 0.04298380590063205, 0.019016957836976524, 0.24211249293373133, 361.2926573280869),
])
func kFactors(mX: Double, be18: Double, be17: Double, c: Double, he: Double) throws {
    let inputs = NuclearInputs.reference
    // dark photon ε_p = 1, ε_n = 0: |A_X/A_γ|² = 1, so the ratio is the bare k-factor (docs/physics.md §1.3)
    let r18 = try VectorRates.ratio(.be8_18_15, mX: mX, epsP: 1, epsN: 0, isospin: .none, inputs: inputs)
    let r17 = try VectorRates.ratio(.be8_17_64, mX: mX, epsP: 1, epsN: 0, isospin: .none, inputs: inputs)
    let rC = try VectorRates.ratio(.c12_17_23, mX: mX, epsP: 1, epsN: 0, isospin: .none, inputs: inputs)
    let rHe = try VectorRates.ratio(.he4_20_21, mX: mX, epsP: 1, epsN: 0, isospin: .none, inputs: inputs)
    // same closed forms in double precision: only rounding differences (≤ 1e-12 relative)
    #expect(isClose(r18, be18, rel: 1e-12))
    #expect(isClose(r17, be17, rel: 1e-12))
    #expect(isClose(rC, c, rel: 1e-12))
    #expect(isClose(rHe, he, rel: 1e-12))
}

struct DGRow: Sendable {
    let mX, epsP, epsN: Double
    let isospin: IsospinTreatment
    let be, c, gammaHe, rHe: Double
}

// docs/physics.md §10 unit-test table (numpy full digits): R_Be, R_C, Γ_X(He) [eV], R_He,phys
let dgRows: [DGRow] = [
    DGRow(mX: 16.84, epsP: 1.9e-3, epsN: 5.3e-3, isospin: .none,
          be: 2.6906546687880322e-06, c: 3.613716257673314e-06, gammaHe: 6.636034744316366e-06, rHe: 0.019642220222931613),
    DGRow(mX: 16.85, epsP: 0.8e-3, epsN: 4.3e-3, isospin: .mixing,
          be: 9.376834320687648e-07, c: 3.782006445464786e-06, gammaHe: 3.320010944702738e-06, rHe: 0.009827010953227385),
    DGRow(mX: 16.85, epsP: 0.7e-3, epsN: 4.1e-3, isospin: .mixingBreaking,
          be: 4.589121789955855e-07, c: 3.5689791436386064e-06, gammaHe: 2.9409093489408343e-06, rHe: 0.008704895515661629),
]

@Test("rates at D&G best fits (docs/physics.md §10)", arguments: dgRows.indices)
func ratesAtDGBestFits(index: Int) throws {
    let row = dgRows[index]
    let inputs = NuclearInputs.reference
    let be = try VectorRates.ratio(.be8_18_15, mX: row.mX, epsP: row.epsP, epsN: row.epsN, isospin: row.isospin, inputs: inputs)
    let c = try VectorRates.ratio(.c12_17_23, mX: row.mX, epsP: row.epsP, epsN: row.epsN, isospin: row.isospin, inputs: inputs)
    let gHe = try VectorRates.heliumWidthX_eV(mX: row.mX, epsP: row.epsP, epsN: row.epsN, inputs: inputs)
    let rHe = try VectorRates.heliumRatioToE0(mX: row.mX, epsP: row.epsP, epsN: row.epsN)
    // identical formulas and constants: rounding only
    #expect(isClose(be, row.be, rel: 1e-11))
    #expect(isClose(c, row.c, rel: 1e-11))
    #expect(isClose(gHe, row.gammaHe, rel: 1e-11))
    #expect(isClose(rHe, row.rHe, rel: 1e-11))
    // and the 4-digit values printed in the sheet
    let printed: [(Double, Double, Double)] = [(2.691e-6, 3.614e-6, 6.636e-6), (9.377e-7, 3.782e-6, 3.320e-6), (4.589e-7, 3.569e-6, 2.941e-6)]
    #expect(isClose(be, printed[index].0, rel: 2e-4))
    #expect(isClose(c, printed[index].1, rel: 2e-4))
    #expect(isClose(gHe, printed[index].2, rel: 2e-4))
}

@Test func heliumWidthPerCouplingSquared() throws {
    // docs/physics.md §5.3: Γ_X = 0.1277 eV × (ε_p+ε_n)² at 16.85 MeV, 0.1280 eV at 16.84 (M_E0 = 1.10 fm²)
    #expect(isClose(try VectorRates.heliumWidthX_eV(mX: 16.85, epsP: 1, epsN: 0, inputs: .reference), 0.1277, rel: 5e-4))
    #expect(isClose(try VectorRates.heliumWidthX_eV(mX: 16.84, epsP: 0.5, epsN: 0.5, inputs: .reference), 0.1280, rel: 5e-4))
    // Γ_X ∝ M_E0²
    let doubled = try NuclearInputs.reference.setting("M_E0", to: 2.20)
    #expect(isClose(try VectorRates.heliumWidthX_eV(mX: 16.85, epsP: 1, epsN: 0, inputs: doubled),
                    4 * (try VectorRates.heliumWidthX_eV(mX: 16.85, epsP: 1, epsN: 0, inputs: .reference)), rel: 1e-13))
}

@Test func heliumE0WidthAndExactIntegral() throws {
    // docs/physics.md §4.4 / scipy 1.17.1 quad: Γ_E0 = 3.378454507e-4 eV (m_e → 0), 3.346312600e-4 eV (exact)
    #expect(isClose(try VectorRates.heliumE0Width_eV(inputs: .reference), 3.378454507178891e-4, rel: 1e-11))
    // Simpson with 4000 intervals after the threshold substitution: ≤ 1e-7 relative against scipy quad
    #expect(isClose(try VectorRates.heliumE0Width_eV(inputs: .reference, exactElectronMass: true), 3.34631259986553e-4, rel: 1e-7))
    // docs/physics.md §4.4 / scipy quad: exact-m_e ratio per (ε_p+ε_n)² = 397.627 / 381.446 / 364.763
    for (mX, expected) in [(16.70, 397.62665555510983), (16.85, 381.4456394235178), (17.00, 364.762935360481)] {
        #expect(isClose(try VectorRates.heliumRatioToE0(mX: mX, epsP: 1, epsN: 0, exactElectronMass: true), expected, rel: 1e-7))
    }
}

@Test("dark photon: every treatment gives ε²·k-factor", arguments: IsospinTreatment.allCases)
func darkPhotonIsIsospinBlind(treatment: IsospinTreatment) throws {
    let eps = 3e-3
    for t in [Transition.be8_18_15, .be8_17_64] {
        let bare = try VectorRates.ratio(t, mX: 16.9, epsP: 1, epsN: 0, isospin: .none, inputs: .reference)
        let r = try VectorRates.ratio(t, mX: 16.9, epsP: eps, epsN: 0, isospin: treatment, inputs: .reference)
        // a + b = 1 (docs/physics.md §1.3): only rounding
        #expect(isClose(r, eps * eps * bare, rel: 1e-12), "\(t.rawValue) \(treatment.rawValue)")
    }
}

@Test func isospinStructureOfBeryllium() throws {
    let inputs = NuclearInputs.reference
    // none: 18.15 is pure isoscalar (∝ (ε_p+ε_n)²), 17.64 pure isovector (∝ (ε_p−ε_n)²): a proto-phobic
    // X with ε_p = −ε_n switches 18.15 off, ε_p = ε_n switches 17.64 off
    #expect(try VectorRates.ratio(.be8_18_15, mX: 16.9, epsP: 1e-3, epsN: -1e-3, isospin: .none, inputs: inputs) == 0)
    #expect(try VectorRates.ratio(.be8_17_64, mX: 16.9, epsP: 1e-3, epsN: 1e-3, isospin: .none, inputs: inputs) == 0)
    // mixing (a = −0.09): the amplitude is −0.09 S + 1.09 D
    let k3 = try VectorRates.ratio(.be8_18_15, mX: 16.9, epsP: 1, epsN: 0, isospin: .none, inputs: inputs)
    let r = try VectorRates.ratio(.be8_18_15, mX: 16.9, epsP: 1e-3, epsN: 4e-3, isospin: .mixing, inputs: inputs)
    let amp = -0.09 * 5e-3 + 1.09 * -3e-3
    #expect(isClose(r, amp * amp * k3, rel: 1e-12))
    // 17.64 with isospin variants uses the [D] coefficients (docs/physics.md §6.2), nearly pure isovector
    let r17 = try VectorRates.ratio(.be8_17_64, mX: 16.9, epsP: 1e-3, epsN: 4e-3, isospin: .mixingBreaking, inputs: inputs)
    let r17none = try VectorRates.ratio(.be8_17_64, mX: 16.9, epsP: 1e-3, epsN: 4e-3, isospin: .none, inputs: inputs)
    let amp17 = -0.01 * 5e-3 + 1.01 * -3e-3
    #expect(isClose(r17 / r17none, amp17 * amp17 / (3e-3 * 3e-3), rel: 1e-12))
}

@Test func vectorRateErrors() throws {
    #expect(throws: PhysicsError.notAvailable("vector emission from 0⁻ is forbidden (He4_21.01 → 0⁺ needs an axial X)")) {
        try VectorRates.ratio(.he4_21_01, mX: 16.9, epsP: 1e-3, epsN: 1e-3, isospin: .none, inputs: .reference)
    }
    var noMixing = NuclearInputs.reference
    noMixing.isospinA[.be8_17_64] = [.none: 0]
    do {
        _ = try VectorRates.ratio(.be8_17_64, mX: 16.9, epsP: 1e-3, epsN: 1e-3, isospin: .mixing, inputs: noMixing)
        Issue.record("expected notAvailable")
    } catch let e as PhysicsError {
        #expect(e.description.contains("Be8_17.64") && e.description.contains("mixing"))
    }
    // closed channel: the rate vanishes (continuously: ∝ k³ just below threshold), negative mX throws
    #expect(try VectorRates.ratio(.be8_17_64, mX: 17.7, epsP: 1e-3, epsN: 0, isospin: .none, inputs: .reference) == 0)
    #expect(try VectorRates.ratio(.c12_17_23, mX: 17.23, epsP: 1e-3, epsN: 0, isospin: .none, inputs: .reference) == 0)
    let justBelow = try VectorRates.ratio(.c12_17_23, mX: 17.23 - 1e-8, epsP: 1e-3, epsN: 0, isospin: .none, inputs: .reference)
    #expect(justBelow > 0 && justBelow < 1e-6 * 1e-3)
    #expect(throws: PhysicsError.self) {
        try VectorRates.ratio(.be8_17_64, mX: -1, epsP: 1e-3, epsN: 1e-3, isospin: .none, inputs: .reference)
    }
    #expect(throws: PhysicsError.self) {
        try VectorRates.ratio(.c12_17_23, mX: 16.9, epsP: .nan, epsN: 1e-3, isospin: .none, inputs: .reference)
    }
}

@Test func ratesCombineHypothesesAndBranchingRatio() throws {
    let c = XCouplings(epsP: 1e-3, epsN: 5e-3, aP: 2e-5, aN: 4e-5)
    for t in [Transition.be8_18_15, .be8_17_64, .c12_17_23] {
        let v = try Rates.predict(.bxGamma, transition: t, hypothesis: .vector, couplings: c, mX: 16.9, isospin: .mixing)
        let a = try Rates.predict(.bxGamma, transition: t, hypothesis: .axial, couplings: c, mX: 16.9, isospin: .mixing)
        let m = try Rates.predict(.bxGamma, transition: t, hypothesis: .mixed, couplings: c, mX: 16.9, isospin: .mixing)
        let mHalf = try Rates.predict(.bxGamma, transition: t, hypothesis: .mixed, couplings: c, mX: 16.9,
                                      branchingRatio: 0.5, isospin: .mixing)
        // incoherent sum (seed 000 §6) and linear in BR: rounding only
        #expect(isClose(m, v + a, rel: 1e-14))
        #expect(isClose(mHalf, 0.5 * m, rel: 1e-14))
        #expect(v > 0 && a > 0)
    }
    let he = try Rates.predict(.gammaX_eV, transition: .he4_20_21, hypothesis: .vector, couplings: c, mX: 16.85)
    #expect(isClose(he, try VectorRates.heliumWidthX_eV(mX: 16.85, epsP: 1e-3, epsN: 5e-3, inputs: .reference), rel: 1e-15))
    #expect(throws: PhysicsError.self) {
        try Rates.predict(.bxGamma, transition: .he4_20_21, hypothesis: .vector, couplings: c, mX: 16.85)
    }
    #expect(throws: PhysicsError.self) {
        try Rates.predict(.gammaX_eV, transition: .he4_20_21, hypothesis: .axial, couplings: c, mX: 16.85)
    }
    #expect(throws: PhysicsError.self) {
        try Rates.predict(.bxE0, transition: .c12_17_23, hypothesis: .vector, couplings: c, mX: 16.85)
    }
    #expect(throws: PhysicsError.self) {
        try Rates.predict(.bxGamma, transition: .c12_17_23, hypothesis: .vector, couplings: c, mX: 16.85, branchingRatio: 1.5)
    }
    // axial ⁴He needs [U] inputs: the error names the first missing one
    do {
        _ = try Rates.predict(.bxE0, transition: .he4_20_21, hypothesis: .mixed, couplings: c, mX: 16.85)
        Issue.record("expected notAvailable")
    } catch let e as PhysicsError {
        #expect(e.description.contains("He21_axial_charge_ME"))
    }
}
