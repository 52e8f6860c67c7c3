import Testing
import X17Physics
import _TestSupport

// Hand values of the axial rates with the default inputs (docs/physics.md §7.1–§7.3, §7.5), recomputed in
// python 3 (math only) from Γ_A = k(2 + E²/mX²)|a_p⟨σ^p⟩ + a_n⟨σ^n⟩|²/(18π), R = Γ_A/Γ_γ0, and
// R_C = κ(a_p − a_n)²(k/ω)³/(16πα), ×1 normalisation, recoil neglected. Issue #13 quotes the first pair as
// R(18.15) = 6.109×10⁻⁶, R(17.64) = 1.540×10⁻⁸. Full python digits are kept: the Swift closed form is the same,
// so only rounding separates them (rel 1e-12 would do; 1e-10 leaves room for libm differences).

@Test("axial ⁸Be hand values", arguments: [
    (16.85, 3.1e-5, 3.1e-5, 6.1091571399260945e-06, 1.5397923852545876e-08),
    (16.85, 1e-4, 0.0, 4.382758719584322e-06, 1.015286249462905e-06),
    (16.85, 0.0, 1e-4, 3.4570026224552846e-05, 1.982180172529943e-06),
    (16.85, 1e-4, -1e-4, 1.4334735966046505e-05, 5.834704708163158e-06),
    (16.70, 3.1e-5, 3.1e-5, 6.480800875527771e-06, 1.6866752187683742e-08),
    (17.00, 3.1e-5, 3.1e-5, 5.721063347438415e-06, 1.3802934866057504e-08),
])
func axialBerylliumHandValues(mX: Double, aP: Double, aN: Double, r18: Double, r17: Double) throws {
    #expect(isClose(try AxialRates.ratio(.be8_18_15, mX: mX, aP: aP, aN: aN, inputs: .reference), r18, rel: 1e-10))
    #expect(isClose(try AxialRates.ratio(.be8_17_64, mX: mX, aP: aP, aN: aN, inputs: .reference), r17, rel: 1e-10))
}

@Test func axialBerylliumIssueValuesAsPrinted() throws {
    // issue #13's four-digit targets: within half a unit of the fourth digit
    let r18 = try AxialRates.ratio(.be8_18_15, mX: 16.85, aP: 3.1e-5, aN: 3.1e-5, inputs: .reference)
    let r17 = try AxialRates.ratio(.be8_17_64, mX: 16.85, aP: 3.1e-5, aN: 3.1e-5, inputs: .reference)
    #expect(abs(r18 - 6.109e-6) <= 0.0005e-6)
    #expect(abs(r17 - 1.540e-8) <= 0.0005e-8)
}

@Test func axialCarbonHandValue() throws {
    // κ = 1, mX = 16.85, a_p − a_n = 2×10⁻³ (only the difference enters)
    let expected = 9.935591977642066e-08
    #expect(isClose(try AxialRates.ratio(.c12_17_23, mX: 16.85, aP: 2e-3, aN: 0, inputs: .reference), expected, rel: 1e-10))
    #expect(isClose(try AxialRates.ratio(.c12_17_23, mX: 16.85, aP: 3e-3, aN: 1e-3, inputs: .reference), expected, rel: 1e-10))
}
