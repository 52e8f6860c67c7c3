import LinearAlgebra
import Minimizer
@testable import Statistics

/// χ² = (p − μ)ᵀC⁻¹(p − μ) in three parameters a, b, c with correlations 0.6, 0.3, −0.4.
/// Profiling c away leaves the 2×2 block C_ab: Δχ²(a, b) = qᵀC_ab⁻¹q, an ellipse.
enum Gaussian3 {
    static let mu = [1.0, -2.0, 0.5]
    static let sigma = [1.0, 2.0, 0.5]
    static let rho = [[1.0, 0.6, 0.3], [0.6, 1.0, -0.4], [0.3, -0.4, 1.0]]
    static var covariance: Matrix {
        var c = Matrix(rows: 3, columns: 3)
        for i in 0..<3 { for j in 0..<3 { c[i, j] = rho[i][j] * sigma[i] * sigma[j] } }
        return c
    }

    static func minuit(limitsOnA: (Double, Double)? = nil) throws -> Minuit {
        let inv = try covariance.symmetricInverse(name: "C").storage
        let mu = Self.mu
        let cost = CostFunction(errordef: 1) { p in
            var s = 0.0
            for i in 0..<3 { for j in 0..<3 { s += (p[i] - mu[i]) * inv[i * 3 + j] * (p[j] - mu[j]) } }
            return s
        }
        return try Minuit(cost, parameters: [
            Parameter("a", value: 0.5, step: 0.1, lower: limitsOnA?.0, upper: limitsOnA?.1),
            Parameter("b", value: -1.5, step: 0.1),
            Parameter("c", value: 0.3, step: 0.1),
        ])
    }

    /// The analytic profiled Δχ² in (a, b): qᵀC_ab⁻¹q.
    static func profiledDelta(_ a: Double, _ b: Double) -> Double {
        let (qa, qb) = (a - mu[0], b - mu[1])
        let (s1, s2, r) = (sigma[0], sigma[1], rho[0][1])
        return (qa * qa / (s1 * s1) - 2 * r * qa * qb / (s1 * s2) + qb * qb / (s2 * s2)) / (1 - r * r)
    }
}

/// Two islands related by (x, y, z) → (−x, −y, −z): minima at ±(1, 1, 1), both with χ² = 0.
/// Profiled over z: Δχ² = ((x² − 1)/0.3)² + ((y − x)/0.3)², 11.1 at the origin, so the 1σ
/// and 2σ regions are two separate islands.
enum TwoIslands {
    static func minuit() throws -> Minuit {
        let cost = CostFunction(errordef: 1) { p in
            let (x, y, z) = (p[0], p[1], p[2])
            let u = (x * x - 1) / 0.3, v = (y - x) / 0.3, w = (z - x) / 0.5
            return u * u + v * v + w * w
        }
        return try Minuit(cost, parameters: [
            Parameter("x", value: 0.8, step: 0.1), Parameter("y", value: 0.9, step: 0.1),
            Parameter("z", value: 0.7, step: 0.1),
        ])
    }
}

/// Bitwise equality of two grids (== on Double would equate 0 and −0 and fail on NaN).
func bitIdentical(_ a: ProfileGrid, _ b: ProfileGrid) -> Bool {
    guard a.kind == b.kind, a.x == b.x, a.y == b.y, a.profiledParameters == b.profiledParameters,
          a.chi2Min.bitPattern == b.chi2Min.bitPattern, a.bestFit == b.bestFit,
          a.points.count == b.points.count else { return false }
    for (p, q) in zip(a.points, b.points) {
        guard p.chi2.bitPattern == q.chi2.bitPattern, p.status == q.status, p.nfcn == q.nfcn,
              p.profiledValues.map(\.bitPattern) == q.profiledValues.map(\.bitPattern) else { return false }
    }
    return true
}

/// Two mirror-image minima, (x, z) = ±(1, 1), related by (x, y, z) → (−x, −y, −z):
/// χ² = (x − z)² + (z² − 1)(xz − z²) + K(z² − 1)² + ((y − x)/0.5)².
/// At fixed x the z-terms are stationary at z = ±1 exactly (∂/∂z = −2(x − z) + 2z(xz − z²) = 0 there),
/// both local minima for |x| ≤ 2 (∂²/∂z² = 8K ± 6x − 8 > 0), with values (x ∓ 1)² and a barrier of
/// height ≈ K at z = 0. So the profile over z is min((x − 1)², (x + 1)²) + 4(y − x)², and it takes the
/// branch z = sign(x): a warm-start chain from x = 1 that keeps z ≈ +1 into x < 0 is wrong by 4|x|.
/// (scipy 1.17.1 `minimize_scalar` on both brackets at x ∈ {±2, ±1, ±0.5}: minima at z = ±1 to 1e-8
/// with exactly these values.)
enum MirroredBranches {
    static let barrier = 100.0

    static func minuit(scanningY: Bool) throws -> Minuit {
        let k = barrier
        let cost = CostFunction(errordef: 1) { p in
            let (x, y, z) = (p[0], p[1], p[2])
            let w = z * z - 1
            let v = (y - x) / 0.5
            return (x - z) * (x - z) + w * (x * z - z * z) + k * w * w + (scanningY ? v * v : 0)
        }
        return try Minuit(cost, parameters: [
            Parameter("x", value: 0.8, step: 0.1),
            Parameter("y", value: 0.9, step: 0.1, fixed: !scanningY),
            Parameter("z", value: 0.9, step: 0.1),
        ])
    }

    /// The analytic profiled Δχ² (the global minimum is 0).
    static func profiledDelta(_ x: Double, _ y: Double? = nil) -> Double {
        min((x - 1) * (x - 1), (x + 1) * (x + 1)) + (y.map { 4 * ($0 - x) * ($0 - x) } ?? 0)
    }

    /// The image of a parameter vector under the χ²'s symmetry.
    static let mirror: @Sendable ([Double]) -> [Double] = { values in values.map { -$0 } }
}
