/// The rate of one transition × observable × hypothesis with everything that does not depend on (mX, couplings)
/// resolved when it is built: the contributing states, the ⁸Be isospin coefficient, M_E0, the nuclear inputs.
/// `Rates.predict` builds one and evaluates it; the fit builds one per data row (fast path: once per fit).
/// A kernel is trivially copyable (no reference counting in χ² loops): the rates that need more than the
/// resolved numbers read the nuclear inputs passed to `evaluate`, which must be those it was built from.
public struct RateKernel: Sendable {
    /// One state's contribution before BR.
    @usableFromInline
    enum Term: Sendable {
        case none
        /// ⁸Be vector M1 rate with the isospin coefficient looked up.
        case berylliumVector(Transition, isospinCoefficient: Double)
        /// The ⁴He(20.21) dg2023 absolute width Γ_X (eV) with M_E0 (fm²).
        case heliumWidthX(e0MatrixElement_fm2: Double)
        /// The ¹²C(17.23) vector rate (`VectorRates.carbonRatio`).
        case carbonVector
        /// Any other vector rate of `VectorRates.ratio`.
        case vector(Transition)
        /// Any axial rate of `AxialRates.ratio`.
        case axial(Transition)
    }

    /// The vector state's term (`.none` under `.axial`) and the axial state's (`.none` under `.vector`).
    @usableFromInline let vector: Term
    @usableFromInline let axial: Term
    /// Each term contributes only for mX below its state's energy (−∞ for `.none`).
    @usableFromInline let vectorOpenBelow: Double
    @usableFromInline let axialOpenBelow: Double
    @usableFromInline let isospin: IsospinTreatment

    /// Resolves the states `hypothesis` allows for `observable` of `transition` (for ⁴He both 20.21 and 21.01,
    /// whichever ⁴He state is named); throws `notAvailable` for a combination without physics or a missing input.
    public init(
        _ observable: RateObservable, transition: Transition, hypothesis: Hypothesis, isospin: IsospinTreatment,
        inputs: NuclearInputs
    ) throws {
        self.isospin = isospin
        let isHelium = transition == .he4_20_21 || transition == .he4_21_01
        let vector: Term, axial: Term
        let useVector = hypothesis != .axial, useAxial = hypothesis != .vector
        switch observable {
        case .bxGamma:
            guard !isHelium else {
                throw PhysicsError.notAvailable("BX_gamma for \(transition.rawValue): ⁴He has no γ branch to the ground state; use GammaX_eV or BX_E0")
            }
            if useVector {
                if transition == .be8_18_15 || transition == .be8_17_64 {
                    vector = .berylliumVector(transition, isospinCoefficient: try inputs.isospinCoefficient(transition, isospin))
                } else if transition == .c12_17_23 {
                    vector = .carbonVector
                } else {
                    vector = .vector(transition)
                }
            } else {
                vector = .none
            }
            axial = useAxial ? .axial(transition) : .none
        case .gammaX_eV:
            guard isHelium, hypothesis == .vector else {
                throw PhysicsError.notAvailable("GammaX_eV (the dg2023 ⁴He device) is defined for a vector X and ⁴He only, not \(hypothesis.rawValue) / \(transition.rawValue)")
            }
            vector = .heliumWidthX(e0MatrixElement_fm2: inputs.heliumE0MatrixElement_fm2)
            axial = .none
        case .bxE0:
            guard isHelium else {
                throw PhysicsError.notAvailable("BX_E0 for \(transition.rawValue): only ⁴He is normalised to an E0 transition")
            }
            vector = useVector ? .vector(.he4_20_21) : .none
            axial = useAxial ? .axial(.he4_21_01) : .none
        }
        (self.vector, self.axial) = (vector, axial)
        vectorOpenBelow = Self.energy(of: vector)
        axialOpenBelow = Self.energy(of: axial)
    }

    static func energy(of term: Term) -> Double {
        switch term {
        case .none: return -.infinity
        case .berylliumVector(let t, _), .vector(let t), .axial(let t): return t.energy
        case .heliumWidthX: return Transition.he4_20_21.energy
        case .carbonVector: return Transition.c12_17_23.energy
        }
    }

    /// The rate × `branchingRatio` at (mX, couplings): vector then axial contribution, each 0 once its channel is
    /// closed (mX ≥ ΔE, so the χ² stays continuous; a NaN mX counts as closed). `inputs`: those the kernel was
    /// built from.
    @inlinable @inline(__always)
    public func evaluate(
        mX: Double, couplings c: XCouplings, branchingRatio: Double, inputs: NuclearInputs
    ) throws -> Double {
        var rate = 0.0
        if mX < vectorOpenBelow { rate += try evaluate(vector, mX: mX, c, inputs) }
        if mX < axialOpenBelow { rate += try evaluate(axial, mX: mX, c, inputs) }
        // seed 000 Eq. (1): B_X = Γ(N*→NX)/Γ(N*→Nγ) × BR(X → e⁺e⁻) [V]
        return rate * branchingRatio
    }

    @inlinable @inline(__always)
    func evaluate(_ term: Term, mX: Double, _ c: XCouplings, _ inputs: NuclearInputs) throws -> Double {
        switch term {
        case .none:
            return 0
        case .berylliumVector(let t, let a):
            return try VectorRates.berylliumRatio(t, mX: mX, epsP: c.epsP, epsN: c.epsN, isospinCoefficient: a)
        case .heliumWidthX(let m):
            return try VectorRates.heliumWidthX_eV(mX: mX, epsP: c.epsP, epsN: c.epsN, e0MatrixElement_fm2: m)
        case .carbonVector:
            return try VectorRates.carbonRatio(mX: mX, epsP: c.epsP, epsN: c.epsN)
        case .vector(let t):
            return try VectorRates.ratio(t, mX: mX, epsP: c.epsP, epsN: c.epsN, isospin: isospin, inputs: inputs)
        case .axial(let t):
            return try AxialRates.ratio(t, mX: mX, aP: c.aP, aN: c.aN, inputs: inputs)
        }
    }
}
