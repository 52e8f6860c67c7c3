#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private func validateChi2(_ function: String, x: Double, dof: Int) throws {
    guard dof > 0 else {
        throw ProbabilityError.invalidArgument(function: function, argument: "dof", value: Double(dof),
                                              reason: "must be ≥ 1")
    }
    guard !x.isNaN else {
        throw ProbabilityError.invalidArgument(function: function, argument: "chi2", value: x,
                                              reason: "is NaN")
    }
}

/// P(χ²_ν > x) = Q(ν/2, x/2): the p-value of a χ² of `x` with `dof` degrees of freedom.
public func chi2SurvivalFunction(_ x: Double, dof: Int) throws -> Double {
    try validateChi2("chi2SurvivalFunction", x: x, dof: dof)
    if x <= 0 { return 1 }
    return exp(logRegularizedGammaPair(a: 0.5 * Double(dof), x: 0.5 * x).logQ)
}

/// ln P(χ²_ν > x), finite where the p-value itself underflows.
public func logChi2SurvivalFunction(_ x: Double, dof: Int) throws -> Double {
    try validateChi2("logChi2SurvivalFunction", x: x, dof: dof)
    if x <= 0 { return 0 }
    return logRegularizedGammaPair(a: 0.5 * Double(dof), x: 0.5 * x).logQ
}

/// P(χ²_ν ≤ x) = P(ν/2, x/2).
public func chi2CDF(_ x: Double, dof: Int) throws -> Double {
    try validateChi2("chi2CDF", x: x, dof: dof)
    if x <= 0 { return 0 }
    return exp(logRegularizedGammaPair(a: 0.5 * Double(dof), x: 0.5 * x).logP)
}

/// The p-value of a goodness-of-fit χ² (the χ² survival function).
public func pValue(chi2: Double, ndof: Int) throws -> Double {
    try chi2SurvivalFunction(chi2, dof: ndof)
}

/// Two-sided significance Nσ = Φ⁻¹(1 − p/2), computed as −Φ⁻¹(p/2) so it stays finite and
/// accurate for p down to 1e-300. p = 1 gives 0, p = 0 gives +∞.
public func nSigma(pValue p: Double) throws -> Double {
    guard !p.isNaN, p >= 0, p <= 1 else {
        throw ProbabilityError.invalidArgument(function: "nSigma", argument: "pValue", value: p,
                                              reason: "must lie in [0, 1]")
    }
    if p == 0 { return .infinity }
    return try normalQuantile(upperTailLog: log(0.5 * p))
}

/// Two-sided Nσ of a χ² with `ndof` degrees of freedom, through ln p: finite for any finite χ².
public func nSigma(chi2: Double, ndof: Int) throws -> Double {
    let lp = try logChi2SurvivalFunction(chi2, dof: ndof)
    return try normalQuantile(upperTailLog: lp - log(2.0))
}

/// The confidence level of a two-sided ±n σ interval of a Gaussian: erf(n/√2).
public func clForNSigma(_ n: Double) throws -> Double {
    guard n.isFinite, n > 0 else {
        throw ProbabilityError.invalidArgument(function: "clForNSigma", argument: "nSigma", value: n,
                                              reason: "must be finite and > 0")
    }
    return erf(n / 2.0.squareRoot())
}

/// The x with P(χ²_k > x) = exp(logTail): the χ² quantile from its upper-tail log-probability.
///
/// Closed forms for k = 1 (x = z²) and k = 2 (x = −2 ln q); Newton on ln Q with bisection
/// safeguards otherwise.
public func chi2InverseSurvival(logTail: Double, dof k: Int) throws -> Double {
    guard k > 0 else {
        throw ProbabilityError.invalidArgument(function: "chi2InverseSurvival", argument: "dof",
                                              value: Double(k), reason: "must be ≥ 1")
    }
    guard !logTail.isNaN, logTail < 0 else {
        throw ProbabilityError.invalidArgument(function: "chi2InverseSurvival", argument: "logTail",
                                              value: logTail, reason: "must be < 0 (a tail probability below 1)")
    }
    if logTail == -.infinity { return .infinity }
    if k == 1 {
        let z = try normalQuantile(upperTailLog: logTail - log(2.0))
        return z * z
    }
    if k == 2 { return -2 * logTail }
    let a = 0.5 * Double(k)
    // Bracket: ln Q(a, t) decreases from 0 to −∞ in t = x/2.
    var lo = 0.0
    var hi = max(2 * a, 1.0)
    while logRegularizedGammaPair(a: a, x: hi).logQ > logTail { lo = hi; hi *= 2 }
    var t = 0.5 * (lo + hi)
    for _ in 0..<200 {
        let pair = logRegularizedGammaPair(a: a, x: t)
        let f = pair.logQ - logTail
        if f > 0 { lo = t } else { hi = t }
        // d ln Q / dt = −tᵃ⁻¹e⁻ᵗ/(Γ(a) Q).
        let slope = -exp(logGammaPrefactor(a: a, x: t) - log(t) - pair.logQ)
        var next = t - f / slope
        if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
        if abs(next - t) <= 1e-15 * t { t = next; break }
        t = next
    }
    return 2 * t
}

/// Δχ² below which a region of `k` jointly estimated parameters has confidence level `cl`
/// (Wilks): 1.00 / 2.71 / 3.84 for k = 1 at 68.27 / 90 / 95 %, 2.30 / 4.61 / 5.99 for k = 2.
public func deltaChi2Threshold(parameters k: Int, cl: Double) throws -> Double {
    guard !cl.isNaN, cl > 0, cl < 1 else {
        throw ProbabilityError.invalidArgument(function: "deltaChi2Threshold", argument: "cl", value: cl,
                                              reason: "must lie strictly between 0 and 1")
    }
    return try chi2InverseSurvival(logTail: log1p(-cl), dof: k)
}

/// Δχ² for `k` parameters at the CL of a two-sided ±nσ Gaussian interval:
/// 1 / 4 / 9 for k = 1 and 2.30 / 6.18 / 11.83 for k = 2 at 1 / 2 / 3 σ.
public func deltaChi2Threshold(parameters k: Int, nSigma n: Double) throws -> Double {
    guard n.isFinite, n > 0 else {
        throw ProbabilityError.invalidArgument(function: "deltaChi2Threshold", argument: "nSigma", value: n,
                                              reason: "must be finite and > 0")
    }
    if k == 1 { return n * n }
    // k = 2 in closed form, −2 ln(1 − CL) = −2 ln erfc(n/√2), while erfc does not underflow: one rounding
    // fewer than through ln 2 + ln Q(n) (correctly rounded at 1, 2, 3σ against mpmath).
    if k == 2, case let tail = erfc(n / 2.0.squareRoot()), tail.isNormal { return -2 * log(tail) }
    // The tail 1 − CL = 2(1 − Φ(n)), taken in log space so 10σ and beyond stay exact.
    return try chi2InverseSurvival(logTail: log(2.0) + logNormalSurvival(n), dof: k)
}

