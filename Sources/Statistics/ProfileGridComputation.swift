import LinearAlgebra
import Minimizer

/// Progress of a grid computation, reported after every finished row.
public struct GridProgress: Sendable {
    public let pointsDone: Int
    public let pointsTotal: Int
    public let failed: Int
}

extension ProfileLikelihood {
    /// Computes a 1-D (`y == nil`) or 2-D grid.
    ///
    /// Path: with a 2-D grid, a sequential pre-pass profiles the column x[i₀] nearest the best fit
    /// outwards from the best fit in y; each row j then starts at (x[i₀], y[j]) from that
    /// solution and sweeps outwards to both ends with warm starts. Rows depend only on the
    /// pre-pass, so they run in parallel (`threads` at a time) with bit-identical results for any
    /// thread count, and a `shard` computes rows j ≡ index (mod count), marking the others
    /// `.notComputed`. A 1-D grid is one row (sharding then only masks points: every shard walks
    /// the whole warm-start chain). OpenBLAS is pinned to one thread.
    public func grid(x: GridAxis, y: GridAxis? = nil, threads: Int = 1, shard: Shard? = nil,
                     progress: (@Sendable (GridProgress) -> Void)? = nil) async throws -> ProfileGrid {
        guard (y == nil) == (scanned.count == 1) else {
            throw StatisticsError.invalidGrid("\(scanned.count) scanned parameter(s) need \(scanned.count) axis/axes")
        }
        guard x.name == scanned[0], y == nil || y!.name == scanned[1] else {
            throw StatisticsError.invalidGrid("axes (\(x.name), \(y?.name ?? "-")) do not match the scanned parameters (\(scanned.joined(separator: ", ")))")
        }
        guard threads >= 1 else { throw StatisticsError.invalidGrid("threads must be ≥ 1, got \(threads)") }
        try validate(x)
        if let y { try validate(y) }
        setBLASThreads(1)

        let nx = x.values.count, ny = y?.values.count ?? 1
        let i0 = nearestIndex(x.values, bestFitValues[scannedIndices[0]])
        let starts: [(Minuit, GridPoint)]
        if let y {
            starts = columnPrePass(x: x.values[i0], y: y.values)
        } else {
            let chain = makeChain()
            let p = solveTryingAlternatives(chain, at: [x.values[i0]])
            starts = [(chain.minuit, p)]
        }
        let rows = (0..<ny).filter { y == nil || (shard?.owns(row: $0) ?? true) }
        var points = [GridPoint](repeating: GridPoint(chi2: .nan, status: .notComputed, profiledValues: [], nfcn: 0),
                                 count: nx * ny)
        var done = 0, failed = 0
        try await withThrowingTaskGroup(of: (Int, [GridPoint]).self) { group in
            var next = 0
            func launch() {
                let j = rows[next]
                next += 1
                let (m, p) = starts[j]
                let yValue = y?.values[j]
                group.addTask { [self] in
                    (j, computeRow(x: x.values, y: yValue, i0: i0, startFit: m, startPoint: p))
                }
            }
            while next < min(threads, rows.count) { launch() }
            while let (j, row) = try await group.next() {
                for i in 0..<nx { points[j * nx + i] = row[i] }
                done += nx
                failed += row.filter { $0.status == .failed }.count
                progress?(GridProgress(pointsDone: done, pointsTotal: rows.count * nx, failed: failed))
                if next < rows.count { launch() }
            }
        }
        if y == nil, let shard {
            for i in 0..<nx where !shard.owns(row: i) {
                points[i] = GridPoint(chi2: .nan, status: .notComputed, profiledValues: [], nfcn: 0)
            }
        }
        return ProfileGrid(kind: kind, x: x, y: y, profiledParameters: profiledParameters, chi2Min: chi2Min,
                           bestFit: bestFit, points: points)
    }

    /// Profiles the column x = `x` at every y, outwards from the y nearest the best fit.
    func columnPrePass(x: Double, y: [Double]) -> [(Minuit, GridPoint)] {
        let j0 = nearestIndex(y, bestFitValues[scannedIndices[1]])
        var out = [(Minuit, GridPoint)?](repeating: nil, count: y.count)
        let chain = makeChain(), trial = makeChain()
        let p0 = solveTryingAlternatives(chain, at: [x, y[j0]], trial: trial)
        let m0 = chain.minuit
        out[j0] = (m0, p0)
        for range in [Array((j0 + 1)..<y.count), Array((0..<j0).reversed())] {
            chain.load(m0)
            for j in range {
                let p = solveTryingAlternatives(chain, at: [x, y[j]], trial: trial)
                out[j] = (chain.minuit, p)
            }
        }
        return out.map { $0! }
    }

    /// ``solve(_:at:)`` from the warm start in `chain`, then from each alternative start (the images of the
    /// best fit), then from the images of the best solution so far at this point (its other branches: a warm
    /// start can settle in a local minimum that is neither the best fit's branch nor its image's); the lowest
    /// χ² wins and is left in `chain` as the warm start of the next point. `trial` (made when nil) is scratch
    /// space for the alternatives. The point's nfcn counts every attempt.
    func solveTryingAlternatives(_ chain: MigradChain, at coordinates: [Double], trial: MigradChain? = nil) -> GridPoint {
        var best = solve(chain, at: coordinates)
        guard !alternatives.isEmpty else { return best }
        let trial = trial ?? makeChain()
        var calls = best.nfcn
        func consider(_ start: Minuit) {
            trial.load(start)
            let p = solve(trial, at: coordinates)
            calls += p.nfcn
            if p.status != .failed, p.chi2 < best.chi2 || best.status == .failed {
                best = p
                chain.load(trial)
            }
        }
        for alternative in alternatives { consider(alternative) }
        if best.status != .failed {
            var values = bestFitValues
            for (k, i) in scannedIndices.enumerated() { values[i] = coordinates[k] }
            for (k, i) in profiledIndices.enumerated() { values[i] = best.profiledValues[k] }
            for image in images(values) where image.count == values.count && image.allSatisfy(\.isFinite) {
                let profiled = profiledIndices.map { image[$0] }
                guard profiled != best.profiledValues else { continue }
                consider(self.fit(startingAt: profiled))
            }
        }
        best.nfcn = calls
        return best
    }

    /// One row: the start point at i₀, then warm-started sweeps to the right and to the left.
    func computeRow(x: [Double], y: Double?, i0: Int, startFit: Minuit, startPoint: GridPoint) -> [GridPoint] {
        var row = [GridPoint?](repeating: nil, count: x.count)
        row[i0] = startPoint
        let chain = makeChain(), trial = makeChain()
        var coordinates = y.map { [x[i0], $0] } ?? [x[i0]]
        for range in [Array((i0 + 1)..<x.count), Array((0..<i0).reversed())] {
            chain.load(startFit)
            for i in range {
                coordinates[0] = x[i]
                row[i] = solveTryingAlternatives(chain, at: coordinates, trial: trial)
            }
        }
        return row.map { $0! }
    }
}

func nearestIndex(_ values: [Double], _ v: Double) -> Int {
    var best = 0
    for k in values.indices where abs(values[k] - v) < abs(values[best] - v) { best = k }
    return best
}

extension ProfileGrid {
    /// Joins shards of one grid. Throws if the shards differ in kind, axes, profiled parameters,
    /// χ²_min or best fit, or if a point is computed by two shards or by none.
    public static func merge(_ shards: [ProfileGrid]) throws -> ProfileGrid {
        guard var merged = shards.first else { throw StatisticsError.mergeMismatch("no shards given") }
        for (k, s) in shards.enumerated().dropFirst() {
            let first = shards[0]
            if s.kind != first.kind { throw StatisticsError.mergeMismatch("shard \(k) is \(s.kind.rawValue), shard 0 is \(first.kind.rawValue)") }
            if s.x != first.x { throw StatisticsError.mergeMismatch("shard \(k) has a different x axis (\(s.x.name))") }
            if s.y != first.y { throw StatisticsError.mergeMismatch("shard \(k) has a different y axis (\(s.y?.name ?? "none"))") }
            if s.profiledParameters != first.profiledParameters {
                throw StatisticsError.mergeMismatch("shard \(k) profiles \(s.profiledParameters), shard 0 \(first.profiledParameters)")
            }
            if s.chi2Min.bitPattern != first.chi2Min.bitPattern {
                throw StatisticsError.mergeMismatch("shard \(k) has χ²_min = \(s.chi2Min), shard 0 \(first.chi2Min)")
            }
            if s.bestFit != first.bestFit { throw StatisticsError.mergeMismatch("shard \(k) has a different best fit") }
            if s.points.count != first.points.count { throw StatisticsError.mergeMismatch("shard \(k) has \(s.points.count) points") }
        }
        for p in merged.points.indices {
            let owners = shards.indices.filter { shards[$0].points[p].status != .notComputed }
            guard owners.count == 1 else {
                let (i, j) = (p % merged.nx, p / merged.nx)
                throw StatisticsError.mergeMismatch(owners.isEmpty
                    ? "point (\(i), \(j)) was computed by no shard"
                    : "point (\(i), \(j)) was computed by shards \(owners.map(String.init).joined(separator: " and "))")
            }
            merged.points[p] = shards[owners[0]].points[p]
        }
        return merged
    }
}
