import Foundation
import Testing
import Toys
import _TestSupport
@testable import X17Analysis

/// Toys treat a Gaussian external constraint as an auxiliary measurement: its centre is redrawn around the
/// constrained quantity at truth with its σ; one-sided limits and windows are kept as published. A comparison of
/// two fits gives each the other's constraints it lacks, so both see every toy's redrawn centres.
@Suite struct ConstraintToysTests {
    static func setup(_ name: String) throws -> FitSetup {
        let spec = try FitSpec.load(path: ConstraintTests.repository.appendingPathComponent("fits/\(name).toml").path,
                                    display: "fits/\(name).toml")
        return try FitSetup.prepare(spec: spec, datasets: ConstraintTests.loader)
    }

    @Test func gaussianCentresAreRedrawnAroundTruth() throws {
        let setup = try Self.setup("vector-be-constrained")
        let model = setup.model
        let truth = try FitRunner.run(setup).minimum.values
        let at = model.constraintPoint(truth, br: try model.point(truth).br)
        #expect(Set(model.constraints.filter(\.isRedrawn).map(\.info.id)) == ["pi0-na48-2", "sindrum-i", "g2e-rb2020"])
        // n pseudo-experiments: each redrawn centre's pull (c − q(truth))/σ is N(0, 1); 5σ bounds on the
        // mean (1/√n) and on the variance (√(2/n)) make a false failure ~1e-6 per check.
        let n = 2000
        var sums = [Double](repeating: 0, count: model.constraints.count), squares = sums
        for k in 0..<n {
            var stream = ToyRandomStream(seed: 5, stream: UInt64(k))
            let toy = try model.pseudoData(at: truth, stream: &stream)
            for (j, (c, original)) in zip(toy.constraints, model.constraints).enumerated() {
                #expect(c.sigma == original.sigma && c.kind == original.kind)
                if !original.isRedrawn {
                    #expect(c.center == original.center)
                    continue
                }
                let z = (c.center - (try original.quantity.value(at: at))) / c.sigma
                sums[j] += z
                squares[j] += z * z
            }
            if k == 0 {
                let back = try model.observing(toy)
                #expect(back.constraints.map(\.center) == toy.constraints.map(\.center))
            }
        }
        for (j, c) in model.constraints.enumerated() where c.isRedrawn {
            let mean = sums[j] / Double(n), variance = squares[j] / Double(n) - mean * mean
            #expect(abs(mean) < 5 / Double(n).squareRoot(), "\(c.info.id): mean pull \(mean)")
            #expect(abs(variance - 1) < 5 * (2 / Double(n)).squareRoot(), "\(c.info.id): pull variance \(variance)")
        }
    }

    @Test func comparisonModelsShareEveryConstraint() throws {
        let (vector, axial) = (try Self.setup("vector-be-constrained"), try Self.setup("axial-be-constrained"))
        let minima = (try FitRunner.run(vector).minimum.values, try FitRunner.run(axial).minimum.values)
        let pair = try FitComparisonModel(a: vector, b: axial, minima: minima)
        #expect(Set(pair.modelA.constraints.map(\.info.id)) == Set(pair.modelB.constraints.map(\.info.id)))
        #expect(pair.modelB.constraints.map(\.info.id).suffix(2) == ["pi0-na48-2", "npb"])
        // The terms added to the axial fit vanish at its minimum: its χ² there is unchanged.
        #expect(pair.modelB.chi2(minima.1) == axial.model.chi2(minima.1))

        let unconstrained = try Self.setup("vector-be")
        let plainMinimum = try FitRunner.run(unconstrained).minimum.values
        do {
            _ = try FitComparisonModel(a: unconstrained, b: vector, minima: (plainMinimum, minima.0))
            Issue.record("vector-be against vector-be-constrained was accepted")
        } catch let error as InputError {
            #expect(error.description.contains("do not use the same external constraints")
                    && error.description.contains("row pi0-na48-2"), "\(error)")
        }
    }
}
