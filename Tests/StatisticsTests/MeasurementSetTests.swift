import LinearAlgebra
import Testing
import _TestSupport
@testable import Statistics

@Suite struct MeasurementSetTests {
    /// A and B share systematic group "g"; C is independent.
    /// V = [[0.05, 0.02, 0], [0.02, 0.10, 0], [0, 0, 0.25]].
    static let correlated = [
        Measurement(id: "A", value: 1.0, stat: 0.1, syst: 0.2, systGroup: "g"),
        Measurement(id: "B", value: 2.0, stat: 0.3, syst: 0.1, systGroup: "g"),
        Measurement(id: "C", value: 3.0, stat: 0.5),
    ]

    @Test func covarianceFromStatAndGroupedSyst() throws {
        let set = try MeasurementSet(Self.correlated)
        let expected: [[Double]] = [[0.05, 0.02, 0], [0.02, 0.10, 0], [0, 0, 0.25]]
        for i in 0..<3 { for j in 0..<3 {
            // Sums of products of short decimals: a few ulp.
            #expect(isClose(set.covariance[i, j], expected[i][j], rel: 1e-15, abs: 1e-18))
        } }
        #expect(set.count == 3)
    }

    @Test func chi2EqualsHandComputedQuadraticForm() throws {
        let set = try MeasurementSet(Self.correlated)
        // r = pred − obs = (0.1, −0.2, 0.5). By hand: the A–B block has det 0.0046 and inverse
        // [[0.10, −0.02], [−0.02, 0.05]]/0.0046, so rᵀV⁻¹r = 0.0038/0.0046 + 0.25/0.25 = 42/23.
        let chi2 = try set.chi2(predicted: [1.1, 1.8, 3.5])
        #expect(isClose(chi2, 42.0 / 23.0, rel: 1e-13))
    }

    @Test func whitenedAgreesWithExplicitInverse() throws {
        var rng = SplitMix64(seed: 20_250_117)
        let n = 20
        var a = Matrix(rows: n, columns: n)
        for k in a.storage.indices { a.storage[k] = rng.uniform() - 0.5 }
        let v = (a.transposed * a + Double(n) * .identity(n)).symmetrized
        let ids = (0..<n).map { "m\($0)" }
        let values = (0..<n).map { _ in rng.uniform() }
        let set = try MeasurementSet(ids: ids, values: values, covariance: v)
        let predicted = values.map { $0 + rng.uniform() - 0.5 }
        let r = zip(predicted, values).map { $0 - $1 }
        let explicit = try v.symmetricInverse(name: "V").bilinear(r, r)
        // κ(V) ≤ (n/4 + n)/n ≈ 1.3 here, so both paths are good to a few ulp × n.
        #expect(isClose(try set.chi2(predicted: predicted), explicit, rel: 1e-12))
        let z = try set.pulls(predicted: predicted).map(\.whitened)
        #expect(isClose(z.reduce(0) { $0 + $1 * $1 }, explicit, rel: 1e-12))
    }

    @Test func pullsUseTheResultSignConvention() throws {
        let set = try MeasurementSet(Self.correlated)
        let pulls = try set.pulls(predicted: [1.1, 1.8, 3.5])
        #expect(pulls.map(\.id) == ["A", "B", "C"])
        // C is uncorrelated: pull = (3.5 − 3.0)/0.5 = 1, and its whitened residual equals its pull.
        #expect(isClose(pulls[2].pull, 1, rel: 1e-15))
        #expect(isClose(pulls[2].whitened, 1, rel: 1e-15))
        // A: (1.1 − 1.0)/√0.05.
        #expect(isClose(pulls[0].pull, 0.1 / 0.05.squareRoot(), rel: 1e-13))
        #expect(try set.residuals(predicted: [1.1, 1.8, 3.5])[1] < 0)
    }

    @Test func correlatedBlockAddsToCovariance() throws {
        let ms = [Measurement(id: "r1", value: 16.7, stat: 0.1), Measurement(id: "r2", value: 16.9, stat: 0.2),
                  Measurement(id: "r3", value: 17.0, stat: 0.3)]
        let block = CorrelatedBlock(name: "setup", ids: ["r3", "r1"], sigmas: [0.2, 0.2], correlation: 0.5)
        let set = try MeasurementSet(ms, correlatedBlocks: [block])
        #expect(isClose(set.covariance[0, 0], 0.01 + 0.04, rel: 1e-15))
        #expect(isClose(set.covariance[2, 2], 0.09 + 0.04, rel: 1e-15))
        #expect(isClose(set.covariance[0, 2], 0.5 * 0.04, rel: 1e-15))
        #expect(set.covariance[0, 1] == 0 && isClose(set.covariance[1, 1], 0.04, rel: 1e-15))
    }

    @Test func relativeTheoryCovarianceMatchesExplicitInverse() throws {
        let set = try MeasurementSet(Self.correlated)
        let f = [0.29, 0, 0.1]
        let pred = [1.4, 1.7, 2.6]
        var v = set.covariance
        for i in 0..<3 { v[i, i] += (f[i] * pred[i]) * (f[i] * pred[i]) }
        let r = zip(pred, set.values).map { $0 - $1 }
        let explicit = try v.symmetricInverse(name: "V(θ)").bilinear(r, r)
        let theory = try RelativeTheoryCovariance(data: set, relative: f)
        // 3×3 with κ < 10: both solves are good to ~1e-15; 1e-12 as for the fixed covariance.
        #expect(isClose(try theory.chi2(predicted: pred), explicit, rel: 1e-12))
        #expect(isClose(try set.chi2(predicted: pred, theoryRelative: f), explicit, rel: 1e-12))
        // The extra variance lowers χ²; with f = 0 it reduces to the data-only χ².
        #expect(try theory.chi2(predicted: pred) < set.chi2(predicted: pred))
        #expect(try set.chi2(predicted: pred, theoryRelative: [0, 0, 0]) == set.chi2(predicted: pred))
    }

    // MARK: - Bad input, one test each

    @Test func nonSquareCovariance() throws {
        let e = #expect(throws: StatisticsError.self) {
            try MeasurementSet(ids: ["a", "b"], values: [1, 2], covariance: Matrix(rows: 2, columns: 3))
        }
        #expect(e?.description.contains("not square") == true)
    }

    @Test func nonSymmetricCovariance() throws {
        let v = try Matrix([[1, 0.5], [0.4, 1]])
        let e = #expect(throws: StatisticsError.self) {
            try MeasurementSet(ids: ["a", "b"], values: [1, 2], covariance: v, name: "runs")
        }
        #expect(e?.description.contains("not symmetric") == true)
        #expect(e?.description.contains("runs") == true)
    }

    @Test func nonFiniteCovarianceElement() throws {
        let v = try Matrix([[1, .nan], [.nan, 1]])
        let e = #expect(throws: StatisticsError.self) {
            try MeasurementSet(ids: ["a", "b"], values: [1, 2], covariance: v)
        }
        #expect(e?.description.contains("(b, a)") == true || e?.description.contains("(a, b)") == true)
    }

    @Test func notPositiveDefiniteCovarianceNamesTheMeasurement() throws {
        // Leading minors 1, −3: the second one (measurement "b") fails.
        let v = try Matrix([[1, 2], [2, 1]])
        let e = #expect(throws: StatisticsError.self) {
            try MeasurementSet(ids: ["a", "b"], values: [1, 2], covariance: v)
        }
        #expect(e?.description.contains("'b'") == true)
    }

    @Test func negativeStatUncertainty() throws {
        let e = #expect(throws: StatisticsError.self) {
            try MeasurementSet([Measurement(id: "Be18", value: 1, stat: -0.1)])
        }
        #expect(e == .invalidMeasurement(id: "Be18", field: "stat", value: -0.1,
                                        reason: "must be a finite, non-negative uncertainty"))
    }

    @Test func negativeSystUncertainty() throws {
        let e = #expect(throws: StatisticsError.self) {
            try MeasurementSet([Measurement(id: "He21", value: 1, stat: 0.1, syst: -1)])
        }
        #expect(e?.description.contains("'He21': syst") == true)
    }

    @Test func zeroUncertainty() throws {
        let e = #expect(throws: StatisticsError.self) {
            try MeasurementSet([Measurement(id: "C12", value: 1, stat: 0, syst: 0)])
        }
        #expect(e?.description.contains("'C12'") == true)
    }

    @Test func zeroVarianceInExplicitCovariance() throws {
        let e = #expect(throws: StatisticsError.self) {
            try MeasurementSet(ids: ["a", "b"], values: [1, 2], covariance: .diagonal([1, 0]))
        }
        #expect(e?.description.contains("'b': variance") == true)
    }

    @Test func nanValue() throws {
        let e = #expect(throws: StatisticsError.self) {
            try MeasurementSet([Measurement(id: "x", value: .nan, stat: 1)])
        }
        #expect(e?.description.contains("'x': value") == true)
    }

    @Test func infiniteValueInExplicitSet() throws {
        let e = #expect(throws: StatisticsError.self) {
            try MeasurementSet(ids: ["a"], values: [.infinity], covariance: .identity(1))
        }
        #expect(e?.description.contains("'a': value") == true)
    }

    @Test func nanStatUncertainty() throws {
        let e = #expect(throws: StatisticsError.self) {
            try MeasurementSet([Measurement(id: "y", value: 1, stat: .nan)])
        }
        #expect(e?.description.contains("'y': stat") == true)
    }

    @Test func duplicateIds() throws {
        #expect(throws: StatisticsError.duplicateMeasurement(id: "a")) {
            try MeasurementSet([Measurement(id: "a", value: 1, stat: 1), Measurement(id: "a", value: 2, stat: 1)])
        }
    }

    @Test func blockWithUnknownIdOrBadCorrelation() throws {
        let ms = [Measurement(id: "a", value: 1, stat: 1)]
        #expect(throws: StatisticsError.unknownMeasurement(id: "z", context: "correlated block 'k'")) {
            try MeasurementSet(ms, correlatedBlocks: [CorrelatedBlock(name: "k", ids: ["z"], sigmas: [1])])
        }
        let e = #expect(throws: StatisticsError.self) {
            try MeasurementSet(ms, correlatedBlocks: [CorrelatedBlock(name: "k", ids: ["a"], sigmas: [1], correlation: 1.5)])
        }
        #expect(e?.description.contains("correlation") == true)
    }

    @Test func predictionOfWrongLengthOrNonFinite() throws {
        let set = try MeasurementSet(Self.correlated, name: "angles")
        #expect(throws: StatisticsError.countMismatch(quantity: "prediction for angles", expected: 3, got: 2)) {
            try set.chi2(predicted: [1, 2])
        }
        let e = #expect(throws: StatisticsError.self) { try set.chi2(predicted: [1, .nan, 3]) }
        #expect(e?.description.contains("'B'") == true)
        #expect(throws: StatisticsError.self) {
            try RelativeTheoryCovariance(data: set, relative: [0.1, -0.1, 0])
        }
    }

    /// Pseudo-data reuse the factor: the χ² equals that of a set built from scratch with the new values, bit for bit.
    @Test func replacingValuesKeepsTheFactorAndChecksTheValues() throws {
        var rng = SplitMix64(seed: 7)
        let n = 6
        var a = Matrix(rows: n, columns: n)
        for k in a.storage.indices { a.storage[k] = rng.uniform() - 0.5 }
        let v = (a.transposed * a + Double(n) * .identity(n)).symmetrized
        let ids = (0..<n).map { "m\($0)" }
        let set = try MeasurementSet(ids: ids, values: (0..<n).map { _ in rng.uniform() }, covariance: v, name: "runs")
        let newValues = (0..<n).map { _ in rng.uniform() }
        let replaced = try set.replacingValues(newValues)
        let fresh = try MeasurementSet(ids: ids, values: newValues, covariance: v, name: "runs")
        let predicted = (0..<n).map { _ in rng.uniform() }
        #expect(try replaced.chi2(predicted: predicted).bitPattern == fresh.chi2(predicted: predicted).bitPattern)
        #expect(replaced.values == newValues && replaced.ids == ids && replaced.name == "runs")
        #expect(throws: StatisticsError.self) { try set.replacingValues(Array(newValues.dropLast())) }
        #expect(throws: StatisticsError.self) { try set.replacingValues([.nan] + newValues.dropFirst()) }
    }
}
