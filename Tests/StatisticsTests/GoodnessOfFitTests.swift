import Testing
import _TestSupport
@testable import Statistics

@Suite struct GoodnessOfFitTests {
    @Test func denGehrleinAngularFit() throws {
        // scipy 1.17.1: chi2.sf(17.3, 10) = 0.06798376819852853, norm.isf(p/2) = 1.8251143959911762
        let gof = try GoodnessOfFit(chi2: 17.3, ndof: 10)
        #expect(isClose(try #require(gof.pValue), 0.06798376819852853, rel: 1e-12))
        #expect(isClose(try #require(gof.nSigma), 1.8251143959911762, rel: 1e-12))
        #expect(gof.chi2PerNdof == 1.73)
    }

    @Test func goodnessOfFitWithoutDegreesOfFreedom() throws {
        let gof = try GoodnessOfFit(chi2: 3.2, dataPoints: 3, freeParameters: 3)
        #expect(gof.ndof == 0)
        #expect(gof.pValue == nil && gof.nSigma == nil && gof.chi2PerNdof == nil)
        #expect(!gof.description.lowercased().contains("nan"))
        #expect(gof.description.contains("ndof ≤ 0"))
    }

    @Test func badArgumentsThrow() throws {
        let e = #expect(throws: StatisticsError.self) { try GoodnessOfFit(chi2: .nan, ndof: 4) }
        #expect(e?.description.contains("chi2") == true)
    }
}
