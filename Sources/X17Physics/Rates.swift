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

/// Predictions of rate observables for any hypothesis, including BR(X → e⁺e⁻). The one prediction path:
/// `predict` and the fit's χ² (general and fast) all evaluate a `RateKernel`.
public enum Rates {
    /// The observable predicted for `transition` under `hypothesis`; mixed V+A adds the two rates
    /// incoherently (seed 000 §6 "direct sum of the two contributions" [V]); every rate × `branchingRatio`.
    /// For ⁴He the signal is summed over the states the hypothesis allows (20.21 vector, 21.01 axial),
    /// whichever ⁴He transition the data row names. Each state's channel is closed (contributes 0) at mX ≥ ΔE.
    public static func predict(
        _ observable: RateObservable, transition: Transition, hypothesis: Hypothesis, couplings: XCouplings,
        mX: Double, branchingRatio: Double = 1, isospin: IsospinTreatment = .none, inputs: NuclearInputs = .reference
    ) throws -> Double {
        guard branchingRatio.isFinite, branchingRatio >= 0, branchingRatio <= 1 else {
            throw PhysicsError.invalidParameter(name: "BR_ee", value: branchingRatio, reason: "must be in [0, 1]")
        }
        let kernel = try RateKernel(observable, transition: transition, hypothesis: hypothesis, isospin: isospin, inputs: inputs)
        return try kernel.evaluate(mX: mX, couplings: couplings, branchingRatio: branchingRatio, inputs: inputs)
    }
}
