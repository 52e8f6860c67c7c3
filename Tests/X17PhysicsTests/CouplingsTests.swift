import Probability
import Testing
import X17Physics
import _TestSupport

@Test func tableIIFollowsFromTableI() {
    // D&G Table I (ε_p, ε_n)×10³ → Table II (ε_d, ε_u)×10³: (1.9, 5.3) → (2.9, −0.5); (0.8, 4.3) → (2.6, −0.9);
    // (0.7, 4.1) → (2.5, −0.9). Table II is printed to 0.1: |Δ| ≤ 0.05 + rounding of the inputs (0.05·(2+1)/3).
    let rows: [(Double, Double, Double, Double)] = [(1.9, 5.3, 2.9, -0.5), (0.8, 4.3, 2.6, -0.9), (0.7, 4.1, 2.5, -0.9)]
    for (p, n, d, u) in rows {
        let q = QuarkCouplings.quarkVector(epsP: p, epsN: n)
        #expect(abs(q.epsD - d) <= 0.1 && abs(q.epsU - u) <= 0.1, "\(q)")
        #expect(q.epsD * q.epsU < 0)  // "signs correlated": ε_d and ε_u opposite
    }
}

@Test func vectorMapsRoundTrip() {
    var rng = SplitMix64(seed: 17)
    for _ in 0..<100 {
        let u = rng.uniform() * 2e-2 - 1e-2, d = rng.uniform() * 2e-2 - 1e-2
        let n = QuarkCouplings.nucleonVector(epsU: u, epsD: d)
        let back = QuarkCouplings.quarkVector(epsP: n.epsP, epsN: n.epsN)
        // 2×2 linear map and its exact inverse: rounding at 1e-2 scale
        #expect(abs(back.epsU - u) < 1e-17 && abs(back.epsD - d) < 1e-17)
    }
    // proton = uud, neutron = udd
    #expect(QuarkCouplings.nucleonVector(epsU: 2.0 / 3, epsD: -1.0 / 3) == (epsP: 1.0, epsN: 0.0))
}

@Test func axialMapsAndRoundTrip() throws {
    // docs/physics.md §1.2 (Δq of seed 000 Eqs. 34–35): a_p + a_n = 0.530 (g_u+g_d) − 0.052 g_s, a_p − a_n = 1.264 (g_u − g_d)
    let a = QuarkCouplings.nucleonAxial(gU: 1, gD: 0, gS: 0)
    #expect(isClose(a.aP, 0.897, rel: 1e-15) && isClose(a.aN, -0.367, rel: 1e-15))
    let s = QuarkCouplings.nucleonAxial(gU: 0, gD: 0, gS: 1)
    #expect(isClose(s.aP + s.aN, -0.052, rel: 1e-14))
    let mix = QuarkCouplings.nucleonAxial(gU: 0.3, gD: -0.2, gS: 0.1)
    #expect(isClose(mix.aP + mix.aN, 0.530 * 0.1 - 0.052 * 0.1, rel: 1e-12))
    #expect(isClose(mix.aP - mix.aN, 1.264 * 0.5, rel: 1e-12))
    let back = try QuarkCouplings.quarkAxial(aP: mix.aP, aN: mix.aN, gS: 0.1)
    #expect(abs(back.gU - 0.3) < 1e-14 && abs(back.gD + 0.2) < 1e-14)
    #expect(throws: PhysicsError.self) {
        try QuarkCouplings.quarkAxial(aP: 1, aN: 1, spinFractions: SpinFractions(deltaUp: 0.5, deltaDp: 0.5, deltaS: 0))
    }
    // units of e: e = √(4πα) = 0.30282212 (CODATA α)
    #expect(isClose(QuarkCouplings.inUnitsOfE(0.30282212088), 1, rel: 1e-10))
    #expect(isClose(QuarkCouplings.fromUnitsOfE(QuarkCouplings.inUnitsOfE(3.1e-5)), 3.1e-5, rel: 1e-15))
}

@Test func pi0PriorReproducesDG() throws {
    // docs/physics.md §9 (two-sided 90 % Gaussian, reproduces D&G Table I): σ = 1.2e-3/1.645 ≈ 7.295e-4; scipy norm.isf(0.05) = 1.6448536269514729
    let sigma = Pi0Constraint.dg2023Bound / (try normalQuantile(0.95))
    #expect(isClose(sigma, 1.2e-3 / 1.6448536269514729, rel: 1e-12))
    // D&G "no more than 7 units of χ²" at ε_p = 1.9e-3: scipy-based 6.7826471314475345
    #expect(isClose(try Pi0Constraint.chi2(epsP: 1.9e-3, sigma: sigma), 6.7826471314475345, rel: 1e-11))
    // Δχ² = 2.706 at the bound (= 1.6449²)
    #expect(isClose(try Pi0Constraint.chi2(epsP: 1.2e-3, sigma: sigma), 1.6448536269514729 * 1.6448536269514729, rel: 1e-12))
    // BR scales ε_p² (ε_p√BR)
    #expect(isClose(try Pi0Constraint.chi2(epsP: 1.9e-3, branchingRatio: 0.25, sigma: sigma),
                    0.25 * 6.7826471314475345, rel: 1e-11))
    // numpy: BR(π⁰→γX) = 2·(1e-3)²·(1 − 16.85²/134.9768²)³·0.98823 = 1.885488537917219e-06
    #expect(isClose(try Pi0Constraint.branchingRatio(epsP: 1e-3, mX: 16.85), 1.885488537917219e-06, rel: 1e-12))
    #expect(throws: PhysicsError.self) { try Pi0Constraint.branchingRatio(epsP: 1e-3, mX: 140) }
}

@Test func xDecayWidthsAndLength() throws {
    // docs/physics.md §8: Γ_ee/ε_e² = 0.040987 MeV at 16.85 (numpy 0.040986588669320694)
    #expect(isClose(try XDecay.vectorWidthToElectrons(mX: 16.85, epsE: 1), 0.040986588669320694, rel: 1e-12))
    // pure axial: β³ instead of β(1 + 2r), r = m_e²/m²: Γ_V/Γ_A = (1 + 2r)/(1 − 4r)
    let gA = try XDecay.widthToElectrons(mX: 16.85, gV: 0, gA: 1)
    let gV = try XDecay.widthToElectrons(mX: 16.85, gV: 1, gA: 0)
    let r = Constants.electronMass * Constants.electronMass / (16.85 * 16.85)
    #expect(isClose(gV / gA, (1 + 2 * r) / (1 - 4 * r), rel: 1e-14))
    // m_e → 0: Γ = m/(12π) g²
    #expect(isClose(try XDecay.widthToElectrons(mX: 1.685e4, gV: 1), 1.685e4 / (12 * Double.pi), rel: 1e-8))
    // ν: α ε² m/6 = half the massless e⁺e⁻ width
    #expect(isClose(try XDecay.widthToNeutrinos(mX: 16.85, epsNu: 1), Constants.alpha * 16.85 / 6, rel: 1e-15))
    // decay length: ε_e = 1.39e-5 gives L ≈ 1 cm with k from the 18.15 line (docs/physics.md §8; D&G App. A: 1.3e-5); numpy 0.9975183405 cm
    let width = try XDecay.vectorWidthToElectrons(mX: 16.85, epsE: 1.39e-5)
    let k = try Kinematics.momentum(mX: 16.85, energy: 18.15)
    #expect(isClose(try XDecay.decayLength_cm(mX: 16.85, momentum: k, totalWidth: width), 0.9975183405272668, rel: 1e-9))
    #expect(isClose(try XDecay.branchingRatioToElectrons(widthToElectrons: 3, otherWidth: 1), 0.75, rel: 1e-15))
    #expect(throws: PhysicsError.self) { try XDecay.widthToElectrons(mX: 1.0, gV: 1) }
    #expect(throws: PhysicsError.self) { try XDecay.branchingRatioToElectrons(widthToElectrons: 0, otherWidth: 0) }
    #expect(throws: PhysicsError.self) { try XDecay.decayLength_cm(mX: 16.85, momentum: k, totalWidth: 0) }
}
