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
///
/// Holds the run's internal state; values, errors and matrices are computed from it when read.
public struct FunctionMinimum: Sendable, CustomStringConvertible {
    /// The parameters after the run, in declaration order.
    let parameters: [Parameter]
    let state: MinState
    let trafo: Transform

    public var names: [String] { parameters.map(\.name) }
    public var values: [Double] {
        var values = parameters.map(\.value)
        for k in 0..<trafo.count { values[trafo.free[k]] = value(free: k) }
        return values
    }
    /// Parabolic errors (HESSE or MIGRAD's covariance); fixed parameters keep their step.
    public var errors: [Double] {
        var errors = parameters.map(\.step)
        for k in 0..<trafo.count { errors[trafo.free[k]] = error(free: k) }
        return errors
    }
    public var fixed: [Bool] { parameters.map(\.fixed) }
    public var lowerLimits: [Double?] { parameters.map(\.lower) }
    public var upperLimits: [Double?] { parameters.map(\.upper) }
    /// npar×npar external covariance; rows and columns of fixed parameters are zero. Nil without a valid
    /// error matrix (`MnUserParameterState` keeps none).
    public var covariance: Matrix? {
        externalCovariance().flatMap { try? Matrix(rows: parameters.count, columns: parameters.count, storage: $0) }
    }
    public var correlation: Matrix? {
        guard let c = externalCovariance() else { return nil }
        let npar = parameters.count
        var r = [Double](repeating: 0, count: npar * npar)
        for i in 0..<npar { for j in 0..<npar {
            let s = (c[i * npar + i] * c[j * npar + j]).squareRoot()
            r[i * npar + j] = s > 0 ? c[i * npar + j] / s : (i == j && !parameters[i].fixed ? 1 : 0)
        } }
        return try? Matrix(rows: npar, columns: npar, storage: r)
    }
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
    /// Minuit2's `HasValidParameters`: the result holds a parameter point from a run, whatever its function
    /// value (a result made without running has none). iminuit shows ``isValid`` under this name instead.
    public var hasValidParameters: Bool
    /// Minuit2's `HasCovariance`: the last step produced an error matrix, valid or not (a HESSE that failed
    /// leaves one that is not; then ``covariance`` is nil).
    public var hasCovariance: Bool
    public var hasAccurateCovariance: Bool
    public var hasPosDefCovariance: Bool
    public var hasMadePosDefCovariance: Bool
    /// The error matrix exists but is neither positive definite nor made so: HESSE found a zero second
    /// derivative, could not invert the Hessian, or stopped at its call limit (iminuit's `hesse_failed`).
    public var hesseFailed: Bool
    public var isAboveMaxEdm: Bool
    public var hasReachedCallLimit: Bool
    /// A limited parameter within half its error of a limit (iminuit's rule).
    public var hasParametersAtLimit: Bool
    public var minosErrors: [String: MinosError]
    /// Why the minimiser stopped, in words.
    public var stopReason: String

    public func index(of name: String) -> Int? { parameters.firstIndex { $0.name == name } }
    public func value(_ name: String) -> Double? { index(of: name).map { values[$0] } }
    public func error(_ name: String) -> Double? { index(of: name).map { errors[$0] } }

    public var description: String { summary }

    /// External value of free parameter `k`.
    private func value(free k: Int) -> Double { trafo.toExternal(k, state.x[k]) }

    /// External parabolic error of free parameter `k`.
    private func error(free k: Int) -> Double { state.externalError(k, trafo: trafo, up: errordef) }

    /// 2·errordef·D V D in external coordinates (D = dExternal/dInternal), npar×npar row-major.
    private func externalCovariance() -> [Double]? {
        guard state.hasErrorMatrix && state.errorValid else { return nil }
        let n = trafo.count, npar = parameters.count
        var c = [Double](repeating: 0, count: npar * npar)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { d in
            for k in 0..<n { d[k] = trafo.derivative(k, state.x[k]) }
            for i in 0..<n { for j in 0..<n {
                c[trafo.free[i] * npar + trafo.free[j]] = 2 * errordef * d[i] * state.v[i * n + j] * d[j]
            } }
        }
        return c
    }
}

extension FunctionMinimum {
    /// Builds the user-facing result from an internal state.
    init(result r: MinResult, trafo: Transform, parameters: [Parameter], up: Double, edmGoal: Double,
         nfcn: Int, ngrad: Int, method: String) {
        let st = r.state
        self.parameters = parameters
        self.state = st
        self.trafo = trafo
        fval = st.fval
        edm = st.edm
        self.edmGoal = edmGoal
        self.nfcn = nfcn
        self.ngrad = ngrad
        errordef = up
        self.method = method
        isValid = r.isUserValid
        hasValidParameters = st.x.count == trafo.count && trafo.count > 0
        hasCovariance = st.hasErrorMatrix
        hasAccurateCovariance = st.hasErrorMatrix && st.status == .posDef && st.dcovar < 0.1
        hasPosDefCovariance = st.status == .posDef
        hasMadePosDefCovariance = st.status == .madePosDef
        hesseFailed = st.hasErrorMatrix && !(st.status == .posDef || st.status == .madePosDef)
        isAboveMaxEdm = r.aboveMaxEdm
        hasReachedCallLimit = r.callLimit || st.status == .callLimit
        minosErrors = [:]
        stopReason = r.reason
        hasParametersAtLimit = false
        for k in 0..<trafo.count {
            let p = parameters[trafo.free[k]]
            guard p.hasLimits else { continue }
            let v = value(free: k)
            let lo = p.lower ?? -.infinity, hi = p.upper ?? .infinity
            if min(v - lo, hi - v) < 0.5 * error(free: k) { hasParametersAtLimit = true }
        }
    }
}
