import Statistics
import X17Physics

/// What a fit parameter stands for in the model.
public enum ParameterRole: Sendable, Equatable {
    case mass, epsP, epsN, epsU, epsD, aP, aN, branchingRatio
    /// The isoscalar axial coupling: a_p = a_n = a_0 (seed 000's main model, Eq. 55).
    case a0
    /// Lepton couplings: vector electron ε_e (units of e), axial electron a_e (absolute, like a_p), vector ν_e ε_ν.
    case epsE, aE, epsNu
    /// A nuclear input floated as a constrained nuisance parameter (its id in the nuclear file).
    case nuisance(inputID: String)
}

/// A fit parameter with its role and unit.
public struct ModelParameter: Sendable {
    public let spec: ParameterSpec
    public let role: ParameterRole
    public let unit: String
    public var name: String { spec.name }
}

/// How a data row is predicted from the parameters.
public enum Prediction: Sendable, Equatable {
    /// The parameter mX.
    case mass
    /// The symmetric-pair opening angle θ(mX, energy) in degrees.
    case angle(energy: Double)
    /// A rate observable of a transition, times BR(X → e⁺e⁻).
    case rate(Transition, RateObservable)
}

/// A Gaussian data row of the χ² (mass, angle, or rate measurement).
public struct DataTerm: Sendable {
    public let info: RowInfo
    public let prediction: Prediction
    public internal(set) var measurement: Measurement
    /// √(diagonal covariance) of the row, including any theory error.
    public let sigma: Double
}

/// A one-sided limit on a predicted rate: zero below 0, Gaussian of width `sigma` above.
public struct LimitTerm: Sendable {
    public let info: RowInfo
    public let prediction: Prediction
    public let bound: Double
    /// The χ² of the predicted rate.
    public let penalty: UpperLimitTerm
    public var sigma: Double { penalty.sigma }
}

/// A published fit entered as a Gaussian on a parameter plus a fixed χ² offset standing for dof + 1 points.
public struct SummaryTerm: Sendable {
    public let info: RowInfo
    public let index: Int
    public internal(set) var value: Double
    public let sigma: Double
    public internal(set) var offset: Double
    public let dof: Int
}

/// The χ² of a prior: a Gaussian, or zero below its centre and Gaussian above.
public enum PriorPenalty: Sendable, Equatable {
    case gaussian(GaussianPrior)
    case upperLimit(UpperLimitTerm)

    public var center: Double {
        switch self {
        case .gaussian(let g): g.center
        case .upperLimit(let u): u.center
        }
    }

    public var sigma: Double {
        switch self {
        case .gaussian(let g): g.sigma
        case .upperLimit(let u): u.sigma
        }
    }

    @inline(__always)
    public func chi2(_ value: Double) -> Double {
        switch self {
        case .gaussian(let g): g.chi2(value)
        case .upperLimit(let u): u.chi2(value)
        }
    }

    /// The same form and width around `center`, in place (throws, changing nothing, unless `center` is finite).
    mutating func recenter(_ center: Double) throws {
        switch self {
        case .gaussian(var g):
            try g.recenter(center)
            self = .gaussian(g)
        case .upperLimit(var u):
            try u.recenter(center)
            self = .upperLimit(u)
        }
    }
}

/// A prior on a parameter (optionally times √BR): Gaussian, or one-sided above its centre.
public struct PriorTerm: Sendable {
    public let info: RowInfo
    public let quantity: String
    public let index: Int
    public let scaledBySqrtBR: Bool
    public internal(set) var penalty: PriorPenalty
    public var center: Double { penalty.center }
    public var sigma: Double { penalty.sigma }
    public var oneSided: Bool { if case .upperLimit = penalty { true } else { false } }

    /// The constrained quantity at `x` (with BR = `br`).
    func value(at x: [Double], br: Double) -> Double {
        scaledBySqrtBR ? x[index] * br.squareRoot() : x[index]
    }

    /// This prior with its centre moved to `center` (pseudo-data).
    func recentered(_ center: Double) throws -> PriorTerm {
        var p = self
        try p.penalty.recenter(center)
        return p
    }
}

/// The Gaussian constraint of a floated nuclear input.
public struct NuisanceTerm: Sendable {
    public let info: RowInfo
    public let index: Int
    public internal(set) var penalty: GaussianPrior
    public var center: Double { penalty.center }
    public var sigma: Double { penalty.sigma }

    /// This constraint with its centre moved to `center` (pseudo-data).
    func recentered(_ center: Double) throws -> NuisanceTerm {
        var n = self
        try n.penalty.recenter(center)
        return n
    }
}

/// The χ² of one fit: parameter vector → predictions for every selected row → χ² with the data
/// covariance factorised once per correlated block, plus summaries, priors, limits and nuisance terms.
public struct FitModel: Sendable {
    /// What the model's copies share and never change, held by reference: a model is then a few words to
    /// copy (a cost function reading a model redrawn in place copies it at every call).
    final class Frame: Sendable {
        let parameters: [ModelParameter]
        let hypothesis: Hypothesis
        let isospin: IsospinTreatment
        let heConvention: HeConvention
        let limits: [LimitTerm]
        let baseInputs: NuclearInputs
        let roles: RoleIndex
        let ndofOverride: Int?

        init(parameters: [ModelParameter], hypothesis: Hypothesis, isospin: IsospinTreatment,
             heConvention: HeConvention, limits: [LimitTerm], baseInputs: NuclearInputs, roles: RoleIndex,
             ndofOverride: Int?) {
            self.parameters = parameters
            self.hypothesis = hypothesis
            self.isospin = isospin
            self.heConvention = heConvention
            self.limits = limits
            self.baseInputs = baseInputs
            self.roles = roles
            self.ndofOverride = ndofOverride
        }
    }

    let frame: Frame
    public var parameters: [ModelParameter] { frame.parameters }
    public var hypothesis: Hypothesis { frame.hypothesis }
    public var isospin: IsospinTreatment { frame.isospin }
    public var heConvention: HeConvention { frame.heConvention }
    public var limits: [LimitTerm] { frame.limits }
    var baseInputs: NuclearInputs { frame.baseInputs }
    var roles: RoleIndex { frame.roles }
    /// The spec's explicit `ndof`, when its convention differs from points − free parameters.
    var ndofOverride: Int? { frame.ndofOverride }
    // Observations (data values, summaries, prior and constraint centres) change in place for pseudo-data.
    public internal(set) var dataTerms: [DataTerm]
    public internal(set) var summaries: [SummaryTerm]
    public internal(set) var priors: [PriorTerm]
    public internal(set) var nuisances: [NuisanceTerm]
    /// Each block: a `MeasurementSet` (Cholesky factor built once) and the `dataTerms` indices it holds.
    var blocks: [(set: MeasurementSet, members: [Int])]
    /// Precomputed tables for the allocation-free χ² (nil when nuclear inputs are floated).
    var fast: FastChi2?
    /// External constraints (`constraints` in the spec): not data points, like priors.
    public internal(set) var constraints: [ConstraintTerm] = []

    init(parameters: [ModelParameter], hypothesis: Hypothesis, isospin: IsospinTreatment, heConvention: HeConvention,
         dataTerms: [DataTerm], limits: [LimitTerm], summaries: [SummaryTerm], priors: [PriorTerm],
         nuisances: [NuisanceTerm], blocks: [(set: MeasurementSet, members: [Int])], baseInputs: NuclearInputs,
         roles: RoleIndex, ndofOverride: Int?) {
        frame = Frame(parameters: parameters, hypothesis: hypothesis, isospin: isospin, heConvention: heConvention,
                      limits: limits, baseInputs: baseInputs, roles: roles, ndofOverride: ndofOverride)
        self.dataTerms = dataTerms
        self.summaries = summaries
        self.priors = priors
        self.nuisances = nuisances
        self.blocks = blocks
        fast = FastChi2(blocks: blocks, dataTerms: dataTerms, limits: limits, hypothesis: hypothesis,
                        isospin: isospin, inputs: baseInputs, floatsInputs: !roles.nuisances.isEmpty)
    }

    /// This model with other observations of the same rows (pseudo-data): the blocks' factors and the fast path's
    /// kernels are kept, so only the observed values and constraint centres change.
    func observing(dataTerms: [DataTerm], blocks: [(set: MeasurementSet, members: [Int])], summaries: [SummaryTerm],
                   priors: [PriorTerm], nuisances: [NuisanceTerm], constraints: [ConstraintTerm]? = nil) -> FitModel {
        var model = self
        model.dataTerms = dataTerms
        model.blocks = blocks
        model.summaries = summaries
        model.priors = priors
        model.nuisances = nuisances
        model.fast = fast?.observing(blocks)
        if let constraints { model.constraints = constraints }
        return model
    }

    struct RoleIndex: Sendable {
        var mass: Int?, epsP: Int?, epsN: Int?, epsU: Int?, epsD: Int?, aP: Int?, aN: Int?, a0: Int?, br: Int?
        var epsE: Int?, aE: Int?, epsNu: Int?
        var nuisances: [(index: Int, id: String)] = []
    }

    /// The physics quantities at one parameter point.
    public struct Point: Sendable {
        public var mX = 0.0, epsP = 0.0, epsN = 0.0, aP = 0.0, aN = 0.0, br = 1.0
        public var inputs: NuclearInputs
        /// The nucleon couplings of the point.
        public var couplings: XCouplings { XCouplings(epsP: epsP, epsN: epsN, aP: aP, aN: aN) }
    }

    /// Data points for the dof count: Gaussian data rows, dof + 1 per summary, one per floated nuisance
    /// (its constraint), limits, priors and external constraints excluded (D&G: 11 = 11 angles + 3 widths − 3 parameters).
    public var dataPoints: Int {
        dataTerms.count + summaries.reduce(0) { $0 + $1.dof + 1 } + nuisances.count
    }

    /// Free parameters.
    public var freeParameters: Int { parameters.filter { !$0.spec.fixed }.count }

    /// dof = data points − free parameters, unless the spec states `ndof` (e.g. D&G's fixed-mass rows, where
    /// mX was fitted to the same data and still counts: 11, not 12).
    public var ndof: Int { ndofOverride ?? (dataPoints - freeParameters) }

    /// The constant χ² carried by summary rows.
    public var chi2Offset: Double { summaries.reduce(0) { $0 + $1.offset } }

    public func point(_ x: [Double]) throws -> Point {
        let c = couplings(x)
        let n = c.nucleon
        var p = Point(mX: c.mX, epsP: n.epsP, epsN: n.epsN, aP: n.aP, aN: n.aN, br: c.br, inputs: baseInputs)
        if !roles.nuisances.isEmpty {
            var values: [String: Double] = [:]
            for (index, id) in roles.nuisances { values[id] = x[index] }
            p.inputs = try NuclearInputs(values: values, base: baseInputs)
        }
        return p
    }

    /// The prediction for one row at a physics point: mX, the opening angle (Kinematics), or the rate of
    /// `RateKernel` built from the point's nuclear inputs (the one prediction path, X17Physics).
    public func predict(_ prediction: Prediction, at p: Point) throws -> Double {
        switch prediction {
        case .mass:
            return p.mX
        case .angle(let energy):
            return try Self.angle(mX: p.mX, energy: energy)
        case .rate(let t, let observable):
            let kernel = try RateKernel(observable, transition: t, hypothesis: hypothesis, isospin: isospin, inputs: p.inputs)
            return try kernel.evaluate(mX: p.mX, couplings: p.couplings, branchingRatio: p.br, inputs: p.inputs)
        }
    }

    /// The symmetric-pair opening angle in degrees; above threshold θ → 180° continuously (the pair is emitted
    /// at rest), keeping the χ² smooth.
    @inline(__always)
    static func angle(mX: Double, energy: Double) throws -> Double {
        guard mX < energy else { return 180 }
        return try Kinematics.openingAngle(mX: mX, energy: energy)
    }

    /// Predictions for every data term, in order.
    public func predictions(_ x: [Double]) throws -> [Double] {
        let p = try point(x)
        return try dataTerms.map { try predict($0.prediction, at: p) }
    }

    /// The total χ² (data blocks + summaries with their offsets + priors + limits + nuisance constraints).
    /// Returns NaN where the physics cannot be evaluated (the minimizer treats it as a forbidden region).
    public func chi2(_ x: [Double]) -> Double {
        if let fast { return fastChi2(x, fast) }
        return generalChi2(x)
    }

    /// `chi2` evaluated term by term through `point` and `predict` (any model, floated inputs included).
    func generalChi2(_ x: [Double]) -> Double {
        guard let p = try? point(x) else { return .nan }
        var total = 0.0
        do {
            for block in blocks {
                let predicted = try block.members.map { try predict(dataTerms[$0].prediction, at: p) }
                total += try block.set.chi2(predicted: predicted)
            }
            for limit in limits { total += limit.penalty.chi2(try predict(limit.prediction, at: p)) }
        } catch {
            return .nan
        }
        addConstraints(x, br: p.br, to: &total)
        return total
    }

    /// Every χ² term at `x` with observed, predicted, σ and pull = (predicted − observed)/σ.
    public func terms(at x: [Double]) throws -> [TermResult] {
        let p = try point(x)
        var out: [TermResult] = []
        for term in dataTerms {
            let predicted = try predict(term.prediction, at: p)
            out.append(TermResult(
                kind: "measurement", dataset: term.info.dataset, id: term.info.id, observed: term.measurement.value,
                predicted: predicted, sigma: term.sigma))
        }
        for limit in limits {
            let predicted = try predict(limit.prediction, at: p)
            var t = TermResult(kind: "upper_limit", dataset: limit.info.dataset, id: limit.info.id, observed: 0,
                               predicted: predicted, sigma: limit.sigma)
            if predicted < 0 { t.pull = 0 }
            out.append(t)
        }
        for s in summaries {
            out.append(TermResult(kind: "summary", dataset: s.info.dataset, id: s.info.id, observed: s.value,
                                  predicted: x[s.index], sigma: s.sigma, chi2Offset: s.offset))
        }
        for prior in priors {
            let q = prior.value(at: x, br: p.br)
            var t = TermResult(kind: prior.oneSided ? "prior_upper_limit" : "prior", dataset: prior.info.dataset,
                               id: prior.info.id, observed: prior.center, predicted: q, sigma: prior.sigma)
            if prior.oneSided && q < prior.center { t.pull = 0 }
            out.append(t)
        }
        for n in nuisances {
            out.append(TermResult(kind: "nuisance", dataset: n.info.dataset, id: n.info.id, observed: n.center,
                                  predicted: x[n.index], sigma: n.sigma))
        }
        out += try constraintResults(at: x, br: p.br)
        return out
    }
}
