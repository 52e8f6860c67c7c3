/// Minuit's Nelder–Mead variant (Minuit2 `SimplexBuilder`); stops when f_high − f_low < `edmGoal` (= tol·up).
func simplexMinimize(_ fcn: FCN, seed: MinState, maxCalls: Int, edmGoal minedm: Double) -> MinResult {
    let prec = fcn.trafo.precision
    var x = seed.x
    let n = x.count
    var step = seed.grad.gstep.map { 10 * $0 }
    let wg = 1 / Double(n)
    let alpha = 1.0, beta = 0.5, gamma = 2.0, rhomin = 4.0, rhomax = 8.0
    let rho1 = 1 + alpha, rho2 = 1 + alpha * gamma
    var fs = [seed.fval]
    var ps = [x]
    var jl = 0, jh = 0
    var amin = seed.fval, aming = seed.fval
    for i in 0..<n {
        let dmin = 8 * prec.eps2 * (abs(x[i]) + prec.eps2)
        if step[i] < dmin { step[i] = dmin }
        x[i] += step[i]
        let t = fcn(x)
        if t < amin { amin = t; jl = i + 1 }
        if t > aming { aming = t; jh = i + 1 }
        fs.append(t)
        ps.append(x)
        x[i] -= step[i]
    }
    func update(_ y: Double, _ p: [Double]) {
        fs[jh] = y
        ps[jh] = p
        if y < fs[jl] { jl = jh }
        var h = 0
        for i in 1..<fs.count where fs[i] > fs[h] { h = i }
        jh = h
    }
    func centroid() -> [Double] {
        var pbar = [Double](repeating: 0, count: n)
        for i in 0...n where i != jh { for k in 0..<n { pbar[k] += wg * ps[i][k] } }
        return pbar
    }
    func combine(_ a: Double, _ p: [Double], _ b: Double, _ q: [Double]) -> [Double] {
        var r = p
        for k in 0..<n { r[k] = a * p[k] + b * q[k] }
        return r
    }
    var edmPrev = 0.0
    repeat {
        amin = fs[jl]
        edmPrev = fs[jh] - fs[jl]
        let pbar = centroid()
        let pstar = combine(1 + alpha, pbar, -alpha, ps[jh])
        let ystar = fcn(pstar)
        if !(ystar <= amin) {
            if ystar < fs[jh] {
                let old = jh
                update(ystar, pstar)
                if old != jh { continue }
            }
            let pstst = combine(beta, ps[jh], 1 - beta, pbar)
            let ystst = fcn(pstst)
            if !(ystst <= fs[jh]) { break }
            update(ystst, pstst)
            continue
        }
        var pstst = combine(gamma, pstar, 1 - gamma, pbar)
        var ystst = fcn(pstst)
        let y1 = (ystar - fs[jh]) * rho2
        let y2 = (ystst - fs[jh]) * rho1
        var rho = 0.5 * (rho2 * y1 - rho1 * y2) / (y1 - y2)
        if !(rho >= rhomin) {
            if ystst < fs[jl] { update(ystst, pstst) } else { update(ystar, pstar) }
            continue
        }
        if rho > rhomax { rho = rhomax }
        let prho = combine(rho, pbar, 1 - rho, ps[jh])
        let yrho = fcn(prho)
        if yrho < fs[jl] && yrho < ystst { update(yrho, prho); continue }
        if ystst < fs[jl] { update(ystst, pstst); continue }
        if yrho > fs[jl] {
            if ystst < fs[jl] { update(ystst, pstst) } else { update(ystar, pstar) }
            continue
        }
        if ystar > fs[jh] {
            pstst = combine(beta, ps[jh], 1 - beta, pbar)
            ystst = fcn(pstst)
            if ystst > fs[jh] { break }
            update(ystst, pstst)
        }
    } while (fs[jh] - fs[jl] > minedm || edmPrev > minedm) && fcn.calls < maxCalls

    var pbar = centroid()
    var ybar = fcn(pbar)
    if ybar < fs[jl] { update(ybar, pbar) } else { pbar = ps[jl]; ybar = fs[jl] }
    let edm = fs[jh] - fs[jl]
    // Spread of the simplex per coordinate, scaled to ΔF = up.
    var dirin = [Double](repeating: 0, count: n)
    for k in 0..<n {
        var lo = ps[0][k], hi = ps[0][k]
        for p in ps { lo = min(lo, p[k]); hi = max(hi, p[k]) }
        dirin[k] = (hi - lo) * (edm > 0 ? (fcn.up / edm).squareRoot() : 1)
    }
    let st = MinState(x: pbar, fval: ybar, grad: Gradient(g: seed.grad.g, g2: seed.grad.g2, gstep: dirin),
                      v: [], dcovar: 1, status: .unset, edm: edm, hasErrorMatrix: false, nfcn: fcn.calls)
    if fcn.calls > maxCalls { return MinResult(state: st, callLimit: true, reason: "call limit \(maxCalls) reached") }
    if edm > minedm { return MinResult(state: st, aboveMaxEdm: true, reason: "simplex spread \(edm) above goal") }
    return MinResult(state: st, reason: "simplex spread below goal")
}
