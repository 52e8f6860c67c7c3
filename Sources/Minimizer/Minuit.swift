/// A Minuit-like minimiser of a `CostFunction` over named parameters (the iminuit `Minuit` object).
///
/// Value type: copies are independent, so profile grids can run many copies in parallel.
public struct Minuit: Sendable {
    public let cost: CostFunction
    /// Current state; migrad/hesse/minos update values and errors (stored in `step`).
    public var parameters: [Parameter] {
        get { storedParameters }
        set {
            let old = storedParameters
            storedParameters = newValue
            parametersChanged(from: old)
        }
    }
    /// The parameters, changed in place by the minimiser (the public setter also updates the covariance).
    var storedParameters: [Parameter]
    /// 0, 1 (default) or 2, with Minuit2's knob values.
    public var strategy: Int = 1
    /// EDM goal = 0.002·tolerance·errordef for MIGRAD (iminuit's default 0.1).
    public var tolerance: Double = 0.1
    /// nil → 200 + 100n + 5n² per MIGRAD call.
    public var maxCalls: Int?
    /// Variable-metric update (DFP by default, as Minuit2).
    public var errorUpdator: ErrorUpdator = .davidon
    /// Relative precision of the function (nil → 4·DBL_EPSILON, Minuit2's default).
    public var precision: Double?
    /// The last result.
    public internal(set) var minimum: FunctionMinimum? {
        get { record?.minimum }
        set { record = RunRecord(state: record?.state, minimum: newValue) }
    }
    /// Function calls made by this object so far.
    public internal(set) var nfcn = 0
    /// Analytic-gradient calls made by this object so far.
    public internal(set) var ngrad = 0

    var covariance: [Double]?
    /// The last run's outputs (one reference to copy).
    var record: RunRecord?
    /// False once values or fixed flags change after the last run.
    var recordStateValid = false
    /// Internal state of the last run, while it still describes the parameters.
    var lastState: MinState? { recordStateValid ? record?.state : nil }

    public init(_ cost: CostFunction, parameters: [Parameter]) throws {
        guard cost.errordef.isFinite, cost.errordef > 0 else { throw MinimizerError.invalidErrordef(cost.errordef) }
        try Minuit.validate(parameters)
        let f = cost(parameters.map(\.value))
        guard f.isFinite else {
            throw MinimizerError.nonFiniteAtStart(
                value: f, point: parameters.map { "\($0.name)=\($0.value)" }.joined(separator: ", "))
        }
        self.cost = cost
        self.storedParameters = parameters
    }

    static func validate(_ parameters: [Parameter]) throws {
        for (i, p) in parameters.enumerated() {
            // Pairwise: parameter lists are short, and a Set costs more than the fit of a small problem.
            for q in parameters[..<i] where q.name == p.name { throw MinimizerError.duplicateName(name: p.name) }
            guard p.value.isFinite else { throw MinimizerError.nonFiniteParameter(name: p.name, field: "value") }
            guard !p.step.isNaN else { throw MinimizerError.nonFiniteParameter(name: p.name, field: "step") }
            guard p.step > 0, p.step.isFinite else { throw MinimizerError.nonPositiveStep(name: p.name, step: p.step) }
            if let lo = p.lower, lo.isNaN { throw MinimizerError.nonFiniteParameter(name: p.name, field: "lower limit") }
            if let hi = p.upper, hi.isNaN { throw MinimizerError.nonFiniteParameter(name: p.name, field: "upper limit") }
            if let lo = p.lower, let hi = p.upper, !(lo < hi) {
                throw MinimizerError.invalidLimits(name: p.name, lower: lo, upper: hi)
            }
            guard p.admits(p.value) else { throw outside(p) }
        }
        guard parameters.contains(where: { !$0.fixed }) else { throw MinimizerError.noFreeParameters }
    }

    static func outside(_ p: Parameter, _ value: Double? = nil) -> MinimizerError {
        .startOutsideLimits(name: p.name, value: value ?? p.value, lower: p.lower, upper: p.upper)
    }

    /// Number of free parameters.
    public var nfit: Int { parameters.reduce(0) { $0 + ($1.fixed ? 0 : 1) } }

    public func index(of name: String) throws -> Int {
        guard let i = parameters.firstIndex(where: { $0.name == name }) else {
            throw MinimizerError.unknownParameter(name: name)
        }
        return i
    }

    /// Fixes a parameter, optionally at a new value (iminuit's `fixto`).
    public mutating func fix(_ name: String, to value: Double? = nil) throws {
        let i = try index(of: name)
        if let v = value { try setValue(name, v) }
        var s = UserState(parameters: parameters, covariance: covariance)
        s.fix(i)
        storedParameters = s.parameters
        covariance = s.covariance
        recordStateValid = false
    }

    public mutating func release(_ name: String) throws {
        let i = try index(of: name)
        guard parameters[i].fixed else { return }
        storedParameters[i].fixed = false
        covariance = nil
        recordStateValid = false
    }

    public mutating func setValue(_ name: String, _ value: Double) throws {
        try setValue(at: try index(of: name), value)
    }

    /// ``setValue(_:_:)`` by parameter index (declaration order), without the name look-up.
    public mutating func setValue(at i: Int, _ value: Double) throws {
        guard parameters.indices.contains(i) else { throw MinimizerError.unknownParameter(name: "#\(i)") }
        let p = parameters[i]
        guard value.isFinite else { throw MinimizerError.nonFiniteParameter(name: p.name, field: "value") }
        guard p.admits(value) else { throw Minuit.outside(p, value) }
        storedParameters[i].value = value
        recordStateValid = false
    }

    private mutating func parametersChanged(from old: [Parameter]) {
        recordStateValid = false
        guard old.count == parameters.count, covariance != nil else { covariance = nil; return }
        var s = UserState(parameters: old, covariance: covariance)
        for (i, (a, b)) in zip(old, parameters).enumerated() {
            if a.lower != b.lower || a.upper != b.upper || (a.fixed && !b.fixed) { covariance = nil; return }
            if !a.fixed && b.fixed { s.fix(i) }
        }
        covariance = s.covariance
    }

    var runner: Runner {
        Runner(cost: cost, up: cost.errordef, precision: runPrecision, updator: errorUpdator,
               cachedTransform: record?.minimum?.trafo)
    }

    var runPrecision: Precision { precision.map { Precision(eps: $0) } ?? Precision() }

    var userState: UserState { UserState(parameters: parameters, covariance: covariance) }

    /// The user state for a run, with the parameter array handed over to it (emptied here) so that the
    /// run updates the values in place; `store` gives them back.
    private mutating func takeUserState() -> UserState {
        let s = userState
        storedParameters = []
        return s
    }

    private mutating func store(_ s: consuming UserState, _ o: consuming Runner.Outcome, method: String, edmGoal: Double) {
        storedParameters = s.parameters
        covariance = s.covariance
        let minimum = FunctionMinimum(result: o.result, trafo: o.trafo, parameters: s.parameters, up: cost.errordef,
                                      edmGoal: edmGoal, nfcn: nfcn, ngrad: ngrad, method: method)
        record = RunRecord(state: nil, minimum: minimum)
        recordStateValid = true
    }

    /// Why the settings cannot run (tolerance not finite and > 0, strategy outside 0…2), or nil.
    public var settingsProblem: String? {
        if !(tolerance.isFinite && tolerance > 0) { return "tolerance must be finite and > 0, got \(tolerance)" }
        if !(0...2).contains(strategy) { return "strategy must be 0, 1 or 2, got \(strategy)" }
        return nil
    }

    /// An invalid result without running: no free parameters, or settings that cannot run (the reason).
    func noFreeResult(_ method: String) -> FunctionMinimum {
        let trafo = Transform(parameters, precision: Precision())
        let zeros = [Double](repeating: 0, count: trafo.count)
        let st = MinState(x: trafo.internalValues(parameters.map(\.value)), fval: cost(parameters.map(\.value)),
                          grad: Gradient(g: zeros, g2: zeros, gstep: zeros), v: [], dcovar: 1, status: .unset, edm: 0,
                          hasErrorMatrix: false, nfcn: 0)
        let r = MinResult(state: st, aboveMaxEdm: false, callLimit: false, reason: settingsProblem ?? "no free parameters")
        var m = FunctionMinimum(result: r, trafo: trafo, parameters: parameters,
                                up: cost.errordef, edmGoal: 0, nfcn: nfcn, ngrad: ngrad, method: method)
        m.isValid = false
        m.hasValidParameters = false
        return m
    }

    /// MIGRAD with iminuit's robust retry: while invalid (and below the call limit), up to `iterate`
    /// times in all, run SIMPLEX (if `useSimplex`) then MIGRAD at strategy 2.
    @discardableResult
    public mutating func migrad(maxCalls: Int? = nil, iterate: Int = 5, useSimplex: Bool = true) -> FunctionMinimum {
        guard nfit > 0, settingsProblem == nil else { minimum = noFreeResult("Migrad"); return minimum! }
        runMigrad(maxCalls: maxCalls, iterate: iterate, useSimplex: useSimplex)
        return minimum!
    }

    /// ``migrad(maxCalls:iterate:useSimplex:)`` returning only χ²-loop essentials: the same run and the
    /// same state afterwards (values in ``parameters``, ``minimum`` built on demand), without building a
    /// ``FunctionMinimum`` per call. For long chains of warm-started runs see ``MigradChain``.
    public mutating func migradStatus(maxCalls: Int? = nil, iterate: Int = 5, useSimplex: Bool = true) -> MigradStatus {
        guard nfit > 0, settingsProblem == nil else {
            minimum = noFreeResult("Migrad")
            return MigradStatus(fval: minimum!.fval, isValid: false, nfcn: 0)
        }
        return runMigrad(maxCalls: maxCalls, iterate: iterate, useSimplex: useSimplex)
    }

    @discardableResult
    private mutating func runMigrad(maxCalls: Int?, iterate: Int, useSimplex: Bool) -> MigradStatus {
        var s = takeUserState()
        let limit = maxCalls ?? self.maxCalls
        let calls0 = nfcn
        func run(_ strategy: Int) -> Runner.Outcome {
            runner.migrad(&s, strategy: strategy, maxCalls: limit, tolerance: tolerance)
        }
        var o = run(strategy)
        nfcn += o.calls; ngrad += o.gradientCalls
        var left = iterate
        while !o.result.isValid && !o.result.callLimit && left > 1 {
            if useSimplex {
                let so = runner.simplex(&s, maxCalls: limit, tolerance: tolerance)
                nfcn += so.calls; ngrad += so.gradientCalls
            }
            o = run(2)
            nfcn += o.calls; ngrad += o.gradientCalls
            left -= 1
        }
        let status = MigradStatus(fval: o.result.state.fval, isValid: o.result.isUserValid, nfcn: nfcn - calls0)
        store(s, consume o, method: "Migrad", edmGoal: 0.002 * tolerance * cost.errordef)
        return status
    }

    /// SIMPLEX (Minuit's Nelder–Mead); EDM goal tol·errordef.
    @discardableResult
    public mutating func simplex(maxCalls: Int? = nil) -> FunctionMinimum {
        guard nfit > 0, settingsProblem == nil else { minimum = noFreeResult("Simplex"); return minimum! }
        var s = takeUserState()
        let o = runner.simplex(&s, maxCalls: maxCalls ?? self.maxCalls, tolerance: tolerance)
        nfcn += o.calls; ngrad += o.gradientCalls
        store(consume s, consume o, method: "Simplex", edmGoal: tolerance * cost.errordef)
        return minimum!
    }

    /// HESSE: numerical Hessian, covariance 2·errordef·H⁻¹ in external coordinates.
    @discardableResult
    public mutating func hesse(maxCalls: Int? = nil) -> FunctionMinimum {
        guard nfit > 0, settingsProblem == nil else { minimum = noFreeResult("Hesse"); return minimum! }
        let o: Runner.Outcome
        let method: String
        // The previous result's fields, read in place (no copy of the whole result).
        let edmGoal = record?.minimum?.edmGoal ?? 0.002 * tolerance * cost.errordef
        let minos = record?.minimum?.minosErrors ?? [:]
        var s = takeUserState()
        if let st = lastState, let previousMethod = record?.minimum?.method {
            o = runner.hesse(&s, state: st, strategy: strategy, maxCalls: maxCalls, edmGoal: edmGoal)
            method = previousMethod
        } else {
            o = runner.hesseFromState(&s, strategy: strategy, maxCalls: maxCalls, edmGoal: edmGoal)
            method = "Hesse"
        }
        nfcn += o.calls; ngrad += o.gradientCalls
        store(consume s, consume o, method: method, edmGoal: edmGoal)
        if !minos.isEmpty && lastState != nil { minimum!.minosErrors = minos }
        return minimum!
    }
}

/// The outcome of ``Minuit/migradStatus(maxCalls:iterate:useSimplex:)``.
public struct MigradStatus: Sendable, Equatable {
    /// Function value at the minimum found.
    public let fval: Double
    /// Equal to ``FunctionMinimum/isValid`` of the same run.
    public let isValid: Bool
    /// Function calls of this run (all its attempts).
    public let nfcn: Int
}

/// What a run leaves behind: the result and the internal state (for HESSE and MINOS). Immutable, so
/// copies of a `Minuit` share it.
final class RunRecord: Sendable {
    /// A state given explicitly; nil when it is the minimum's own (kept once, not twice).
    private let kept: MinState?
    let minimum: FunctionMinimum?

    var state: MinState? { kept ?? minimum?.state }

    init(state: MinState?, minimum: FunctionMinimum?) {
        kept = state
        self.minimum = minimum
    }
}
