import Foundation
import Statistics
import Testing
import Toys
import _TestSupport
@testable import X17Analysis

/// The model's priors, rate limits and nuisance constraints are Statistics' `GaussianPrior` / `UpperLimitTerm`:
/// each kind of prior row builds the right form and width, the χ² is theirs, refusals name the row, and
/// pseudo-data keep each form and width.
@Suite struct PriorPenaltyTests {
    static let priors = "datasets/priors/external.csv"
    static let spec = "fits/dg2023-vector-none.toml"
    /// scipy 1.17.1: norm.ppf(0.9), norm.ppf(0.95).
    static let z90 = 1.2815515655446004, z95 = 1.6448536269514722

    /// The fixture fit with every kind of prior (limit from bound and CL, limit with σ, Gaussian), the MEG II
    /// limit row and M_E0 floated.
    func allKinds(_ tree: FixtureTree, extraPrior: String? = nil) throws -> FitSetup {
        var rows = """
            ul-epsn,eps_n,upper_limit,1e-3,,6e-3,0.90,optional,test,D,one-sided from bound and CL
            ul-mx,mX,upper_limit,16.8,0.05,,,optional,test,D,one-sided with sigma
            ts-epsn,eps_n,two_sided_limit,1e-3,,6e-3,0.90,optional,test,D,two-sided around a centre
            g-mx,mX,gaussian,16.9,0.2,,,optional,test,D,gaussian

            """
        var ids = ["pi0-na48-2", "ul-epsn", "ul-mx", "ts-epsn", "g-mx"]
        if let extraPrior {
            rows += extraPrior + "\n"
            ids.append(String(extraPrior.prefix { $0 != "," }))
        }
        try tree.write(Self.priors, try tree.read(Self.priors) + rows)
        let list = ids.map { "\"\($0)\"" }.joined(separator: ", ")
        try tree.replace(Self.spec, "priors = [\"pi0-na48-2\"]", "priors = [\(list)]")
        try tree.replace(Self.spec, "\"C12_PRC106\"]", "\"C12_PRC106\", \"Be17_MEG2\"]")
        try tree.replace(Self.spec, "BR_ee = { value = 1.0, fixed = true }",
                         "BR_ee = { value = 1.0, fixed = true }\nM_E0 = { start = 1.10, step = 0.01 }")
        return try prepare(tree, "dg2023-vector-none")
    }

    @Test func eachPriorKindBuildsItsStatisticsForm() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        let model = try allKinds(tree).model
        let penalty = Dictionary(uniqueKeysWithValues: model.priors.map { ($0.info.id, $0.penalty) })
        // Widths through Statistics' limitWidth: bit for bit; against scipy's quantiles to 1e-12 (Φ⁻¹ is good to
        // ~1e-15 relative, the division adds one rounding).
        let pi0Width = try limitWidth(name: "pi0-na48-2", bound: 1.2e-3, center: 0, cl: 0.90, twoSided: true)
        let pi0 = PriorPenalty.gaussian(try GaussianPrior(name: "pi0-na48-2", center: 0, sigma: pi0Width))
        #expect(penalty["pi0-na48-2"] == pi0)
        #expect(isClose(pi0Width, 1.2e-3 / Self.z95, rel: 1e-12))
        guard case .upperLimit(let ul)? = penalty["ul-epsn"] else { Issue.record("ul-epsn is not one-sided"); return }
        #expect(ul.center == 1e-3)
        #expect(isClose(ul.sigma, 5e-3 / Self.z90, rel: 1e-12))
        let ulMX = PriorPenalty.upperLimit(try UpperLimitTerm(name: "ul-mx", center: 16.8, sigma: 0.05))
        #expect(penalty["ul-mx"] == ulMX)
        guard case .gaussian(let ts)? = penalty["ts-epsn"] else { Issue.record("ts-epsn is not Gaussian"); return }
        #expect(ts.center == 1e-3)
        #expect(isClose(ts.sigma, 5e-3 / Self.z95, rel: 1e-12))
        let gMX = PriorPenalty.gaussian(try GaussianPrior(name: "g-mx", center: 16.9, sigma: 0.2))
        #expect(penalty["g-mx"] == gMX)
        #expect(model.priors.map(\.oneSided) == [false, true, true, false, false])

        let limit = try #require(model.limits.first)
        #expect(limit.info.id == "Be17_MEG2" && limit.penalty.center == 0)
        #expect(isClose(limit.sigma, 1.8e-6 / Self.z90, rel: 1e-12))
        let nuisance = try #require(model.nuisances.first)
        let mE0 = try GaussianPrior(name: "M_E0", center: 1.10, sigma: 0.16)
        #expect(nuisance.penalty == mE0)
    }

    /// One-sided terms cost nothing at or below their centre and ((q − c)/σ)² above; Gaussian terms cost
    /// ((q − c)/σ)² on both sides, and the term list reports the same values.
    @Test func chi2IsThePenaltys() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        let model = try allKinds(tree).model
        let ul = try #require(model.priors.first { $0.info.id == "ul-epsn" })
        let ts = try #require(model.priors.first { $0.info.id == "ts-epsn" })
        for epsN in [-4e-3, 0, 1e-3, 7e-3] {
            let r = (epsN - 1e-3) / ul.sigma
            #expect(ul.penalty.chi2(epsN).bitPattern == (epsN > 1e-3 ? r * r : 0).bitPattern, "\(epsN)")
            let g = (epsN - 1e-3) / ts.sigma
            #expect(ts.penalty.chi2(epsN).bitPattern == (g * g).bitPattern, "\(epsN)")
        }
        let below = try model.terms(at: [16.85, 0, 1e-3, 1, 1.1]).first { $0.id == "ul-epsn" }
        #expect(below?.kind == "prior_upper_limit" && below?.pull == 0)
        let above = try model.terms(at: [16.85, 7e-3, 1e-3, 1, 1.1]).first { $0.id == "ul-epsn" }
        #expect(isClose(above?.pull ?? .nan, 6e-3 / ul.sigma, rel: 1e-12))
    }

    @Test func limitBoundNotAboveItsCentreNamesTheRow() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        let bad = "bad-ul,eps_n,upper_limit,0.01,,0.005,0.90,optional,test,D,bound below centre"
        try tree.write(Self.priors, try tree.read(Self.priors) + bad + "\n")
        let line = try tree.line(Self.priors, containing: "bad-ul")
        try tree.replace(Self.spec, "priors = [\"pi0-na48-2\"]", "priors = [\"bad-ul\"]")
        expectInputError(file: Self.priors, line: line, field: "bound", contains: "above the centre 0.01") {
            _ = try prepare(tree, "dg2023-vector-none")
        }
    }

    /// Toys redraw each centre around the quantity at truth; the form (one-sided or not) and σ stay.
    @Test func pseudoDataKeepEachForm() throws {
        let tree = try FixtureTree(); defer { tree.remove() }
        let model = try allKinds(tree).model
        var stream = ToyRandomStream(seed: 11, stream: 0)
        let toy = try model.pseudoData(at: [16.85, 5e-3, 1e-3, 1, 1.1], stream: &stream)
        #expect(toy.priors.map(\.oneSided) == model.priors.map(\.oneSided))
        #expect(toy.priors.map(\.sigma.bitPattern) == model.priors.map(\.sigma.bitPattern))
        #expect(zip(toy.priors, model.priors).allSatisfy { $0.center != $1.center && $0.center.isFinite })
        #expect(toy.nuisances.map(\.sigma) == [0.16] && toy.nuisances[0].center != 1.10)
        let back = try model.observing(toy)
        #expect(back.priors.map(\.penalty) == toy.priors.map(\.penalty))
        #expect(back.nuisances.map(\.penalty) == toy.nuisances.map(\.penalty))
    }
}
