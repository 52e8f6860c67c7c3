#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Probability

/// Goodness of fit of a χ² with `ndof` degrees of freedom.
///
/// With ndof ≤ 0 the p-value, Nσ and χ²/ndof are `nil` (not NaN) and the description says so.
public struct GoodnessOfFit: Sendable, Equatable, CustomStringConvertible {
    public let chi2: Double
    public let ndof: Int
    /// P(χ²_ndof > χ²); `nil` when ndof ≤ 0.
    public let pValue: Double?
    /// Two-sided Nσ of the p-value, from ln p (finite even when p underflows); `nil` when ndof ≤ 0.
    public let nSigma: Double?
    /// χ²/ndof; `nil` when ndof ≤ 0.
    public let chi2PerNdof: Double?

    /// Throws when χ² is negative, NaN or infinite.
    public init(chi2: Double, ndof: Int) throws {
        guard chi2.isFinite, chi2 >= 0 else {
            throw StatisticsError.invalidArgument(function: "GoodnessOfFit", argument: "chi2", value: chi2,
                                                  reason: "must be finite and ≥ 0")
        }
        self.chi2 = chi2
        self.ndof = ndof
        if ndof > 0 {
            pValue = try Probability.pValue(chi2: chi2, ndof: ndof)
            nSigma = try Probability.nSigma(chi2: chi2, ndof: ndof)
            chi2PerNdof = chi2 / Double(ndof)
        } else {
            pValue = nil
            nSigma = nil
            chi2PerNdof = nil
        }
    }

    /// Convenience: ndof = number of data points − number of free parameters.
    public init(chi2: Double, dataPoints: Int, freeParameters: Int) throws {
        try self.init(chi2: chi2, ndof: dataPoints - freeParameters)
    }

    public var description: String {
        guard let p = pValue, let n = nSigma, let r = chi2PerNdof else {
            return "χ² = \(chi2) with ndof = \(ndof): no p-value (ndof ≤ 0)"
        }
        return "χ²/ndof = \(chi2)/\(ndof) = \(r), p = \(p), \(n)σ"
    }
}
