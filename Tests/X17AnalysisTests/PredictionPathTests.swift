import Foundation
import Testing
import _TestSupport
import Statistics
@testable import X17Analysis
import X17Physics

/// One prediction path: `Rates.predict`, FitModel's general path and its fast path return the same bits for
/// every transition × observable × hypothesis × isospin, and the ⁴He signal is summed over both states.
@Suite struct PredictionPathTests {
    /// Fixture ⁴He(21.01) inputs (the real ones are graded U): arbitrary but physical-looking magnitudes.
    static let inputs: NuclearInputs = {
        var i = NuclearInputs.reference
        i.heliumAxial = HeliumAxialInputs(axialCharge: 12.0, spinDipole: 0.9, populationRatio: 0.3, relativePhase: 0.4)
        return i
    }()

    static let info = RowInfo(id: "row", dataset: "test.csv", file: "test.csv", line: 2, isDefault: true, source: "test",
                              grade: .derived, notes: "")

    /// A model predicting `prediction` as its only (limit) term, so that FastChi2 stores its kernel.
    func model(_ prediction: Prediction, _ h: Hypothesis, _ iso: IsospinTreatment, _ inputs: NuclearInputs) throws -> FitModel {
        let penalty = try UpperLimitTerm(name: Self.info.id, sigma: 1)
        return FitModel(parameters: [], hypothesis: h, isospin: iso, heConvention: .ratio, dataTerms: [],
                 limits: [LimitTerm(info: Self.info, prediction: prediction, bound: 1, penalty: penalty)], summaries: [],
                 priors: [], nuisances: [], blocks: [], baseInputs: inputs, roles: FitModel.RoleIndex(), ndofOverride: nil)
    }

    /// mX below, between and above every threshold (17.64 … 21.01 MeV, closed channels included); couplings of
    /// both signs; BR inside [0, 1].
    static let masses: [Double] = [1.1, 16.5, 16.85, 17.2, 17.64, 17.9, 18.15, 19.0, 20.21, 20.6, 21.01, 22.0]
    static let couplings: [XCouplings] = [
        XCouplings(epsP: 1.9e-3, epsN: 5.3e-3, aP: 3.1e-5, aN: 3.1e-5),
        XCouplings(epsP: -2e-3, epsN: 7e-3, aP: -4e-5, aN: 9e-5),
        XCouplings(),
    ]

    func outcome(_ body: () throws -> Double) -> String {
        do { return String(try body().bitPattern) } catch { return "throws \(error)" }
    }

    @Test(arguments: [NuclearInputs.reference, inputs])
    func threePathsAgreeBitForBit(_ inputs: NuclearInputs) throws {
        var available = 0, compared = 0
        for t in Transition.allCases {
            for o in RateObservable.allCases {
                for h in Hypothesis.allCases {
                    for iso in IsospinTreatment.allCases {
                        let m = try model(.rate(t, o), h, iso, inputs)
                        let built = (try? RateKernel(o, transition: t, hypothesis: h, isospin: iso, inputs: inputs)) != nil
                        #expect((m.fast != nil) == built, "\(t) \(o) \(h) \(iso)")
                        guard let fast = m.fast else {
                            // Not available: every path refuses, with the same error.
                            let c = Self.couplings[0]
                            let point = FitModel.Point(mX: 16.85, epsP: c.epsP, epsN: c.epsN, aP: c.aP, aN: c.aN, br: 1,
                                                       inputs: inputs)
                            let reference = outcome {
                                try Rates.predict(o, transition: t, hypothesis: h, couplings: c, mX: 16.85, isospin: iso,
                                                  inputs: inputs)
                            }
                            #expect(reference.hasPrefix("throws"), "\(t) \(o) \(h) \(iso)")
                            #expect(outcome { try m.predict(.rate(t, o), at: point) } == reference)
                            continue
                        }
                        available += 1
                        for mX in Self.masses {
                            for c in Self.couplings {
                                for br in [1.0, 0.37] {
                                    let reference = outcome {
                                        try Rates.predict(o, transition: t, hypothesis: h, couplings: c, mX: mX,
                                                          branchingRatio: br, isospin: iso, inputs: inputs)
                                    }
                                    let point = FitModel.Point(mX: mX, epsP: c.epsP, epsN: c.epsN, aP: c.aP, aN: c.aN,
                                                               br: br, inputs: inputs)
                                    let general = outcome { try m.predict(.rate(t, o), at: point) }
                                    let fastValue = outcome {
                                        try fast.predict(fast.limitKernels[0], Couplings(mX: mX, br: br, nucleon: c), inputs: inputs)
                                    }
                                    #expect(general == reference, "\(t) \(o) \(h) \(iso) mX \(mX) \(c)")
                                    #expect(fastValue == reference, "\(t) \(o) \(h) \(iso) mX \(mX) \(c)")
                                    if !reference.hasPrefix("throws") { compared += 1 }
                                }
                            }
                        }
                    }
                }
            }
        }
        // ⁸Be 2 × 3 hypotheses × 3 treatments + ¹²C 9 + GammaX_eV 2 × 3 + ⁴He BX_E0 2 × 9 = 51: a floor so the
        // loop cannot pass vacuously.
        #expect(available >= 51, "only \(available) combinations available")
        #expect(compared >= 1000, "only \(compared) finite comparisons")
    }

    @Test func closedChannelsGiveZero() throws {
        let c = Self.couplings[0]
        for t in [Transition.be8_18_15, .be8_17_64, .c12_17_23] {
            for h in Hypothesis.allCases {
                #expect(try Rates.predict(.bxGamma, transition: t, hypothesis: h, couplings: c, mX: t.energy,
                                          inputs: Self.inputs) == 0)
            }
        }
        // ⁴He mixed between the two states: the 20.21 vector channel is closed, the 21.01 axial one open.
        let between = try Rates.predict(.bxE0, transition: .he4_20_21, hypothesis: .mixed, couplings: c, mX: 20.6,
                                        inputs: Self.inputs)
        let axialOnly = try Rates.predict(.bxE0, transition: .he4_20_21, hypothesis: .axial, couplings: c, mX: 20.6,
                                          inputs: Self.inputs)
        #expect(between > 0 && between == axialOnly)
        #expect(try Rates.predict(.bxE0, transition: .he4_21_01, hypothesis: .mixed, couplings: c, mX: 21.01,
                                  inputs: Self.inputs) == 0)
    }

    /// The ⁴He BX_E0 signal is vector(20.21) + axial(21.01) whichever ⁴He state the row names (the bug of issue #13:
    /// the fit's copies predicted the named state only).
    @Test func heliumSignalSumsBothStates() throws {
        let c = Self.couplings[0]
        let v = try VectorRates.ratio(.he4_20_21, mX: 16.85, epsP: c.epsP, epsN: c.epsN, isospin: .none, inputs: Self.inputs)
        let a = try AxialRates.ratio(.he4_21_01, mX: 16.85, aP: c.aP, aN: c.aN, inputs: Self.inputs)
        #expect(v > 0 && a > 0)
        for t in [Transition.he4_20_21, .he4_21_01] {
            let m = try model(.rate(t, .bxE0), .mixed, .none, Self.inputs)
            let p = FitModel.Point(mX: 16.85, epsP: c.epsP, epsN: c.epsN, aP: c.aP, aN: c.aN, br: 1, inputs: Self.inputs)
            #expect(try m.predict(.rate(t, .bxE0), at: p) == v + a)
        }
    }

    /// A mixed fit with ⁸Be and ⁴He rows (fixture ⁴He(21.01) inputs in the fit's own nuclear file) prepares, uses
    /// the fast path, and its χ² equals the general path's bit for bit.
    @Test func mixedFitWithHeliumFastEqualsGeneral() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        try writeMixedFixture(tree)
        let setup = try prepare(tree, "mixed-be-he")
        let fast = try #require(setup.model.fast)
        #expect(fast.blocks.flatMap(\.kernels).filter { if case .rate = $0 { true } else { false } }.count == 3)
        var rng = SplitMix64(seed: 13)
        var finite = 0
        for _ in 0..<300 {
            let x = [16.0 + 5.5 * rng.uniform(), 5e-3 * (2 * rng.uniform() - 1), 2e-3 * (2 * rng.uniform() - 1),
                     1e-4 * (2 * rng.uniform() - 1), 1e-4 * (2 * rng.uniform() - 1), 1.0]
            let f = setup.model.chi2(x), g = setup.model.generalChi2(x)
            #expect(f.bitPattern == g.bitPattern || (f.isNaN && g.isNaN), "\(x): fast \(f), general \(g)")
            if f.isFinite { finite += 1 }
        }
        #expect(finite > 250)
    }
}

/// fits/mixed-be-he.toml in a fixture tree: ⁸Be(18.15), ¹²C and the ⁴He ratio datum under hypothesis mixed,
/// with fixture ⁴He(21.01) inputs in nuclear/user-he21.csv (user-supplied: the shipped rows are graded U).
func writeMixedFixture(_ tree: FixtureTree, heliumUncertainty: String = "0.1") throws {
    try tree.write("datasets/nuclear/user-he21.csv", """
        id,transition,quantity,value,uncertainty,unit,use,source,grade,notes
        He21_axial_charge_ME@test,He4_21.01,axial charge ME,12.0,\(heliumUncertainty),MeV,default,test fixture value,M,not a physics value
        He21_spin_dipole_ME@test,He4_21.01,spin dipole ME,0.9,0,fm,default,test fixture value,M,
        He21_population_ratio@test,He4_21.01,population ratio,0.3,0,1,default,test fixture value,M,

        """)
    try tree.write("fits/mixed-be-he.toml", """
        name = "mixed-be-he"
        description = "test: mixed V+A with 8Be, 12C and the 4He ratio datum"
        hypothesis = "mixed"
        isospin = "none"
        he_convention = "ratio"
        datasets = ["summaries/dg2023-angular.csv", "rates/atomki-rates.csv"]
        select = ["DG2023_angular", "Be18_Firak2020", "C12_PRC106", "He_PRC104_ratio"]
        nuclear = ["nuclear/x17-inputs.csv", "nuclear/user-he21.csv"]

        [parameters]
        mX    = { start = 16.9, step = 0.05, limits = [16.0, 17.2] }
        eps_n = { start = 5e-3, step = 1e-4 }
        eps_p = { start = 1e-3, step = 1e-4 }
        a_n   = { start = 1e-5, step = 1e-6 }
        a_p   = { start = 1e-5, step = 1e-6 }
        BR_ee = { value = 1.0, fixed = true }

        """)
}
