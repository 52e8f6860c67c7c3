import LinearAlgebra

/// A MINOS interval: `lower` ≤ 0 and `upper` ≥ 0 relative to the minimum, with per-side status.
public struct MinosError: Sendable, Equatable {
    public var name: String
    public var lower: Double
    public var upper: Double
    public var lowerValid: Bool
    public var upperValid: Bool
    public var atLowerLimit: Bool
    public var atUpperLimit: Bool
    public var atLowerMaxFcn: Bool
    public var atUpperMaxFcn: Bool
    public var lowerNewMin: Bool
    public var upperNewMin: Bool
    /// Function calls used by this MINOS run.
    public var nfcn: Int
    /// The ΔF used: errordef × quantile of the requested confidence level.
    public var delta: Double

    public var isValid: Bool { lowerValid && upperValid }
}

/// A profiled contour: closed polyline (first point repeated at the end) with per-point status.
public struct ContourCurve: Sendable, Equatable {
    public var xName: String
    public var yName: String
    public var x: [Double]
    public var y: [Double]
    public var pointValid: [Bool]
    /// The confidence level as a probability.
    public var cl: Double
    /// The ΔF of the contour (errordef × 2-dof quantile).
    public var level: Double
    public var nfcn: Int
}

/// The result of MIGRAD / HESSE / SIMPLEX with Minuit2's validity flags (iminuit's `FMin`).
public struct FunctionMinimum: Sendable, CustomStringConvertible {
    public var names: [String]
    public var values: [Double]
    public var errors: [Double]
    public var fixed: [Bool]
    public var lowerLimits: [Double?]
    public var upperLimits: [Double?]
    /// npar×npar external covariance; rows and columns of fixed parameters are zero.
    public var covariance: Matrix?
    public var correlation: Matrix?
    public var fval: Double
    public var edm: Double
    /// The effective EDM goal 0.002·tol·errordef (MIGRAD) or tol·errordef (SIMPLEX).
    public var edmGoal: Double
    /// Function calls made by this `Minuit` so far (cumulative, as iminuit's `nfcn`).
    public var nfcn: Int
    public var ngrad: Int
    public var errordef: Double
    /// "Migrad", "Simplex", "Hesse" …
    public var method: String
    public var isValid: Bool
    public var hasValidParameters: Bool
    public var hasCovariance: Bool
    public var hasAccurateCovariance: Bool
    public var hasPosDefCovariance: Bool
    public var hasMadePosDefCovariance: Bool
    /// HESSE failed (zero second derivative) or its matrix could not be inverted.
    public var hesseFailed: Bool
    public var isAboveMaxEdm: Bool
    public var hasReachedCallLimit: Bool
    /// A limited parameter within half its error of a limit (iminuit's rule).
    public var hasParametersAtLimit: Bool
    public var minosErrors: [String: MinosError]
    /// Why the minimiser stopped, in words.
    public var stopReason: String

    public func index(of name: String) -> Int? { names.firstIndex(of: name) }
    public func value(_ name: String) -> Double? { index(of: name).map { values[$0] } }
    public func error(_ name: String) -> Double? { index(of: name).map { errors[$0] } }

    public var description: String { summary }
}

extension FunctionMinimum {
    /// Builds the user-facing result from an internal state.
    init(result r: MinResult, trafo: Transform, parameters: [Parameter], up: Double, edmGoal: Double,
         nfcn: Int, ngrad: Int, method: String) {
        let st = r.state
        let npar = parameters.count
        var values = parameters.map(\.value)
        var errors = parameters.map(\.step)
        for k in 0..<trafo.count {
            let e = trafo.free[k]
            values[e] = trafo.toExternal(k, st.x[k])
            if st.hasErrorMatrix {
                let n = trafo.count
                errors[e] = trafo.externalError(k, st.x[k], (2 * up * max(st.v[k * n + k], 0)).squareRoot())
            } else {
                errors[e] = trafo.externalError(k, st.x[k], st.grad.gstep[k])
            }
        }
        var cov: Matrix? = nil
        var cor: Matrix? = nil
        if st.hasErrorMatrix {
            let n = trafo.count
            // Built here as plain arrays (specialised in this module), wrapped as matrices at the end.
            var c = [Double](repeating: 0, count: npar * npar)
            withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { d in
                for k in 0..<n { d[k] = trafo.derivative(k, st.x[k]) }
                for i in 0..<n { for j in 0..<n {
                    c[trafo.free[i] * npar + trafo.free[j]] = 2 * up * d[i] * st.v[i * n + j] * d[j]
                } }
            }
            var r = [Double](repeating: 0, count: npar * npar)
            for i in 0..<npar { for j in 0..<npar {
                let s = (c[i * npar + i] * c[j * npar + j]).squareRoot()
                r[i * npar + j] = s > 0 ? c[i * npar + j] / s : (i == j && !parameters[i].fixed ? 1 : 0)
            } }
            cov = try? Matrix(rows: npar, columns: npar, storage: c)
            cor = try? Matrix(rows: npar, columns: npar, storage: r)
        }
        var atLimit = false
        for (i, p) in parameters.enumerated() where !p.fixed && p.hasLimits {
            let lo = p.lower ?? -.infinity, hi = p.upper ?? .infinity
            if min(values[i] - lo, hi - values[i]) < 0.5 * errors[i] { atLimit = true }
        }
        self.init(
            names: parameters.map(\.name), values: values, errors: errors, fixed: parameters.map(\.fixed),
            lowerLimits: parameters.map(\.lower), upperLimits: parameters.map(\.upper),
            covariance: cov, correlation: cor, fval: st.fval, edm: st.edm, edmGoal: edmGoal,
            nfcn: nfcn, ngrad: ngrad, errordef: up, method: method, isValid: r.isValid,
            hasValidParameters: st.fval.isFinite, hasCovariance: st.hasErrorMatrix,
            hasAccurateCovariance: st.hasErrorMatrix && st.status == .posDef && st.dcovar < 0.1,
            hasPosDefCovariance: st.status == .posDef, hasMadePosDefCovariance: st.status == .madePosDef,
            hesseFailed: st.status == .hesseFailed || st.status == .invertFailed,
            isAboveMaxEdm: r.aboveMaxEdm, hasReachedCallLimit: r.callLimit || st.status == .callLimit,
            hasParametersAtLimit: atLimit, minosErrors: [:], stopReason: r.reason)
    }
}
