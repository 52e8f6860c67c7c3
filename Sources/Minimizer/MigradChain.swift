/// Warm-started MIGRAD runs of one fit while some of its fixed parameters move: the points of a profile
/// grid row or a scan. A ``run(setting:to:)`` is, bit for bit, `setValue(at:_:)` for each moved parameter
/// followed by `migradStatus(iterate: 1, useSimplex: false)` on the ``minuit`` the chain holds, but the
/// parameters, covariance and iteration buffers stay here between runs instead of being copied into a
/// new `Minuit` and a stored result per run.
///
/// A run whose minimum is invalid leaves the chain as it was before the run; the failed minimum is in
/// ``lastFailure``. A chain is mutable scratch space: use each one from a single task at a time.
public final class MigradChain {
    // The state lives in one struct whose mutating methods do the work: one access per call instead of
    // one per field, and no dynamic exclusivity check (a chain is used from one task at a time).
    @exclusivity(unchecked) private var core: Core
    private let workspace = MigradWorkspace()

    /// A chain at the state of `minuit` (its values, errors and covariance), with its cost and settings.
    public init(_ minuit: Minuit) {
        core = Core(minuit)
    }

    /// The minimum of the last run if it was invalid (nil after a valid run or a `load`).
    public var lastFailure: FunctionMinimum? { core.failed ? core.failure : nil }

    /// Continues from the state of `minuit`, a copy of the chain's fit (same cost, parameters and limits;
    /// values, errors, covariance and settings may differ).
    public func load(_ minuit: Minuit) { core.load(minuit) }

    /// Continues from the state of `other` (a chain of the same fit).
    public func load(_ other: MigradChain) { core.load(other.core) }

    /// Moves the parameters at `indices` (declaration order) to `values` and runs MIGRAD from the chain's
    /// state. Nil, and no run, when an index is out of range or a value is not finite or outside its limits.
    public func run(setting indices: [Int], to values: [Double]) -> MigradStatus? {
        core.run(setting: indices, to: values, workspace: workspace)
    }

    /// The value of the parameter at `index` (declaration order).
    public func value(at index: Int) -> Double { core.parameters[index].value }

    /// A `Minuit` at the chain's state (values, errors and covariance of the last valid minimum).
    public var minuit: Minuit { core.minuit }
}

/// What a run reads from the template, copied out once.
private struct RunSettings {
    let cost: CostFunction
    let precision: Precision
    let strategy: Int
    let maxCalls: Int?
    let tolerance: Double
    let updator: ErrorUpdator
    /// False when the fit cannot run (no free parameter or a settings problem).
    let runnable: Bool

    init(_ m: Minuit) {
        cost = m.cost
        precision = m.runPrecision
        strategy = m.strategy
        maxCalls = m.maxCalls
        tolerance = m.tolerance
        updator = m.errorUpdator
        runnable = m.nfit > 0 && m.settingsProblem == nil
    }
}

extension MigradChain {
    private struct Core {
        /// Cost and settings; its parameters and results are not used.
        var template: Minuit
        var settings: RunSettings
        var parameters: [Parameter]
        /// Internal V of the last minimum (row-major, free parameters), meaningful when `hasCovariance`.
        var covariance: [Double] = []
        var hasCovariance = false
        var savedValues: [Double]
        var savedSteps: [Double]
        var savedCovariance: [Double] = []
        var savedHasCovariance = false
        var calls = 0
        var failure: FunctionMinimum?
        /// True when the last run was invalid (`failure` is its minimum).
        var failed = false

        init(_ minuit: Minuit) {
            template = minuit
            settings = RunSettings(minuit)
            parameters = minuit.storedParameters
            savedValues = parameters.map(\.value)
            savedSteps = parameters.map(\.step)
            copyCovariance(minuit.covariance)
        }

        mutating func load(_ minuit: Minuit) {
            load(template: minuit, parameters: minuit.storedParameters, covariance: minuit.covariance)
        }

        mutating func load(_ other: Core) {
            load(template: other.template, parameters: other.parameters, covariance: other.startCovariance)
        }

        /// Values, errors and covariance from another state of the fit; its settings when they differ.
        private mutating func load(template m: Minuit, parameters p: [Parameter], covariance c: [Double]?) {
            if p.count == parameters.count, zip(p, parameters).allSatisfy({ $0.fixed == $1.fixed }) {
                if !sameSettings(m) { setTemplate(m) }
                for i in p.indices {
                    parameters[i].value = p[i].value
                    parameters[i].step = p[i].step
                }
            } else {
                setTemplate(m)
                parameters = p
                savedValues = p.map(\.value)
                savedSteps = p.map(\.step)
            }
            copyCovariance(c)
            failed = false
        }

        /// The covariance the next run starts from (nil: none).
        var startCovariance: [Double]? { hasCovariance ? covariance : nil }

        mutating func run(setting indices: [Int], to values: [Double], workspace: MigradWorkspace) -> MigradStatus? {
            for k in indices.indices {
                let i = indices[k], v = values[k]
                guard parameters.indices.contains(i), v.isFinite, parameters[i].admits(v) else { return nil }
            }
            let n = parameters.count
            parameters.withUnsafeMutableBufferPointer { p in
                savedValues.withUnsafeMutableBufferPointer { v in
                    savedSteps.withUnsafeMutableBufferPointer { s in
                        for i in 0..<n {
                            v[i] = p[i].value
                            s[i] = p[i].step
                        }
                    }
                }
                for k in indices.indices { p[indices[k]].value = values[k] }
            }
            savedHasCovariance = hasCovariance
            if hasCovariance { Core.copy(covariance, into: &savedCovariance) }
            guard settings.runnable else {
                // As `migradStatus`: no run, an invalid result.
                let noRun = minuit.noFreeResult("Migrad")
                restore()
                failure = noRun
                failed = true
                return MigradStatus(fval: noRun.fval, isValid: false, nfcn: 0)
            }
            let cost = settings.cost
            let fcn = workspace.fcn(for: cost, up: cost.errordef, parameters: parameters, precision: settings.precision)
            let r = Runner.minimize(fcn, parameters: parameters, covariance: startCovariance,
                                    strategy: settings.strategy, maxCalls: settings.maxCalls,
                                    tolerance: settings.tolerance, updator: settings.updator, workspace: workspace)
            calls += fcn.calls
            Runner.applyValues(r.state, trafo: fcn.trafo, up: fcn.up, to: &parameters)
            hasCovariance = r.state.keepsCovariance
            if hasCovariance { Core.copy(r.state.v, into: &covariance) }
            let status = MigradStatus(fval: r.state.fval, isValid: r.isUserValid, nfcn: fcn.calls)
            failed = !r.isUserValid
            if failed {
                failure = FunctionMinimum(result: r, trafo: fcn.trafo, parameters: parameters, up: fcn.up,
                                          edmGoal: 0.002 * settings.tolerance * fcn.up, nfcn: calls,
                                          ngrad: fcn.gradientCalls, method: "Migrad")
                restore()
            }
            workspace.giveBack(r.takeState())
            return status
        }

        /// Back to the state saved at the start of `run`.
        mutating func restore() {
            for i in parameters.indices {
                parameters[i].value = savedValues[i]
                parameters[i].step = savedSteps[i]
            }
            hasCovariance = savedHasCovariance
            if hasCovariance { Core.copy(savedCovariance, into: &covariance) }
        }

        var minuit: Minuit {
            var m = template
            m.storedParameters = parameters
            m.covariance = startCovariance
            m.record = nil
            m.recordStateValid = false
            m.nfcn += calls
            return m
        }

        mutating func setTemplate(_ m: Minuit) {
            template = m
            settings = RunSettings(m)
        }

        func sameSettings(_ m: Minuit) -> Bool {
            m.strategy == template.strategy && m.tolerance == template.tolerance && m.maxCalls == template.maxCalls
                && m.errorUpdator == template.errorUpdator && m.precision == template.precision
                && m.cost.identity === template.cost.identity
        }

        mutating func copyCovariance(_ c: [Double]?) {
            hasCovariance = c != nil
            if let c { Core.copy(c, into: &covariance) }
        }

        static func copy(_ source: [Double], into target: inout [Double]) {
            if target.count != source.count {
                target = source
                return
            }
            target.withUnsafeMutableBufferPointer { t in
                for k in 0..<source.count { t[k] = source[k] }
            }
        }
    }
}
