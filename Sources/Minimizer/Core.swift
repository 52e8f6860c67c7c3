/// Counts calls and maps internal to external coordinates into a reused buffer (one per operation).
final class FCN {
    let gradientFunction: (@Sendable ([Double]) -> [Double])?
    let up: Double
    /// The function, the transform, the external buffer and the call count.
    @exclusivity(unchecked) var evaluator: Evaluator
    @exclusivity(unchecked) var gradientCalls = 0

    init(_ cost: CostFunction, trafo: Transform, externalValues: [Double], up: Double? = nil, calls: Int = 0) {
        gradientFunction = cost.gradient
        self.up = up ?? cost.errordef
        evaluator = Evaluator(function: cost.function, trafo: trafo, external: externalValues, calls: calls)
    }

    var trafo: Transform { _read { yield evaluator.trafo } }
    var external: [Double] { _read { yield evaluator.external } }
    var calls: Int {
        get { evaluator.calls }
        set { evaluator.calls = newValue }
    }

    /// Starts a new run at `parameters` (all of them, in declaration order): counters to zero.
    func reset(_ parameters: [Parameter]) {
        evaluator.calls = 0
        gradientCalls = 0
        evaluator.external.withUnsafeMutableBufferPointer { e in
            for i in 0..<parameters.count { e[i] = parameters[i].value }
        }
    }

    /// Runs `body` on the evaluator in place (its calls pass the external buffer to the function without
    /// reference counting). `body` must reach the function only through the evaluator it is given.
    @inline(__always)
    func withEvaluator<R>(_ body: (inout Evaluator) -> R) -> R {
        body(&evaluator)
    }

    func callAsFunction(_ x: [Double]) -> Double {
        evaluator(x)
    }

    func callAsFunction(_ x: UnsafeMutableBufferPointer<Double>) -> Double {
        evaluator(x)
    }

    /// Analytic gradient in internal coordinates (chain rule through the limit transforms).
    func analyticGradient(_ x: [Double]) -> [Double]? {
        guard let gf = gradientFunction else { return nil }
        evaluator.place(x)
        gradientCalls += 1
        let ge = gf(evaluator.external)
        guard ge.count == evaluator.external.count else { return nil }
        let trafo = evaluator.trafo
        return (0..<x.count).map { ge[trafo.free[$0]] * trafo.derivative($0, x[$0]) }
    }

    func externalValues(_ x: [Double]) -> [Double] {
        evaluator.place(x)
        return evaluator.external
    }
}

/// The cost function with its transform, external buffer and call count (held by ``FCN``).
/// One-coordinate moves (``callAsFunction(moving:to:)``) transform and write only that coordinate.
/// Values are stored in pairs at even indices, 16 bytes at a time: a cost function whose compiled code
/// reads two neighbours with one 16-byte load (as the SLP vectoriser emits) then gets them forwarded from
/// one store instead of waiting for two 8-byte stores to reach the cache (8-byte reads forward from either
/// half). Measured on B of `make bench`: 12 % of the fit.
struct Evaluator {
    let function: @Sendable ([Double]) -> Double
    let trafo: Transform
    var external: [Double]
    var calls = 0

    /// Loads internal point `x` without calling.
    @inline(__always)
    mutating func place<X: RandomAccessCollection<Double>>(_ x: X) where X.Index == Int {
        let trafo = trafo
        let free = trafo.free
        external.withUnsafeMutableBufferPointer { e in
            var k = 0
            while k < free.count {
                let i = free[k]
                let v = trafo.unlimited ? x[k] : trafo.toExternal(k, x[k])
                if i & 1 == 0, k + 1 < free.count, free[k + 1] == i + 1 {
                    let w = trafo.unlimited ? x[k + 1] : trafo.toExternal(k + 1, x[k + 1])
                    Self.store(SIMD2(v, w), at: i, in: e)
                    k += 2
                } else {
                    Self.write(v, at: i, in: e)
                    k += 1
                }
            }
        }
    }

    @inline(__always)
    private static func store(_ pair: SIMD2<Double>, at i: Int, in e: UnsafeMutableBufferPointer<Double>) {
        UnsafeMutableRawPointer(e.baseAddress! + i).storeBytes(of: pair, as: SIMD2<Double>.self)
    }

    /// Writes element `i` as part of its pair (the other half rewritten with its current value).
    @inline(__always)
    private static func write(_ v: Double, at i: Int, in e: UnsafeMutableBufferPointer<Double>) {
        let lo = i & ~1
        guard lo + 1 < e.count else { e[i] = v; return }
        let other = e[i ^ 1]
        store(i & 1 == 0 ? SIMD2(v, other) : SIMD2(other, v), at: lo, in: e)
    }

    /// f at internal point `x`.
    @inline(__always)
    mutating func callAsFunction<X: RandomAccessCollection<Double>>(_ x: X) -> Double where X.Index == Int {
        place(x)
        return evaluate()
    }

    /// f at the loaded point.
    @inline(__always)
    mutating func evaluate() -> Double {
        calls += 1
        return function(external)
    }

    /// The external value of free parameter `k` at the loaded point.
    @inline(__always)
    func externalValue(_ k: Int) -> Double { external[trafo.free[k]] }

    /// Moves free parameter `k` of the loaded point to internal value `v`, without calling.
    @inline(__always)
    mutating func move(_ k: Int, to v: Double) {
        let i = trafo.free[k]
        let value = trafo.unlimited ? v : trafo.toExternal(k, v)
        external.withUnsafeMutableBufferPointer { Self.write(value, at: i, in: $0) }
    }

    /// Puts back an external value read with ``externalValue(_:)``.
    @inline(__always)
    mutating func restore(_ k: Int, external value: Double) {
        let i = trafo.free[k]
        external.withUnsafeMutableBufferPointer { Self.write(value, at: i, in: $0) }
    }

    /// f at the loaded point with free parameter `k` moved to internal value `v` (it stays there).
    @inline(__always)
    mutating func callAsFunction(moving k: Int, to v: Double) -> Double {
        move(k, to: v)
        return evaluate()
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

    /// Minuit2 `MinimumError::IsValid`: V is an error matrix (HESSE's diagonal fallbacks are not).
    var errorValid: Bool { status == .posDef || status == .madePosDef || status == .notPosDef }
    var isValid: Bool { fval.isFinite && (!hasErrorMatrix || errorValid) }
    /// True when V is a valid error matrix carried on as the next run's starting covariance (finite), as
    /// `MnUserParameterState` keeps a covariance only from a valid `MinimumError`.
    var keepsCovariance: Bool { hasErrorMatrix && errorValid && v.allSatisfy { $0.isFinite } }
}

extension MinState {
    /// External parabolic error of free parameter `k`: √(2·up·V_kk) when the state has a valid error matrix,
    /// else its gradient step, through the limit transform (Minuit2 `MnUserParameterState`, which falls back to
    /// the last step when the error matrix is not valid).
    func externalError(_ k: Int, trafo: Transform, up: Double) -> Double {
        if hasErrorMatrix && errorValid {
            let n = trafo.count
            return trafo.externalError(k, x[k], (2 * up * max(v[k * n + k], 0)).squareRoot())
        }
        return trafo.externalError(k, x[k], grad.gstep[k])
    }
}

/// Outcome of MIGRAD or SIMPLEX at the internal level.
struct MinResult: Sendable {
    var state: MinState
    var aboveMaxEdm = false
    var callLimit = false
    var reason: String
    /// Minuit2's `FunctionMinimum::IsValid`, which MINOS and MIGRAD's retries test.
    var isValid: Bool { state.isValid && !aboveMaxEdm && !callLimit }
    /// The validity reported to the user: also false for a negative EDM (iminuit's `FMin.is_valid`).
    var isUserValid: Bool { isValid && !(state.edm < 0) }
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
