import Testing
import X17Physics
import _TestSupport

@Test func referenceDefaultsMatchTheSheets() throws {
    let r = NuclearInputs.reference
    #expect(r.heliumE0MatrixElement_fm2 == 1.10)  // Walcher PLB 31 (1970) 442, docs/physics.md §2
    #expect(try r.photonWidth(.be8_18_15) == 1.9 && (try r.photonWidth(.be8_17_64)) == 15.0)  // Tilley 2004
    #expect(try r.isospinCoefficient(.be8_18_15, .mixing) == -0.09)
    #expect(try r.isospinCoefficient(.be8_18_15, .mixingBreaking) == 0.05)
    #expect(try r.isospinCoefficient(.be8_17_64, .mixing) == 0.01)
    #expect(try r.spinMatrixElement(.be8_18_15) == SpinMatrixElements(proton: -0.047, neutron: -0.132))
    #expect(r.spinFractions == SpinFractions(deltaUp: 0.897, deltaDp: -0.367, deltaS: -0.026))
    #expect(r.heliumAxial == HeliumAxialInputs())
    #expect(throws: PhysicsError.self) { try r.photonWidth(.he4_20_21) }
    for t in Transition.allCases { #expect(t.photonWidth0_eV == r.photonWidth0_eV[t]) }
}

@Test func initFromCSVIds() throws {
    let values: [String: Double] = [
        "M_E0@Kegel2023": 1.53, "Gamma_gamma0_17_64": 16.0, "sigma_n_17_64": 0.2,
        "Be8_18.15_a_mixing": -0.1, "Delta_s": -0.03, "He_E0_exact_me": 1, "C12_kappa": 5.7,
    ]
    let n = try NuclearInputs(values: values)
    #expect(n.heliumE0MatrixElement_fm2 == 1.53)
    #expect(n.photonWidth0_eV[.be8_17_64] == 16.0)
    #expect(n.spinMatrixElements[.be8_17_64] == SpinMatrixElements(proton: -0.073, neutron: 0.2))
    #expect(n.isospinA[.be8_18_15]?[.mixing] == -0.1 && n.isospinA[.be8_18_15]?[.none] == 1.0)
    #expect(n.spinFractions.deltaS == -0.03 && n.heliumExactE0Integral && n.carbonAxialKappa == 5.7)
    // every advertised id is accepted
    for id in NuclearInputs.inputIDs {
        let v = id == "He_E0_exact_me" ? 1.0 : 0.5
        #expect(throws: Never.self) { _ = try NuclearInputs.reference.setting(id, to: v) }
    }
}

@Test func initRejectsBadInput() {
    #expect(throws: PhysicsError.unknownInput("M_EO")) { try NuclearInputs(values: ["M_EO": 1.1]) }
    #expect(throws: PhysicsError.duplicateInput("M_E0")) { try NuclearInputs(values: ["M_E0": 1.1, "M_E0@Kegel2023": 1.53]) }
    #expect(throws: PhysicsError.self) { try NuclearInputs(values: ["M_E0": -1.1]) }
    #expect(throws: PhysicsError.self) { try NuclearInputs(values: ["Gamma_gamma0_18_15": .nan]) }
    #expect(throws: PhysicsError.self) { try NuclearInputs(values: ["He_E0_exact_me": 0.5]) }
    #expect(throws: PhysicsError.self) { try NuclearInputs(values: ["He21_population_ratio": -1]) }
    do {
        _ = try NuclearInputs(values: ["sigma_q_18_15": 0.1])
        Issue.record("expected unknownInput")
    } catch let e as PhysicsError {
        #expect(e.description.contains("sigma_q_18_15") && e.description.contains("sigma_p_18_15"))
    } catch { Issue.record("wrong error type") }
}

@Test func transitionMetadata() {
    #expect(Transition(rawValue: "Be8_18.15") == .be8_18_15)
    #expect(Transition(rawValue: "He4_21.01")?.spinParity == "0- → 0+")
    #expect(Transition.c12_17_23.multipolarity == "E1" && Transition.c12_17_23.nucleus == "12C")
    #expect(IsospinTreatment(rawValue: "mixing-breaking") == .mixingBreaking)
    #expect(HeConvention(rawValue: "dg2023") == .dg2023 && Hypothesis(rawValue: "mixed") == .mixed)
    #expect(RateObservable(rawValue: "GammaX_eV") == .gammaX_eV)
}
