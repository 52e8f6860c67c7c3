import LinearAlgebra
import Statistics
import X17Physics

/// The tables behind `FitModel.chi2`'s allocation-free path: every data block's Cholesky factor,
/// observed values and prediction kernels (`RateKernel`s built once from the base nuclear inputs).
///
/// Built only for models whose nuclear inputs are not floated (a nuisance changes the inputs at every
/// call) and whose kernels all build; the others keep the general path. Both paths evaluate the same
/// `RateKernel`, so they return the same bits (checked by PredictionPathTests).
struct FastChi2: Sendable {
    /// How a row is predicted; rate kernels are kept apart in `rates` (an enum carrying one would be copied,
    /// through a memory copy, at every evaluation).
    enum Kernel: Sendable {
        case mass
        case angle(energy: Double)
        case rate(Int)
    }

    /// `FitModel.predict` for a row.
    @inline(__always)
    func predict(_ kernel: Kernel, _ c: Couplings, inputs: NuclearInputs) throws -> Double {
        switch kernel {
        case .mass: return c.mX
        case .angle(let energy): return try FitModel.angle(mX: c.mX, energy: energy)
        case .rate(let k):
            return try rates[k].evaluate(mX: c.mX, couplings: c.nucleon, branchingRatio: c.br, inputs: inputs)
        }
    }

    struct Block: Sendable {
        let factor: Cholesky
        var observed: [Double]
        let kernels: [Kernel]
    }

    private(set) var blocks: [Block]
    let limitKernels: [Kernel]
    let rates: [RateKernel]
    /// The largest block (size of the residual scratch buffer).
    let scratch: Int

    /// These tables with each block's observed values from `blocks` (same blocks, other values): kernels and
    /// factors are kept.
    func observing(_ blocks: [(set: MeasurementSet, members: [Int])]) -> FastChi2 {
        var copy = self
        copy.blocks = zip(self.blocks, blocks).map { Block(factor: $0.factor, observed: $1.set.values, kernels: $0.kernels) }
        return copy
    }

    /// Block `b`'s observed values set to `values` (same count), in place.
    mutating func setObserved(_ b: Int, _ values: [Double]) {
        for i in values.indices { blocks[b].observed[i] = values[i] }
    }

    init?(blocks: [(set: MeasurementSet, members: [Int])], dataTerms: [DataTerm], limits: [LimitTerm],
          hypothesis: Hypothesis, isospin: IsospinTreatment, inputs: NuclearInputs, floatsInputs: Bool) {
        guard !floatsInputs else { return nil }
        var rates: [RateKernel] = []
        func kernel(_ p: Prediction) throws -> Kernel {
            switch p {
            case .mass: return .mass
            case .angle(let e): return .angle(energy: e)
            case .rate(let t, let o):
                rates.append(try RateKernel(o, transition: t, hypothesis: hypothesis, isospin: isospin, inputs: inputs))
                return .rate(rates.count - 1)
            }
        }
        do {
            self.blocks = try blocks.map { b in
                Block(factor: b.set.factor, observed: b.set.values,
                      kernels: try b.members.map { try kernel(dataTerms[$0].prediction) })
            }
            limitKernels = try limits.map { try kernel($0.prediction) }
        } catch {
            return nil
        }
        self.rates = rates
        scratch = blocks.map(\.set.count).max() ?? 0
    }
}

/// The physics scalars of a parameter point (`FitModel.Point` without the nuclear inputs).
struct Couplings {
    var mX = 0.0, br = 1.0
    var nucleon = XCouplings()
}

/// Thrown inside the fast path where `MeasurementSet.validatePrediction` would throw.
private struct NonFinitePrediction: Error {}

extension FitModel {
    func couplings(_ x: [Double]) -> Couplings {
        var c = Couplings()
        if let i = roles.mass { c.mX = x[i] }
        if let i = roles.epsP, let j = roles.epsN { (c.nucleon.epsP, c.nucleon.epsN) = (x[i], x[j]) }
        if let i = roles.epsU, let j = roles.epsD {
            (c.nucleon.epsP, c.nucleon.epsN) = QuarkCouplings.nucleonVector(epsU: x[i], epsD: x[j])
        }
        if let i = roles.aP, let j = roles.aN { (c.nucleon.aP, c.nucleon.aN) = (x[i], x[j]) }
        if let i = roles.a0 { (c.nucleon.aP, c.nucleon.aN) = (x[i], x[i]) }
        if let i = roles.br { c.br = x[i] } else if roles.epsNu != nil { c.br = leptonBranchingRatio(x) }
        return c
    }

    /// `chi2` through the precomputed tables: no allocation besides one stack buffer.
    func fastChi2(_ x: [Double], _ fast: FastChi2) -> Double {
        let c = couplings(x)
        var total = 0.0
        do {
            try withUnsafeTemporaryAllocation(of: Double.self, capacity: max(fast.scratch, 1)) { buffer in
                for b in fast.blocks.indices {
                    let n = fast.blocks[b].observed.count
                    let r = UnsafeMutableBufferPointer(rebasing: buffer[0..<n])
                    for i in 0..<n {
                        let predicted = try fast.predict(fast.blocks[b].kernels[i], c, inputs: frame.baseInputs)
                        guard predicted.isFinite else { throw NonFinitePrediction() }
                        r[i] = predicted - fast.blocks[b].observed[i]
                    }
                    total += fast.blocks[b].factor.quadraticForm(inPlace: r)
                }
            }
            for k in limits.indices {
                let predicted = try fast.predict(fast.limitKernels[k], c, inputs: frame.baseInputs)
                total += limits[k].penalty.chi2(predicted)
            }
        } catch {
            return .nan
        }
        addConstraints(x, br: c.br, to: &total)
        return total
    }

    /// Adds summaries (with their offsets), priors and nuisance constraints to `total`, in that order.
    func addConstraints(_ x: [Double], br: Double, to total: inout Double) {
        for s in summaries {
            let r = (x[s.index] - s.value) / s.sigma
            total += r * r + s.offset
        }
        // Fields read in place: a method call on the term here would copy the whole term at every call.
        for k in priors.indices {
            let q = priors[k].scaledBySqrtBR ? x[priors[k].index] * br.squareRoot() : x[priors[k].index]
            total += priors[k].penalty.chi2(q)
        }
        for k in nuisances.indices { total += nuisances[k].penalty.chi2(x[nuisances[k].index]) }
        addExternalConstraints(x, br: br, to: &total)
    }
}
