/// Maps between quark-level and nucleon-level X couplings.
public enum QuarkCouplings {
    /// ε_p = 2ε_u + ε_d, ε_n = ε_u + 2ε_d (seed 000 Eq. 33; D&G §III) [V].
    public static func nucleonVector(epsU: Double, epsD: Double) -> (epsP: Double, epsN: Double) {
        (2 * epsU + epsD, epsU + 2 * epsD)
    }

    /// ε_u = (2ε_p − ε_n)/3, ε_d = (2ε_n − ε_p)/3 (inverse of `nucleonVector`; docs/physics.md §1.1 [D]).
    public static func quarkVector(epsP: Double, epsN: Double) -> (epsU: Double, epsD: Double) {
        ((2 * epsP - epsN) / 3, (2 * epsN - epsP) / 3)
    }

    /// a_N = Σ_q Δq^(N) g_q with Δu^n = Δd^p, Δd^n = Δu^p, Δs^n = Δs^p (seed 000 Eqs. 34–35) [V].
    public static func nucleonAxial(
        gU: Double, gD: Double, gS: Double = 0, spinFractions f: SpinFractions = .reference
    ) -> (aP: Double, aN: Double) {
        (f.deltaUp * gU + f.deltaDp * gD + f.deltaS * gS, f.deltaDp * gU + f.deltaUp * gD + f.deltaS * gS)
    }

    /// Inverse of `nucleonAxial` for a given g_s; throws if Δu^p = ±Δd^p (no unique inverse).
    public static func quarkAxial(
        aP: Double, aN: Double, gS: Double = 0, spinFractions f: SpinFractions = .reference
    ) throws -> (gU: Double, gD: Double) {
        let det = f.deltaUp * f.deltaUp - f.deltaDp * f.deltaDp
        guard det != 0, det.isFinite else {
            throw PhysicsError.invalidParameter(name: "spin fractions", value: det, reason: "Δu² − Δd² must be non-zero")
        }
        let p = aP - f.deltaS * gS, n = aN - f.deltaS * gS
        // derived: 2×2 inverse of seed 000 Eq. 34 [D]
        return ((f.deltaUp * p - f.deltaDp * n) / det, (f.deltaUp * n - f.deltaDp * p) / det)
    }

    /// An absolute coupling expressed in units of e: a/e with e = √(4πα).
    public static func inUnitsOfE(_ coupling: Double) -> Double { coupling / Constants.elementaryCharge }

    /// A coupling given in units of e as an absolute coupling: ε·e.
    public static func fromUnitsOfE(_ epsilon: Double) -> Double { epsilon * Constants.elementaryCharge }
}
