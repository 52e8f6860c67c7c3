import Probability
import LinearAlgebra
import Minimizer
import Statistics
import Testing
@testable import Toys

/// A straight line y = a + b·x through 8 points with correlated errors: toy χ²_min ~ χ²(6).
func lineModel() throws -> LinearGaussianModel {
    let x = (0..<8).map(Double.init)
    var v = Matrix(rows: 8, columns: 8)
    for i in 0..<8 {
        for j in 0..<8 { v[i, j] = (i == j ? 1.0 : 0.3) * 0.25 }
    }
    return try LinearGaussianModel(
        parameters: [Parameter("a", value: 0.5, step: 0.1), Parameter("b", value: 0.5, step: 0.1)],
        design: x.map { [1, $0] }, observed: x.map { 1 + 2 * $0 + ($0.truncatingRemainder(dividingBy: 2) - 0.5) * 0.4 },
        covariance: v)
}

/// A single Gaussian measurement x ~ N(μ, 1).
func meanModel(observed: Double, lower: Double? = nil) throws -> LinearGaussianModel {
    try LinearGaussianModel(parameters: [Parameter("mu", value: 0.7, step: 0.1, lower: lower)],
                            design: [[1]], observed: [observed], covariance: Matrix([[1]]))
}

@Suite struct ToyStudyTests {
    @Test func linearModelGivesChi2WithTheRightDof() async throws {
        let model = try lineModel()
        let study = ToyStudy(model: model, truth: [1, 2], options: ToyOptions(seed: 20_240_417, threads: 2))
        let records = await study.run(0..<2000)
        #expect(records.allSatisfy { $0.status == .ok })
        let summary = ToySummary(records: records, observedChi2: 4, ndof: 6, names: study.freeNames, truth: [1, 2])
        let ks = try #require(summary.kolmogorovSmirnov)
        #expect(ks.pValue > 0.01)
        #expect(abs(try #require(summary.chi2Mean) - 6) < 4 * (12.0 / 2000).squareRoot())
        // The same sample is far from χ²(4): the test can fail.
        let wrong = KolmogorovSmirnov(sample: records.compactMap(\.chi2)) { (try? chi2CDF($0, dof: 4)) ?? 0 }
        #expect(wrong.pValue < 1e-6)
        // HESSE is exact for a linear model: 68.27 % and 95 % coverage within 3σ.
        for c in summary.coverage {
            let h68 = try #require(c.hesse68.fraction), h95 = try #require(c.hesse95.fraction)
            #expect(abs(h68 - 0.6827) < 3 * (0.6827 * 0.3173 / 2000).squareRoot())
            #expect(abs(h95 - 0.95) < 3 * (0.95 * 0.05 / 2000).squareRoot())
        }
    }

    /// The chunks cover the range once, in order, between 64 and 4096 toys each (a shorter last one), and get
    /// smaller towards the end.
    @Test(arguments: [(0, 1), (1, 2), (63, 2), (240, 2), (1000, 1), (100_000, 2), (100_000, 16), (1_000_003, 4)])
    func chunksCoverTheRange(count: Int, threads: Int) {
        let range = 7..<(7 + count)
        let chunks = toyChunks(range, threads: threads)
        #expect(chunks.first?.lowerBound ?? range.lowerBound == range.lowerBound)
        #expect(zip(chunks, chunks.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        #expect((chunks.last?.upperBound ?? range.upperBound) == range.upperBound)
        #expect(chunks.dropLast().allSatisfy { (64...4096).contains($0.count) })
        #expect(zip(chunks, chunks.dropFirst()).allSatisfy { $0.count >= $1.count })
        if count == 100_000 && threads == 2 { #expect(chunks.count < 60, "\(chunks.count) chunks") }
    }

    /// The plain path (RepeatedFit, no MINOS) and the MINOS path (Minuit) fit each toy the same: χ², values,
    /// errors and status bit for bit, MIGRAD + HESSE calls equal (MINOS adds its own).
    @Test func plainAndMinosPathsAgree() async throws {
        let model = try lineModel()
        let plain = await ToyStudy(model: model, truth: [1, 2], options: ToyOptions(seed: 3, threads: 2)).run(0..<200)
        let minos = await ToyStudy(model: model, truth: [1, 2], options: ToyOptions(seed: 3, minos: true, threads: 1))
            .run(0..<200)
        for (p, m) in zip(plain, minos) {
            #expect(p.status == m.status && p.chi2?.bitPattern == m.chi2?.bitPattern)
            #expect(p.values?.map(\.bitPattern) == m.values?.map(\.bitPattern))
            #expect(p.errors?.map(\.bitPattern) == m.errors?.map(\.bitPattern))
            #expect(p.nfcn < m.nfcn && p.minos68 == nil && m.minos68 != nil)
        }
    }

    @Test func minosCoverageOfAGaussianMean() async throws {
        let model = try meanModel(observed: 0.3)
        let study = ToyStudy(model: model, truth: [1.5], options: ToyOptions(seed: 99, minos: true, threads: 2))
        let n = 4000
        let records = await study.run(0..<n)
        let summary = ToySummary(records: records, observedChi2: 0, ndof: 0, names: ["mu"], truth: [1.5])
        let c = try #require(summary.coverage.first)
        let m68 = try #require(c.minos68), m95 = try #require(c.minos95)
        #expect(m68.total == n && m95.total == n)
        #expect(abs(try #require(m68.fraction) - 0.6827) < 3 * (0.6827 * 0.3173 / Double(n)).squareRoot())
        #expect(abs(try #require(m95.fraction) - 0.95) < 3 * (0.95 * 0.05 / Double(n)).squareRoot())
    }

    @Test func identicalForAnyThreadCountAndSplit() async throws {
        let model = try lineModel()
        let options = { (t: Int) in ToyOptions(seed: 5, minos: true, threads: t) }
        let one = await ToyStudy(model: model, truth: [1, 2], options: options(1)).run(0..<300)
        let two = await ToyStudy(model: model, truth: [1, 2], options: options(2)).run(0..<300)
        let study = ToyStudy(model: model, truth: [1, 2], options: options(3))
        var split: [ToyRecord] = []
        for r in [0..<77, 77..<150, 150..<300] { split += await study.run(r) }
        #expect(one == two)
        #expect(one == split)
        let bits = { (rs: [ToyRecord]) in rs.map { $0.chi2!.bitPattern } }
        #expect(bits(one) == bits(split))
        #expect(Set(bits(one)).count == 300)
    }

    @Test func aFailedToyIsRecordedNotFatal() async throws {
        struct Broken: ToyModel {
            let parameters = [Parameter("x", value: 0, step: 1)]
            func pseudoExperiment(truth: [Double], stream: inout ToyRandomStream) throws -> CostFunction {
                let z = stream.normal()
                return CostFunction(errordef: 1) { x in z > 0 ? .nan : (x[0] - z) * (x[0] - z) }
            }
        }
        let records = await ToyStudy(model: Broken(), truth: [0], options: ToyOptions(seed: 1)).run(0..<50)
        let failed = records.filter { $0.status == .failed }
        #expect(!failed.isEmpty && failed.count < 50)
        #expect(failed.allSatisfy { $0.chi2 == nil })
        let summary = ToySummary(records: records, observedChi2: 0.5, ndof: 1, names: ["x"], truth: [0])
        #expect(summary.failed == failed.count && summary.converged == 50 - failed.count)
    }
}
