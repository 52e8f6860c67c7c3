import LinearAlgebra

/// Full numerical Hessian at `st` (Minuit2 `MnHesse::ComputeNumerical`); V = H⁻¹ with its status.
func computeHesse(_ fcn: FCN, _ st: MinState, knobs: StrategyKnobs, maxCalls: Int) -> MinState {
    let prec = fcn.trafo.precision
    let amin = fcn(st.x)
    let aimsag = prec.eps2.squareRoot() * (abs(amin) + fcn.up)
    let n = st.x.count
    // With an analytic gradient, g2 and gstep still come from the initial (step-based) estimate.
    let start = st.grad
    var vh = [Double](repeating: 0, count: n * n)
    var g2 = start.g2, gst = start.gstep, grd = start.g, dirin = start.gstep
    var yy = [Double](repeating: 0, count: n)
    var x = st.x

    func diagonalFallback(_ status: ErrorStatus) -> MinState {
        var d = [Double](repeating: 0, count: n)
        for j in 0..<n {
            let t = g2[j] < prec.eps2 ? 1 : 1 / g2[j]
            d[j] = t < prec.eps2 ? 1 : t
        }
        var s = st
        s.v = diagonalMatrix(d)
        s.status = status
        s.dcovar = 1
        s.nfcn = fcn.calls
        return s
    }

    for i in 0..<n {
        let xtf = x[i]
        let dmin = 8 * prec.eps2 * (abs(xtf) + prec.eps2)
        var d = max(abs(gst[i]), dmin)
        for _ in 0..<knobs.hessianNCycles {
            var sag = 0.0, fs1 = 0.0, fs2 = 0.0
            var found = false
            for _ in 0..<5 {
                x[i] = xtf + d
                fs1 = fcn(x)
                x[i] = xtf - d
                fs2 = fcn(x)
                x[i] = xtf
                sag = 0.5 * (fs1 + fs2 - 2 * amin)
                if sag != 0 && !sag.isNaN { found = true; break }
                if fcn.trafo.hasLimits(i) {
                    if d > 0.5 { break }
                    d *= 10
                    if d > 0.5 { d = 0.51 }
                    continue
                }
                d *= 10
            }
            if !found { return diagonalFallback(.hesseFailed) }
            let g2bfor = g2[i]
            g2[i] = 2 * sag / (d * d)
            grd[i] = (fs1 - fs2) / (2 * d)
            gst[i] = d
            dirin[i] = d
            yy[i] = fs1
            let dlast = d
            d = (2 * aimsag / abs(g2[i])).squareRoot()
            if fcn.trafo.hasLimits(i) { d = min(0.5, d) }
            if d < dmin { d = dmin }
            if abs((d - dlast) / d) < knobs.hessianStepTolerance { break }
            if abs((g2[i] - g2bfor) / g2[i]) < knobs.hessianG2Tolerance { break }
            d = min(d, 10 * dlast)
            d = max(d, 0.1 * dlast)
        }
        vh[i * n + i] = g2[i]
        if fcn.calls > maxCalls { return diagonalFallback(.callLimit) }
    }
    if knobs.level > 0 {
        let gr = hessianGradient(fcn, st.x, fval: amin, start: Gradient(g: grd, g2: g2, gstep: gst), knobs: knobs)
        grd = gr.g
        gst = gr.gstep
    }
    for i in 0..<n {
        x[i] += dirin[i]
        for j in (i + 1)..<n {
            x[j] += dirin[j]
            let fs1 = fcn(x)
            let elem = (fs1 + amin - yy[i] - yy[j]) / (dirin[i] * dirin[j])
            vh[i * n + j] = elem
            vh[j * n + i] = elem
            x[j] -= dirin[j]
        }
        x[i] -= dirin[i]
    }
    guard vh.allSatisfy({ $0.isFinite }),
          let hm = try? Matrix(rows: n, columns: n, storage: vh),
          let pd = try? makePositiveDefinite(hm, epsilon: max(1e-6, prec.eps2)),
          let inv = try? Cholesky(pd.matrix, name: "Hessian").inverse() else {
        return diagonalFallback(.invertFailed)
    }
    let gr = Gradient(g: grd, g2: g2, gstep: gst, analytical: start.analytical)
    let v = inv.storage
    return MinState(x: st.x, fval: st.fval, grad: gr, v: v, dcovar: pd.modified ? 1 : 0,
                    status: pd.modified ? .madePosDef : .posDef, edm: estimateEDM(gr.g, v),
                    hasErrorMatrix: true, nfcn: fcn.calls)
}
