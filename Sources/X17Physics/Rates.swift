/// The rate observables of `datasets/rates/*.csv` (column `observable`).
public enum RateObservable: String, CaseIterable, Sendable {
    /// Γ_X/Γ_γ × BR (⁸Be, ¹²C).
    case bxGamma = "BX_gamma"
    /// Absolute ⁴He Γ_X × BR in eV: the dg2023 reproduction device (vector X only).
    case gammaX_eV = "GammaX_eV"
    /// ⁴He Γ_X/Γ_E0 × BR (physical ratio convention).
    case bxE0 = "BX_E0"
}

/// Nucleon couplings of X: vector ε_p, ε_n (units of e) and axial a_p, a_n (absolute).
public struct XCouplings: Sendable, Equatable {
    public var epsP: Double
    public var epsN: Double
    public var aP: Double
    public var aN: Double
    public init(epsP: Double = 0, epsN: Double = 0, aP: Double = 0, aN: Double = 0) {
        self.epsP = epsP
        self.epsN = epsN
        self.aP = aP
        self.aN = aN
    }
}

/// Predictions of rate observables for any hypothesis, including BR(X → e⁺e⁻).
public enum Rates {
    /// The observable predicted for `transition` under `hypothesis`; mixed V+A adds the two rates
    /// incoherently (seed 000 §6 "direct sum of the two contributions" [V]); every rate × `branchingRatio`.
    /// For ⁴He the signal is summed over the states the hypothesis allows (20.21 vector, 21.01 axial),
    /// whichever ⁴He transition the data row names.
    public static func predict(
        _ observable: RateObservable, transition: Transition, hypothesis: Hypothesis, couplings: XCouplings,
        mX: Double, branchingRatio: Double = 1, isospin: IsospinTreatment = .none, inputs: NuclearInputs = .reference
    ) throws -> Double {
        guard branchingRatio.isFinite, branchingRatio >= 0, branchingRatio <= 1 else {
            throw PhysicsError.invalidParameter(name: "BR_ee", value: branchingRatio, reason: "must be in [0, 1]")
        }
        let vector = hypothesis != .axial, axial = hypothesis != .vector
        let isHelium = transition == .he4_20_21 || transition == .he4_21_01
        var rate = 0.0
        switch observable {
        case .bxGamma:
            guard !isHelium else {
                throw PhysicsError.notAvailable("BX_gamma for \(transition.rawValue): ⁴He has no γ branch to the ground state; use GammaX_eV or BX_E0")
            }
            if vector {
                rate += try VectorRates.ratio(
                    transition, mX: mX, epsP: couplings.epsP, epsN: couplings.epsN, isospin: isospin, inputs: inputs)
            }
            if axial {
                rate += try AxialRates.ratio(transition, mX: mX, aP: couplings.aP, aN: couplings.aN, inputs: inputs)
            }
        case .gammaX_eV:
            guard isHelium, hypothesis == .vector else {
                throw PhysicsError.notAvailable("GammaX_eV (the dg2023 ⁴He device) is defined for a vector X and ⁴He only, not \(hypothesis.rawValue) / \(transition.rawValue)")
            }
            rate = try VectorRates.heliumWidthX_eV(mX: mX, epsP: couplings.epsP, epsN: couplings.epsN, inputs: inputs)
        case .bxE0:
            guard isHelium else {
                throw PhysicsError.notAvailable("BX_E0 for \(transition.rawValue): only ⁴He is normalised to an E0 transition")
            }
            if vector {
                rate += try VectorRates.ratio(
                    .he4_20_21, mX: mX, epsP: couplings.epsP, epsN: couplings.epsN, isospin: isospin, inputs: inputs)
            }
            if axial {
                rate += try AxialRates.ratio(.he4_21_01, mX: mX, aP: couplings.aP, aN: couplings.aN, inputs: inputs)
            }
        }
        // seed 000 Eq. (1): B_X = Γ(N*→NX)/Γ(N*→Nγ) × BR(X → e⁺e⁻) [V]
        return rate * branchingRatio
    }
}
