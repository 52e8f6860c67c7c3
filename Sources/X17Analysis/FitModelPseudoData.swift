import Minimizer
import Statistics
import Toys

extension FitModel {
    /// The model of one pseudo-experiment generated at `truth`, drawing from `stream` in this order:
    /// - each data block: observed = prediction(truth) + L·z, L the Cholesky factor of its covariance;
    /// - each summary: its parameter's value redrawn around truth, and its χ² offset (the minimum of the
    ///   published fit it stands for) redrawn as a χ²(dof) variate;
    /// - each prior: its centre redrawn around the prior quantity at truth (one-sided priors keep their form);
    /// - each floated nuclear input: its constraint's centre redrawn around truth;
    /// - each Gaussian external constraint (``ConstraintTerm/isRedrawn``): its centre redrawn around its quantity
    ///   at truth.
    /// Upper-limit rows, one-sided constraints and excluded windows are kept as they are.
    func pseudoData(at truth: [Double], stream: inout ToyRandomStream) throws -> FitModel {
        var model = self
        try model.redraw(PseudoDataPlan(self, truth: truth), stream: &stream)
        return model
    }

    /// ``pseudoData(at:stream:)`` in place, from the expected values of `plan` (made from this model's
    /// observations' layout). Every observation is overwritten, so a model can be redrawn toy after toy; after
    /// a throw it is partly redrawn.
    mutating func redraw(_ plan: PseudoDataPlan, stream: inout ToyRandomStream) throws {
        for b in blocks.indices {
            let lower = blocks[b].set.factor.lower
            let values = stream.correlatedNormal(mean: plan.blockMeans[b]) { lower[$0, $1] }
            try blocks[b].set.replaceValues(values)
            for k in blocks[b].members.indices { dataTerms[blocks[b].members[k]].measurement.value = values[k] }
            fast?.setObserved(b, values)
        }
        for k in summaries.indices {
            summaries[k].value = plan.truth[summaries[k].index] + summaries[k].sigma * stream.normal()
            summaries[k].offset = stream.chiSquare(dof: summaries[k].dof)
        }
        for k in priors.indices {
            try priors[k].penalty.recenter(plan.priorMeans[k] + priors[k].sigma * stream.normal())
        }
        for k in nuisances.indices {
            try nuisances[k].penalty.recenter(plan.truth[nuisances[k].index] + nuisances[k].sigma * stream.normal())
        }
        for k in constraints.indices {
            guard let mean = plan.constraintMeans[k] else { continue }
            constraints[k] = constraints[k].recentered(mean + constraints[k].sigma * stream.normal())
        }
    }
}

/// What pseudo-experiments at one generating point draw around, computed once: each block's predictions, each
/// prior's quantity and each redrawn constraint's quantity at the point. A class: passed toy after toy without
/// copying its arrays.
final class PseudoDataPlan: Sendable {
    let truth: [Double]
    let blockMeans: [[Double]]
    let priorMeans: [Double]
    /// Nil for a constraint that is not redrawn.
    let constraintMeans: [Double?]

    init(_ model: FitModel, truth: [Double]) throws {
        let p = try model.point(truth)
        self.truth = truth
        blockMeans = try model.blocks.map { block in
            try block.members.map { try model.predict(model.dataTerms[$0].prediction, at: p) }
        }
        priorMeans = model.priors.map { $0.value(at: truth, br: p.br) }
        if model.constraints.contains(where: \.isRedrawn) {
            let at = model.constraintPoint(truth, br: p.br)
            constraintMeans = try model.constraints.map { c in c.isRedrawn ? try c.quantity.value(at: at) : nil }
        } else {
            constraintMeans = model.constraints.map { _ in nil }
        }
    }
}

extension FitModel {
    /// The data terms and blocks with each block's observed values replaced by `values(block)`, in block order.
    func replacingBlockValues(_ values: (_ block: (set: MeasurementSet, members: [Int])) throws -> [Double]) throws
        -> (terms: [DataTerm], blocks: [(set: MeasurementSet, members: [Int])]) {
        var terms = dataTerms
        var newBlocks: [(set: MeasurementSet, members: [Int])] = []
        for block in blocks {
            let v = try values(block)
            for (k, member) in block.members.enumerated() {
                let t = terms[member]
                var m = t.measurement
                m.value = v[k]
                terms[member] = DataTerm(info: t.info, prediction: t.prediction, measurement: m, sigma: t.sigma)
            }
            newBlocks.append((try block.set.replacingValues(v), block.members))
        }
        return (terms, newBlocks)
    }
}

/// A prepared fit as a ``ToyModel``: pseudo-data from ``FitModel/pseudoData(at:stream:)``, refitted from the
/// spec's parameters (their start values are the retry start).
public struct FitToyModel: ToyModel {
    public let setup: FitSetup
    public let parameters: [Parameter]

    public init(setup: FitSetup) {
        self.setup = setup
        parameters = FitRunner.minimizerParameters(setup)
    }

    public func pseudoExperiment(truth: [Double], stream: inout ToyRandomStream) throws -> CostFunction {
        let model = try setup.model.pseudoData(at: truth, stream: &stream)
        return CostFunction(errordef: 1) { model.chi2($0) }
    }

    /// The same pseudo-experiments, redrawn in place behind one cost function.
    public func generator(truth: [Double]) -> any ToyGenerator {
        RedrawnModel(setup.model, truth: truth)
    }
}

/// One task's pseudo-experiments of a model: its observations redrawn in place, toy after toy, and read by
/// one cost function (so the minimiser keeps its set-up between toys).
final class RedrawnModel: ToyGenerator {
    /// The model as last drawn, read by the cost function in place (a class's stored struct would be copied
    /// at every read). Used by one task at a time.
    private struct Storage: @unchecked Sendable {
        let model: UnsafeMutablePointer<FitModel>
    }

    private let storage: Storage
    /// The expected values, or why they cannot be computed (every toy then fails).
    private let plan: Result<PseudoDataPlan, any Error>
    private let cost: CostFunction

    init(_ model: FitModel, truth: [Double]) {
        let storage = Storage(model: .allocate(capacity: 1))
        storage.model.initialize(to: model)
        self.storage = storage
        plan = Result { try PseudoDataPlan(model, truth: truth) }
        cost = CostFunction(errordef: 1) { RedrawnModel.chi2(&storage.model.pointee, $0) }
    }

    /// χ² of the model at its address (read through `pointee`, the model would be copied per call).
    private static func chi2(_ model: inout FitModel, _ x: [Double]) -> Double { model.chi2(x) }

    deinit {
        storage.model.deinitialize(count: 1)
        storage.model.deallocate()
    }

    func draw(_ stream: inout ToyRandomStream) throws -> CostFunction {
        try storage.model.pointee.redraw(plan.get(), stream: &stream)
        return cost
    }
}

extension FitModel {
    /// Ids of every observation the pseudo-data redraw (data rows, summaries, priors, floated inputs).
    var observationIDs: Set<String> {
        Set(dataTerms.map(\.info.id) + summaries.map(\.info.id) + priors.map(\.info.id) + nuisances.map(\.info.id))
    }

    /// This model with every observation taken from `source` (the same ids), e.g. another hypothesis's pseudo-data.
    func observing(_ source: FitModel) throws -> FitModel {
        let data = Dictionary(uniqueKeysWithValues: source.dataTerms.map { ($0.info.id, $0.measurement.value) })
        let (terms, newBlocks) = try replacingBlockValues { block in
            block.members.map { data[dataTerms[$0].info.id] ?? dataTerms[$0].measurement.value }
        }
        let summaryOf = Dictionary(uniqueKeysWithValues: source.summaries.map { ($0.info.id, $0) })
        let priorOf = Dictionary(uniqueKeysWithValues: source.priors.map { ($0.info.id, $0) })
        let nuisanceOf = Dictionary(uniqueKeysWithValues: source.nuisances.map { ($0.info.id, $0) })
        let constraintOf = Dictionary(uniqueKeysWithValues: source.constraints.map { ($0.info.id, $0) })
        return observing(
            dataTerms: terms, blocks: newBlocks,
            summaries: summaries.map { s in
                let o = summaryOf[s.info.id]
                return SummaryTerm(info: s.info, index: s.index, value: o?.value ?? s.value, sigma: s.sigma,
                                   offset: o?.offset ?? s.offset, dof: s.dof)
            },
            priors: try priors.map { p in try priorOf[p.info.id].map { try p.recentered($0.center) } ?? p },
            nuisances: try nuisances.map { n in try nuisanceOf[n.info.id].map { try n.recentered($0.center) } ?? n },
            constraints: constraints.map { c in
                guard c.isRedrawn, let o = constraintOf[c.info.id] else { return c }
                return c.recentered(o.center)
            })
    }
}

/// Two prepared fits of the same observations as a ``ToyComparisonModel``.
public struct FitComparisonModel: ToyComparisonModel {
    public let a: FitSetup
    public let b: FitSetup
    public let parametersA: [Parameter]
    public let parametersB: [Parameter]
    /// A's and B's models, each with the other's constraints it lacks (those add nothing at its minimum), so that
    /// both fit every toy's redrawn constraint centres.
    let modelA: FitModel
    let modelB: FitModel

    /// Throws unless both fits use the same observations (data rows, summaries, priors, floated inputs) and the
    /// same external constraints, a constraint one lacks passed over where it adds nothing to that fit's χ² at
    /// its minimum (`minima`: the best fits of A and B to the observed data; ``DataSets/difference(_:_:minima:)``).
    public init(a: FitSetup, b: FitSetup, minima: (a: [Double], b: [Double])) throws {
        guard a.model.observationIDs == b.model.observationIDs else {
            let only = a.model.observationIDs.symmetricDifference(b.model.observationIDs).sorted()
            throw InputError(file: b.spec.file, field: "datasets",
                             "fits '\(a.spec.name)' and '\(b.spec.name)' do not use the same observations (differ in: \(only.joined(separator: ", ")))")
        }
        let d = DataSets.difference(a, b, minima: minima)
        guard d.onlyA.isEmpty && d.onlyB.isEmpty else {
            throw InputError(file: b.spec.file, field: "constraints", """
                fits '\(a.spec.name)' and '\(b.spec.name)' do not use the same external constraints (differ in: \
                \(DataSets.describe(d.onlyA.union(d.onlyB))))
                """)
        }
        self.a = a
        self.b = b
        func union(_ s: FitSetup, _ other: FitSetup) -> FitModel {
            let have = Set(s.model.constraints.map { DataSets.key(s, $0.info) })
            return s.model.withConstraints(s.model.constraints
                                           + other.model.constraints.filter { !have.contains(DataSets.key(other, $0.info)) })
        }
        modelA = union(a, b)
        modelB = union(b, a)
        parametersA = FitRunner.minimizerParameters(a)
        parametersB = FitRunner.minimizerParameters(b)
    }

    public func pseudoExperiment(underA hypothesisA: Bool, truth: [Double], stream: inout ToyRandomStream) throws
        -> (a: CostFunction, b: CostFunction) {
        let generator = hypothesisA ? modelA : modelB
        let data = try generator.pseudoData(at: truth, stream: &stream)
        let ma = hypothesisA ? data : try modelA.observing(data)
        let mb = hypothesisA ? try modelB.observing(data) : data
        return (CostFunction(errordef: 1) { ma.chi2($0) }, CostFunction(errordef: 1) { mb.chi2($0) })
    }
}
