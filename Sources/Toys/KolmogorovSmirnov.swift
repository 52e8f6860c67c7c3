import Foundation

/// The one-sample Kolmogorov–Smirnov test of `sample` against the continuous CDF `cdf`.
public struct KolmogorovSmirnov: Codable, Sendable, Equatable {
    /// sup |F_n(x) − F(x)|.
    public var distance: Double
    /// The asymptotic p-value with Stephens' small-sample correction.
    public var pValue: Double
    public var sampleSize: Int

    public init(sample: [Double], cdf: (Double) -> Double) {
        let x = sample.sorted()
        let n = Double(x.count)
        var d = 0.0
        for (i, v) in x.enumerated() {
            let f = cdf(v)
            d = max(d, f - Double(i) / n, Double(i + 1) / n - f)
        }
        distance = d
        sampleSize = x.count
        let t = (n.squareRoot() + 0.12 + 0.11 / n.squareRoot()) * d
        pValue = x.isEmpty ? 1 : KolmogorovSmirnov.survival(t)
    }

    /// Q_KS(t) = 2 Σ (−1)^{k−1} e^{−2k²t²}.
    static func survival(_ t: Double) -> Double {
        guard t > 0.2 else { return 1 }
        var sum = 0.0
        for k in 1...100 {
            let term = exp(-2 * Double(k * k) * t * t)
            sum += (k % 2 == 1 ? 2 : -2) * term
            if term < 1e-16 { break }
        }
        return min(max(sum, 0), 1)
    }
}
