import LinearAlgebra

/// The pull of one measurement against a prediction.
///
/// Sign convention (as in the result JSON): residual = predicted − observed, pull = residual / σ.
public struct Pull: Sendable, Equatable {
    public let id: String
    public let observed: Double
    public let predicted: Double
    public let residual: Double
    /// √V_ii.
    public let sigma: Double
    /// residual / σ.
    public let pull: Double
    /// Component i of L⁻¹r (V = LLᵀ): the decorrelated pulls, whose squares sum to χ².
    public let whitened: Double
}

/// Measurements with their full covariance matrix V, factorised once (Cholesky) at construction.
///
/// χ² = rᵀV⁻¹r is evaluated as ‖L⁻¹r‖² with r = predicted − observed. For a covariance that
/// depends on the prediction, see ``RelativeTheoryCovariance``.
public struct MeasurementSet: Sendable {
    /// A label used in error messages ("⁸Be angles").
    public let name: String
    public let ids: [String]
    public private(set) var values: [Double]
    public let covariance: Matrix
    public let factor: Cholesky

    /// Builds V from per-point stat and syst (correlated within a `systGroup`) plus `blocks`.
    public init(_ measurements: [Measurement], correlatedBlocks blocks: [CorrelatedBlock] = [],
                name: String = "measurements") throws {
        guard !measurements.isEmpty else {
            throw StatisticsError.invalidCovariance(name: name, detail: "no measurements")
        }
        var index: [String: Int] = [:]
        for (i, m) in measurements.enumerated() {
            try m.validate()
            if index.updateValue(i, forKey: m.id) != nil { throw StatisticsError.duplicateMeasurement(id: m.id) }
        }
        let n = measurements.count
        var v = Matrix(rows: n, columns: n)
        for i in 0..<n {
            let mi = measurements[i]
            v[i, i] = mi.stat * mi.stat + mi.syst * mi.syst
            guard let g = mi.systGroup else { continue }
            for j in 0..<i where measurements[j].systGroup == g {
                let c = mi.syst * measurements[j].syst
                v[i, j] += c
                v[j, i] += c
            }
        }
        for block in blocks {
            try Self.add(block, to: &v, index: index)
        }
        try self.init(name: name, ids: measurements.map(\.id), values: measurements.map(\.value),
                      validatedCovariance: v)
    }

    /// Builds the set from values and an explicit covariance matrix (validated and factorised).
    public init(ids: [String], values: [Double], covariance: Matrix, name: String = "measurements") throws {
        guard ids.count == values.count else {
            throw StatisticsError.countMismatch(quantity: "values of \(name)", expected: ids.count, got: values.count)
        }
        guard covariance.rows == ids.count || !covariance.isSquare else {
            throw StatisticsError.countMismatch(quantity: "covariance rows of \(name)", expected: ids.count,
                                                got: covariance.rows)
        }
        var seen = Set<String>()
        for (id, x) in zip(ids, values) {
            guard seen.insert(id).inserted else { throw StatisticsError.duplicateMeasurement(id: id) }
            guard x.isFinite else {
                throw StatisticsError.invalidMeasurement(id: id, field: "value", value: x, reason: "is not finite")
            }
        }
        guard !ids.isEmpty else { throw StatisticsError.invalidCovariance(name: name, detail: "no measurements") }
        try self.init(name: name, ids: ids, values: values, validatedCovariance: covariance)
    }

    /// The same measurements with other observed values (e.g. pseudo-data): the covariance and its Cholesky factor
    /// are kept, not recomputed. Throws when the count differs or a value is not finite.
    public func replacingValues(_ newValues: [Double]) throws -> MeasurementSet {
        var copy = self
        try copy.replaceValues(newValues)
        return copy
    }

    /// ``replacingValues(_:)`` in place (nothing changes when it throws).
    public mutating func replaceValues(_ newValues: [Double]) throws {
        guard newValues.count == values.count else {
            throw StatisticsError.countMismatch(quantity: "values of \(name)", expected: values.count, got: newValues.count)
        }
        if let i = newValues.firstIndex(where: { !$0.isFinite }) {
            throw StatisticsError.invalidMeasurement(id: ids[i], field: "value", value: newValues[i], reason: "is not finite")
        }
        for i in newValues.indices { values[i] = newValues[i] }
    }

    private init(name: String, ids: [String], values: [Double], validatedCovariance v: Matrix) throws {
        self.name = name
        self.ids = ids
        self.values = values
        try Self.checkDiagonal(v, ids: ids, name: name)
        covariance = v
        factor = try Self.factorise(v, ids: ids, name: name)
    }

    private static func add(_ block: CorrelatedBlock, to v: inout Matrix, index: [String: Int]) throws {
        let context = "correlated block '\(block.name)'"
        guard block.ids.count == block.sigmas.count else {
            throw StatisticsError.countMismatch(quantity: "sigmas of \(context)", expected: block.ids.count,
                                                got: block.sigmas.count)
        }
        guard block.correlation.isFinite, abs(block.correlation) <= 1 else {
            throw StatisticsError.invalidArgument(function: context, argument: "correlation",
                                                  value: block.correlation, reason: "must lie in [−1, 1]")
        }
        var rows: [Int] = []
        for (id, s) in zip(block.ids, block.sigmas) {
            guard let k = index[id] else { throw StatisticsError.unknownMeasurement(id: id, context: context) }
            guard !rows.contains(k) else { throw StatisticsError.duplicateMeasurement(id: id) }
            guard s.isFinite, s >= 0 else {
                throw StatisticsError.invalidMeasurement(id: id, field: "sigma in \(context)", value: s,
                                                         reason: "must be a finite, non-negative uncertainty")
            }
            rows.append(k)
        }
        for (a, i) in rows.enumerated() {
            for (b, j) in rows.enumerated() {
                let rho = a == b ? 1 : block.correlation
                v[i, j] += rho * block.sigmas[a] * block.sigmas[b]
            }
        }
    }

    private static func checkDiagonal(_ v: Matrix, ids: [String], name: String) throws {
        do {
            try v.validateSymmetric(name: "covariance of \(name)", tolerance: 1e-10)
        } catch let LinearAlgebraError.notSquare(_, r, c) {
            throw StatisticsError.invalidCovariance(name: name, detail: "not square (\(r)×\(c))")
        } catch let LinearAlgebraError.nonFinite(_, r, c) {
            throw StatisticsError.invalidCovariance(
                name: name, detail: "element (\(ids[r]), \(ids[c])) is \(v[r, c]), not finite")
        } catch let LinearAlgebraError.notSymmetric(_, r, c, d) {
            throw StatisticsError.invalidCovariance(
                name: name, detail: "not symmetric: (\(ids[r]), \(ids[c])) = \(v[r, c]) but (\(ids[c]), \(ids[r])) = \(v[c, r]) (relative difference \(d))")
        }
        for (i, id) in ids.enumerated() where !(v[i, i] > 0) {
            throw StatisticsError.invalidMeasurement(id: id, field: "variance", value: v[i, i],
                                                     reason: "must be > 0 (diagonal of the covariance)")
        }
    }

    private static func factorise(_ v: Matrix, ids: [String], name: String) throws -> Cholesky {
        do {
            return try Cholesky(v, name: "covariance of \(name)")
        } catch let LinearAlgebraError.notPositiveDefinite(_, k) {
            throw StatisticsError.invalidCovariance(
                name: name,
                detail: "not positive definite: leading minor \(k) (through measurement '\(ids[k - 1])') is not positive")
        }
    }

    public var count: Int { ids.count }

    /// √V_ii for every measurement.
    public var sigmas: [Double] { covariance.diagonalElements.map { $0.squareRoot() } }

    /// Throws unless `predicted` has one finite entry per measurement.
    public func validatePrediction(_ predicted: [Double]) throws {
        guard predicted.count == count else {
            throw StatisticsError.countMismatch(quantity: "prediction for \(name)", expected: count,
                                                got: predicted.count)
        }
        if let k = predicted.firstIndex(where: { !$0.isFinite }) {
            throw StatisticsError.nonFinite(quantity: "prediction for '\(ids[k])' in \(name)", index: k,
                                            value: predicted[k])
        }
    }

    /// r = predicted − observed.
    public func residuals(predicted: [Double]) throws -> [Double] {
        try validatePrediction(predicted)
        return zip(predicted, values).map { $0 - $1 }
    }

    /// χ² = rᵀV⁻¹r through the whitened residuals L⁻¹r (no inverse is formed).
    public func chi2(predicted: [Double]) throws -> Double {
        factor.quadraticForm(try residuals(predicted: predicted))
    }

    /// Per-measurement pulls r_i/σ_i and whitened residuals (L⁻¹r)_i.
    public func pulls(predicted: [Double]) throws -> [Pull] {
        let r = try residuals(predicted: predicted)
        let z = factor.whiten(r)
        let s = sigmas
        return (0..<count).map { i in
            Pull(id: ids[i], observed: values[i], predicted: predicted[i], residual: r[i], sigma: s[i],
                 pull: r[i] / s[i], whitened: z[i])
        }
    }

    /// χ² with a relative theory uncertainty on the prediction (see ``RelativeTheoryCovariance``).
    public func chi2(predicted: [Double], theoryRelative: [Double]) throws -> Double {
        try RelativeTheoryCovariance(data: self, relative: theoryRelative).chi2(predicted: predicted)
    }
}
