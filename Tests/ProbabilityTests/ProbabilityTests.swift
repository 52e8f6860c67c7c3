import Testing
import _TestSupport
@testable import Probability

/// χ² and normal distribution functions, Δχ² thresholds and the incomplete gamma against scipy and mpmath.
@Suite struct ProbabilityTests {
    // 1e-12 relative for ν ≤ 200, χ² ≤ 1000 and tails to 1e-300 (the numerics module's promise); scipy's own
    // chi2.sf (cephes igamc) is good to ~1e-14, so 1e-12 tests our accuracy, not scipy's.
    @Test func pValuesMatchScipy() throws {
        #expect(gofReference.count >= 30)
        for row in gofReference {
            let p = try pValue(chi2: row.chi2, ndof: row.nu)
            #expect(isClose(p, row.p, rel: 1e-12), "χ² = \(row.chi2), ν = \(row.nu): \(p) vs scipy \(row.p)")
        }
    }

    // Nσ = Φ⁻¹(1 − p/2) inherits p's relative error divided by ~z²; 1e-12 relative holds.
    // For p → 1, Nσ ≈ 1.25(1 − p) carries p's absolute rounding (1e-16), hence abs 1e-13.
    @Test func significancesMatchScipy() throws {
        for row in gofReference {
            let fromP = try nSigma(pValue: row.p)
            let fromChi2 = try nSigma(chi2: row.chi2, ndof: row.nu)
            #expect(isClose(fromP, row.nSigma, rel: 1e-12, abs: 1e-13), "p = \(row.p): \(fromP) vs \(row.nSigma)")
            #expect(isClose(fromChi2, row.nSigma, rel: 1e-12, abs: 1e-13), "χ² = \(row.chi2), ν = \(row.nu)")
        }
    }

    // AS241 is good to ~1e-16; after the Newton step in log space we ask 1e-14 relative.
    @Test func normalQuantileMatchesScipy() throws {
        for row in normalQuantileReference {
            let z = try normalQuantile(row.p)
            #expect(isClose(z, row.z, rel: 1e-14, abs: 1e-300), "p = \(row.p): \(z) vs \(row.z)")
        }
    }

    @Test func normalQuantileFromLogBeyondUnderflow() throws {
        // mpmath 1.3.0 (50 digits): findroot(log(ncdf(-t)) + 2000, 63) = 63.16541860878361
        let z = try normalQuantile(upperTailLog: -2000)
        #expect(isClose(z, 63.16541860878361, rel: 1e-13))
        // Deep tails must stay consistent: Φ⁻¹(1e-300) from p and from ln p.
        #expect(isClose(try normalQuantile(upperTailLog: -690.7755278982137), -(try normalQuantile(1e-300)), rel: 1e-14))
        #expect(try normalQuantile(0) == -.infinity)
        #expect(try normalQuantile(1) == .infinity)
    }

    @Test func significanceStaysFiniteWhenPUnderflows() throws {
        // scipy 1.17.1 chi2.logsf(5000, 3) = -inf; from ln p we still get a finite, growing Nσ.
        let n5000 = try nSigma(chi2: 5000, ndof: 3)
        let n6000 = try nSigma(chi2: 6000, ndof: 3)
        #expect(n5000.isFinite && n6000 > n5000)
        // For ν = 1, Nσ = √χ² exactly (two-sided Gaussian); 1e-12 allows the log-space rounding.
        #expect(isClose(try nSigma(chi2: 4900, ndof: 1), 70, rel: 1e-12))
        #expect(try nSigma(pValue: 1) == 0)
        #expect(try nSigma(pValue: 0) == .infinity)
    }

    // scipy's chi2.ppf is itself iterative (~1e-14); 1e-12 relative is well above both errors.
    @Test func deltaChi2Thresholds() throws {
        for row in thresholdReference {
            let d: Double
            if let n = row.nSigma {
                d = try deltaChi2Threshold(parameters: row.k, nSigma: n)
                #expect(isClose(try clForNSigma(n), row.cl, rel: 1e-14))
            } else {
                d = try deltaChi2Threshold(parameters: row.k, cl: row.cl)
            }
            #expect(isClose(d, row.delta, rel: 1e-12), "k = \(row.k), cl = \(row.cl): \(d) vs \(row.delta)")
        }
        // The printed conventions of docs/minuit.md §6 (scipy.stats.chi2.ppf).
        #expect(abs(try deltaChi2Threshold(parameters: 2, nSigma: 1) - 2.30) < 0.005)
        #expect(abs(try deltaChi2Threshold(parameters: 2, nSigma: 2) - 6.18) < 0.005)
        #expect(abs(try deltaChi2Threshold(parameters: 2, nSigma: 3) - 11.83) < 0.005)
    }

    // mpmath 1.3.0 (50 digits): gammainc(a, 0, x, regularized=True) and the upper counterpart.
    @Test func incompleteGammaAtNonHalfIntegerA() throws {
        #expect(isClose(try regularizedGammaP(a: 0.3, x: 0.2), 0.6575067242697217, rel: 1e-12))
        #expect(isClose(try regularizedGammaQ(a: 7.7, x: 30), 3.391249878562057e-07, rel: 1e-12))
        #expect(isClose(try regularizedGammaP(a: 40, x: 2), 1.9171583415942735e-37, rel: 1e-12))
        #expect(try regularizedGammaP(a: 2, x: 0) == 0)
        #expect(try regularizedGammaQ(a: 2, x: .infinity) == 0)
    }

    @Test func badArgumentsThrow() throws {
        #expect(throws: ProbabilityError.self) { try chi2SurvivalFunction(3, dof: 0) }
        #expect(throws: ProbabilityError.self) { try chi2SurvivalFunction(.nan, dof: 3) }
        #expect(throws: ProbabilityError.self) { try regularizedGammaP(a: 0, x: 1) }
        #expect(throws: ProbabilityError.self) { try regularizedGammaQ(a: 1, x: -1) }
        #expect(throws: ProbabilityError.self) { try normalQuantile(1.5) }
        #expect(throws: ProbabilityError.self) { try normalQuantile(.nan) }
        #expect(throws: ProbabilityError.self) { try nSigma(pValue: -0.1) }
        #expect(throws: ProbabilityError.self) { try deltaChi2Threshold(parameters: 2, cl: 1) }
        #expect(throws: ProbabilityError.self) { try deltaChi2Threshold(parameters: 0, cl: 0.9) }
        #expect(throws: ProbabilityError.self) { try deltaChi2Threshold(parameters: 2, nSigma: -1) }
    }
}
