#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Special functions written here in pure Swift on top of libm (`lgamma_r`, `erfc`, `log1p`,
// `expm1`): the package does not depend on swift-numerics. Accuracy is checked against scipy and
// mpmath in Tests/ProbabilityTests (tables and generating scripts under Reference/).

/// ln Γ(a) for a > 0, thread-safe (`lgamma_r`, no global `signgam`).
@inlinable
func logGamma(_ a: Double) -> Double {
    var sign: Int32 = 0
    return lgamma_r(a, &sign)
}

/// ln of the prefactor xᵃ e⁻ˣ / Γ(a) shared by the series and the continued fraction.
@usableFromInline
func logGammaPrefactor(a: Double, x: Double) -> Double {
    a * log(x) - x - logGamma(a)
}

/// ln P(a, x) by the power series Σ xⁿ / (a (a+1)…(a+n)); used for x < a + 1.
@usableFromInline
func logGammaPSeries(a: Double, x: Double) -> Double {
    var ap = a
    var term = 1 / a
    var sum = term
    for _ in 0..<100_000 {
        ap += 1
        term *= x / ap
        sum += term
        if abs(term) < abs(sum) * 0x1p-54 { break }
    }
    return logGammaPrefactor(a: a, x: x) + log(sum)
}

/// ln Q(a, x) by the modified Lentz continued fraction; used for x ≥ a + 1.
@usableFromInline
func logGammaQContinuedFraction(a: Double, x: Double) -> Double {
    let tiny = 1e-300
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var h = d
    for i in 1..<100_000 {
        let an = -Double(i) * (Double(i) - a)
        b += 2
        d = an * d + b
        if abs(d) < tiny { d = tiny }
        c = b + an / c
        if abs(c) < tiny { c = tiny }
        d = 1 / d
        let delta = d * c
        h *= delta
        if abs(delta - 1) < 0x1p-54 { break }
    }
    return logGammaPrefactor(a: a, x: x) + log(h)
}

private func validateGammaArguments(_ function: String, a: Double, x: Double) throws {
    guard a.isFinite, a > 0 else {
        throw ProbabilityError.invalidArgument(function: function, argument: "a", value: a,
                                              reason: "must be finite and > 0")
    }
    guard !x.isNaN, x >= 0 else {
        throw ProbabilityError.invalidArgument(function: function, argument: "x", value: x,
                                              reason: "must be ≥ 0 (and not NaN)")
    }
}

/// (ln P(a, x), ln Q(a, x)) for validated arguments, each accurate in its own tail.
@usableFromInline
func logRegularizedGammaPair(a: Double, x: Double) -> (logP: Double, logQ: Double) {
    if x == 0 { return (-.infinity, 0) }
    if x == .infinity { return (0, -.infinity) }
    if x < a + 1 {
        let lp = logGammaPSeries(a: a, x: x)
        return (lp, log1p(-exp(lp)))
    }
    let lq = logGammaQContinuedFraction(a: a, x: x)
    return (log1p(-exp(lq)), lq)
}

/// The regularised lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a).
///
/// Series for x < a + 1, Lentz continued fraction otherwise, both in log space so that the
/// small tail is accurate down to the smallest normal double.
public func regularizedGammaP(a: Double, x: Double) throws -> Double {
    try validateGammaArguments("regularizedGammaP", a: a, x: x)
    return exp(logRegularizedGammaPair(a: a, x: x).logP)
}

/// The regularised upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a) = 1 − P(a, x).
public func regularizedGammaQ(a: Double, x: Double) throws -> Double {
    try validateGammaArguments("regularizedGammaQ", a: a, x: x)
    return exp(logRegularizedGammaPair(a: a, x: x).logQ)
}

/// ln Q(a, x), finite far beyond the range where Q itself underflows.
public func logRegularizedGammaQ(a: Double, x: Double) throws -> Double {
    try validateGammaArguments("logRegularizedGammaQ", a: a, x: x)
    return logRegularizedGammaPair(a: a, x: x).logQ
}

// MARK: - Normal distribution

/// Φ(x), the standard normal CDF (through `erfc`, accurate in the lower tail).
public func normalCDF(_ x: Double) -> Double {
    0.5 * erfc(-x / 2.0.squareRoot())
}

/// 1 − Φ(x), accurate in the upper tail.
public func normalSurvival(_ x: Double) -> Double {
    0.5 * erfc(x / 2.0.squareRoot())
}

@usableFromInline
let logSqrtTwoPi = 0.918_938_533_204_672_741_78

/// ln(1 − Φ(x)) for any x; uses the asymptotic series when 1 − Φ(x) underflows.
public func logNormalSurvival(_ x: Double) -> Double {
    if x < 30 { return log(normalSurvival(x)) }
    return -0.5 * x * x - log(x) - logSqrtTwoPi + log(millsSeries(x))
}

/// The asymptotic series 1 − 1/x² + 3/x⁴ − 15/x⁶ … of x·(1 − Φ(x))/φ(x), for x ≥ 30.
@usableFromInline
func millsSeries(_ x: Double) -> Double {
    let t = 1 / (x * x)
    var term = 1.0
    var sum = 1.0
    for k in 1..<12 {
        term *= -Double(2 * k - 1) * t
        sum += term
    }
    return sum
}

/// Wichura's AS241 (PPND16) for the lower-tail quantile, given p and ln p of the smaller tail.
@usableFromInline
func as241(q: Double, smallTailLog: Double) -> Double {
    if abs(q) <= 0.425 {
        let r = 0.180625 - q * q
        let num = (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r
            + 6.7265770927008700853e4) * r + 4.5921953931549871457e4) * r
            + 1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r
            + 1.3314166789178437745e2) * r + 3.3871328727963666080e0)
        let den = (((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r
            + 3.9307895800092710610e4) * r + 2.1213794301586595867e4) * r
            + 5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r
            + 4.2313330701600911252e1) * r + 1.0)
        return q * num / den
    }
    var r = (-smallTailLog).squareRoot()
    let value: Double
    if r <= 5 {
        r -= 1.6
        let num = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r
            + 2.41780725177450611770e-1) * r + 1.27045825245236838258e0) * r
            + 3.64784832476320460504e0) * r + 5.76949722146069140550e0) * r
            + 4.63033784615654529590e0) * r + 1.42343711074968357734e0)
        let den = (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r
            + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r
            + 6.89767334985100004550e-1) * r + 1.67638483018380384940e0) * r
            + 2.05319162663775882187e0) * r + 1.0)
        value = num / den
    } else {
        r -= 5
        let num = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
            + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r
            + 2.96560571828504891230e-1) * r + 1.78482653991729133580e0) * r
            + 5.46378491116411436990e0) * r + 6.65790464350110377720e0)
        let den = (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r
            + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r
            + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
            + 5.99832206555887937690e-1) * r + 1.0)
        value = num / den
    }
    return q < 0 ? -value : value
}

/// The upper-tail quantile z with 1 − Φ(z) = exp(logQ), for logQ ≤ ln 0.5, via AS241 and
/// Newton steps on ln(1 − Φ) (exact in log space, so it works where Q underflows).
@usableFromInline
func upperQuantile(logQ: Double) -> Double {
    // Far tail (z > 1e15): AS241's polynomials overflow there, while the asymptotic
    // ln Q = −z²/2 − ln z − ln √(2π) is exact to double precision (relative error ~1/z²).
    // Solved by fixed point, written so that 2·|ln Q| is never formed (it overflows near 1e308).
    if logQ < -1e30 {
        let tail = -logQ
        var z = 2.0.squareRoot() * tail.squareRoot()
        for _ in 0..<4 { z = 2.0.squareRoot() * (tail - log(z) - logSqrtTwoPi).squareRoot() }
        return z
    }
    var z = -as241(q: -1, smallTailLog: logQ)
    for _ in 0..<3 {
        let f = logNormalSurvival(z) - logQ
        // d/dz ln(1 − Φ(z)) = −φ(z)/(1 − Φ(z)), the inverse Mills ratio.
        let hazard: Double
        if z < 30 {
            hazard = exp(-0.5 * z * z - logSqrtTwoPi) / normalSurvival(z)
        } else {
            hazard = z / millsSeries(z)
        }
        let step = f / hazard
        z += step
        if abs(step) <= 1e-16 * abs(z) { break }
    }
    return z
}

/// Φ⁻¹(p): the standard normal quantile.
///
/// AS241 (Wichura 1988) followed by Newton refinement in log space, so it keeps ~1e-15 relative
/// accuracy for p down to the smallest normal double. p = 0 and 1 give ∓∞.
public func normalQuantile(_ p: Double) throws -> Double {
    guard !p.isNaN, p >= 0, p <= 1 else {
        throw ProbabilityError.invalidArgument(function: "normalQuantile", argument: "p", value: p,
                                              reason: "must lie in [0, 1]")
    }
    if p == 0 { return -.infinity }
    if p == 1 { return .infinity }
    if abs(p - 0.5) <= 0.425 { return as241(q: p - 0.5, smallTailLog: 0) }
    return p < 0.5 ? -upperQuantile(logQ: log(p)) : upperQuantile(logQ: log1p(-p))
}

/// The z with 1 − Φ(z) = exp(logQ), for any logQ ≤ 0: the quantile from a log-probability,
/// finite even where the probability itself underflows (logQ ≪ −745).
public func normalQuantile(upperTailLog logQ: Double) throws -> Double {
    guard !logQ.isNaN, logQ <= 0 else {
        throw ProbabilityError.invalidArgument(function: "normalQuantile(upperTailLog:)",
                                              argument: "logQ", value: logQ, reason: "must be ≤ 0")
    }
    if logQ == -.infinity { return .infinity }
    if logQ == 0 { return -.infinity }
    let q = exp(logQ)
    if abs(q - 0.5) <= 0.425 { return -as241(q: q - 0.5, smallTailLog: 0) }
    if q < 0.5 { return upperQuantile(logQ: logQ) }
    return -upperQuantile(logQ: log(-expm1(logQ)))
}
