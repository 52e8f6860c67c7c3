/// One measured value with its statistical and systematic uncertainty.
///
/// Rows of a ``MeasurementSet`` that share a non-nil `systGroup` have fully correlated
/// systematics (V_ij += syst_i·syst_j); otherwise the systematic is uncorrelated.
public struct Measurement: Sendable, Equatable {
    public var id: String
    public var value: Double
    public var stat: Double
    public var syst: Double
    public var systGroup: String?

    public init(id: String, value: Double, stat: Double, syst: Double = 0, systGroup: String? = nil) {
        self.id = id
        self.value = value
        self.stat = stat
        self.syst = syst
        self.systGroup = systGroup
    }

    /// √(stat² + syst²).
    public var totalUncertainty: Double { (stat * stat + syst * syst).squareRoot() }

    /// Throws unless the value is finite, stat and syst are finite and ≥ 0, and not both zero.
    public func validate() throws {
        guard value.isFinite else {
            throw StatisticsError.invalidMeasurement(id: id, field: "value", value: value, reason: "is not finite")
        }
        for (field, x) in [("stat", stat), ("syst", syst)] {
            guard x.isFinite, x >= 0 else {
                throw StatisticsError.invalidMeasurement(id: id, field: field, value: x,
                                                         reason: "must be a finite, non-negative uncertainty")
            }
        }
        guard stat > 0 || syst > 0 else {
            throw StatisticsError.invalidMeasurement(id: id, field: "stat", value: stat,
                                                     reason: "and syst are both zero: the uncertainty must be > 0")
        }
    }
}

/// An extra correlated uncertainty shared by several measurements (e.g. a common systematic of
/// the runs of one set-up): V_ii += σ_i², V_ij += ρ σ_i σ_j for i ≠ j.
public struct CorrelatedBlock: Sendable, Equatable {
    public var name: String
    public var ids: [String]
    public var sigmas: [Double]
    public var correlation: Double

    public init(name: String, ids: [String], sigmas: [Double], correlation: Double = 1) {
        self.name = name
        self.ids = ids
        self.sigmas = sigmas
        self.correlation = correlation
    }
}
