import LinearAlgebra

/// User-level parameter state between applications (Minuit2 `MnUserParameterState`):
/// values, errors (steps), fixed flags and the internal inverse Hessian of the free parameters.
struct UserState: Sendable {
    var parameters: [Parameter]
    /// Internal V = H⁻¹ for the current free parameters (row-major), if known.
    var covariance: [Double]?

    var freeCount: Int { parameters.reduce(0) { $0 + ($1.fixed ? 0 : 1) } }

    /// Fixes a parameter, conditioning the covariance on it (Minuit2 `MnCovarianceSqueeze`).
    mutating func fix(_ e: Int) {
        guard !parameters[e].fixed else { return }
        if let v = covariance {
            let k = parameters[..<e].reduce(0) { $0 + ($1.fixed ? 0 : 1) }
            covariance = squeeze(v, removing: k)
        }
        parameters[e].fixed = true
    }
}

/// Removes row/column `k` of the Hessian H = V⁻¹ and inverts back; nil when V is not invertible.
func squeeze(_ v: [Double], removing k: Int) -> [Double]? {
    let n = Int(Double(v.count).squareRoot().rounded())
    guard n > 1, let m = try? Matrix(rows: n, columns: n, storage: v),
          let h = try? m.symmetrized.symmetricInverse(name: "covariance") else { return nil }
    var r = [Double]()
    r.reserveCapacity((n - 1) * (n - 1))
    for i in 0..<n where i != k { for j in 0..<n where j != k { r.append(h[i, j]) } }
    guard let hm = try? Matrix(rows: n - 1, columns: n - 1, storage: r),
          let back = try? hm.symmetrized.symmetricInverse(name: "squeezed Hessian") else { return nil }
    return back.storage
}

/// The default call limit 200 + 100n + 5n².
func defaultCallLimit(_ n: Int) -> Int { 200 + 100 * n + 5 * n * n }

/// Runs Minuit2 "applications" (MnMigrad, MnSimplex, MnHesse) on a `UserState`.
struct Runner: Sendable {
    let cost: CostFunction
    let up: Double
    let precision: Precision
    let updator: ErrorUpdator
    /// A transform from an earlier run, reused when it still fits the parameters.
    var cachedTransform: Transform? = nil

    struct Outcome {
        var result: MinResult
        var trafo: Transform
        var calls: Int
        var gradientCalls: Int
    }

    func makeFCN(_ s: UserState) -> FCN {
        let trafo: Transform
        if let t = cachedTransform, t.matches(s.parameters, precision: precision) {
            trafo = t
        } else {
            trafo = Transform(s.parameters, precision: precision)
        }
        return FCN(cost, trafo: trafo, externalValues: s.parameters.map(\.value), up: up)
    }

    /// Plain MIGRAD from the state; the state is updated with the result (as `MnApplication`).
    /// A `workspace` (for a series of runs of this runner's function) keeps the set-up and buffers.
    func migrad(_ s: inout UserState, strategy: Int, maxCalls: Int?, tolerance: Double,
                workspace: MigradWorkspace? = nil) -> Outcome {
        let fcn = workspace?.fcn(for: cost, up: up, parameters: s.parameters, precision: precision) ?? makeFCN(s)
        return Runner.migrad(fcn, &s, strategy: strategy, maxCalls: maxCalls, tolerance: tolerance, updator: updator,
                             workspace: workspace)
    }

    /// MIGRAD with a function wrapper set up for `s` (from `makeFCN` or a workspace).
    static func migrad(_ fcn: FCN, _ s: inout UserState, strategy: Int, maxCalls: Int?, tolerance: Double,
                       updator: ErrorUpdator, workspace: MigradWorkspace?) -> Outcome {
        let r = minimize(fcn, parameters: s.parameters, covariance: s.covariance, strategy: strategy,
                         maxCalls: maxCalls, tolerance: tolerance, updator: updator, workspace: workspace)
        apply(r, trafo: fcn.trafo, up: fcn.up, to: &s)
        return Outcome(result: consume r, trafo: fcn.trafo, calls: fcn.calls, gradientCalls: fcn.gradientCalls)
    }

    /// Seed and variable-metric iterations (`MnMigrad` without touching a user state).
    static func minimize(_ fcn: FCN, parameters: [Parameter], covariance: [Double]?, strategy: Int, maxCalls: Int?,
                         tolerance: Double, updator: ErrorUpdator, workspace: MigradWorkspace?) -> MinResult {
        let trafo = fcn.trafo
        let n = trafo.count
        let maxfcn = maxCalls ?? defaultCallLimit(n)
        let settings = Settings(knobs: StrategyKnobs(strategy), updator: updator)
        var state = makeSeed(fcn, parameters: parameters, covariance: covariance, settings: settings,
                             into: workspace?.takeState(n) ?? MinState(zeros: n))
        let edmGoal = 0.002 * max(tolerance * fcn.up, trafo.precision.eps2)
        let end = variableMetric(fcn, &state, settings: settings, maxCalls: maxfcn, edmGoal: edmGoal,
                                 workspace: workspace)
        return MinResult(state: consume state, aboveMaxEdm: end.aboveMaxEdm, callLimit: end.callLimit,
                         reason: end.reason)
    }

    /// SIMPLEX from the state (seed from the parameter steps only, as `SimplexSeedGenerator`).
    func simplex(_ s: inout UserState, maxCalls: Int?, tolerance: Double) -> Outcome {
        let fcn = makeFCN(s)
        let trafo = fcn.trafo
        let x = trafo.internalValues(fcn.external)
        let n = trafo.count
        let maxfcn = maxCalls ?? defaultCallLimit(n)
        let fval = fcn(x)
        let g = initialGradient(x, parameters: s.parameters, trafo: trafo, up: up)
        let seed = MinState(x: x, fval: fval, grad: g, v: [], dcovar: 1, status: .unset, edm: 0,
                            hasErrorMatrix: false, nfcn: fcn.calls)
        let r = simplexMinimize(fcn, seed: seed, maxCalls: maxfcn, edmGoal: max(tolerance * up, precision.eps2))
        apply(r, trafo: trafo, to: &s)
        return Outcome(result: r, trafo: trafo, calls: fcn.calls, gradientCalls: fcn.gradientCalls)
    }

    /// HESSE at an existing internal state (`MnHesse` on a `FunctionMinimum`). Its calls are counted from 0
    /// against its call limit, as iminuit resets the counter before MnHesse: the calls of the MIGRAD before it
    /// do not count. The minimum is above the maximum EDM when the EDM at the new covariance exceeds
    /// 10·`edmGoal` (or is NaN), as Minuit2 re-checks after HESSE.
    /// A `workspace` supplies the function wrapper (results identical).
    func hesse(_ s: inout UserState, state: consuming MinState, strategy: Int, maxCalls: Int?, edmGoal: Double,
               workspace: MigradWorkspace? = nil) -> Outcome {
        let fcn = workspace?.fcn(for: cost, up: up, parameters: s.parameters, precision: precision) ?? makeFCN(s)
        let trafo = fcn.trafo
        let maxfcn = maxCalls ?? defaultCallLimit(trafo.count)
        let st = computeHesse(fcn, consume state, knobs: StrategyKnobs(strategy), maxCalls: maxfcn)
        return hesseOutcome(consume st, fcn, edmGoal: edmGoal, to: &s)
    }

    /// HESSE from the user state: seed first (gradient), then the Hessian.
    func hesseFromState(_ s: inout UserState, strategy: Int, maxCalls: Int?, edmGoal: Double) -> Outcome {
        let fcn = makeFCN(s)
        let trafo = fcn.trafo
        let settings = Settings(knobs: StrategyKnobs(strategy), updator: updator)
        let seed = makeSeed(fcn, parameters: s.parameters, covariance: nil, settings: settings,
                            into: MinState(zeros: trafo.count))
        let maxfcn = maxCalls ?? defaultCallLimit(trafo.count)
        let st = computeHesse(fcn, seed, knobs: settings.knobs, maxCalls: maxfcn)
        return hesseOutcome(consume st, fcn, edmGoal: edmGoal, to: &s)
    }

    /// The result of a HESSE state (above the maximum EDM when its EDM exceeds 10·`edmGoal` or is NaN),
    /// applied to `s`.
    private func hesseOutcome(_ st: consuming MinState, _ fcn: FCN, edmGoal: Double, to s: inout UserState) -> Outcome {
        let aboveMaxEdm = st.edm.isNaN || st.edm > 10 * edmGoal, callLimit = st.status == .callLimit
        let reason = hesseReason(st.status)
        let r = MinResult(state: consume st, aboveMaxEdm: aboveMaxEdm, callLimit: callLimit, reason: reason)
        apply(r, trafo: fcn.trafo, to: &s)
        return Outcome(result: consume r, trafo: fcn.trafo, calls: fcn.calls, gradientCalls: fcn.gradientCalls)
    }

    func hesseReason(_ status: ErrorStatus) -> String {
        switch status {
        case .posDef: return "HESSE: covariance accurate"
        case .madePosDef: return "HESSE: Hessian forced positive definite"
        case .notPosDef: return "HESSE: Hessian not positive definite"
        case .hesseFailed: return "HESSE failed: a second derivative is zero"
        case .invertFailed: return "HESSE failed: Hessian not invertible"
        case .callLimit: return "HESSE reached the call limit"
        case .unset: return "HESSE not run"
        }
    }

    /// Copies values, errors and covariance of a result into the user state.
    func apply(_ r: MinResult, trafo: Transform, to s: inout UserState) {
        Runner.apply(r, trafo: trafo, up: up, to: &s)
    }

    static func apply(_ r: MinResult, trafo: Transform, up: Double, to s: inout UserState) {
        applyValues(r.state, trafo: trafo, up: up, to: &s.parameters)
        s.covariance = r.state.keepsCovariance ? r.state.v : nil
    }

    /// External values and errors of a state written into `parameters`.
    static func applyValues(_ st: borrowing MinState, trafo: Transform, up: Double, to parameters: inout [Parameter]) {
        for k in 0..<trafo.count {
            let e = trafo.free[k]
            parameters[e].value = trafo.toExternal(k, st.x[k])
            let err = st.externalError(k, trafo: trafo, up: up)
            if err.isFinite && err > 0 { parameters[e].step = err }
        }
    }
}
