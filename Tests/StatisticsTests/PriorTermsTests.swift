import Testing
import _TestSupport
@testable import Statistics

@Suite struct PriorTermsTests {
    @Test func pi0BoundAsTwoSidedGaussian() throws {
        let prior = try GaussianPrior.fromUpperLimit(name: "pi0-na48-2", bound: 1.2e-3, cl: 0.90)
        // scipy 1.17.1: norm.ppf(0.95) = 1.6448536269514722, chi2.ppf(0.9, 1) = 2.705543454095404
        #expect(isClose(prior.sigma, 1.2e-3 / 1.6448536269514722, rel: 1e-14))
        #expect(isClose(prior.chi2(1.2e-3), 2.705543454095404, rel: 1e-13))
        #expect(isClose(prior.chi2(-1.2e-3), 2.705543454095404, rel: 1e-13))
        #expect(prior.chi2(0) == 0)
    }

    @Test func twoSidedLimitAroundACentre() throws {
        let prior = try GaussianPrior.fromUpperLimit(name: "shifted", bound: 1.7, cl: 0.90, center: 0.5)
        #expect(prior.center == 0.5)
        #expect(isClose(prior.sigma, 1.2 / 1.6448536269514722, rel: 1e-14))
        // bound − centre is 1.2 (not exactly representable) on both sides: Δχ² at the bound to 1e-13.
        #expect(isClose(prior.chi2(1.7), 2.705543454095404, rel: 1e-13))
        #expect(isClose(prior.chi2(-0.7), 2.705543454095404, rel: 1e-13))
        #expect(throws: StatisticsError.self) { try GaussianPrior.fromUpperLimit(name: "b", bound: 0.5, center: 0.5) }
    }

    @Test func gaussianPriorValue() throws {
        let prior = try GaussianPrior(name: "M_E0", center: 1.10, sigma: 0.16)
        #expect(isClose(prior.chi2(1.42), 4, rel: 1e-13))
    }

    @Test func oneSidedUpperLimit() throws {
        let term = try UpperLimitTerm.fromUpperLimit(name: "MEG II 17.64", bound: 1.8e-6, cl: 0.90)
        // scipy 1.17.1: norm.ppf(0.9) ** 2 = 1.642374415149818
        #expect(isClose(term.chi2(1.8e-6), 1.642374415149818, rel: 1e-13))
        #expect(term.chi2(-5e-6) == 0)
        #expect(term.chi2(0) == 0)
        let twoSided = try UpperLimitTerm.fromUpperLimit(name: "t", bound: 1, cl: 0.9, twoSided: true)
        #expect(isClose(twoSided.chi2(1), 2.705543454095404, rel: 1e-13))
    }

    @Test func priorWidthMustBePositive() throws {
        #expect(throws: StatisticsError.invalidPrior(name: "eps_p", field: "sigma", value: 0,
                                                    reason: "must be finite and > 0")) {
            try GaussianPrior(name: "eps_p", center: 0, sigma: 0)
        }
        let e = #expect(throws: StatisticsError.self) { try GaussianPrior(name: "eps_p", center: 0, sigma: -1) }
        #expect(e?.description.contains("prior 'eps_p': sigma") == true)
        #expect(throws: StatisticsError.self) { try UpperLimitTerm(name: "u", sigma: .nan) }
    }

    @Test func priorCentreAndBoundMustBeFinite() throws {
        #expect(throws: StatisticsError.self) { try GaussianPrior(name: "c", center: .infinity, sigma: 1) }
        #expect(throws: StatisticsError.self) { try GaussianPrior.fromUpperLimit(name: "b", bound: 0) }
        #expect(throws: StatisticsError.self) { try GaussianPrior.fromUpperLimit(name: "b", bound: 1, cl: 1) }
    }
}
