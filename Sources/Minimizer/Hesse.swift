import LinearAlgebra

/// Full numerical Hessian at `state` (Minuit2 `MnHesse::ComputeNumerical`); V = H⁻¹ with its status.
/// The result is written over `state`'s arrays: x and fval are kept, the gradient is refined, V replaced.
/// Scratch vectors and the Hessian live on the stack; the matrix is repaired and inverted in place.
func computeHesse(_ fcn: FCN, _ state: consuming MinState, knobs: StrategyKnobs, maxCalls: Int) -> MinState {
    var st = consume state
    let n = st.x.count
    // The state is written in place by the closure and returned after it (returned from inside, it is copied).
    withUnsafeTemporaryAllocation(of: Double.self, capacity: 6 * n + n * n) { buf in
        func slice(_ k: Int, _ count: Int) -> UnsafeMutableBufferPointer<Double> {
            UnsafeMutableBufferPointer(rebasing: buf[(k * n)..<(k * n + count)])
        }
        let x = slice(0, n), g2 = slice(1, n), gst = slice(2, n), grd = slice(3, n), dirin = slice(4, n),
            yy = slice(5, n), vh = slice(6, n * n)
        for i in 0..<n {
            x[i] = st.x[i]
            g2[i] = st.grad.g2[i]
            gst[i] = st.grad.gstep[i]
            grd[i] = st.grad.g[i]
            dirin[i] = st.grad.gstep[i]
            yy[i] = 0
        }
        for k in 0..<(n * n) { vh[k] = 0 }
        let status = hessian(fcn, x: x, g2: g2, gstep: gst, g: grd, dirin: dirin, yy: yy, vh: vh,
                             knobs: knobs, maxCalls: maxCalls)
        if st.v.count != n * n { st.v = [Double](repeating: 0, count: n * n) }
        guard status == .posDef || status == .madePosDef else {
            // Diagonal fallback from the second derivatives found so far; x and gradient unchanged.
            let prec = fcn.trafo.precision
            for k in 0..<(n * n) { st.v[k] = 0 }
            for j in 0..<n {
                let t = g2[j] < prec.eps2 ? 1 : 1 / g2[j]
                st.v[j * n + j] = t < prec.eps2 ? 1 : t
            }
            st.status = status
            st.dcovar = 1
            st.nfcn = fcn.calls
            return
        }
        for i in 0..<n {
            st.grad.g[i] = grd[i]
            st.grad.g2[i] = g2[i]
            st.grad.gstep[i] = gst[i]
        }
        for k in 0..<(n * n) { st.v[k] = vh[k] }
        st.dcovar = status == .madePosDef ? 1 : 0
        st.status = status
        st.edm = estimateEDM(st.grad.g, st.v)
        st.hasErrorMatrix = true
        st.nfcn = fcn.calls
    }
    return st
}

/// The numerical Hessian on scratch buffers: `g2`, `gstep`, `g` and `dirin` hold the state's
/// gradient on entry, `x` its point (restored on exit). On success `vh` holds V = H⁻¹ (made positive
/// definite if needed) and `g2`, `gstep`, `g` the refined derivatives; otherwise the failure status.
private func hessian(_ fcn: FCN, x: UnsafeMutableBufferPointer<Double>, g2: UnsafeMutableBufferPointer<Double>,
                     gstep gst: UnsafeMutableBufferPointer<Double>, g grd: UnsafeMutableBufferPointer<Double>,
                     dirin: UnsafeMutableBufferPointer<Double>, yy: UnsafeMutableBufferPointer<Double>,
                     vh: UnsafeMutableBufferPointer<Double>, knobs: StrategyKnobs, maxCalls: Int) -> ErrorStatus {
    let prec = fcn.trafo.precision
    let n = x.count
    let up = fcn.up
    return fcn.withEvaluator { fcn in
        let amin = fcn(x)
        let aimsag = prec.eps2.squareRoot() * (abs(amin) + up)
        for i in 0..<n {
            let xtf = x[i]
            let saved = fcn.externalValue(i)
            let dmin = 8 * prec.eps2 * (abs(xtf) + prec.eps2)
            var d = max(abs(gst[i]), dmin)
            for _ in 0..<knobs.hessianNCycles {
                var sag = 0.0, fs1 = 0.0, fs2 = 0.0
                var found = false
                for _ in 0..<5 {
                    fs1 = fcn(moving: i, to: xtf + d)
                    fs2 = fcn(moving: i, to: xtf - d)
                    fcn.restore(i, external: saved)
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
                if !found { return .hesseFailed }
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
            if fcn.calls > maxCalls { return .callLimit }
        }
        if knobs.level > 0 {
            hessianGradient(&fcn, x: x, fval: amin, up: up, g: grd, g2: g2, gstep: gst, knobs: knobs)
        }
        // x[i] + dirin[i] − dirin[i] need not be x[i]: the point moves on with it (as Minuit2).
        for i in 0..<n {
            x[i] += dirin[i]
            fcn.move(i, to: x[i])
            for j in (i + 1)..<n {
                x[j] += dirin[j]
                let fs1 = fcn(moving: j, to: x[j])
                let elem = (fs1 + amin - yy[i] - yy[j]) / (dirin[i] * dirin[j])
                vh[i * n + j] = elem
                vh[j * n + i] = elem
                x[j] -= dirin[j]
                fcn.move(j, to: x[j])
            }
            x[i] -= dirin[i]
            fcn.move(i, to: x[i])
        }
        guard vh.allSatisfy({ $0.isFinite }) else { return .invertFailed }
        let epsilon = max(1e-6, prec.eps2)
        let inflated = withUnsafeTemporaryAllocation(of: Double.self, capacity: n * n) { original -> Bool? in
            for k in 0..<(n * n) { original[k] = vh[k] }
            guard makePositiveDefinite(inPlace: vh, dimension: n, epsilon: epsilon) != nil else { return nil }
            return diagonalInflated(UnsafeBufferPointer(vh), original: UnsafeBufferPointer(original), epsilon: epsilon)
        }
        guard let inflated, vh.allSatisfy({ $0.isFinite }),
              invertPositiveDefinite(inPlace: vh, dimension: n) else { return .invertFailed }
        return inflated ? .madePosDef : .posDef
    }
}
