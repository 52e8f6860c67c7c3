import Probability
import Foundation
import Minimizer
import Statistics
import Testing
@testable import Toys

/// The Gaussian mean with a physical boundary μ ≥ 0, x ~ N(μ, 1): Feldman & Cousins 1998, Table X.
///
/// t(x; μ) = (x − μ)² − (x − max(x, 0))²; its exact critical value c(μ) at level α solves P(t ≤ c | μ) = α.
enum GaussianBoundary {
    static func t(_ x: Double, _ mu: Double) -> Double { (x - mu) * (x - mu) - pow(x - max(x, 0), 2) }

    /// P(t ≤ c | μ): x ≥ 0 with |x − μ| ≤ √c, or x < 0 with μ² − 2xμ ≤ c.
    static func probability(_ c: Double, _ mu: Double) -> Double {
        let r = c.squareRoot()
        var p = normalCDF(r) - normalCDF(max(0, mu - r) - mu)
        if mu > 0 {
            let lo = (mu * mu - c) / (2 * mu)
            if lo < 0 { p += normalCDF(-mu) - normalCDF(lo - mu) }
        } else {
            p += normalCDF(-mu)
        }
        return p
    }

    static func critical(_ mu: Double, _ alpha: Double) -> Double {
        var (lo, hi) = (0.0, 100.0)
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if probability(mid, mu) < alpha { lo = mid } else { hi = mid }
        }
        return 0.5 * (lo + hi)
    }

    /// The exact FC interval of x0 on a 0.001 grid of μ in [0, 6].
    static func interval(_ x0: Double, _ alpha: Double) -> (Double, Double) {
        let accepted = (0...6000).map { Double($0) / 1000 }.filter { t(x0, $0) <= critical($0, alpha) }
        return (accepted.first!, accepted.last!)
    }
}

@Suite struct FeldmanCousinsTests {
    /// Feldman & Cousins 1998, Table X, rows x0 = −1, 0.5, 1, 2 at 68.27 % and 90 % (two decimals).
    @Test(arguments: [
        (-1.0, 0.6827, 0.00, 0.27), (-1.0, 0.90, 0.00, 0.81),
        (0.5, 0.6827, 0.02, 1.50), (0.5, 0.90, 0.00, 2.14),
        (1.0, 0.6827, 0.24, 2.00), (1.0, 0.90, 0.00, 2.64),
        (2.0, 0.6827, 1.00, 3.00), (2.0, 0.90, 0.58, 3.64),
    ])
    func exactConstructionReproducesTableX(x0: Double, alpha: Double, lower: Double, upper: Double) {
        let (lo, hi) = GaussianBoundary.interval(x0, alpha)
        #expect(abs(lo - lower) <= 0.006 && abs(hi - upper) <= 0.006, "x0 = \(x0), \(alpha): [\(lo), \(hi)]")
    }

    /// Table X's row x0 = 0.5 at 68.27 % is [0.02, 1.50], not [0.00, 1.50]: under μ = 0, t = x² for x ≥ 0 and 0
    /// otherwise, so P(t ≤ c | 0) = Φ(√c) and μ = 0 is accepted only for x0 ≤ Φ⁻¹(0.6827) = 0.4753. Solving
    /// t(0.5, μ) = c(μ) by bisection puts the lower edge at μ = 0.0247, which the table prints as 0.02; the
    /// 0.001 grid of `interval` finds 0.025, within the 0.006 tolerance of the table test (half the table's last
    /// digit plus one grid step).
    @Test func lowerEdgeOfTheRowAtHalfIsAboveZero() {
        let c0 = GaussianBoundary.critical(0, 0.6827)
        #expect(abs(c0.squareRoot() - 0.475262) < 1e-5)  // Φ⁻¹(0.6827), to the bisection's precision (1e-12 in c)
        #expect(GaussianBoundary.t(0.47, 0) <= c0 && GaussianBoundary.t(0.5, 0) > c0)
        var (lo, hi) = (0.0, 0.4)  // t − c is positive at μ = 0 and negative at 0.4
        for _ in 0..<60 {
            let mid = 0.5 * (lo + hi)
            if GaussianBoundary.t(0.5, mid) > GaussianBoundary.critical(mid, 0.6827) { lo = mid } else { hi = mid }
        }
        #expect(abs(lo - 0.02473) < 5e-5, "lower edge \(lo)")
        #expect((100 * lo).rounded() == 2)
    }

    /// The toys see the same: at x0 = 0.5, μ = 0 is outside the 68.27 % region and μ = 0.05 inside. The margins
    /// t − c are +0.024 and −0.042; with 40 000 toys the quantile's standard error is 0.0062 at μ = 0 and 0.0043 at
    /// μ = 0.05 (√(α(1−α)/n) over the density of t at c), so both margins exceed 3.9σ.
    @Test func toysExcludeZeroAtHalf() async throws {
        let model = try meanModel(observed: 0.5, lower: 0)
        let fc = NeymanConstruction(model: model, observed: model.cost, interest: [0], levels: [0.6827], toys: 40_000,
                                    options: ToyOptions(seed: 1998, threads: 2))
        let points = await fc.run([[0.0], [0.05]])
        #expect(points.map { $0.accepted[0] } == [false, true], "\(points.map(\.quantiles))")
    }

    /// The toy critical values match the exact ones to the precision of the toy count, at the boundary and away.
    @Test func toyQuantilesMatchTheExactCriticalValues() async throws {
        let model = try meanModel(observed: 1.0, lower: 0)
        let toys = 3000
        let levels = [0.6827, 0.90]
        let fc = NeymanConstruction(model: model, observed: model.cost, interest: [0], levels: levels, toys: toys,
                                    options: ToyOptions(seed: 1998, threads: 2))
        let mus = [0.0, 0.3, 1.0, 2.5]
        let points = await fc.run(mus.map { [$0] })
        for (mu, p) in zip(mus, points) {
            #expect(p.failed == 0 && p.converged == toys)
            for (k, alpha) in levels.enumerated() {
                let c = GaussianBoundary.critical(mu, alpha)
                // σ(quantile) = √(α(1−α)/n) / density of t at c.
                let density = (GaussianBoundary.probability(c + 1e-4, mu) - GaussianBoundary.probability(c - 1e-4, mu)) / 2e-4
                let sigma = (alpha * (1 - alpha) / Double(toys)).squareRoot() / density
                let q = try #require(p.quantiles[k])
                #expect(abs(q - c) < 4 * sigma, "μ = \(mu), α = \(alpha): toys \(q), exact \(c) ± \(sigma)")
            }
            #expect(abs(try #require(p.observed) - GaussianBoundary.t(1.0, mu)) < 1e-4)
        }
    }

    /// x0 = 1: the calibrated 68.27 % region is [0.24, 2.00] (Wilks' Δχ² = 1 gives [0, 2]).
    @Test func calibratedRegionOfTableXRow() async throws {
        let model = try meanModel(observed: 1.0, lower: 0)
        let fc = NeymanConstruction(model: model, observed: model.cost, interest: [0], levels: [0.6827], toys: 2000,
                                    options: ToyOptions(seed: 7, threads: 2))
        let mus = [0.10, 0.40, 1.0, 1.85, 2.15]
        let points = await fc.run(mus.map { [$0] })
        #expect(points.map { $0.accepted[0] } == [false, true, true, true, false])
    }

    @Test func identicalForAnyThreadCountAndSplit() async throws {
        let model = try meanModel(observed: 0.5, lower: 0)
        let make = { (t: Int) in
            NeymanConstruction(model: model, observed: model.cost, interest: [0], levels: [0.6827, 0.9], toys: 200,
                               options: ToyOptions(seed: 3, threads: t))
        }
        let grid = (0..<6).map { [0.3 * Double($0)] }
        let one = await make(1).run(grid)
        let split = await make(2).run(Array(grid[0..<2])) + make(2).run(Array(grid[2...]), firstIndex: 2)
        #expect(one == split)
    }
}
