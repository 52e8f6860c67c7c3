import X17Physics

/// The quantity an external constraint bounds, computed from the fit's couplings (docs/physics.md §12).
public enum ConstraintQuantity: String, CaseIterable, Sendable {
    /// ε_p·√BR (π⁰ → γX).
    case pi0EpsPSqrtBR = "pi0_eps_p_sqrtBR"
    /// ΔQ·√BR (SINDRUM-I π⁺ → e⁺νe⁺e⁻).
    case sindrumDeltaQSqrtBR = "sindrum_dQ_sqrtBR"
    /// |C_n|·|(126 C_n + 82 C_p)/208| (n–Pb scattering).
    case neutronLead = "npb_product"
    /// sign(ε_nε_ν)√|ε_nε_ν| (Dresden-II CEvNS).
    case cevns = "cevns_signed_root"
    /// sign(ε_eε_ν)√|ε_eε_ν| (TEXONO).
    case texono = "texono_signed_root"
    /// |C_eA|·|55C_p + 78C_n|/399 (Cs atomic parity violation).
    case cesiumAPV = "apv_cs"
    /// |C_eV C_eA| (E158 Møller).
    case moller = "moller_e158"
    /// Δa_e.
    case deltaAE = "delta_a_e"
    /// Δa_μ with lepton-universal couplings (ε_μ = ε_e, a_μ = a_e).
    case deltaAMuUniversal = "delta_a_mu_universal"
    /// √(C_eV² + C_eA²)·√BR (KLOE).
    case kloe = "kloe_C_sqrtBR"
    /// √(C_eV² + C_eA²)/√BR (electron beam dumps, seed 000 Eq. 45).
    case beamDump = "beamdump_C_over_sqrtBR"
    /// √(ε_e² + (a_e/e)²)·√BR (NA64 visible, E137, PADME).
    case epsEffSqrtBR = "eps_e_eff_sqrtBR"
    /// √(ε_e² + (a_e/e)²)·√(1 − BR) (NA64 invisible).
    case epsEffSqrtInvisible = "eps_e_eff_sqrtBRinv"
    /// Lab decay length (cm) of an X from ⁸Be(18.15) (ATOMKI prompt decay).
    case decayLength = "decay_length_cm_be18"

    /// The physics quantities a constraint is evaluated at.
    public struct Point: Sendable {
        public var mX = 0.0, epsP = 0.0, epsN = 0.0, aP = 0.0, aN = 0.0, epsE = 0.0, aE = 0.0, epsNu = 0.0, br = 1.0
        public var spinFractions = SpinFractions.reference
    }

    /// The quantity at `p`.
    public func value(at p: Point) throws -> Double {
        let sqrtBR = p.br.squareRoot()
        switch self {
        case .pi0EpsPSqrtBR: return p.epsP * sqrtBR
        case .sindrumDeltaQSqrtBR:
            return try ExternalConstraints.sindrumDeltaQ(epsP: p.epsP, epsN: p.epsN, aP: p.aP, aN: p.aN, epsE: p.epsE, aE: p.aE,
                                                         epsNu: p.epsNu, spinFractions: p.spinFractions) * sqrtBR
        case .neutronLead: return ExternalConstraints.neutronLead(epsP: p.epsP, epsN: p.epsN)
        case .cevns: return ExternalConstraints.cevnsSignedRoot(epsN: p.epsN, epsNu: p.epsNu)
        case .texono: return ExternalConstraints.texonoSignedRoot(epsE: p.epsE, epsNu: p.epsNu)
        case .cesiumAPV: return ExternalConstraints.cesiumAPV(aE: p.aE, epsP: p.epsP, epsN: p.epsN)
        case .moller: return ExternalConstraints.moller(epsE: p.epsE, aE: p.aE)
        case .deltaAE: return try LeptonLoops.electronMoment(mX: p.mX, epsE: p.epsE, aE: p.aE)
        case .deltaAMuUniversal: return try LeptonLoops.muonMoment(mX: p.mX, epsMu: p.epsE, aMu: p.aE)
        case .kloe: return ExternalConstraints.electronCoupling(epsE: p.epsE, aE: p.aE) * sqrtBR
        case .beamDump:
            guard p.br > 0 else { return .infinity }
            return ExternalConstraints.electronCoupling(epsE: p.epsE, aE: p.aE) / sqrtBR
        case .epsEffSqrtBR: return ExternalConstraints.effectiveEpsE(epsE: p.epsE, aE: p.aE) * sqrtBR
        case .epsEffSqrtInvisible:
            return ExternalConstraints.effectiveEpsE(epsE: p.epsE, aE: p.aE) * max(0, 1 - p.br).squareRoot()
        case .decayLength:
            return try ExternalConstraints.decayLength_cm(mX: p.mX, epsE: p.epsE, aE: p.aE, branchingRatio: p.br,
                                                          energy: Transition.be8_18_15.energy,
                                                          groundStateMass: Constants.beryllium8Mass)
        }
    }
}

/// How an external constraint enters the χ² (datasets/SCHEMA.md, constraints).
public enum ConstraintKind: String, CaseIterable, Sendable {
    /// ((q − value)/σ)².
    case gaussian
    /// (q/σ)² for q > 0, σ = bound/Φ⁻¹(cl).
    case oneSidedUpper = "one_sided_upper"
    /// (q/σ)², σ = bound/Φ⁻¹((1 + cl)/2).
    case twoSidedAtZero = "two_sided_at_zero"
    /// (q/σ₊)² for q ≥ 0, (q/σ₋)² for q < 0, each σ = bound/Φ⁻¹(cl) of its sign.
    case signDependentUpper = "sign_dependent_upper"
    /// Forbidden (χ² = NaN, which the minimizer treats as outside the domain) for bound < q < bound_high; 0 outside.
    case excludedWindow = "excluded_window"
}

/// An external constraint of the χ²: a function of the couplings and how it is penalised.
public struct ConstraintTerm: Sendable {
    public let info: RowInfo
    public let quantity: ConstraintQuantity
    public let kind: ConstraintKind
    /// The Gaussian centre (0 for limits).
    public let center: Double
    /// σ (for q ≥ 0 when sign-dependent); for a window, its lower edge, or its upper edge when the lower is 0
    /// (reporting only).
    public let sigma: Double
    /// σ for q < 0 (sign-dependent limits; otherwise equal to `sigma`).
    public let sigmaNegative: Double
    /// The excluded window (lower, upper); upper may be +∞.
    public let window: (lower: Double, upper: Double)?
    /// The confidence level of a limit's bound (`cl` column); nil for Gaussian terms and windows.
    public var cl: Double? = nil

    /// Whether pseudo-data redraw the centre: Gaussian terms (a measurement, or a two-sided limit read as a
    /// Gaussian at 0) are auxiliary measurements; one-sided limits and windows are kept as published.
    public var isRedrawn: Bool { kind == .gaussian || kind == .twoSidedAtZero }

    /// This term with its centre moved to `center` (pseudo-data; only meaningful where ``isRedrawn``).
    func recentered(_ center: Double) -> ConstraintTerm {
        var t = ConstraintTerm(info: info, quantity: quantity, kind: kind, center: center, sigma: sigma,
                               sigmaNegative: sigmaNegative, window: window)
        t.cl = cl
        return t
    }

    /// The χ² contribution for the quantity's value `q`; NaN inside an excluded window.
    public func chi2(_ q: Double) -> Double {
        switch kind {
        case .gaussian, .twoSidedAtZero:
            let r = (q - center) / sigma
            return r * r
        case .oneSidedUpper:
            let r = q / sigma
            return q > 0 ? r * r : 0
        case .signDependentUpper:
            let r = q / (q < 0 ? sigmaNegative : sigma)
            return r * r
        case .excludedWindow:
            guard !q.isNaN else { return .nan }
            let (lower, upper) = window!
            return q > lower && q < upper ? .nan : 0
        }
    }

    /// The term as reported in a result: observed = centre (window: its lower edge), pull 0 where it adds nothing.
    func result(_ q: Double) -> TermResult {
        switch kind {
        case .excludedWindow:
            var t = TermResult(kind: "constraint", dataset: info.dataset, id: info.id, observed: sigma,
                               predicted: q.isFinite ? q : Double.greatestFiniteMagnitude, sigma: sigma)
            t.pull = 0
            return t
        case .signDependentUpper where q < 0:
            var t = TermResult(kind: "constraint", dataset: info.dataset, id: info.id, observed: 0, predicted: q,
                               sigma: sigmaNegative)
            t.pull = -q / sigmaNegative
            return t
        default:
            var t = TermResult(kind: "constraint", dataset: info.dataset, id: info.id, observed: center, predicted: q,
                               sigma: sigma)
            if kind == .oneSidedUpper && q < 0 { t.pull = 0 }
            return t
        }
    }
}
