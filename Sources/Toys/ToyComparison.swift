import LinearAlgebra
import Minimizer

/// Two hypotheses fitted to the same data: pseudo-data generated under either are fitted by both.
public protocol ToyComparisonModel: Sendable {
    /// The parameters of hypothesis A and B (values: starting points of the fits).
    var parametersA: [Parameter] { get }
    var parametersB: [Parameter] { get }
    /// The χ² of A and of B for one pseudo-experiment generated under `hypothesisA ? A : B` at `truth`
    /// (that hypothesis's parameters).
    func pseudoExperiment(underA hypothesisA: Bool, truth: [Double], stream: inout ToyRandomStream) throws
        -> (a: CostFunction, b: CostFunction)
}

/// Δχ² = χ²_min(B) − χ²_min(A) of one toy (nil when either fit failed).
public struct ComparisonToy: Codable, Sendable, Equatable {
    public var index: Int
    public var deltaChi2: Double?
}

/// The toy distributions of Δχ² = χ²_min(B) − χ²_min(A) under A and under B, each generated at that
/// hypothesis's best fit of the observed data. Toy i under A uses stream (seed, i), under B (seed, 2⁶³ + i).
public struct ToyComparison<Model: ToyComparisonModel>: Sendable {
    public let model: Model
    public let truthA: [Double]
    public let truthB: [Double]
    public let options: ToyOptions

    public init(model: Model, truthA: [Double], truthB: [Double], options: ToyOptions) {
        self.model = model
        self.truthA = truthA
        self.truthB = truthB
        self.options = options
    }

    /// Toys `range` under A (`underA`) or B, `options.threads` chunks at a time.
    public func run(underA: Bool, _ range: Range<Int>, progress: (@Sendable (ToyProgress) -> Void)? = nil) async -> [ComparisonToy] {
        await parallelToys(range, threads: options.threads, failed: { $0.deltaChi2 == nil }, progress: progress,
                           worker: { [self] in fits() }) { [self] fits, index in
            toy(index, underA: underA, fits: fits)
        }
    }

    /// The fits of A and B, each started at its best fit of the observed data, then at its spec's values.
    func fits() -> (a: ToyFit, b: ToyFit) {
        (ToyFit(model.parametersA, truth: truthA, strategy: options.strategy),
         ToyFit(model.parametersB, truth: truthB, strategy: options.strategy))
    }

    func toy(_ index: Int, underA: Bool, fits: (a: ToyFit, b: ToyFit)? = nil) -> ComparisonToy {
        let fits = fits ?? self.fits()
        var stream = ToyRandomStream(seed: options.seed, stream: (underA ? 0 : 1 << 63) | UInt64(index))
        guard let costs = try? model.pseudoExperiment(underA: underA, truth: underA ? truthA : truthB, stream: &stream),
              let a = fits.a.minimum(costs.a).result?.fval,
              let b = fits.b.minimum(costs.b).result?.fval else {
            return ComparisonToy(index: index, deltaChi2: nil)
        }
        return ComparisonToy(index: index, deltaChi2: b - a)
    }
}

/// Where the observed Δχ² falls in the toy distributions under A and under B.
public struct ComparisonSummary: Codable, Sendable, Equatable {
    public var observedDeltaChi2: Double
    /// P_A(Δχ² ≤ observed): how unusual a Δχ² this favourable to B is if A is true.
    public var pValueUnderA: BinomialFraction
    /// P_B(Δχ² ≥ observed): how unusual a Δχ² this favourable to A is if B is true.
    public var pValueUnderB: BinomialFraction
    public var failedUnderA: Int
    public var failedUnderB: Int
    public var meanUnderA: Double?
    public var meanUnderB: Double?

    enum CodingKeys: String, CodingKey {
        case observedDeltaChi2 = "observed_delta_chi2", pValueUnderA = "pvalue_under_a", pValueUnderB = "pvalue_under_b"
        case failedUnderA = "failed_under_a", failedUnderB = "failed_under_b", meanUnderA = "mean_under_a"
        case meanUnderB = "mean_under_b"
    }

    public init(observed: Double, underA: [ComparisonToy], underB: [ComparisonToy]) {
        observedDeltaChi2 = observed
        let a = underA.compactMap(\.deltaChi2), b = underB.compactMap(\.deltaChi2)
        pValueUnderA = BinomialFraction(count: a.filter { $0 <= observed }.count, total: a.count)
        pValueUnderB = BinomialFraction(count: b.filter { $0 >= observed }.count, total: b.count)
        failedUnderA = underA.count - a.count
        failedUnderB = underB.count - b.count
        meanUnderA = a.isEmpty ? nil : a.reduce(0, +) / Double(a.count)
        meanUnderB = b.isEmpty ? nil : b.reduce(0, +) / Double(b.count)
    }
}
