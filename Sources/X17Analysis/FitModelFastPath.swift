import LinearAlgebra
import Statistics
import X17Physics

/// The tables behind `FitModel.chi2`'s allocation-free path: every data block's Cholesky factor,
/// observed values and prediction kernels, with the ⁸Be isospin coefficients and M_E0 looked up once.
///
/// Built only for models whose nuclear inputs are not floated (a nuisance changes the inputs at every
/// call); those keep the general path. The kernels call the same X17Physics functions in the same
/// order as `FitModel.predict`, so both paths return the same bits (checked by ModelTests).
struct FastChi2: Sendable {
    enum Kernel: Sendable {
        case mass
        case angle(energy: Double)
        /// A ⁸Be vector rate with its isospin coefficient resolved.
        case beryllium(Transition, isospinCoefficient: Double)
        case rate(Transition, RateObservable)
    }

    struct Block: Sendable {
        let factor: Cholesky
        let observed: [Double]
        let kernels: [Kernel]
    }

    let blocks: [Block]
    let limitKernels: [Kernel]
    /// The largest block (size of the residual scratch buffer).
    let scratch: Int
    let e0MatrixElement_fm2: Double

    init?(blocks: [(set: MeasurementSet, members: [Int])], dataTerms: [DataTerm], limits: [LimitTerm],
          hypothesis: Hypothesis, isospin: IsospinTreatment, inputs: NuclearInputs, floatsInputs: Bool) {
        guard !floatsInputs else { return nil }
        func kernel(_ p: Prediction) -> Kernel {
            switch p {
            case .mass: return .mass
            case .angle(let e): return .angle(energy: e)
            case .rate(let t, let o):
                if hypothesis == .vector, o != .gammaXeV, t == .be8_18_15 || t == .be8_17_64,
                   let a = try? inputs.isospinCoefficient(t, isospin) {
                    return .beryllium(t, isospinCoefficient: a)
                }
                return .rate(t, o)
            }
        }
        self.blocks = blocks.map { b in
            Block(factor: b.set.factor, observed: b.set.values, kernels: b.members.map { kernel(dataTerms[$0].prediction) })
        }
        limitKernels = limits.map { kernel($0.prediction) }
        scratch = blocks.map(\.set.count).max() ?? 0
        e0MatrixElement_fm2 = inputs.heliumE0MatrixElement_fm2
    }
}

/// The physics scalars of a parameter point (`FitModel.Point` without the nuclear inputs).
struct Couplings {
    var mX = 0.0, epsP = 0.0, epsN = 0.0, aP = 0.0, aN = 0.0, br = 1.0
}

/// Thrown inside the fast path where `MeasurementSet.validatePrediction` would throw.
private struct NonFinitePrediction: Error {}

extension FitModel {
    func couplings(_ x: [Double]) -> Couplings {
        var c = Couplings()
        if let i = roles.mass { c.mX = x[i] }
        if let i = roles.epsP, let j = roles.epsN { (c.epsP, c.epsN) = (x[i], x[j]) }
        if let i = roles.epsU, let j = roles.epsD { (c.epsP, c.epsN) = QuarkCouplings.nucleonVector(epsU: x[i], epsD: x[j]) }
        if let i = roles.aP, let j = roles.aN { (c.aP, c.aN) = (x[i], x[j]) }
        if let i = roles.br { c.br = x[i] } else if roles.epsNu != nil { c.br = leptonBranchingRatio(x) }
        return c
    }

    /// `predict` for a kernel, with the base nuclear inputs.
    @inline(__always)
    func predict(_ k: FastChi2.Kernel, _ c: Couplings, _ fast: FastChi2) throws -> Double {
        switch k {
        case .mass:
            return c.mX
        case .angle(let energy):
            guard c.mX < energy else { return 180 }
            return try Kinematics.openingAngle(mX: c.mX, energy: energy)
        case .beryllium(let t, let a):
            guard c.mX < t.energy else { return 0 }
            var rate = 0.0
            rate += try VectorRates.berylliumRatio(t, mX: c.mX, epsP: c.epsP, epsN: c.epsN, isospinCoefficient: a)
            return rate * c.br
        case .rate(let t, let observable):
            guard c.mX < t.energy else { return 0 }
            var rate = 0.0
            switch observable {
            case .gammaXeV:
                rate = try VectorRates.heliumWidthX_eV(mX: c.mX, epsP: c.epsP, epsN: c.epsN,
                                                       e0MatrixElement_fm2: fast.e0MatrixElement_fm2)
            case .bxGamma, .bxE0:
                if hypothesis != .axial {
                    rate += try VectorRates.ratio(t, mX: c.mX, epsP: c.epsP, epsN: c.epsN, isospin: isospin, inputs: baseInputs)
                }
                if hypothesis != .vector {
                    rate += try AxialRates.ratio(t, mX: c.mX, aP: c.aP, aN: c.aN, inputs: baseInputs)
                }
            }
            return rate * c.br
        }
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
                        let predicted = try predict(fast.blocks[b].kernels[i], c, fast)
                        guard predicted.isFinite else { throw NonFinitePrediction() }
                        r[i] = predicted - fast.blocks[b].observed[i]
                    }
                    total += fast.blocks[b].factor.quadraticForm(inPlace: r)
                }
            }
            for k in limits.indices {
                let r = try predict(fast.limitKernels[k], c, fast) / limits[k].sigma
                if r > 0 { total += r * r }
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
        for prior in priors {
            let r = (priorQuantity(prior, x, br: br) - prior.center) / prior.sigma
            if !prior.oneSided || r > 0 { total += r * r }
        }
        for n in nuisances {
            let r = (x[n.index] - n.center) / n.sigma
            total += r * r
        }
        addExternalConstraints(x, br: br, to: &total)
    }
}
