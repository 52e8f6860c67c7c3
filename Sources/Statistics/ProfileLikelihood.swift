import LinearAlgebra
import Minimizer

/// Profile likelihood of a fit in one or two parameters: the global minimum, and χ² at any point
/// with the scanned parameters fixed and every other free parameter minimised (`.profiled`) or
/// held at its best-fit value (`.sliced`).
///
/// Computing a point never depends on anything but its inputs, so grids built from it are
/// bit-identical for any number of threads and any sharding.
public struct ProfileLikelihood: Sendable {
    public let kind: ScanKind
    /// The scanned parameters (one or two).
    public let scanned: [String]
    /// Free parameters minimised at each point (empty for a slice), in declaration order.
    public let profiledParameters: [String]
    /// χ² at the global minimum.
    public let chi2Min: Double
    /// All parameter values at the global minimum, in declaration order.
    public let bestFitValues: [Double]
    public let parameterNames: [String]
    /// The fit at the global minimum with the scanned parameters fixed.
    let base: Minuit
    /// Extra starting points tried at every grid point: the images of the best fit under
    /// `alternativeStarts` (e.g. exact symmetries of the χ²), so a warm-start chain cannot stay on a
    /// local branch. Only starts that differ from the best fit in a profiled parameter are kept.
    let alternatives: [Minuit]
    /// The symmetry images given as `alternativeStarts`, also applied at each point to the point's own
    /// solution, so a local minimum on the wrong branch is compared with its mirror image.
    let images: @Sendable ([Double]) -> [[Double]]
    let scannedIndices: [Int]
    let profiledIndices: [Int]

    /// Runs MIGRAD on a copy of `minuit` for the global minimum, then prepares profiling.
    /// `tolerance` overrides the fit's EDM tolerance at grid points (nil: keep it).
    public init(_ minuit: Minuit, scanning names: [String], kind: ScanKind = .profiled,
                tolerance: Double? = nil,
                alternativeStarts: @escaping @Sendable ([Double]) -> [[Double]] = { _ in [] }) throws {
        guard names.count == 1 || names.count == 2 else {
            throw StatisticsError.invalidGrid("scan one or two parameters, got \(names.count)")
        }
        if names.count == 2, names[0] == names[1] {
            throw StatisticsError.invalidGrid("x and y are the same parameter '\(names[0])'")
        }
        let all = minuit.parameters.map(\.name)
        var indices: [Int] = []
        for n in names {
            guard let i = all.firstIndex(of: n) else { throw StatisticsError.unknownParameter(name: n, known: all) }
            guard !minuit.parameters[i].fixed else {
                throw StatisticsError.invalidGrid("parameter '\(n)' is fixed in the fit; release it to scan it")
            }
            indices.append(i)
        }
        var fit = minuit
        if let t = tolerance { fit.tolerance = t }
        let best = fit.migrad()
        guard best.isValid else {
            throw StatisticsError.minimizer("the global fit did not converge (\(best.fval) after \(best.nfcn) calls)")
        }
        var base = fit
        for i in indices {
            do { try base.fix(all[i]) } catch { throw StatisticsError.minimizer(String(describing: error)) }
        }
        self.kind = kind
        self.scanned = names
        self.scannedIndices = indices
        self.parameterNames = all
        self.chi2Min = best.fval
        self.bestFitValues = best.values
        let profiled = (0..<all.count).filter { !minuit.parameters[$0].fixed && !indices.contains($0) }
        self.profiledIndices = kind == .profiled ? profiled : []
        self.profiledParameters = kind == .profiled ? profiled.map { all[$0] } : []
        self.base = base
        var alternatives: [Minuit] = []
        let bestValues = best.values
        for start in alternativeStarts(bestValues) {
            guard start.count == all.count, start.allSatisfy(\.isFinite) else {
                throw StatisticsError.countMismatch(quantity: "alternative start", expected: all.count, got: start.count)
            }
            guard self.profiledIndices.contains(where: { start[$0] != bestValues[$0] }) else { continue }
            var m = base
            var p = m.parameters
            for i in self.profiledIndices {
                var v = start[i]
                if let lo = p[i].lower { v = max(v, lo) }
                if let hi = p[i].upper { v = min(v, hi) }
                p[i].value = v
            }
            m.parameters = p
            alternatives.append(m)
        }
        self.alternatives = alternatives
        self.images = alternativeStarts
    }

    /// Best-fit values as a name → value map (for ``ProfileGrid/bestFit``).
    public var bestFit: [String: Double] {
        Dictionary(uniqueKeysWithValues: zip(parameterNames, bestFitValues))
    }

    /// Throws unless every value of `axis` is inside the limits of its parameter.
    public func validate(_ axis: GridAxis) throws {
        try axis.validate()
        guard let i = parameterNames.firstIndex(of: axis.name), scannedIndices.contains(i) else {
            throw StatisticsError.invalidGrid("axis \(axis.name) is not a scanned parameter (\(scanned.joined(separator: ", ")))")
        }
        let p = base.parameters[i]
        if let lo = p.lower, axis.values.first! < lo {
            throw StatisticsError.invalidGrid("axis \(axis.name): \(axis.values.first!) is below the parameter's lower limit \(lo)")
        }
        if let hi = p.upper, axis.values.last! > hi {
            throw StatisticsError.invalidGrid("axis \(axis.name): \(axis.values.last!) is above the parameter's upper limit \(hi)")
        }
    }

    /// A warm-start chain at the best fit, ready for ``solve(_:at:)``.
    func makeChain() -> MigradChain { MigradChain(base) }

    /// χ² at `coordinates` (one per scanned parameter), continuing from the state in `chain`
    /// (a warm start). On success `chain` holds the new minimum; on failure it is left unchanged.
    /// Retries, in order: SIMPLEX then MIGRAD; MIGRAD at strategy 2; a cold start from the best fit.
    func solve(_ chain: MigradChain, at coordinates: [Double]) -> GridPoint {
        if kind == .sliced || profiledIndices.isEmpty {
            var x = bestFitValues
            for (k, i) in scannedIndices.enumerated() { x[i] = coordinates[k] }
            let f = base.cost(x)
            return GridPoint(chi2: f, status: f.isFinite ? .ok : .failed, profiledValues: [], nfcn: 1)
        }
        guard let first = chain.run(setting: scannedIndices, to: coordinates) else {
            return GridPoint(chi2: .nan, status: .failed, profiledValues: profiledIndices.map { _ in .nan }, nfcn: 0)
        }
        if first.isValid {
            let values = [Double](unsafeUninitializedCapacity: profiledIndices.count) { buffer, count in
                for k in profiledIndices.indices { buffer[k] = chain.value(at: profiledIndices[k]) }
                count = profiledIndices.count
            }
            return GridPoint(chi2: first.fval, status: .ok, profiledValues: values, nfcn: first.nfcn)
        }
        var spent = first.nfcn
        guard var best = chain.lastFailure else {
            return GridPoint(chi2: first.fval, status: .failed, profiledValues: profiledIndices.map { _ in .nan }, nfcn: spent)
        }
        let fit = chain.minuit
        let strategy = fit.strategy
        var attempts: [(inout Minuit) -> FunctionMinimum] = [
            { $0.simplex(); return $0.migrad(iterate: 1, useSimplex: false) },
            { $0.strategy = 2; return $0.migrad(iterate: 1, useSimplex: false) },
        ]
        attempts.append { $0.strategy = 2; return $0.migrad(iterate: 5, useSimplex: true) }
        for (k, attempt) in attempts.enumerated() {
            var r = k == 2 ? base : fit
            guard place(&r, coordinates) else { continue }
            let before = r.nfcn
            let result = attempt(&r)
            spent += r.nfcn - before
            if result.isValid {
                r.strategy = strategy
                chain.load(r)
                return point(result, status: .retried, nfcn: spent)
            }
            if result.fval < best.fval { best = result }
        }
        return point(best, status: .failed, nfcn: spent)
    }

    /// Moves the scanned parameters to `coordinates`; false if a value is outside its limits.
    private func place(_ m: inout Minuit, _ coordinates: [Double]) -> Bool {
        for k in scannedIndices.indices {
            do { try m.setValue(at: scannedIndices[k], coordinates[k]) } catch { return false }
        }
        return true
    }

    private func point(_ r: FunctionMinimum, status: PointStatus, nfcn: Int) -> GridPoint {
        let values = r.values
        return GridPoint(chi2: r.fval, status: status, profiledValues: profiledIndices.map { values[$0] }, nfcn: nfcn)
    }

    /// A fit at the best fit with the profiled parameters moved to `values`.
    func fit(startingAt values: [Double]) -> Minuit {
        var m = base
        guard values.count == profiledIndices.count else { return m }
        var p = m.parameters
        for (k, i) in profiledIndices.enumerated() {
            var v = values[k]
            if let lo = p[i].lower { v = max(v, lo) }
            if let hi = p[i].upper { v = min(v, hi) }
            p[i].value = v
        }
        m.parameters = p
        return m
    }

    /// Profiled (or sliced) Δχ² at one point, starting from the best fit and from each alternative start
    /// (with retries); the lowest χ² wins.
    public func deltaChi2(at coordinates: [Double]) throws -> Double {
        guard coordinates.count == scanned.count else {
            throw StatisticsError.countMismatch(quantity: "coordinates", expected: scanned.count, got: coordinates.count)
        }
        for (k, i) in scannedIndices.enumerated() {
            let v = coordinates[k], p = base.parameters[i]
            guard v.isFinite, p.admits(v) else {
                throw StatisticsError.invalidGrid("\(p.name) = \(v) is outside the parameter's limits or not finite")
            }
        }
        return solveTryingAlternatives(makeChain(), at: coordinates).chi2 - chi2Min
    }

    /// Profiled (or sliced) χ² at `coordinates`, starting from the best fit with the profiled parameters
    /// at `start` (a warm start for refinement near a grid point); `chain` is scratch space.
    func chi2(at coordinates: [Double], startingAt start: [Double], chain: MigradChain) -> Double {
        chain.load(fit(startingAt: start))
        return solve(chain, at: coordinates).chi2
    }
}
