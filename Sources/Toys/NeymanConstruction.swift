import LinearAlgebra
import Minimizer

/// The toy-calibrated test at one point of a grid of parameters of interest.
public struct NeymanPoint: Codable, Sendable, Equatable {
    /// The point's coordinates (one per parameter of interest).
    public var coordinates: [Double]
    /// Observed t = χ²(point, others profiled) − χ²_min: the profiled Δχ² that Wilks' theorem calibrates.
    public var observed: Double?
    /// Toy quantiles of t under the point (generated at the point with the others at their profiled values),
    /// one per confidence level.
    public var quantiles: [Double?]
    /// Whether the point is inside the calibrated region at each level (observed ≤ quantile).
    public var accepted: [Bool]
    /// Toys whose two fits converged / failed.
    public var converged: Int
    public var failed: Int
}

/// Neyman construction with Feldman–Cousins (likelihood-ratio) ordering on a grid of parameters of interest,
/// the other free parameters profiled: at each point, the distribution of t = χ²(point) − χ²_min over toys
/// generated at the point gives the critical value of each level; the calibrated region is where the observed t
/// is below it. A parameter's limits are its physical boundary (χ²_min is found inside them).
///
/// Toy i of point k uses stream (seed, k·2³² + i): the result is bit-identical for any thread count and any
/// split of the points.
public struct NeymanConstruction<Model: ToyModel>: Sendable {
    public let model: Model
    /// The χ² of the observed data.
    public let observed: CostFunction
    /// Declaration-order indices of the parameters of interest.
    public let interest: [Int]
    /// Confidence levels, e.g. [0.6827, 0.95].
    public let levels: [Double]
    public let toys: Int
    public let options: ToyOptions

    public init(model: Model, observed: CostFunction, interest: [Int], levels: [Double], toys: Int, options: ToyOptions) {
        self.model = model
        self.observed = observed
        self.interest = interest
        self.levels = levels
        self.toys = toys
        self.options = options
    }

    /// The points `points` (each a coordinate list), `options.threads` at a time; `firstIndex` is the index of
    /// `points[0]` in the whole grid (its streams). `starts` (all parameters, one list per point) start the
    /// conditional fits of the observed data, e.g. a profile grid's solutions; `observedMinimum` is χ²_min of the
    /// observed data (nil: fitted from the model's parameters).
    public func run(_ points: [[Double]], firstIndex: Int = 0, starts: [[Double]]? = nil, observedMinimum: Double? = nil,
                    progress: (@Sendable (ToyProgress) -> Void)? = nil) async -> [NeymanPoint] {
        setBLASThreads(1)
        let global = observedMinimum ?? fit(observed, start: model.parameters)?.fval
        var out = [NeymanPoint?](repeating: nil, count: points.count)
        var done = 0, failed = 0
        await withTaskGroup(of: (Int, NeymanPoint).self) { group in
            var next = 0
            func launch() {
                let k = next
                next += 1
                let start = starts?[k]
                group.addTask { [self] in (k, point(points[k], index: firstIndex + k, observedMinimum: global, start: start)) }
            }
            while next < min(options.threads, points.count) { launch() }
            while let (k, p) = await group.next() {
                out[k] = p
                done += 1
                failed += p.failed
                progress?(ToyProgress(done: done, total: points.count, failed: failed))
                if next < points.count { launch() }
            }
        }
        return out.map { $0! }
    }

    /// One grid point.
    public func point(_ coordinates: [Double], index: Int, observedMinimum: Double?, start: [Double]? = nil) -> NeymanPoint {
        var pinned = start.map { model.parameters.starting(at: $0) } ?? model.parameters
        for (k, i) in interest.enumerated() {
            pinned[i].value = coordinates[k]
            pinned[i].fixed = true
        }
        let conditional = fit(observed, start: pinned)
        let t = observedMinimum.flatMap { m in conditional.map { max($0.fval - m, 0) } }
        var statistics: [Double] = []
        var failed = 0
        if let conditional {
            var truth = conditional.values
            for (k, i) in interest.enumerated() { truth[i] = coordinates[k] }
            let free = model.parameters.starting(at: truth)
            var fixed = free
            for i in interest {
                fixed[i].fixed = true
                fixed[i].value = truth[i]
            }
            let generator = model.generator(truth: truth)
            let bestFit = ToyFit(model.parameters, truth: truth, strategy: options.strategy)
            let pinnedFit = fixed.contains(where: { !$0.fixed })
                ? ToyFit(fixed, starts: [fixed.map(\.value)], strategy: options.strategy) : nil
            for toy in 0..<toys {
                var stream = ToyRandomStream(seed: options.seed, stream: UInt64(index) << 32 | UInt64(toy))
                guard let cost = try? generator.draw(&stream),
                      let best = bestFit.minimum(cost).result?.fval,
                      let atPoint = pinnedFit == nil ? fixedValue(cost, fixed) : pinnedFit?.minimum(cost).result?.fval
                else { failed += 1; continue }
                statistics.append(max(atPoint - best, 0))
            }
        } else {
            failed = toys
        }
        statistics.sort()
        let quantiles: [Double?] = levels.map { cl in
            guard !statistics.isEmpty else { return nil }
            let k = min(statistics.count - 1, max(0, Int((cl * Double(statistics.count)).rounded(.up)) - 1))
            return statistics[k]
        }
        return NeymanPoint(coordinates: coordinates, observed: t, quantiles: quantiles,
                           accepted: quantiles.map { q in q.flatMap { q in t.map { $0 <= q } } ?? false },
                           converged: statistics.count, failed: failed)
    }

    /// MIGRAD + HESSE from `start`; nil unless valid. With every parameter fixed, the cost at `start`.
    func fit(_ cost: CostFunction, start: [Parameter]) -> (fval: Double, values: [Double])? {
        guard start.contains(where: { !$0.fixed }) else { return fixedValue(cost, start).map { ($0, start.map(\.value)) } }
        guard let h = ToyFit(start, starts: [start.map(\.value)], strategy: options.strategy).minimum(cost).result
        else { return nil }
        return (h.fval, h.values)
    }

    /// The cost at `start` (every parameter fixed); nil unless finite.
    private func fixedValue(_ cost: CostFunction, _ start: [Parameter]) -> Double? {
        let f = cost(start.map(\.value))
        return f.isFinite ? f : nil
    }
}
