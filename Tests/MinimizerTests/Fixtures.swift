import Minimizer

// Every reference number below comes from bench/reference/make_reference.py run with iminuit 2.33.0,
// numpy 2.4.6 (its output is kept in bench/reference/reference_output.txt).

/// iminuit's default step: 1 % of |value|, 0.1 for a zero value.
func iminuitStep(_ v: Double) -> Double { v == 0 ? 0.1 : 0.01 * abs(v) }

func par(_ name: String, _ v: Double, lower: Double? = nil, upper: Double? = nil, fixed: Bool = false) -> Parameter {
    Parameter(name, value: v, step: iminuitStep(v), lower: lower, upper: upper, fixed: fixed)
}

let rosen2 = CostFunction(errordef: 1) { p in
    (1 - p[0]) * (1 - p[0]) + 100 * (p[1] - p[0] * p[0]) * (p[1] - p[0] * p[0])
}

let rosen3 = CostFunction(errordef: 1) { p in
    (1 - p[0]) * (1 - p[0]) + 100 * (p[1] - p[0] * p[0]) * (p[1] - p[0] * p[0])
        + (1 - p[1]) * (1 - p[1]) + 100 * (p[2] - p[1] * p[1]) * (p[2] - p[1] * p[1])
}

/// (x−μ)ᵀC⁻¹(x−μ) with C = [[4, 1.2], [1.2, 1]], μ = (1, −2): σ = (2, 1), ρ = 0.6 exactly.
let quadratic = CostFunction(errordef: 1) { p in
    let det = 4.0 * 1.0 - 1.2 * 1.2
    let (a, b, c) = (1.0 / det, -1.2 / det, 4.0 / det)   // C⁻¹ = [[a, b], [b, c]]
    let dx = p[0] - 1, dy = p[1] + 2
    return a * dx * dx + 2 * b * dx * dy + c * dy * dy
}

/// 14-point Gaussian peak on a flat background of 5 (docs/minuit.md §8):
/// y regenerated with numpy `default_rng(17)` by make_reference.py.
let peakY: [Double] = [
    6.101635742888118, 5.345140529204228, 4.537346887535953, 4.311068158838575, 5.812084394892999,
    13.240884101127033, 20.20418095882456, 24.127844040065487, 20.79277855125227, 13.170399782011732,
    5.429922848956424, 6.496456606267435, 3.05047279687943, 6.866333361112397,
]
let peakX: [Double] = (0..<14).map { 10.0 + Double($0) }

/// Inverse of C = I + 0.25·11ᵀ by Sherman–Morrison: I − 0.25/(1 + 0.25·14)·11ᵀ.
let peakChi2 = CostFunction(errordef: 1) { p in
    let (amp, mu, s) = (p[0], p[1], p[2])
    var sum = 0.0, sumSq = 0.0
    for i in 0..<14 {
        let z = (peakX[i] - mu) / s
        let r = peakY[i] - (5 + amp * _exp(-0.5 * z * z))
        sum += r
        sumSq += r * r
    }
    return sumSq - 0.25 / (1 + 0.25 * 14) * sum * sum
}

func peakMinuit() throws -> Minuit {
    try Minuit(peakChi2, parameters: [par("A", 10), par("mu", 16), par("s", 1, lower: 0.01)])
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@inline(__always) func _exp(_ x: Double) -> Double { exp(x) }

/// |a − b| ≤ k·σ.
func within(_ a: Double, _ b: Double, sigmas k: Double, of sigma: Double) -> Bool { abs(a - b) <= k * sigma }
