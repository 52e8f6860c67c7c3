/// MIGRAD then HESSE from many starting points, as a toy study runs them. Each ``run(_:from:)`` gives, bit for
/// bit, the χ², values, errors, validity and call count of
///
///     var m = try Minuit(cost, parameters: parameters)   // values replaced by `from`
///     m.strategy = strategy
///     m.migrad()
///     let h = m.hesse()
///
/// while the function wrapper, its transform and the iteration buffers stay here between runs of the same
/// cost function (no `Minuit`, user state or `FunctionMinimum` is built per run). Mutable scratch space: use
/// each one from a single task at a time.
public final class RepeatedFit {
    /// The outcome of one run: HESSE's result after MIGRAD.
    public struct Result: Sendable, Equatable {
        /// Function value at the minimum.
        public let fval: Double
        /// ``FunctionMinimum/isValid`` of the HESSE result.
        public let isValid: Bool
        /// Function calls of MIGRAD (all its attempts) and HESSE.
        public let nfcn: Int
        /// External values and parabolic errors of the free parameters (declaration order).
        public let freeValues: [Double]
        public let freeErrors: [Double]
        /// Declaration-order indices of the free parameters; the start values and steps of all.
        let free: [Int]
        let start: [Double]
        let steps: [Double]

        /// All parameters' values (fixed ones at their start values).
        public var values: [Double] { merged(freeValues, into: start) }
        /// All parameters' errors (fixed ones keep their steps).
        public var errors: [Double] { merged(freeErrors, into: steps) }

        private func merged(_ freeOnes: [Double], into all: [Double]) -> [Double] {
            var out = all
            for (k, i) in free.enumerated() { out[i] = freeOnes[k] }
            return out
        }
    }

    private let parameters: [Parameter]
    private let steps: [Double]
    /// The user state of the current run, kept to reuse its parameter array (one task at a time).
    @exclusivity(unchecked) private var state: UserState
    private let strategy: Int
    private let tolerance = 0.1
    private let workspace = MigradWorkspace()

    /// Throws what `Minuit(_:parameters:)` throws for these parameters, whatever their values (each run's start
    /// values are checked by ``run(_:from:)``).
    public init(parameters: [Parameter], strategy: Int = 1) throws {
        try Minuit.validate(parameters.map { p in
            var q = p
            q.value = p.lower ?? p.upper ?? 0
            return q
        })
        self.parameters = parameters
        steps = parameters.map(\.step)
        state = UserState(parameters: parameters, covariance: nil)
        self.strategy = strategy
    }

    /// MIGRAD (with iminuit's retries) then HESSE of `cost` from `values` (all parameters, declaration order).
    /// Nil where `Minuit(cost, parameters:)` would throw: a value not finite or outside its limits, an invalid
    /// errordef, or a cost that is not finite at the start.
    public func run(_ cost: CostFunction, from values: [Double]) -> Result? {
        guard values.count == parameters.count, cost.errordef.isFinite, cost.errordef > 0 else { return nil }
        for i in values.indices {
            guard values[i].isFinite, parameters[i].admits(values[i]) else { return nil }
        }
        let f0 = cost(values)
        guard f0.isFinite else { return nil }
        guard (0...2).contains(strategy) else {
            // As Minuit with a strategy that cannot run: no calls, an invalid result at the start (its errors
            // are the steps).
            return Result(fval: f0, isValid: false, nfcn: 0, freeValues: [], freeErrors: [], free: [], start: values,
                          steps: steps)
        }
        state.covariance = nil
        for i in values.indices {
            state.parameters[i].value = values[i]
            state.parameters[i].step = steps[i]
        }
        return run(cost, from: values, &state)
    }

    private func run(_ cost: CostFunction, from values: [Double], _ s: inout UserState) -> Result {
        let runner = Runner(cost: cost, up: cost.errordef, precision: Precision(), updator: .davidon)
        // Minuit.migrad(): MIGRAD, then while invalid (below the call limit) up to 4 times SIMPLEX and MIGRAD
        // at strategy 2.
        var o = runner.migrad(&s, strategy: strategy, maxCalls: nil, tolerance: tolerance, workspace: workspace)
        var calls = o.calls
        var left = 5
        while !o.result.isValid && !o.result.callLimit && left > 1 {
            calls += runner.simplex(&s, maxCalls: nil, tolerance: tolerance).calls
            o = runner.migrad(&s, strategy: 2, maxCalls: nil, tolerance: tolerance, workspace: workspace)
            calls += o.calls
            left -= 1
        }
        // Minuit.hesse() on the MIGRAD minimum.
        // The state moves on to HESSE, which writes over its arrays: no other reference may keep them.
        s.covariance = nil
        let h = runner.hesse(&s, state: (consume o).result.takeState(), strategy: strategy, maxCalls: nil,
                             edmGoal: 0.002 * tolerance * cost.errordef, workspace: workspace)
        calls += h.calls
        let isValid = h.result.isUserValid
        let trafo = h.trafo
        let st = (consume h).result.takeState()
        let fval = st.fval
        let n = trafo.count
        let freeValues = [Double](unsafeUninitializedCapacity: n) { v, count in
            for k in 0..<n { v[k] = trafo.toExternal(k, st.x[k]) }
            count = n
        }
        let freeErrors = [Double](unsafeUninitializedCapacity: n) { e, count in
            for k in 0..<n { e[k] = st.externalError(k, trafo: trafo, up: cost.errordef) }
            count = n
        }
        s.covariance = nil
        workspace.giveBack(st)
        return Result(fval: fval, isValid: isValid, nfcn: calls, freeValues: freeValues, freeErrors: freeErrors,
                      free: trafo.free, start: values, steps: steps)
    }
}
