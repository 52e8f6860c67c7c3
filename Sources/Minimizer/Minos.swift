import Probability

/// Result of a crossing search (Minuit2 `MnCross`).
struct Cross {
    var aopt = 0.0
    var valid = false
    var atLimit = false
    var atMaxFcn = false
    var newMin = false
    var nfcn = 0
}

/// Finds where the function, minimised over the non-`pars` parameters, crosses fmin + up along
/// pmid + a·pdir (Minuit2 `MnFunctionCross`). `state` has `pars` fixed.
func functionCross(_ runner: Runner, state start: UserState, pars: [Int], pmid: [Double], pdir: [Double],
                   fmin: Double, strategy: Int, tolerance: Double, maxCalls: Int,
                   workspace: MigradWorkspace? = nil) -> Cross {
    let npar = pars.count
    let prec = runner.precision
    let up = runner.up
    let mgrTolerance = 0.5 * tolerance
    let tlr = 0.01
    let tlf = tlr * up
    var tla = tlr
    let maxitr = 30
    var ipt = 0
    let aim = fmin + up
    var aopt = 0.0
    var limset = false
    var alsb = [0.0, 0.0, 0.0], flsb = [0.0, 0.0, 0.0]
    var cross = Cross()
    var state = start

    var aulim = 100.0
    for i in 0..<npar {
        let p = state.parameters[pars[i]]
        let zmid = pmid[i], zdir = pdir[i]
        if zdir > 0, let hi = p.upper {
            if abs(zdir) < prec.eps { if abs(hi - zmid) < prec.eps { limset = true }; continue }
            aulim = min(aulim, (hi - zmid) / zdir)
        } else if zdir < 0, let lo = p.lower {
            if abs(zdir) < prec.eps { if abs(lo - zmid) < prec.eps { limset = true }; continue }
            aulim = min(aulim, (lo - zmid) / zdir)
        }
    }
    // At a limit (MnCross CrossParLimit): a valid side.
    if limset && npar == 1 { cross.atLimit = true; cross.valid = true; return cross }
    if aulim < aopt + tla { limset = true }
    let innerStrategy = max(0, strategy - 1)

    enum Step { case ok(Double), stop }
    func run(_ a: Double) -> Step {
        for i in 0..<npar { state.parameters[pars[i]].value = pmid[i] + a * pdir[i] }
        let o = runner.migrad(&state, strategy: innerStrategy, maxCalls: maxCalls, tolerance: mgrTolerance,
                              workspace: workspace)
        cross.nfcn += o.calls
        defer { workspace?.giveBack(o.result.state) }
        let f = o.result.state.fval
        if f < fmin - tlf { cross.newMin = true; return .stop }
        if o.result.callLimit { cross.atMaxFcn = true; return .stop }
        if !o.result.isValid { return .stop }
        if limset && f < aim { cross.atLimit = true; cross.valid = true; cross.aopt = a; return .stop }
        return .ok(f)
    }
    func found(_ a: Double) -> Cross { var c = cross; c.aopt = a; c.valid = true; return c }

    guard case let .ok(f0) = run(0) else { return cross }
    ipt += 1
    alsb[0] = 0
    flsb[0] = max(f0, fmin + 0.1 * up)
    aopt = (up / (flsb[0] - fmin)).squareRoot() - 1
    if abs(flsb[0] - aim) < tlf { return found(aopt) }
    aopt = min(max(aopt, -0.5), 1)
    limset = false
    if aopt > aulim { aopt = aulim; limset = true }
    guard case let .ok(f1) = run(aopt) else { return cross }
    ipt += 1
    alsb[1] = aopt
    flsb[1] = f1
    var dfda = (flsb[1] - flsb[0]) / (alsb[1] - alsb[0])

    var needSlope = true
    var ibest = 2
    while true {
        if needSlope && dfda < 0 {
            let maxlk = maxitr - ipt
            var it = 0
            while it < maxlk {
                alsb[0] = alsb[1]; flsb[0] = flsb[1]
                aopt = alsb[0] + 0.2 * Double(it + 1)
                limset = false
                if aopt > aulim { aopt = aulim; limset = true }
                guard case let .ok(f) = run(aopt) else { return cross }
                ipt += 1
                alsb[1] = aopt; flsb[1] = f
                dfda = (flsb[1] - flsb[0]) / (alsb[1] - alsb[0])
                if dfda > 0 { break }
                it += 1
            }
            if ipt > maxitr { return cross }
        }
        needSlope = true
        // Two points with the right slope: linear prediction.
        aopt = alsb[1] + (aim - flsb[1]) / dfda
        let fdist = min(abs(aim - flsb[0]), abs(aim - flsb[1]))
        let adist = min(abs(aopt - alsb[0]), abs(aopt - alsb[1]))
        tla = abs(aopt) > 1 ? tlr * abs(aopt) : tlr
        if adist < tla && fdist < tlf { return found(aopt) }
        if ipt > maxitr { return cross }
        aopt = max(aopt, min(alsb[0], alsb[1]) - 1)
        aopt = min(aopt, max(alsb[0], alsb[1]) + 1)
        limset = false
        if aopt > aulim { aopt = aulim; limset = true }
        guard case let .ok(f2) = run(aopt) else { return cross }
        ipt += 1
        alsb[2] = aopt; flsb[2] = f2
        var ecarmn = abs(flsb[2] - aim), ecarmx = 0.0
        ibest = 2
        var iworst = 0, noless = 0
        for i in 0..<3 {
            let ecart = abs(flsb[i] - aim)
            if ecart > ecarmx { ecarmx = ecart; iworst = i }
            if ecart < ecarmn { ecarmn = ecart; ibest = i }
            if flsb[i] < aim { noless += 1 }
        }
        if noless == 1 || noless == 2 { break }
        if noless == 0 && ibest != 2 { return cross }
        if noless == 3 && ibest != 2 {
            // Back to the slope test with the new second point but the slope of the old pair, as
            // MnFunctionCross (goto L300 without recomputing dfda).
            alsb[1] = alsb[2]; flsb[1] = flsb[2]
            continue
        }
        flsb[iworst] = flsb[2]; alsb[iworst] = alsb[2]
        dfda = (flsb[1] - flsb[0]) / (alsb[1] - alsb[0])
        needSlope = false
    }
    // Parabola through three points bracketing the aim.
    repeat {
        let (a, b, c) = parabolaABC((alsb[0], flsb[0]), (alsb[1], flsb[1]), (alsb[2], flsb[2]))
        let determ = b * b - 4 * a * (c - aim)
        if determ < prec.eps { return cross }
        let rt = determ.squareRoot()
        let x1 = (-b + rt) / (2 * a), x2 = (-b - rt) / (2 * a)
        let s1 = b + 2 * x1 * a, s2 = b + 2 * x2 * a
        aopt = x1
        var slope = s1
        if s2 > 0 { aopt = x2; slope = s2 }
        tla = abs(aopt) > 1 ? tlr * abs(aopt) : tlr
        if abs(aopt - alsb[ibest]) < tla && abs(flsb[ibest] - aim) < tlf { return found(aopt) }
        var ileft = 3, iright = 3, iout = 3
        ibest = 0
        var ecarmx = 0.0
        var ecarmn = abs(aim - flsb[0])
        for i in 0..<3 {
            let ecart = abs(flsb[i] - aim)
            if ecart < ecarmn { ecarmn = ecart; ibest = i }
            if ecart > ecarmx { ecarmx = ecart }
            if flsb[i] > aim {
                if iright == 3 { iright = i } else if flsb[i] > flsb[iright] { iout = i } else { iout = iright; iright = i }
            } else if ileft == 3 { ileft = i } else if flsb[i] < flsb[ileft] { iout = i } else { iout = ileft; ileft = i }
        }
        guard ileft < 3, iright < 3, iout < 3 else { return cross }
        if ecarmx > 10 * abs(flsb[iout] - aim) { aopt = 0.5 * (aopt + 0.5 * (alsb[iright] + alsb[ileft])) }
        var smalla = 0.1 * tla
        if slope * smalla > tlf { smalla = tlf / slope }
        let aleft = alsb[ileft] + smalla
        let aright = alsb[iright] - smalla
        if aopt < aleft { aopt = aleft }
        if aopt > aright { aopt = aright }
        if aleft > aright { aopt = 0.5 * (aleft + aright) }
        limset = false
        if aopt > aulim { aopt = aulim; limset = true }
        guard case let .ok(f) = run(aopt) else { return cross }
        ipt += 1
        alsb[iout] = aopt; flsb[iout] = f
        ibest = iout
    } while ipt < maxitr
    return cross
}

extension Minuit {
    /// ΔF multiplier for `dof` parameters: `cl` < 1 is a probability, `cl` ≥ 1 a number of σ.
    static func quantile(_ cl: Double, dof: Int) throws -> (factor: Double, probability: Double) {
        guard cl.isFinite, cl > 0 else { throw MinimizerError.invalidConfidenceLevel(cl) }
        do {
            if cl >= 1 { return (try deltaChi2Threshold(parameters: dof, nSigma: cl), try clForNSigma(cl)) }
            return (try deltaChi2Threshold(parameters: dof, cl: cl), cl)
        } catch {
            throw MinimizerError.invalidConfidenceLevel(cl)
        }
    }

    /// MINOS: asymmetric intervals where the profiled function crosses fmin + errordef·Δ.
    /// `cl` as iminuit: nil → 1σ; < 1 probability; ≥ 1 number of σ.
    @discardableResult
    public mutating func minos(_ names: [String] = [], cl: Double? = nil) throws -> [String: MinosError] {
        guard let fm = minimum, fm.isValid, let st = lastState else {
            throw MinimizerError.noValidMinimum("MINOS")
        }
        let factor = try Minuit.quantile(cl ?? 1, dof: 1).factor
        let list = names.isEmpty ? parameters.filter { !$0.fixed }.map(\.name) : names
        var out = [String: MinosError]()
        let up = cost.errordef * factor
        let r = Runner(cost: cost, up: up, precision: runner.precision, updator: errorUpdator)
        let nvar = nfit
        let maxc = 2 * (nvar + 1) * defaultCallLimit(nvar)
        let base = UserState(parameters: parameters, covariance: st.v)
        let trafo = Transform(parameters, precision: runner.precision)
        let workspace = MigradWorkspace()
        for name in list {
            let e = try index(of: name)
            guard !parameters[e].fixed else { throw MinimizerError.parameterFixed(name: name) }
            var sides = [Cross]()
            var dirs = [Double]()
            for direction in [1.0, -1.0] {
                var s = base
                let p = parameters[e]
                var val = p.value + direction * p.step
                if direction > 0, let hi = p.upper { val = min(val, hi) }
                if direction < 0, let lo = p.lower { val = max(val, lo) }
                let err = val - p.value
                let n = trafo.count
                let ind = trafo.free.firstIndex(of: e)!
                // MnMinos steps along the error matrix M = 2V (FunctionMinimum::Error().Matrix()):
                // xunit·M_ij with xunit = √(up/M_ii), √2 times the conditional shift of one unit of V.
                let xunit = (up / (2 * st.v[ind * n + ind])).squareRoot()
                for i in 0..<n where i != ind {
                    let xnew = st.x[i] + direction * xunit * (2 * st.v[ind * n + i])
                    var unew = trafo.toExternal(i, xnew)
                    let ext = trafo.free[i]
                    if let hi = parameters[ext].upper { unew = min(unew, hi) }
                    if let lo = parameters[ext].lower { unew = max(unew, lo) }
                    s.parameters[ext].value = unew
                }
                s.fix(e)
                s.parameters[e].value = val
                let c = functionCross(r, state: s, pars: [e], pmid: [val], pdir: [err], fmin: fm.fval,
                                      strategy: strategy, tolerance: tolerance, maxCalls: maxc, workspace: workspace)
                nfcn += c.nfcn
                sides.append(c)
                dirs.append(err)
            }
            let (u, l) = (sides[0], sides[1])
            let p = parameters[e]
            func value(_ c: Cross, _ dir: Double, limit: Double?) -> Double {
                if c.atLimit, let lim = limit { return lim - p.value }
                return c.valid ? (1 + c.aopt) * dir : dir
            }
            out[name] = MinosError(
                name: name, lower: value(l, dirs[1], limit: p.lower), upper: value(u, dirs[0], limit: p.upper),
                lowerValid: l.valid, upperValid: u.valid, atLowerLimit: l.atLimit, atUpperLimit: u.atLimit,
                atLowerMaxFcn: l.atMaxFcn, atUpperMaxFcn: u.atMaxFcn, lowerNewMin: l.newMin, upperNewMin: u.newMin,
                nfcn: l.nfcn + u.nfcn, delta: up)
        }
        for (k, v) in out { minimum!.minosErrors[k] = v }
        minimum!.nfcn = nfcn
        return out
    }

    /// Profile of `name` at the given values with all other free parameters minimised (MIGRAD at each
    /// point, started from the current minimum). Does not change this object.
    public func mnprofile(_ name: String, values: [Double]) -> [(value: Double, fval: Double, valid: Bool)] {
        guard let e = try? index(of: name) else { return values.map { ($0, .nan, false) } }
        var base = userState
        base.fix(e)
        let r = runner
        return values.map { v in
            var s = base
            s.parameters[e].value = v
            guard s.parameters[e].admits(v) else { return (v, .nan, false) }
            if s.freeCount == 0 {
                let f = cost(s.parameters.map(\.value))
                return (v, f, f.isFinite)
            }
            let o = r.migrad(&s, strategy: strategy, maxCalls: maxCalls, tolerance: tolerance)
            return (v, o.result.state.fval, o.result.isValid)
        }
    }

    /// Profile of `name` with all other parameters held at their current values (a slice).
    public func profile(_ name: String, values: [Double]) throws -> [(value: Double, fval: Double)] {
        let e = try index(of: name)
        var x = parameters.map(\.value)
        return values.map { v in x[e] = v; return (v, cost(x)) }
    }

    /// Profiled contour of (`x`, `y`) at `cl` (nil → 0.68; < 1 probability; ≥ 1 number of σ, 2-dof quantile):
    /// `size` rays from the minimum through the covariance ellipse, each solved with MnFunctionCross,
    /// the other parameters minimised at every trial point. Closed: the first point is repeated.
    public func mncontour(_ x: String, _ y: String, cl: Double? = nil, size: Int = 100) throws -> ContourCurve {
        let q = try Minuit.quantile(cl ?? 0.68, dof: 2)
        return try mncontour(x, y, factor: q.factor, probability: q.probability, size: size)
    }

    /// The same at a given Δχ² `level` (ΔF = errordef·level), for levels whose CL rounds to 1 in double
    /// precision (beyond about 8σ); the curve's `cl` is the 2-dof CDF of the level.
    public func mncontour(_ x: String, _ y: String, level: Double, size: Int = 100) throws -> ContourCurve {
        guard level.isFinite, level > 0 else { throw MinimizerError.invalidConfidenceLevel(level) }
        return try mncontour(x, y, factor: level, probability: 1 - expValue(-level / 2), size: size)
    }

    private func mncontour(_ x: String, _ y: String, factor: Double, probability: Double, size: Int) throws -> ContourCurve {
        guard let fm = minimum, fm.isValid, let cov = fm.covariance else {
            throw MinimizerError.noValidMinimum("mncontour")
        }
        let ix = try index(of: x), iy = try index(of: y)
        guard !parameters[ix].fixed else { throw MinimizerError.parameterFixed(name: x) }
        guard !parameters[iy].fixed else { throw MinimizerError.parameterFixed(name: y) }
        let q = (factor: factor, probability: probability)
        let up = cost.errordef * q.factor
        let r = Runner(cost: cost, up: up, precision: runner.precision, updator: errorUpdator)
        var base = userState
        base.fix(ix)
        base.fix(iy)
        let x0 = parameters[ix].value, y0 = parameters[iy].value
        let sx = cov[ix, ix].squareRoot(), sy = cov[iy, iy].squareRoot()
        let rho = max(-0.999, min(0.999, cov[ix, iy] / (sx * sy)))
        let scale = q.factor.squareRoot()
        let nvar = nfit
        let maxc = 100 * (size + 5) * (nvar + 1)
        var xs = [Double](), ys = [Double](), ok = [Bool]()
        var calls = 0
        let workspace = MigradWorkspace()
        for k in 0..<max(size, 1) {
            let t = 2 * Double.pi * Double(k) / Double(max(size, 1))
            let (c, s) = (cosValue(t), sinValue(t))
            let dx = scale * sx * c
            let dy = scale * sy * (rho * c + (1 - rho * rho).squareRoot() * s)
            var st = base
            if base.freeCount == 0 {
                // Nothing to profile: solve the 1-D crossing along the ray directly.
                st.covariance = nil
            }
            let cr: Cross
            if base.freeCount > 0 {
                cr = functionCross(r, state: st, pars: [ix, iy], pmid: [x0 + dx, y0 + dy], pdir: [dx, dy],
                                   fmin: fm.fval, strategy: strategy, tolerance: tolerance, maxCalls: maxc,
                                   workspace: workspace)
            } else {
                cr = rayCross(x0: x0, y0: y0, dx: dx, dy: dy, ix: ix, iy: iy, fmin: fm.fval, up: up)
            }
            calls += cr.nfcn
            let a = cr.valid ? cr.aopt : 0
            xs.append(x0 + (1 + a) * dx)
            ys.append(y0 + (1 + a) * dy)
            // A ray stopped by a limit is a valid MnCross but not a point on the level.
            ok.append(cr.valid && !cr.atLimit)
        }
        xs.append(xs[0]); ys.append(ys[0]); ok.append(ok[0])
        return ContourCurve(xName: x, yName: y, x: xs, y: ys, pointValid: ok, cl: q.probability, level: up, nfcn: calls)
    }

    /// Crossing along a ray when no other parameter is free (bisection on f − fmin − up).
    private func rayCross(x0: Double, y0: Double, dx: Double, dy: Double, ix: Int, iy: Int,
                          fmin: Double, up: Double) -> Cross {
        var p = parameters.map(\.value)
        var n = 0
        func f(_ a: Double) -> Double {
            p[ix] = x0 + (1 + a) * dx
            p[iy] = y0 + (1 + a) * dy
            n += 1
            return cost(p) - fmin - up
        }
        var lo = -1.0, hi = 0.0
        while f(hi) < 0 && hi < 100 { lo = hi; hi = 2 * hi + 1 }
        var c = Cross()
        guard hi < 100 else { c.nfcn = n; return c }
        for _ in 0..<60 { let m = 0.5 * (lo + hi); if f(m) < 0 { lo = m } else { hi = m } }
        c.aopt = 0.5 * (lo + hi)
        c.valid = true
        c.nfcn = n
        return c
    }
}
