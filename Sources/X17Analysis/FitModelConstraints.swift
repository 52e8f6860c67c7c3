import X17Physics

extension FitModel {
    /// The constraint quantities' inputs at `x`, with `br` as the χ² paths computed it. Spin fractions follow a
    /// floated nuclear input when there is one.
    func constraintPoint(_ x: [Double], br: Double) -> ConstraintQuantity.Point {
        let c = couplings(x)
        var p = ConstraintQuantity.Point(mX: c.mX, epsP: c.nucleon.epsP, epsN: c.nucleon.epsN, aP: c.nucleon.aP, aN: c.nucleon.aN, br: br)
        if let i = roles.epsE { p.epsE = x[i] }
        if let i = roles.aE { p.aE = x[i] }
        if let i = roles.epsNu { p.epsNu = x[i] }
        p.spinFractions = baseInputs.spinFractions
        if !roles.nuisances.isEmpty, let floated = try? point(x) { p.spinFractions = floated.inputs.spinFractions }
        return p
    }

    /// Adds every external constraint's χ²; NaN when a quantity cannot be evaluated or lies in an excluded window.
    func addExternalConstraints(_ x: [Double], br: Double, to total: inout Double) {
        guard !constraints.isEmpty else { return }
        let p = constraintPoint(x, br: br)
        for term in constraints {
            guard let q = try? term.quantity.value(at: p) else {
                total = .nan
                return
            }
            total += term.chi2(q)
        }
    }

    /// BR(X → e⁺e⁻) = Γ_ee/(Γ_ee + Γ_νν) from ε_e, a_e and ε_ν (docs/physics.md §12.1); 1 when ε_ν = 0; NaN
    /// where a width cannot be evaluated. Used only when ε_ν is a parameter and BR_ee is not.
    func leptonBranchingRatio(_ x: [Double]) -> Double {
        guard let m = roles.mass, let n = roles.epsNu else { return 1 }
        let epsE = roles.epsE.map { x[$0] } ?? 0, aE = roles.aE.map { x[$0] } ?? 0
        guard let gammaNu = try? XDecay.widthToNeutrinos(mX: x[m], epsNu: x[n]),
              let gammaE = try? XDecay.widthToElectrons(mX: x[m], gV: epsE * Constants.elementaryCharge, gA: aE)
        else { return .nan }
        guard gammaNu > 0 else { return 1 }
        return (try? XDecay.branchingRatioToElectrons(widthToElectrons: gammaE, otherWidth: gammaNu)) ?? .nan
    }

    /// The external constraints as reported terms (kind "constraint").
    func constraintResults(at x: [Double], br: Double) throws -> [TermResult] {
        let p = constraintPoint(x, br: br)
        return try constraints.map { try $0.result($0.quantity.value(at: p)) }
    }
}

extension FitModel {
    /// This model with `terms` as its external constraints.
    func withConstraints(_ terms: [ConstraintTerm]) -> FitModel {
        var model = self
        model.constraints = terms
        return model
    }
}
