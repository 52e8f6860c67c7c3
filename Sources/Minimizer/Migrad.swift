import LinearAlgebra

/// Everything a minimisation step needs besides the function.
struct Settings: Sendable {
    var knobs: StrategyKnobs
    var updator: ErrorUpdator
}

/// Starting state for MIGRAD (Minuit2 `MnSeedGenerator`): gradient, diagonal or supplied V, negative-g2 search.
/// Written over `state`, whose arrays are sized for the free parameters (their contents are replaced).
func makeSeed(_ fcn: FCN, parameters: [Parameter], covariance: [Double]?, settings: Settings,
              into state: consuming MinState) -> MinState {
    let trafo = fcn.trafo
    let n = trafo.count
    let prec = trafo.precision
    var st = consume state
    for k in 0..<n {
        let e = trafo.free[k]
        st.x[k] = trafo.toInternal(external: e, parameters[e].value)
    }
    let fval = fcn(st.x)
    initialGradient(st.x, parameters: parameters, trafo: trafo, up: fcn.up, into: &st.grad)
    computeGradient(fcn, &st.x, fval: fval, gradient: &st.grad, knobs: settings.knobs)
    var dcovar = 1.0
    if let c = covariance, c.count == n * n {
        for k in 0..<(n * n) { st.v[k] = c[k] }
        dcovar = 0
    } else {
        for k in 0..<(n * n) { st.v[k] = 0 }
        for i in 0..<n { st.v[i * n + i] = abs(st.grad.g2[i]) > prec.eps2 ? 1 / st.grad.g2[i] : 1 }
    }
    st.fval = fval
    st.dcovar = dcovar
    st.status = .posDef
    st.edm = estimateEDM(st.grad.g, st.v)
    st.hasErrorMatrix = true
    st.nfcn = fcn.calls
    // Only a seed without covariance gets the negative-G2 line search (MnSeedGenerator).
    if covariance == nil && st.grad.g2.contains(where: { $0 <= 0 }) {
        st = negativeG2LineSearch(fcn, st, settings: settings)
    }
    if settings.knobs.level >= 2 && covariance == nil {
        st = computeHesse(fcn, consume st, knobs: settings.knobs, maxCalls: Int.max)
    }
    return st
}

/// Line searches along parameters with negative second derivative (Minuit2 `NegativeG2LineSearch`).
func negativeG2LineSearch(_ fcn: FCN, _ st: MinState, settings: Settings) -> MinState {
    let n = st.x.count
    let prec = fcn.trafo.precision
    var grad = st.grad
    var x = st.x
    var fval = st.fval
    var iter = 0
    var iterate = false
    repeat {
        iterate = false
        for i in 0..<n where grad.g2[i] <= 0 {
            if abs(grad.g[i]) < prec.eps && abs(grad.g2[i]) < prec.eps { continue }
            var step = [Double](repeating: 0, count: n)
            step[i] = grad.g[i] < 0 ? grad.gstep[i] : -grad.gstep[i]
            let gdel = step[i] * grad.g[i]
            var buffer = x
            let pp = step.withUnsafeMutableBufferPointer { st in
                buffer.withUnsafeMutableBufferPointer { b in
                    lineSearch(fcn, x0: x, f0: fval, step: st, gdel: gdel, precision: prec, buffer: b)
                }
            }
            x[i] += pp.lambda * step[i]
            fval = pp.fval
            computeGradient(fcn, &x, fval: fval, gradient: &grad, knobs: settings.knobs)
            iterate = true
            break
        }
        iter += 1
    } while iter <= 2 * n && iterate
    let v = diagonalMatrix(grad.g2.map { abs($0) > prec.eps2 ? 1 / $0 : 1 })
    return MinState(x: x, fval: fval, grad: grad, v: v, dcovar: 1, status: .posDef,
                    edm: estimateEDM(grad.g, v), hasErrorMatrix: true, nfcn: fcn.calls)
}

/// Minuit2 `MnPosDef` applied to an inverse-Hessian state: made pos-def (dcovar 1) only when the diagonal
/// was inflated, else pos-def with the state's dcovar (see ``diagonalInflated(_:original:epsilon:)``).
func forcePositiveDefinite(_ st: MinState, precision: Precision) -> MinState? {
    let n = st.x.count
    let epsilon = max(1e-6, precision.eps2)
    guard let m = try? Matrix(rows: n, columns: n, storage: st.v),
          let r = try? makePositiveDefinite(m, epsilon: epsilon) else { return nil }
    var s = st
    s.v = r.matrix.storage
    let inflated = s.v.withUnsafeBufferPointer { after in
        st.v.withUnsafeBufferPointer { diagonalInflated(after, original: $0, epsilon: epsilon) }
    }
    if inflated {
        s.status = .madePosDef
        s.dcovar = 1
    } else {
        s.status = .posDef
    }
    return s
}

/// Whether `MnPosDef` turned the n×n `original` into `repaired` by inflating its diagonal, which is what
/// Minuit2 calls "made positive definite": an eigenvalue of the scaled matrix below ε·max(λmax, 1), or a
/// 1×1 value below ε replaced by 1. The first step alone, a shift of every diagonal element by
/// 0.5 + ε − min(diag) when that minimum is ≤ 0, leaves Minuit2's status pos-def (`MnPosDef` returns
/// `MinimumError(err, e.Dcovar())`). The inflation multiplies each diagonal element by at least 1.000999,
/// so it is seen by comparing the repaired diagonal with the shifted one.
func diagonalInflated(_ repaired: UnsafeBufferPointer<Double>, original: UnsafeBufferPointer<Double>,
                      epsilon: Double) -> Bool {
    let n = Int(Double(original.count).squareRoot().rounded())
    guard n > 0 else { return false }
    var dgmin = original[0]
    for i in 1..<n where original[i * n + i] < dgmin { dgmin = original[i * n + i] }
    let dg = dgmin <= 0 ? 0.5 + epsilon - dgmin : 0
    for i in 0..<n {
        var d = original[i * n + i] + dg
        if d < 0 { d = 1 }
        if repaired[i * n + i] != d { return true }
    }
    return false
}

/// Scratch vectors of the inverse-Hessian update (slices of one stack buffer).
struct UpdateBuffers {
    let dx: UnsafeMutableBufferPointer<Double>, dg: UnsafeMutableBufferPointer<Double>
    let vg: UnsafeMutableBufferPointer<Double>, flnu: UnsafeMutableBufferPointer<Double>
}

/// Davidon (rank-two, rank-one when φ > 1) or BFGS update of the inverse Hessian, written into `out`
/// (n×n); returns the new dcovar.
func updateError(_ s0: MinState, x1: [Double], g1: [Double], updator: ErrorUpdator, into out: inout [Double],
                 _ w: UpdateBuffers) -> Double {
    let n = x1.count
    for i in 0..<n {
        w.dx[i] = x1[i] - s0.x[i]
        w.dg[i] = g1[i] - s0.grad.g[i]
    }
    return s0.v.withUnsafeBufferPointer { v0 in
        out.withUnsafeMutableBufferPointer { out in
            updateError(v0: v0, dcovar: s0.dcovar, n: n, updator: updator, into: out, w)
        }
    }
}

/// The update on raw buffers: `w.dx`, `w.dg` hold Δx and Δg on entry.
private func updateError(v0: UnsafeBufferPointer<Double>, dcovar: Double, n: Int, updator: ErrorUpdator,
                         into out: UnsafeMutableBufferPointer<Double>, _ w: UpdateBuffers) -> Double {
    for i in 0..<n {
        var s = 0.0
        let r = i * n
        for j in 0..<n { s += v0[r + j] * w.dg[j] }
        w.vg[i] = s
    }
    let delgam = dot(w.dx, w.dg)
    let gvg = dot(w.dg, w.vg)
    if delgam == 0 || gvg <= 0 || !delgam.isFinite || !gvg.isFinite {
        for k in 0..<(n * n) { out[k] = v0[k] }
        return dcovar
    }
    switch updator {
    case .davidon:
        for i in 0..<n { for j in 0..<n {
            out[i * n + j] = w.dx[i] * w.dx[j] / delgam - w.vg[i] * w.vg[j] / gvg
        } }
        if delgam > gvg {
            for i in 0..<n { w.flnu[i] = w.dx[i] / delgam - w.vg[i] / gvg }
            for i in 0..<n { for j in 0..<n { out[i * n + j] += gvg * w.flnu[i] * w.flnu[j] } }
        }
    case .bfgs:
        for i in 0..<n { for j in 0..<n {
            out[i * n + j] = (delgam + gvg) * w.dx[i] * w.dx[j] / (delgam * delgam)
                - (w.vg[i] * w.dx[j] + w.dx[i] * w.vg[j]) / delgam
        } }
    }
    let sumUpd = packedAbsSum(UnsafeBufferPointer(out), n)
    for k in 0..<(n * n) { out[k] += v0[k] }
    return 0.5 * (dcovar + sumUpd / packedAbsSum(UnsafeBufferPointer(out), n))
}

/// The Newton step −V·g of `s` into `step`; returns its slope gᵀ·step.
@inline(__always)
private func newtonStep(_ s: borrowing MinState, into step: UnsafeMutableBufferPointer<Double>) -> Double {
    matVec(s.v, s.grad.g, into: step)
    for i in 0..<step.count { step[i] = -step[i] }
    return dot(step, s.grad.g)
}

/// How a minimisation ended, beside its state.
struct Termination {
    var aboveMaxEdm = false
    var callLimit = false
    var reason: String
}

/// MIGRAD from the seed in `state` (Minuit2 `VariableMetricBuilder::Minimum`, outer loop with HESSE
/// verification); `state` holds the final state on return (one state moved through the passes and HESSE,
/// never copied). `edmGoal` already includes the 0.002 factor. `workspace` supplies and takes back
/// scratch states.
func variableMetric(_ fcn: FCN, _ state: inout MinState, settings: Settings, maxCalls: Int, edmGoal edmval: Double,
                    workspace: MigradWorkspace?) -> Termination {
    let prec = fcn.trafo.precision
    if fcn.calls >= maxCalls {
        return Termination(callLimit: true, reason: "call limit reached while computing the seed")
    }
    if !state.fval.isFinite {
        return Termination(aboveMaxEdm: true, reason: "function is not finite at the start point")
    }
    // VariableMetricBuilder returns the seed itself when its V gives a negative EDM: a valid minimum for
    // Minuit2 (MnFunctionCross goes on with its function value), reported invalid to the user
    // (``MinResult/isUserValid``, as iminuit).
    if state.edm < 0 {
        return Termination(reason: "initial matrix not positive definite (EDM < 0)")
    }
    var edm = state.edm
    var maxEff = maxCalls
    var ipass = 0
    var result: Termination
    var iterate = false
    repeat {
        iterate = false
        result = variableMetricPass(fcn, &state, settings: settings, maxCalls: maxEff, edmGoal: edmval,
                                    workspace: workspace)
        if result.callLimit { return result }
        if ipass > 0 && !(state.isValid && !result.aboveMaxEdm) { return result }
        edm = state.edm
        let level = settings.knobs.level
        if level >= 2 || (level == 1 && state.dcovar > 0.05) {
            state = computeHesse(fcn, consume state, knobs: settings.knobs, maxCalls: maxCalls)
            if !state.isValid {
                result.reason = "HESSE failed after MIGRAD"
                break
            }
            edm = state.edm
            if edm > edmval {
                let machineLimit = abs(prec.eps2 * state.fval)
                if edm >= machineLimit {
                    // The next pass starts here and replaces `result`.
                    iterate = true
                } else {
                    result.reason = "EDM limited by machine accuracy"
                }
            }
        }
        if ipass == 0 { maxEff = Int(Double(maxCalls) * 1.3) }
        ipass += 1
    } while iterate
    if edm > 10 * edmval || edm.isNaN {
        result.aboveMaxEdm = true
        result.reason = "EDM \(edm) above 10 × goal \(edmval)"
    } else if state.status == .callLimit {
        result.callLimit = true
        result.reason = "call limit reached in HESSE"
    } else {
        result.aboveMaxEdm = false
    }
    return result
}

/// One pass of variable-metric iterations until EDM < goal or the call limit, from and into `state`.
/// Two states are swapped each iteration and the scratch vectors live on the stack, so nothing is
/// allocated after the first iteration.
func variableMetricPass(_ fcn: FCN, _ state: inout MinState, settings: Settings, maxCalls: Int,
                        edmGoal edmval: Double, workspace: MigradWorkspace? = nil) -> Termination {
    let n = state.x.count
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: 6 * n) { scratch in
        func slice(_ k: Int) -> UnsafeMutableBufferPointer<Double> {
            UnsafeMutableBufferPointer(rebasing: scratch[(k * n)..<((k + 1) * n)])
        }
        let buffers = UpdateBuffers(dx: slice(2), dg: slice(3), vg: slice(4), flnu: slice(5))
        return variableMetricPass(fcn, &state, settings: settings, maxCalls: maxCalls, edmGoal: edmval,
                                  step: slice(0), lineBuffer: slice(1), buffers: buffers, workspace: workspace)
    }
}

/// The pass on caller-provided scratch vectors. `s0` and a second state (from `workspace` when
/// given) are swapped each iteration; the one not left in `s0` goes back to the workspace.
func variableMetricPass(_ fcn: FCN, _ s0: inout MinState, settings: Settings, maxCalls: Int, edmGoal edmval: Double,
                        step: UnsafeMutableBufferPointer<Double>, lineBuffer: UnsafeMutableBufferPointer<Double>,
                        buffers: UpdateBuffers, workspace: MigradWorkspace?) -> Termination {
    let prec = fcn.trafo.precision
    let n = s0.x.count
    var s1 = workspace?.takeState(n) ?? MinState(zeros: n)
    defer { workspace?.giveBack(s1) }
    var edm = s0.edm * (1 + 3 * s0.dcovar)
    var reason = "EDM below goal"
    repeat {
        var gdel = newtonStep(s0, into: step)
        if dot(s0.grad.g, s0.grad.g) <= 0 { reason = "all derivatives are zero"; break }
        if gdel > 0 || gdel.isNaN {
            guard let p = forcePositiveDefinite(s0, precision: prec) else {
                return Termination(aboveMaxEdm: true, reason: "inverse Hessian not positive definite")
            }
            s0 = p
            gdel = newtonStep(s0, into: step)
            if gdel > 0 || gdel.isNaN {
                return Termination(aboveMaxEdm: true, reason: "matrix not positive definite (gdel > 0)")
            }
        }
        let pp = lineSearch(fcn, x0: s0.x, f0: s0.fval, step: step, gdel: gdel, precision: prec, buffer: lineBuffer)
        if abs(pp.fval - s0.fval) <= abs(s0.fval) * prec.eps {
            reason = "no improvement in line search"
            s0.nfcn = fcn.calls
            break
        }
        for i in 0..<n {
            s1.x[i] = s0.x[i] + pp.lambda * step[i]
            s1.grad.g[i] = s0.grad.g[i]
            s1.grad.g2[i] = s0.grad.g2[i]
            s1.grad.gstep[i] = s0.grad.gstep[i]
        }
        s1.grad.analytical = s0.grad.analytical
        computeGradient(fcn, &s1.x, fval: pp.fval, gradient: &s1.grad, knobs: settings.knobs)
        edm = estimateEDM(s1.grad.g, s0.v)
        if edm.isNaN {
            s0.edm = edm
            return Termination(aboveMaxEdm: true, reason: "EDM is NaN")
        }
        if edm < 0 {
            guard let p = forcePositiveDefinite(s0, precision: prec) else {
                return Termination(aboveMaxEdm: true, reason: "inverse Hessian not positive definite")
            }
            s0 = p
            edm = estimateEDM(s1.grad.g, s0.v)
            if edm < 0 {
                return Termination(aboveMaxEdm: true, reason: "matrix still not positive definite")
            }
        }
        let dcov = updateError(s0, x1: s1.x, g1: s1.grad.g, updator: settings.updator, into: &s1.v, buffers)
        s1.fval = pp.fval
        s1.dcovar = dcov
        s1.status = .posDef
        s1.edm = edm
        s1.hasErrorMatrix = true
        s1.nfcn = fcn.calls
        swap(&s0, &s1)
        edm *= 1 + 3 * dcov
    } while edm > edmval && fcn.calls < maxCalls
    s0.nfcn = fcn.calls
    if fcn.calls >= maxCalls {
        return Termination(callLimit: true, reason: "call limit \(maxCalls) reached")
    }
    if edm > edmval {
        if edm < 10 * edmval { return Termination(reason: "EDM close to goal (below 10 × goal)") }
        if edm < abs(prec.eps2 * s0.fval) { return Termination(reason: "EDM limited by machine accuracy") }
        return Termination(aboveMaxEdm: true, reason: "iterations finished without convergence (EDM \(edm))")
    }
    return Termination(reason: reason)
}
