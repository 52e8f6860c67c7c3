import Foundation
import Testing
import X17Physics

/// External-constraint formulas (docs/physics.md §12) against hand values, including the corrections to the seeds.
@Suite struct ExternalConstraintsTests {
    static let e = Constants.elementaryCharge

    /// Coefficients of C_V² and C_A² in Δa_ℓ. Hand values: seed 004 Eqs. (3)–(5) integrated by mpmath at 30 digits
    /// with the same constants (scipy's default quad is off by 1e-7 for the electron: the integrand has a
    /// 1/r² ≈ 1e-3 wide feature at x → 1); tolerance 1e-10 relative, the adaptive Simpson target 1e-12 with margin.
    @Test(arguments: [
        (16.85, Constants.electronMass, 7.6595222513185245e-6, 3.8710266368162825e-5),
        (17.00, Constants.electronMass, 7.5264189572625101e-6, 3.803180536444028e-5),
        (17.00, LeptonLoops.muonMass, 8.5945306866083644e-3, 1.0275041957307854),
    ])
    func gMinus2Coefficients(mX: Double, lepton: Double, vector: Double, axial: Double) throws {
        let v = try LeptonLoops.anomalousMoment(leptonMass: lepton, mX: mX, cV: 1, cA: 0)
        let a = -(try LeptonLoops.anomalousMoment(leptonMass: lepton, mX: mX, cV: 0, cA: 1))
        #expect(abs(v / vector - 1) < 1e-10, "\(v)")
        #expect(abs(a / axial - 1) < 1e-10, "\(a)")
    }

    /// Seed 000 Eq. (43c) prints 2.51e-4 C_V² − 0.66 C_A² for the muon at 17 MeV: both are wrong (×34, ×1.6).
    /// 0.66 is the vector loop function put into the axial term: (m_μ/mX)² G(mX/m_μ)/(4π²).
    @Test func seed000MuonCoefficientsAreWrong() throws {
        let v = try LeptonLoops.anomalousMoment(leptonMass: LeptonLoops.muonMass, mX: 17, cV: 1, cA: 0)
        let a = -(try LeptonLoops.anomalousMoment(leptonMass: LeptonLoops.muonMass, mX: 17, cV: 0, cA: 1))
        #expect(v / 2.51e-4 > 30)
        #expect(a / 0.66 > 1.5)
        let r = 17 / LeptonLoops.muonMass
        let misplaced = (LeptonLoops.muonMass / 17) * (LeptonLoops.muonMass / 17) * (try LeptonLoops.vectorLoop(r)) / (4 * .pi * .pi)
        #expect(abs(misplaced - 0.66) < 0.01, "\(misplaced)")
    }

    /// Vector limits of the loop functions: G → 1 for r → 0 and G → 2/(3r²) for r → ∞ (seed 004 after Eq. 42).
    @Test func loopFunctionLimits() throws {
        #expect(abs(try LeptonLoops.vectorLoop(1e-4) - 1) < 1e-3)
        let r = 1e3
        #expect(abs(try LeptonLoops.vectorLoop(r) * r * r / (2.0 / 3) - 1) < 1e-2)
        // H → 5/3 for r → ∞: ∫ x(4 − x) dx.
        #expect(abs(try LeptonLoops.axialLoop(r) / (5.0 / 3) - 1) < 1e-2)
    }

    /// Seed 004's Δa_e values read with ×10⁻¹⁴ give its quoted ε_e = 0.69(15)e-3 (Rb) and 1.19(15)e-3 (Cs); with
    /// the printed ×10⁻¹⁰ they would give ε_e ≈ 0.07 and 0.12. Inversion of a pure-vector Δa_e at 17 MeV.
    @Test func peetsDeltaAeExponent() throws {
        let perEps2 = try LeptonLoops.electronMoment(mX: 17, epsE: 1, aE: 0)
        func eps(_ delta: Double) -> Double { (abs(delta) / perEps2).squareRoot() }
        #expect(abs(eps(34e-14) - 0.69e-3) < 0.02e-3, "\(eps(34e-14))")
        #expect(abs(eps(102e-14) - 1.19e-3) < 0.04e-3, "\(eps(102e-14))")
        #expect(eps(34e-10) > 0.05)
    }

    /// Prompt decay on the ⁸Be(18.15) line at mX = 16.85 MeV, BR = 1: C = 3e-7 (seed 000 Eq. 37) gives L ≈ 196 cm;
    /// L = 1 cm needs C ≈ 4.2e-6 (ε = 1.39e-5, D&G App. A's 1.3e-5). Hand values: Python with the same constants
    /// (196.135 cm; C(1 cm) = 4.20145e-6); tolerance 1e-4 relative for the recoil kinematics.
    @Test func promptDecayLength() throws {
        func length(_ c: Double, axial: Bool = false) throws -> Double {
            try ExternalConstraints.decayLength_cm(mX: 16.85, epsE: axial ? 0 : c / Self.e, aE: axial ? c : 0, branchingRatio: 1,
                                                   energy: 18.15, groundStateMass: Constants.beryllium8Mass)
        }
        #expect(abs(try length(3e-7) / 196.135 - 1) < 1e-4)
        #expect(abs(try length(4.20145e-6) - 1) < 1e-4)
        #expect(abs(try length(1.39e-5 * Self.e) - 1) < 0.01)
        // L ∝ 1/C²: seed 000's bound is weaker by √196 ≈ 14 in the coupling.
        #expect(abs(4.20145e-6 / 3e-7 - 14.0) < 0.1)
        // An axial coupling decays slower by (1 + 2r)/β² = (1 + 2r)/(1 − 4r), r = m_e²/mX²: +0.55 % at 16.85 MeV.
        let r = Constants.electronMass * Constants.electronMass / (16.85 * 16.85)
        let ratio = try length(4.2e-6, axial: true) / length(4.2e-6)
        #expect(abs(ratio - (1 + 2 * r) / (1 - 4 * r)) < 1e-12, "\(ratio)")
        // BR < 1: Γ_tot = Γ_ee/BR, so L scales with BR.
        let half = try ExternalConstraints.decayLength_cm(mX: 16.85, epsE: 1e-5, aE: 0, branchingRatio: 0.5, energy: 18.15,
                                                          groundStateMass: Constants.beryllium8Mass)
        let full = try ExternalConstraints.decayLength_cm(mX: 16.85, epsE: 1e-5, aE: 0, branchingRatio: 1, energy: 18.15,
                                                          groundStateMass: Constants.beryllium8Mass)
        #expect(abs(half / full - 0.5) < 1e-12)
        #expect(try ExternalConstraints.decayLength_cm(mX: 16.85, epsE: 0, aE: 0, branchingRatio: 1, energy: 18.15,
                                                       groundStateMass: Constants.beryllium8Mass) == .infinity)
    }

    /// SINDRUM-I: D&G's vector "none" best fit (ε_p, ε_n) = (1.9, 5.3)e-3 has e(ε_p − ε_n) = −1.03e-3, 12× the
    /// bound 8.5e-5; the axial best fit (a_p, a_n) = (−5.46, 6.11)e-5 has (a_p − a_n)/1.264 = −9.2e-5.
    @Test func sindrumDeltaQ() throws {
        let vector = try ExternalConstraints.sindrumDeltaQ(epsP: 1.9e-3, epsN: 5.3e-3, aP: 0, aN: 0)
        #expect(abs(vector - Self.e * (1.9e-3 - 5.3e-3)) < 1e-18)
        #expect(abs(vector + 1.03e-3) < 0.01e-3, "\(vector)")
        #expect(abs(abs(vector) / 8.5e-5 - 12.1) < 0.1)
        // At x17fit's own best fit of fits/dg2023-vector-none.toml, (1.8768, 5.3079)e-3: −1.039e-3.
        let fitted = try ExternalConstraints.sindrumDeltaQ(epsP: 1.87677e-3, epsN: 5.30792e-3, aP: 0, aN: 0)
        #expect(abs(fitted + 1.039e-3) < 0.001e-3, "\(fitted)")
        let axial = try ExternalConstraints.sindrumDeltaQ(epsP: 0, epsN: 0, aP: -5.458e-5, aN: 6.110e-5)
        #expect(abs(axial - (-5.458e-5 - 6.110e-5) / 1.264) < 1e-12)
        #expect(abs(axial + 9.15e-5) < 0.01e-5, "\(axial)")
        // Lepton part: −eε_ν + eε_e − a_e; the isoscalar direction a_p = a_n passes.
        let lepton = try ExternalConstraints.sindrumDeltaQ(epsP: 0, epsN: 0, aP: 1e-4, aN: 1e-4, epsE: 2e-3, aE: 1e-4, epsNu: 1e-3)
        #expect(abs(lepton - (Self.e * 1e-3 - 1e-4)) < 1e-15)
    }

    /// n–Pb: at ε_p = 0 the quantity is e²ε_n²·126/208; seed 000 Eq. (48) and D&G's ε_n < 0.02 agree (0.0198 at
    /// the bound when the 126/208 factor is taken as 1, 0.0254 with it).
    @Test func neutronLeadAndAPV() throws {
        let q = ExternalConstraints.neutronLead(epsP: 0, epsN: 0.02)
        #expect(abs(q - Self.e * Self.e * 4e-4 * 126 / 208) < 1e-18)
        #expect(abs((3.6e-5).squareRoot() / Self.e - 0.0198) < 0.0001)
        // Cs APV: 55 C_p + 78 C_n = 188 C_uV + 211 C_dV with C_uV = e(2ε_p − ε_n)/3, C_dV = e(2ε_n − ε_p)/3.
        let (epsP, epsN, aE) = (1.3e-3, -4.1e-3, 2e-5)
        let quark = QuarkCouplings.quarkVector(epsP: epsP, epsN: epsN)
        let viaQuarks = abs(aE) * abs(188 * Self.e * quark.epsU + 211 * Self.e * quark.epsD) / 399
        #expect(abs(ExternalConstraints.cesiumAPV(aE: aE, epsP: epsP, epsN: epsN) / viaQuarks - 1) < 1e-12)
        #expect(ExternalConstraints.moller(epsE: 1e-3, aE: -2e-5) == abs(1e-3 * Self.e * 2e-5))
    }

    /// Signed roots keep the sign of the product (sign-dependent CEvNS and TEXONO bounds).
    @Test func signedRoots() {
        #expect(ExternalConstraints.cevnsSignedRoot(epsN: 4e-3, epsNu: 1e-6) == (4e-9).squareRoot())
        #expect(ExternalConstraints.cevnsSignedRoot(epsN: -4e-3, epsNu: 1e-6) == -(4e-9).squareRoot())
        #expect(ExternalConstraints.texonoSignedRoot(epsE: 0, epsNu: 1) == 0)
        #expect(abs(ExternalConstraints.effectiveEpsE(epsE: 3e-4, aE: 4e-4 * Self.e) - 5e-4) < 1e-15)
    }
}
