/// Parabolic line search along `step` from `x0` (Minuit2 `MnLineSearch`): returns (λ, f(x0 + λ·step)).
/// `buf` (count n) holds the trial points.
func lineSearch(_ fcn: FCN, x0: [Double], f0: Double, step: UnsafeMutableBufferPointer<Double>, gdel: Double,
                precision prec: Precision, buffer buf: UnsafeMutableBufferPointer<Double>) -> (lambda: Double, fval: Double) {
    x0.withUnsafeBufferPointer { x0 in
        fcn.withEvaluator { fcn in
            lineSearch(&fcn, x0: x0, f0: f0, step: step, gdel: gdel, precision: prec, buffer: buf)
        }
    }
}

/// ``lineSearch(_:x0:f0:step:gdel:precision:buffer:)`` with the start point in a buffer.
private func lineSearch(_ fcn: inout Evaluator, x0: UnsafeBufferPointer<Double>, f0: Double, step: UnsafeMutableBufferPointer<Double>,
                        gdel: Double, precision prec: Precision,
                        buffer buf: UnsafeMutableBufferPointer<Double>) -> (lambda: Double, fval: Double) {
    var overal = 1000.0
    var undral = -100.0
    let toler = 0.05
    let slambg = 5.0
    let alpha = 2.0
    let maxiter = 12
    var niter = 1
    let n = x0.count
    var slamin = 0.0
    for i in 0..<n where step[i] != 0 {
        let ratio = abs(x0[i] / step[i])
        if slamin == 0 || ratio < slamin { slamin = ratio }
    }
    if abs(slamin) < prec.eps { slamin = prec.eps }
    slamin *= prec.eps2

    func f(_ lam: Double) -> Double {
        for i in 0..<n { buf[i] = x0[i] + lam * step[i] }
        return fcn(buf)
    }

    let f1 = f(1)
    niter += 1
    var fvmin = f0
    var xvmin = 0.0
    if f1 < f0 { fvmin = f1; xvmin = 1 }
    var toler8 = toler
    var slamax = slambg
    var flast = f1
    var slam = 1.0
    var p0 = (x: 0.0, y: f0)
    var p1 = (x: slam, y: flast)
    var f2 = 0.0
    var iterate = false
    repeat {
        iterate = false
        let denom = 2 * (flast - f0 - gdel * slam) / (slam * slam)
        if denom != 0 { slam = -gdel / denom } else { slam = 1 }
        if slam < 0 { slam = slamax }
        if slam > slamax { slam = slamax }
        if slam < toler8 { slam = toler8 }
        if slam < slamin { return (xvmin, fvmin) }
        if abs(slam - 1) < toler8 && p1.y < p0.y { return (xvmin, fvmin) }
        if abs(slam - 1) < toler8 { slam = 1 + toler8 }
        f2 = f(slam)
        niter += 1
        if f2 < fvmin { fvmin = f2; xvmin = slam }
        if abs(p0.y - fvmin) < abs(fvmin) * prec.eps {
            iterate = true
            flast = f2
            toler8 = toler * slam
            overal = slam - toler8
            slamax = overal
            p1 = (slam, flast)
        }
    } while iterate && niter < maxiter
    if niter >= maxiter { return (xvmin, fvmin) }

    var p2 = (x: slam, y: f2)
    repeat {
        slamax = max(slamax, alpha * abs(xvmin))
        // Parabola through p0, p1, p2: y = a x² + b x + c.
        let (a, b) = parabola(p0, p1, p2)
        if a < prec.eps2 {
            let slopem = 2 * a * xvmin + b
            slam = slopem < 0 ? xvmin + slamax : xvmin - slamax
        } else {
            slam = -b / (2 * a)
            if slam > xvmin + slamax { slam = xvmin + slamax }
            if slam < xvmin - slamax { slam = xvmin - slamax }
        }
        if slam > 0 { if slam > overal { slam = overal } } else { if slam < undral { slam = undral } }
        var f3 = 0.0
        repeat {
            iterate = false
            let toler9 = max(toler8, abs(toler8 * slam))
            if abs(p0.x - slam) < toler9 || abs(p1.x - slam) < toler9 || abs(p2.x - slam) < toler9 {
                return (xvmin, fvmin)
            }
            f3 = f(slam)
            if f3 > p0.y && f3 > p1.y && f3 > p2.y {
                if slam > xvmin { overal = min(overal, slam - toler8) }
                if slam < xvmin { undral = max(undral, slam + toler8) }
                slam = 0.5 * (slam + xvmin)
                iterate = true
                niter += 1
            }
        } while iterate && niter < maxiter
        if niter >= maxiter { return (xvmin, fvmin) }
        let p3 = (x: slam, y: f3)
        if p0.y > p1.y && p0.y > p2.y { p0 = p3 } else if p1.y > p0.y && p1.y > p2.y { p1 = p3 } else { p2 = p3 }
        if f3 < fvmin {
            fvmin = f3
            xvmin = slam
        } else {
            if slam > xvmin { overal = min(overal, slam - toler8) }
            if slam < xvmin { undral = max(undral, slam + toler8) }
        }
        niter += 1
    } while niter < maxiter
    return (xvmin, fvmin)
}

/// Coefficients a, b of the parabola through three points (Minuit2 `MnParabolaFactory`).
func parabola(_ p1: (x: Double, y: Double), _ p2: (x: Double, y: Double),
              _ p3: (x: Double, y: Double)) -> (a: Double, b: Double) {
    var x1 = p1.x, x2 = p2.x, x3 = p3.x
    let dx12 = x1 - x2, dx13 = x1 - x3, dx23 = x2 - x3
    let xm = (x1 + x2 + x3) / 3
    x1 -= xm; x2 -= xm; x3 -= xm
    let y1 = p1.y, y2 = p2.y, y3 = p3.y
    let a = y1 / (dx12 * dx13) - y2 / (dx12 * dx23) + y3 / (dx13 * dx23)
    var b = -y1 * (x2 + x3) / (dx12 * dx13) + y2 * (x1 + x3) / (dx12 * dx23) - y3 * (x1 + x2) / (dx13 * dx23)
    b -= 2 * a * xm
    return (a, b)
}

/// The c coefficient as well, for MnFunctionCross.
func parabolaABC(_ p1: (x: Double, y: Double), _ p2: (x: Double, y: Double),
                 _ p3: (x: Double, y: Double)) -> (a: Double, b: Double, c: Double) {
    let (a, b) = parabola(p1, p2, p3)
    let c = p1.y - a * p1.x * p1.x - b * p1.x
    return (a, b, c)
}
