/// Reusable set-up and buffers for repeated MIGRAD runs of one cost function, such as the points of
/// a profile-grid row: the function wrapper, its coordinate transform and external-value buffer, and
/// the arrays of the iteration states are kept between runs instead of being allocated per run.
/// Results and call counts are identical with and without a workspace.
///
/// A workspace is mutable scratch space: use each one from a single task at a time.
final class MigradWorkspace {
    // Used from one task at a time (see above): no dynamic exclusivity checks.
    @exclusivity(unchecked) private var fcn: FCN?
    @exclusivity(unchecked) private var identity: CostIdentity?
    /// States kept for reuse (their contents are scratch; an array still shared elsewhere, such as a V
    /// kept as a user state's covariance, is copied on its first write).
    @exclusivity(unchecked) private var spares: [MinState] = []

    init() {}

    /// The function wrapper for `cost` at `parameters`, with the call counters at zero: the kept one
    /// when it wraps the same function with the same limits and free parameters, else a new one.
    func fcn(for cost: CostFunction, up: Double, parameters: [Parameter], precision: Precision) -> FCN {
        if let f = fcn, identity === cost.identity, f.up == up, f.external.count == parameters.count,
           f.trafo.matches(parameters, precision: precision) {
            f.reset(parameters)
            return f
        }
        let f = FCN(cost, trafo: Transform(parameters, precision: precision),
                    externalValues: parameters.map(\.value), up: up)
        fcn = f
        identity = cost.identity
        return f
    }

    /// A state with arrays sized for `n` parameters (contents unspecified).
    func takeState(_ n: Int) -> MinState {
        while let s = spares.popLast() {
            if s.x.count == n && s.v.count == n * n { return s }
        }
        return MinState(zeros: n)
    }

    /// Keeps the arrays of a state that is no longer used.
    func giveBack(_ s: consuming MinState) {
        if spares.count < 2 { spares.append(s) }
    }
}

extension MinState {
    /// A state of `n` parameters with zero arrays.
    init(zeros n: Int) {
        func z() -> [Double] { [Double](repeating: 0, count: n) }
        self.init(x: z(), fval: 0, grad: Gradient(g: z(), g2: z(), gstep: z()), v: [Double](repeating: 0, count: n * n),
                  dcovar: 1, status: .unset, edm: 0, hasErrorMatrix: false, nfcn: 0)
    }

    /// An empty state (no storage), left behind when a state is moved out of a variable.
    static var empty: MinState { MinState(zeros: 0) }
}
