/// Counts calls and maps internal to external coordinates into a reused buffer (one per operation).
final class FCN {
    let function: @Sendable ([Double]) -> Double
    let gradientFunction: (@Sendable ([Double]) -> [Double])?
    let trafo: Transform
    let up: Double
    @exclusivity(unchecked) var external: [Double]
    @exclusivity(unchecked) var calls = 0
    @exclusivity(unchecked) var gradientCalls = 0

    init(_ cost: CostFunction, trafo: Transform, externalValues: [Double], up: Double? = nil, calls: Int = 0) {
        function = cost.function
        gradientFunction = cost.gradient
        self.trafo = trafo
        self.up = up ?? cost.errordef
        external = externalValues
        self.calls = calls
    }

    /// Starts a new run at `parameters` (all of them, in declaration order): counters to zero.
    func reset(_ parameters: [Parameter]) {
        calls = 0
        gradientCalls = 0
        external.withUnsafeMutableBufferPointer { e in
            for i in 0..<parameters.count { e[i] = parameters[i].value }
        }
    }

    @inline(__always)
    private func load<X: RandomAccessCollection<Double>>(_ x: X) where X.Index == Int {
        let free = trafo.free
        external.withUnsafeMutableBufferPointer { e in
            if trafo.unlimited {
                for k in 0..<free.count { e[free[k]] = x[k] }
            } else {
                for k in 0..<free.count { e[free[k]] = trafo.toExternal(k, x[k]) }
            }
        }
    }

    func callAsFunction(_ x: [Double]) -> Double {
        load(x)
        calls += 1
        return function(external)
    }

    func callAsFunction(_ x: UnsafeMutableBufferPointer<Double>) -> Double {
        load(x)
        calls += 1
        return function(external)
    }

    /// Analytic gradient in internal coordinates (chain rule through the limit transforms).
    func analyticGradient(_ x: [Double]) -> [Double]? {
        guard let gf = gradientFunction else { return nil }
        load(x)
        gradientCalls += 1
        let ge = gf(external)
        guard ge.count == external.count else { return nil }
        return (0..<x.count).map { ge[trafo.free[$0]] * trafo.derivative($0, x[$0]) }
    }

    func externalValues(_ x: [Double]) -> [Double] {
        load(x)
        return external
    }
}

/// First and second derivatives with the steps used (Minuit2 `FunctionGradient`).
struct Gradient: Sendable {
    var g: [Double]
    var g2: [Double]
    var gstep: [Double]
    var analytical = false
}

/// Minuit2's `MinimumError::Status`.
enum ErrorStatus: Sendable {
    case unset, posDef, madePosDef, notPosDef, hesseFailed, invertFailed, callLimit
}

/// One point of a minimisation: internal parameters, value, gradient, inverse Hessian V (n×n row-major).
struct MinState: Sendable {
    var x: [Double]
    var fval: Double
    var grad: Gradient
    var v: [Double]
    var dcovar: Double
    var status: ErrorStatus
    var edm: Double
    var hasErrorMatrix: Bool
    var nfcn: Int

    var errorValid: Bool { status == .posDef || status == .madePosDef }
    var isValid: Bool { fval.isFinite && (!hasErrorMatrix || errorValid) }
    /// True when V is carried on as the next run's starting covariance (it exists and is finite).
    var keepsCovariance: Bool { hasErrorMatrix && v.allSatisfy { $0.isFinite } }
}

/// Outcome of MIGRAD or SIMPLEX at the internal level.
struct MinResult: Sendable {
    var state: MinState
    var aboveMaxEdm = false
    var callLimit = false
    var reason: String
    var isValid: Bool { state.isValid && !aboveMaxEdm && !callLimit }
    /// The state, moved out.
    consuming func takeState() -> MinState { state }
}

@inline(__always)
func dot<A: RandomAccessCollection<Double>, B: RandomAccessCollection<Double>>(_ a: A, _ b: B) -> Double
where A.Index == Int, B.Index == Int {
    var s = 0.0
    for i in 0..<a.count { s += a[i] * b[i] }
    return s
}

@inline(__always)
func matVec(_ m: [Double], _ x: [Double]) -> [Double] {
    let n = x.count
    var y = [Double](repeating: 0, count: n)
    for i in 0..<n {
        var s = 0.0
        let r = i * n
        for j in 0..<n { s += m[r + j] * x[j] }
        y[i] = s
    }
    return y
}

/// y = M x for a row-major n×n `m`, written into `y` (no allocation).
@inline(__always)
func matVec<X: RandomAccessCollection<Double>>(_ m: [Double], _ x: X, into y: UnsafeMutableBufferPointer<Double>)
where X.Index == Int {
    let n = x.count
    for i in 0..<n {
        var s = 0.0
        let r = i * n
        for j in 0..<n { s += m[r + j] * x[j] }
        y[i] = s
    }
}

/// ½ gᵀVg (Minuit2 `VariableMetricEDMEstimator`), summed in the order of `dot(g, matVec(v, g))`.
func estimateEDM(_ g: [Double], _ v: [Double]) -> Double {
    let n = g.count
    return g.withUnsafeBufferPointer { g in
        v.withUnsafeBufferPointer { v in
            var s = 0.0
            for i in 0..<n {
                var t = 0.0
                let r = i * n
                for j in 0..<n { t += v[r + j] * g[j] }
                s += g[i] * t
            }
            return 0.5 * s
        }
    }
}

func diagonalMatrix(_ d: [Double]) -> [Double] {
    let n = d.count
    var m = [Double](repeating: 0, count: n * n)
    for i in 0..<n { m[i * n + i] = d[i] }
    return m
}

/// Σ|a_ij| over the upper triangle (Minuit2 `sum_of_elements` of a packed symmetric matrix).
@inline(__always)
func packedAbsSum<M: RandomAccessCollection<Double>>(_ m: M, _ n: Int) -> Double where M.Index == Int {
    var s = 0.0
    for i in 0..<n { for j in i..<n { s += abs(m[i * n + j]) } }
    return s
}
