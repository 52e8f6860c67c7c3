/// Rough gradient from the parameter errors (Minuit2 `InitialGradientCalculator`).
func initialGradient(_ x: [Double], parameters: [Parameter], trafo: Transform, up: Double) -> Gradient {
    let n = x.count
    var grad = Gradient(g: [Double](repeating: 0, count: n), g2: [Double](repeating: 0, count: n),
                        gstep: [Double](repeating: 0, count: n))
    initialGradient(x, parameters: parameters, trafo: trafo, up: up, into: &grad)
    return grad
}

/// ``initialGradient(_:parameters:trafo:up:)`` written into `grad` (arrays of count n).
func initialGradient(_ x: [Double], parameters: [Parameter], trafo: Transform, up: Double, into grad: inout Gradient) {
    let n = x.count
    let eps2 = trafo.precision.eps2
    grad.analytical = false
    for k in 0..<n {
        let e = trafo.free[k]
        let v = x[k]
        let werr = parameters[e].step
        let sav = trafo.toExternal(k, v)
        var sav2 = sav + werr
        if case let .both(_, hi) = trafo.kinds[e], sav2 > hi { sav2 = hi }
        if case let .upper(hi) = trafo.kinds[e], sav2 > hi { sav2 = hi }
        let vplu = trafo.toInternal(external: e, sav2) - v
        sav2 = sav - werr
        if case let .both(lo, _) = trafo.kinds[e], sav2 < lo { sav2 = lo }
        if case let .lower(lo) = trafo.kinds[e], sav2 < lo { sav2 = lo }
        let vmin = trafo.toInternal(external: e, sav2) - v
        let gsmin = 8 * eps2 * (abs(v) + eps2)
        let dirin = max(0.5 * (abs(vplu) + abs(vmin)), gsmin)
        let g2 = 2 * up / (dirin * dirin)
        grad.g2[k] = g2
        var step = max(gsmin, 0.1 * dirin)
        if trafo.hasLimits(k), step > 0.5 { step = 0.5 }
        grad.gstep[k] = step
        grad.g[k] = g2 * dirin
    }
}

/// Adaptive two-point numerical gradient (Minuit2 `Numerical2PGradientCalculator`), in place: `grad`
/// holds the previous gradient on entry (its steps and second derivatives seed the cycles).
func numericalGradient(_ fcn: FCN, _ x: inout [Double], fval: Double, gradient grad: inout Gradient,
                       knobs: StrategyKnobs) {
    grad.analytical = false
    x.withUnsafeBufferPointer { x in
        grad.g.withUnsafeMutableBufferPointer { g in
            grad.g2.withUnsafeMutableBufferPointer { g2 in
                grad.gstep.withUnsafeMutableBufferPointer { gstep in
                    numericalGradient(fcn, x, fval: fval, g: g, g2: g2, gstep: gstep, knobs: knobs)
                }
            }
        }
    }
}

/// The gradient cycles on raw buffers (no copy-on-write checks in the loop). Each call moves one
/// coordinate of `x`, loaded in the evaluator.
private func numericalGradient(_ fcn: FCN, _ x: UnsafeBufferPointer<Double>, fval: Double,
                               g: UnsafeMutableBufferPointer<Double>, g2: UnsafeMutableBufferPointer<Double>,
                               gstep: UnsafeMutableBufferPointer<Double>, knobs: StrategyKnobs) {
    let up = fcn.up
    fcn.withEvaluator { fcn in
        let prec = fcn.trafo.precision
        let eps2 = prec.eps2
        let dfmin = 8 * eps2 * (abs(fval) + up)
        let vrysml = 8 * prec.eps * prec.eps
        let ncycles = knobs.gradientNCycles, stepTolerance = knobs.gradientStepTolerance
        let gradientTolerance = knobs.gradientTolerance
        let n = x.count
        // epspri comes from the entry gradient of each coordinate (as Minuit2).
        @inline(__always) func cycleStep(_ i: Int, _ epspri: Double, limited: Bool) -> Double {
            let optstp = (dfmin / (abs(g2[i]) + epspri)).squareRoot()
            var step = max(optstp, abs(0.1 * gstep[i]))
            if limited, step > 0.5 { step = 0.5 }
            let stpmax = 10 * abs(gstep[i])
            if step > stpmax { step = stpmax }
            let stpmin = max(vrysml, 8 * abs(eps2 * x[i]))
            if step < stpmin { step = stpmin }
            return step
        }
        fcn.place(x)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n) { first in
            // The first cycle's steps depend only on the entry gradient: computed for all coordinates up
            // front, their divisions and square roots overlap instead of waiting on each other's calls.
            for i in 0..<n {
                let step = cycleStep(i, eps2 + abs(g[i] * eps2), limited: fcn.trafo.hasLimits(i))
                first[i] = step
                first[n + i] = 1 / step
            }
            for i in 0..<n {
                let xtf = x[i]
                let epspri = eps2 + abs(g[i] * eps2)
                let limited = fcn.trafo.hasLimits(i)
                let saved = fcn.externalValue(i)
                var stepb4 = 0.0
                for cycle in 0..<ncycles {
                    let step: Double, inverse: Double
                    if cycle == 0 {
                        step = first[i]
                        inverse = first[n + i]
                    } else {
                        step = cycleStep(i, epspri, limited: limited)
                        inverse = 1 / step
                    }
                    if abs((step - stepb4) * inverse) < stepTolerance { break }
                    gstep[i] = step
                    stepb4 = step
                    let fs1 = fcn(moving: i, to: xtf + step)
                    let fs2 = fcn(moving: i, to: xtf - step)
                    let grdb4 = g[i]
                    g[i] = 0.5 * (fs1 - fs2) * inverse
                    g2[i] = (fs1 + fs2 - 2 * fval) * inverse * inverse
                    if abs(grdb4 - g[i]) < gradientTolerance * (abs(g[i]) + dfmin * inverse) { break }
                }
                fcn.restore(i, external: saved)
            }
        }
    }
}

/// Gradient at a new point, in place (`grad` holds the previous one): analytic when the cost
/// provides one, otherwise numerical.
func computeGradient(_ fcn: FCN, _ x: inout [Double], fval: Double, gradient grad: inout Gradient,
                     knobs: StrategyKnobs) {
    if let g = fcn.analyticGradient(x) {
        grad.g = g
        grad.analytical = true
        return
    }
    numericalGradient(fcn, &x, fval: fval, gradient: &grad, knobs: knobs)
}

/// First-derivative refinement used by HESSE (Minuit2 `HessianGradientCalculator`), in place:
/// `g` and `gstep` are refined from their values on entry; `x` is perturbed and restored.
func hessianGradient(_ fcn: inout Evaluator, x: UnsafeMutableBufferPointer<Double>, fval: Double, up: Double,
                     g grd: UnsafeMutableBufferPointer<Double>, g2: UnsafeMutableBufferPointer<Double>,
                     gstep: UnsafeMutableBufferPointer<Double>, knobs: StrategyKnobs) {
    let prec = fcn.trafo.precision
    let dfmin = 4 * prec.eps2 * (abs(fval) + up)
    for i in 0..<x.count {
        let xtf = x[i]
        let saved = fcn.externalValue(i)
        let dmin = 4 * prec.eps2 * (xtf + prec.eps2)
        let epspri = prec.eps2 + abs(grd[i] * prec.eps2)
        let optstp = (dfmin / (abs(g2[i]) + epspri)).squareRoot()
        var d = 0.2 * abs(gstep[i])
        if d > optstp { d = optstp }
        if d < dmin { d = dmin }
        var chgold = 10000.0
        for j in 0..<knobs.hessianGradientNCycles {
            let fs1 = fcn(moving: i, to: xtf + d)
            let fs2 = fcn(moving: i, to: xtf - d)
            fcn.restore(i, external: saved)
            let grdold = grd[i]
            let grdnew = (fs1 - fs2) / (2 * d)
            let dgmin = prec.eps * (abs(fs1) + abs(fs2)) / d
            if grdnew == 0 { break }
            let change = abs((grdold - grdnew) / grdnew)
            if change > chgold && j > 1 { break }
            chgold = change
            grd[i] = grdnew
            gstep[i] = d
            if change < 0.05 { break }
            if abs(grdold - grdnew) < dgmin { break }
            if d < dmin { break }
            d *= 0.2
        }
    }
}
