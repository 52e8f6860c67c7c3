import Testing
import X17Physics
import _TestSupport

// Seed 000 (chiral U(1)X paper) Models: its main model (§5, Table IV, Eq. 55), Model I (App. A.1, Table VI,
// Eq. A1) and Model II (App. A.2, Table VIII, Eq. A2), each a line a_N ∝ y = X_ν g_x in the (a_n, a_p) plane.
// The ⁸Be(18.15) rate along each line fixes the y the seed's statements need; which spin-matrix-element
// reading (×1 or ×12, relative sign of ⟨σ^p⟩ and ⟨σ^n⟩ at 18.15) reproduces them is the question
// (docs/physics.md §7.2). numpy 2.4.6 values at mX = 16.85 MeV, R₁₈ = 6×10⁻⁶ (seed 000 Table I central):
//   recalled sign ×1: main 2.36322e-3, I 1.08728e-4, II 6.74335e-3;  ×12: 6.82202e-4, 3.13871e-5, 1.94664e-3
//   flipped  sign ×1: main 4.97665e-3, I 8.10775e-5, II 1.24426e-4;  ×12: 1.43664e-3, 2.34051e-5, 3.59187e-5

/// A seed-000 model: quark axial couplings per unit y = X_ν g_x (C_qA of its coupling table).
private struct SeedModel: Sendable, CustomTestStringConvertible {
    let name: String
    let gU: Double, gD: Double, gS: Double
    /// (a_p, a_n) per unit y as printed in the seed (two decimals).
    let printedAP: Double, printedAN: Double
    var testDescription: String { name }

    var nucleon: (aP: Double, aN: Double) { QuarkCouplings.nucleonAxial(gU: gU, gD: gD, gS: gS) }

    static let main = SeedModel(name: "main (Eq. 55)", gU: 0, gD: 0, gS: -0.5, printedAP: 0.013, printedAN: 0.013)
    static let modelI = SeedModel(name: "Model I (Eq. A1)", gU: 0, gD: -0.5, gS: 0, printedAP: 0.18, printedAN: -0.45)
    // Table VIII prints C_sA = −½ x g_x; Eq. A2 follows only from C_sA = −½ X_ν g_x (checked below).
    static let modelII = SeedModel(name: "Model II (Eq. A2)", gU: 0.5, gD: 0, gS: -0.5, printedAP: 0.46, printedAN: -0.17)
}

/// y = X_ν g_x for which R(18.15) = 6×10⁻⁶ along the model's line (R ∝ y²).
private func couplingFor18(_ model: SeedModel, inputs: NuclearInputs) throws -> Double {
    let (aP, aN) = model.nucleon
    let perY2 = try AxialRates.ratio(.be8_18_15, mX: 16.85, aP: aP, aN: aN, inputs: inputs)
    return (6e-6 / perY2).squareRoot()
}

private func inputs(norm: Double, flippedSign: Bool) throws -> NuclearInputs {
    var x = NuclearInputs.reference
    if norm != 1 { x = try x.setting("axial_norm@x12", to: norm) }
    if flippedSign { x = try x.setting("sigma_p_18_15@seed000", to: 0.047) }
    return x
}

@Test("seed 000 nucleon couplings from its quark couplings (Eqs. 34–35)", arguments: [SeedModel.main, .modelI, .modelII])
private func seedModelNucleonCouplings(_ model: SeedModel) {
    let (aP, aN) = model.nucleon
    // the seed prints two decimals (0.013 for the main model): half a unit of the last printed digit
    let tolerance = model.printedAP == 0.013 ? 0.0005 : 0.005
    #expect(abs(aP - model.printedAP) <= tolerance)
    #expect(abs(aN - model.printedAN) <= tolerance)
}

@Test func seedModelIITableTypo() {
    // With C_sA = 0 (x g_x independent of y) Model II would give (0.4485, −0.1835), i.e. 0.45 / −0.18, not Eq. A2's 0.46 / −0.17.
    let (aP, aN) = QuarkCouplings.nucleonAxial(gU: 0.5, gD: 0, gS: 0)
    #expect(abs(aP - 0.46) > 0.005 && abs(aN + 0.17) > 0.005)
}

// Seed 000 statements, and what they need of y at R₁₈ = 6×10⁻⁶:
//  S1 §6 / Fig. 3: the main model reaches the ⁸Be + ⁴He region for X_ν g_x in [0, 10⁻²]     → y ≤ 10⁻²
//  S2 App. A.1: Model I "requires |X_ν g_x| ≳ 10⁻⁴", "in tension with" SINDRUM-I (8.5×10⁻⁵)
//  S3 App. A.2: Model II needs "|X_ν g_x| of order O(10⁻⁴)", "in conflict with" SINDRUM-I
// S2 and S3 are read as y ∈ [0.5, 2]×10⁻⁴: the 2σ range of the 18.15 datum (4–8×10⁻⁶) moves y by −18/+15 %,
// mX over 16.70–17.00 by ±3 %, and the seed's fits include ⁴He, which x17fit cannot compute; a factor 2 covers
// these, while the failing readings miss the band by factors 3.2 to 67.
private func satisfiesSeed(_ y: Double, _ model: SeedModel) -> Bool {
    if model.name == SeedModel.main.name { return y > 0 && y <= 1e-2 }
    return y >= 0.5e-4 && y <= 2e-4
}

@Test func seedModelsReproducedOnlyWithX1AndOppositeSignsAt18() throws {
    let models = [SeedModel.main, .modelI, .modelII]
    var reproducing: [String] = []
    for norm in [1.0, 12.0] {
        for flipped in [false, true] {
            let x = try inputs(norm: norm, flippedSign: flipped)
            let ys = try models.map { try couplingFor18($0, inputs: x) }
            if zip(ys, models).allSatisfy({ satisfiesSeed($0, $1) }) {
                reproducing.append("x\(Int(norm)) \(flipped ? "flipped" : "recalled")")
            }
        }
    }
    #expect(reproducing == ["x1 flipped"])
}

@Test func seedModelCouplingValues() throws {
    // the numbers behind the verdict (header comment); same closed form as numpy, rounding only
    let cases: [(Double, Bool, [Double])] = [
        (1, false, [2.36322e-3, 1.08728e-4, 6.74335e-3]),
        (12, false, [6.82202e-4, 3.13871e-5, 1.94664e-3]),
        (1, true, [4.97665e-3, 8.10775e-5, 1.24426e-4]),
        (12, true, [1.43664e-3, 2.34051e-5, 3.59187e-5]),
    ]
    for (norm, flipped, expected) in cases {
        let x = try inputs(norm: norm, flippedSign: flipped)
        for (model, y) in zip([SeedModel.main, .modelI, .modelII], expected) {
            // six printed digits
            #expect(isClose(try couplingFor18(model, inputs: x), y, rel: 1e-5), "\(model.name) x\(norm) flipped \(flipped)")
        }
    }
    // the recalled reading puts Model II's line almost on the 18.15 null line: a_p⟨σ^p⟩ + a_n⟨σ^n⟩ ≈ 0
    let (aP, aN) = SeedModel.modelII.nucleon
    #expect(abs(aP * -0.047 + aN * -0.132) < 0.001)
}

@Test func seedModelsLeaveThe17_64SignOpen() throws {
    // With the flipped 18.15 sign, Models I and II at their 18.15 coupling stay below MEG II's R(17.6) < 1.8×10⁻⁶
    // (90 % CL) whichever sign ⟨σ^p⟩(17.64) has, so seed 000's statements do not fix the 17.64 sign.
    let x = try inputs(norm: 1, flippedSign: true)
    for model in [SeedModel.modelI, .modelII] {
        let y = try couplingFor18(model, inputs: x)
        let (aP, aN) = model.nucleon
        let r17 = try AxialRates.ratio(.be8_17_64, mX: 16.85, aP: aP * y, aN: aN * y, inputs: x)
        #expect(r17 < 1.8e-6)
        let other = try x.setting("sigma_p_17_64", to: 0.073)
        #expect(try AxialRates.ratio(.be8_17_64, mX: 16.85, aP: aP * y, aN: aN * y, inputs: other) < 1.8e-6)
    }
}
