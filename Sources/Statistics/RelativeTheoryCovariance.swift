import LinearAlgebra

/// A covariance that depends on the prediction: V(θ) = V_data + diag((f_i · pred_i)²), for a
/// relative theory uncertainty f_i on each predicted value (as for the ⁴He E0 normalisation).
///
/// Because V changes with the parameters, it is rebuilt and re-factorised on every call: this is
/// the one deliberate exception to "factor once per fit". The result is a χ² (no ln det V term),
/// the convention of the published fits; ``logDeterminant(predicted:)`` is there for a
/// Gaussian −2 ln L.
public struct RelativeTheoryCovariance: Sendable {
    public let data: MeasurementSet
    /// f_i ≥ 0 per measurement (0: no theory uncertainty on that row).
    public let relative: [Double]

    public init(data: MeasurementSet, relative: [Double]) throws {
        guard relative.count == data.count else {
            throw StatisticsError.countMismatch(quantity: "relative theory uncertainties for \(data.name)",
                                                expected: data.count, got: relative.count)
        }
        for (k, f) in relative.enumerated() where !(f.isFinite && f >= 0) {
            throw StatisticsError.invalidMeasurement(id: data.ids[k], field: "relative theory uncertainty",
                                                     value: f, reason: "must be finite and ≥ 0")
        }
        self.data = data
        self.relative = relative
    }

    /// V_data + diag((f_i · pred_i)²).
    public func covariance(predicted: [Double]) throws -> Matrix {
        try data.validatePrediction(predicted)
        var v = data.covariance
        for i in 0..<data.count {
            let s = relative[i] * predicted[i]
            v[i, i] += s * s
        }
        return v
    }

    /// The Cholesky factor of V(pred); adding a non-negative diagonal keeps V positive definite.
    public func factor(predicted: [Double]) throws -> Cholesky {
        try Cholesky(try covariance(predicted: predicted), name: "covariance of \(data.name) with theory uncertainty")
    }

    /// χ² = rᵀV(pred)⁻¹r with r = predicted − observed, re-factorising V(pred).
    public func chi2(predicted: [Double]) throws -> Double {
        let l = try factor(predicted: predicted)
        return l.quadraticForm(try data.residuals(predicted: predicted))
    }

    /// ln det V(pred).
    public func logDeterminant(predicted: [Double]) throws -> Double {
        try factor(predicted: predicted).logDeterminant
    }
}
