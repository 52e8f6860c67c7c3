import LinearAlgebra
import Minimizer

/// Settings of a toy study.
public struct ToyOptions: Sendable {
    public var seed: UInt64
    /// Run MINOS (68.27 % and 95 %) on every free parameter of every toy.
    public var minos: Bool
    public var strategy: Int
    public var threads: Int
    public init(seed: UInt64, minos: Bool = false, strategy: Int = 1, threads: Int = 1) {
        self.seed = seed
        self.minos = minos
        self.strategy = strategy
        self.threads = threads
    }
}

/// Progress of a toy study, reported after every finished chunk.
public struct ToyProgress: Sendable {
    public let done: Int
    public let total: Int
    public let failed: Int
}

/// Pseudo-experiments of `model` generated at `truth`, each refitted with MIGRAD + HESSE (+ MINOS).
///
/// Toy i draws its numbers from ``ToyRandomStream`` (seed, i) and nothing else, so a study is
/// bit-identical for any thread count and any split of the index range into shards.
public struct ToyStudy<Model: ToyModel>: Sendable {
    public let model: Model
    public let truth: [Double]
    public let options: ToyOptions
    /// Declaration-order indices of the free parameters.
    public let freeIndices: [Int]

    public init(model: Model, truth: [Double], options: ToyOptions) {
        self.model = model
        self.truth = truth
        self.options = options
        freeIndices = model.parameters.indices.filter { !model.parameters[$0].fixed }
    }

    /// The free parameters' names.
    public var freeNames: [String] { freeIndices.map { model.parameters[$0].name } }

    /// Toys `range` (indices into the study), computed `options.threads` chunks at a time.
    public func run(_ range: Range<Int>, progress: (@Sendable (ToyProgress) -> Void)? = nil) async -> [ToyRecord] {
        await parallelToys(range, threads: options.threads, failed: { $0.status == .failed }, progress: progress,
                           worker: { [self] in ToyWorker(model: model, truth: truth, strategy: options.strategy) }) {
            [self] worker, index in fit(toy: index, worker: worker)
        }
    }

    /// One toy: pseudo-data from stream (seed, index), fitted from the generating values, then once more from
    /// the model's own starting values if that failed.
    public func fit(toy index: Int) -> ToyRecord {
        fit(toy: index, worker: ToyWorker(model: model, truth: truth, strategy: options.strategy))
    }

    func fit(toy index: Int, worker: ToyWorker) -> ToyRecord {
        var stream = ToyRandomStream(seed: options.seed, stream: UInt64(index))
        guard let cost = try? worker.generator.draw(&stream) else {
            return ToyRecord(index: index, status: .failed, nfcn: 0)
        }
        if options.minos { return fitWithMinos(toy: index, cost) }
        let (h, attempt, calls) = worker.fit.minimum(cost)
        guard let h else { return ToyRecord(index: index, status: .failed, nfcn: calls) }
        return ToyRecord(index: index, status: attempt == 0 ? .ok : .retried, chi2: h.fval,
                         values: h.freeValues, errors: h.freeErrors, nfcn: calls)
    }

    /// ``fit(toy:)`` with MINOS (68.27 % and 95 %) on every free parameter after HESSE.
    private func fitWithMinos(toy index: Int, _ cost: CostFunction) -> ToyRecord {
        var calls = 0
        for (attempt, start) in [model.parameters.starting(at: truth), model.parameters].enumerated() {
            guard var m = try? Minuit(cost, parameters: start) else { continue }
            m.strategy = options.strategy
            m.migrad()
            let h = m.hesse()
            calls = calls + m.nfcn
            guard h.isValid, h.fval.isFinite else { continue }
            let (values, errors) = (h.values, h.errors)
            var record = ToyRecord(index: index, status: attempt == 0 ? .ok : .retried, chi2: h.fval,
                                   values: freeIndices.map { values[$0] }, errors: freeIndices.map { errors[$0] },
                                   nfcn: calls)
            let before = m.nfcn
            record.minos68 = minosIntervals(&m, cl: nil, values: values)
            record.minos95 = minosIntervals(&m, cl: 0.95, values: values)
            record.nfcn += m.nfcn - before
            return record
        }
        return ToyRecord(index: index, status: .failed, nfcn: calls)
    }

    private func minosIntervals(_ m: inout Minuit, cl: Double?, values: [Double]) -> [ToyInterval?] {
        let names = freeNames
        guard let errors = try? m.minos(names, cl: cl) else { return names.map { _ in nil } }
        return zip(freeIndices, names).map { i, name in
            guard let e = errors[name], e.isValid, e.lower.isFinite, e.upper.isFinite else { return nil }
            return ToyInterval(lower: values[i] + e.lower, upper: values[i] + e.upper)
        }
    }
}

/// What one task keeps between its toys: the pseudo-experiment generator and the fits' buffers.
final class ToyWorker {
    let generator: any ToyGenerator
    let fit: ToyFit

    init<Model: ToyModel>(model: Model, truth: [Double], strategy: Int) {
        generator = model.generator(truth: truth)
        fit = ToyFit(model.parameters, truth: truth, strategy: strategy)
    }
}
