import Probability

/// A binomial fraction k/n with its standard error √(p(1−p)/n).
public struct BinomialFraction: Codable, Sendable, Equatable {
    public var count: Int
    public var total: Int
    /// k/n (nil when n = 0).
    public var fraction: Double?
    public var error: Double?

    public init(count: Int, total: Int) {
        self.count = count
        self.total = total
        guard total > 0 else { return }
        let p = Double(count) / Double(total)
        fraction = p
        error = (p * (1 - p) / Double(total)).squareRoot()
    }
}

/// How often the intervals of one parameter contain its generating value.
public struct ParameterCoverage: Codable, Sendable, Equatable {
    public var parameter: String
    public var generatingValue: Double
    /// value ± HESSE error (Δχ² = 1).
    public var hesse68: BinomialFraction
    /// value ± 1.96 HESSE errors.
    public var hesse95: BinomialFraction
    /// MINOS at Δχ² = 1 and 3.84 (nil without MINOS); toys whose MINOS interval is not valid are not counted.
    public var minos68: BinomialFraction?
    public var minos95: BinomialFraction?

    enum CodingKeys: String, CodingKey {
        case parameter, generatingValue = "generating_value", hesse68 = "hesse_68", hesse95 = "hesse_95"
        case minos68 = "minos_68", minos95 = "minos_95"
    }
}

extension ParameterCoverage {
    /// The 95 % two-sided Gaussian quantile Φ⁻¹(0.975) = 1.95996… (p is in range, so it cannot throw).
    static let z95 = (try? normalQuantile(0.975)) ?? 1.959963984540054

    /// Coverage of parameter `k` (index among the free parameters) over the converged toys.
    static func measure(_ records: [ToyRecord], parameter k: Int, name: String, truth: Double) -> ParameterCoverage {
        var h68 = 0, h95 = 0, n = 0
        var m68 = (0, 0), m95 = (0, 0)
        var hasMinos = false
        for r in records where r.status != .failed {
            guard let v = r.values?[k], let e = r.errors?[k] else { continue }
            n += 1
            if abs(v - truth) <= e { h68 += 1 }
            if abs(v - truth) <= z95 * e { h95 += 1 }
            if let intervals = r.minos68 {
                hasMinos = true
                if let i = intervals[k] { m68.1 += 1; if i.contains(truth) { m68.0 += 1 } }
            }
            if let intervals = r.minos95, let i = intervals[k] {
                m95.1 += 1
                if i.contains(truth) { m95.0 += 1 }
            }
        }
        return ParameterCoverage(
            parameter: name, generatingValue: truth, hesse68: BinomialFraction(count: h68, total: n),
            hesse95: BinomialFraction(count: h95, total: n),
            minos68: hasMinos ? BinomialFraction(count: m68.0, total: m68.1) : nil,
            minos95: hasMinos ? BinomialFraction(count: m95.0, total: m95.1) : nil)
    }
}
