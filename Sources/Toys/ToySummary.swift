import Probability
import Foundation
import Statistics

/// What a toy study shows about the observed fit: the toy distribution of χ²_min beside χ²(ndof), the toy
/// p-value of the observed χ²_min beside Wilks', and the coverage of the intervals.
public struct ToySummary: Codable, Sendable, Equatable {
    public struct Quantile: Codable, Sendable, Equatable {
        public var probability: Double
        /// The toy quantile (order statistic ⌈p·n⌉).
        public var toy: Double
        /// The χ²(ndof) quantile.
        public var wilks: Double
    }

    public var toys: Int
    public var converged: Int
    public var retried: Int
    public var failed: Int
    public var observedChi2: Double
    public var ndof: Int
    /// Fraction of converged toys with χ²_min ≥ the observed one.
    public var toyPValue: BinomialFraction
    /// Nσ of the toy p-value (nil when it is 0 or 1).
    public var toyNSigma: Double?
    /// P(χ²(ndof) ≥ observed).
    public var wilksPValue: Double?
    public var wilksNSigma: Double?
    public var chi2Mean: Double?
    public var chi2Variance: Double?
    public var quantiles: [Quantile]
    /// The toy χ²_min against χ²(ndof).
    public var kolmogorovSmirnov: KolmogorovSmirnov?
    public var coverage: [ParameterCoverage]

    enum CodingKeys: String, CodingKey {
        case toys, converged, retried, failed, observedChi2 = "observed_chi2", ndof, toyPValue = "toy_pvalue"
        case toyNSigma = "toy_nsigma", wilksPValue = "wilks_pvalue", wilksNSigma = "wilks_nsigma"
        case chi2Mean = "chi2_mean", chi2Variance = "chi2_variance", quantiles
        case kolmogorovSmirnov = "kolmogorov_smirnov", coverage
    }

    /// Summarises `records` (every toy of the study, in index order) for the free parameters `names`
    /// generated at `truth` (their values).
    public init(records: [ToyRecord], observedChi2: Double, ndof: Int, names: [String], truth: [Double]) {
        toys = records.count
        failed = records.filter { $0.status == .failed }.count
        retried = records.filter { $0.status == .retried }.count
        converged = toys - failed
        self.observedChi2 = observedChi2
        self.ndof = ndof
        let chi2 = records.compactMap(\.chi2)
        toyPValue = BinomialFraction(count: chi2.filter { $0 >= observedChi2 }.count, total: chi2.count)
        toyNSigma = toyPValue.fraction.flatMap { p in p > 0 && p < 1 ? try? nSigma(pValue: p) : nil }
        wilksPValue = ndof > 0 ? try? pValue(chi2: observedChi2, ndof: ndof) : nil
        wilksNSigma = wilksPValue.flatMap { p in p > 0 && p < 1 ? try? nSigma(pValue: p) : nil }
        if !chi2.isEmpty {
            let n = Double(chi2.count)
            let mean = chi2.reduce(0, +) / n
            chi2Mean = mean
            chi2Variance = chi2.count > 1 ? chi2.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1) : nil
        }
        let sorted = chi2.sorted()
        quantiles = sorted.isEmpty || ndof <= 0 ? [] : [0.5, 0.6827, 0.9, 0.95, 0.99].compactMap { p in
            let k = min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))
            guard let w = try? chi2InverseSurvival(logTail: log1pValue(-p), dof: ndof) else { return nil }
            return Quantile(probability: p, toy: sorted[k], wilks: w)
        }
        let dof = ndof
        kolmogorovSmirnov = chi2.isEmpty || dof <= 0 ? nil
            : KolmogorovSmirnov(sample: chi2) { (try? chi2CDF($0, dof: dof)) ?? 0 }
        coverage = names.indices.map {
            ParameterCoverage.measure(records, parameter: $0, name: names[$0], truth: truth[$0])
        }
    }
}

private func log1pValue(_ x: Double) -> Double { (1 + x).isFinite ? Foundation.log1p(x) : -.infinity }
