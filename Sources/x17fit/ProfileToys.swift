import Export
import FileSafety
import Foundation
import Minimizer
import Statistics
import Toys
import X17Analysis

/// `profile --toys N`: the Neyman construction with Feldman–Cousins ordering at every grid point, beside
/// Wilks' threshold.
struct CalibratedGrid: Codable {
    struct Level: Codable {
        var cl: Double
        /// Wilks' Δχ² threshold for the grid's number of parameters.
        var wilksDeltaChi2: Double
        var label: String
        enum CodingKeys: String, CodingKey { case cl, wilksDeltaChi2 = "wilks_delta_chi2", label }
    }
    struct Point: Codable {
        var coordinates: [Double]
        /// The observed profiled Δχ² (t).
        var deltaChi2: Double?
        /// Toy quantile of t at each level.
        var toyQuantiles: [Double?]
        var calibrated: [Bool]
        var wilks: [Bool]
        var toysConverged: Int
        var toysFailed: Int
        enum CodingKeys: String, CodingKey {
            case coordinates, deltaChi2 = "delta_chi2", toyQuantiles = "toy_quantiles", calibrated, wilks
            case toysConverged = "toys_converged", toysFailed = "toys_failed"
        }
    }
    var format = "x17fit-neyman-1"
    var generator = generatorName
    var fit: String
    var ordering = "feldman-cousins (likelihood ratio, others profiled)"
    var seed: UInt64
    var toys: Int
    var parameters: [String]
    var x: [Double]
    var y: [Double]?
    var levels: [Level]
    /// Row-major over x, y-major rows as the grid (point j·nx + i is (x[i], y[j])).
    var points: [Point]
}

/// The Feldman–Cousins construction of a profile grid: its parameters of interest, and per grid point (row-major,
/// as `CalibratedGrid.points`) the coordinates and the start of the conditional fit (the grid's profiled solution).
struct GridConstruction {
    let construction: NeymanConstruction<FitToyModel>
    let scanned: [String]
    let coordinates: [[Double]]
    let starts: [[Double]]
    let observedMinimum: Double

    init(_ job: ProfileJob, grid: ProfileGrid, levels: [ConfidenceLevel], toys: Int, seed: UInt64, threads: Int) {
        let setup = job.setup
        let model = FitToyModel(setup: setup)
        let names = model.parameters.map(\.name)
        scanned = [grid.x.name] + (grid.y.map { [$0.name] } ?? [])
        let interest = scanned.map { names.firstIndex(of: $0)! }
        var coordinates: [[Double]] = [], starts: [[Double]] = []
        let best = names.map { grid.bestFit[$0] ?? 0 }
        for j in 0..<grid.ny {
            for i in 0..<grid.nx {
                let c = [grid.x.values[i]] + (grid.y.map { [$0.values[j]] } ?? [])
                var start = best
                for (k, index) in interest.enumerated() { start[index] = c[k] }
                let p = grid.point(i, j)
                if p.status != .failed, p.profiledValues.count == grid.profiledParameters.count {
                    for (name, v) in zip(grid.profiledParameters, p.profiledValues) { start[names.firstIndex(of: name)!] = v }
                }
                coordinates.append(c)
                starts.append(start)
            }
        }
        self.coordinates = coordinates
        self.starts = starts
        observedMinimum = grid.chi2Min
        construction = NeymanConstruction(model: model, observed: FitRunner.costFunction(setup), interest: interest,
                                          levels: levels.map(\.cl), toys: toys, options: ToyOptions(seed: seed, threads: threads))
    }

    /// The points `range` of the grid (all by default), with progress on stderr.
    func run(_ range: Range<Int>? = nil, label: String) async -> [NeymanPoint] {
        let r = range ?? coordinates.indices
        let reporter = ToyProgressReporter(label: label)
        let points = await construction.run(Array(coordinates[r]), firstIndex: r.lowerBound, starts: Array(starts[r]),
                                            observedMinimum: observedMinimum) { reporter.update($0) }
        FileHandle.standardError.write(Data("toys per point: \(points.count) points × \(construction.toys) toys, \(points.reduce(0) { $0 + $1.failed }) failed toys\n".utf8))
        return points
    }
}

/// Runs the construction on every point of `grid` and returns its CSV and JSON files (`fc_<stem>.*`) and the
/// report lines.
func calibratedGridFiles(_ job: ProfileJob, grid: ProfileGrid, levels: [ConfidenceLevel], toys: Int, seed: UInt64,
                         threads: Int) async throws -> CalibratedOutput {
    let construction = GridConstruction(job, grid: grid, levels: levels, toys: toys, seed: seed, threads: threads)
    let points = await construction.run(label: "toys per point \(job.setup.spec.name) \(job.plane.stem)")
    return try calibratedGridFiles(job, grid: grid, levels: levels, toys: toys, seed: seed, points: points)
}

/// The calibrated regions as lines of method ``calibratedContourMethod``. On a 2-D grid, each level's region
/// boundary: where the observed Δχ² equals its toy quantile, linearly interpolated in t − q between grid points
/// (a point without a quantile or an observed Δχ² counts as outside). On a 1-D grid, each level's toy critical
/// value of Δχ² along the scan (one line per run of points with a quantile): the region is where the profile
/// lies below it.
func calibratedContours(grid: ProfileGrid, levels: [ConfidenceLevel], points: [NeymanPoint]) throws -> [ContourLine] {
    var out: [ContourLine] = []
    guard grid.y != nil else {
        for (k, level) in levels.enumerated() {
            var run: [(Double, Double)] = []
            func close() {
                if run.count >= 2 {
                    out.append(ContourLine(level: level.deltaChi2, cl: level.cl, x: run.map(\.0), y: run.map(\.1), closed: false,
                                           method: calibratedContourMethod))
                }
                run = []
            }
            for p in points {
                if let q = p.quantiles[k], q.isFinite { run.append((p.coordinates[0], q)) } else { close() }
            }
            close()
        }
        return out
    }
    for (k, level) in levels.enumerated() {
        var field = grid
        for (n, p) in points.enumerated() {
            let margin = p.observed.flatMap { t in p.quantiles[k].map { t - $0 } } ?? 1e3
            field.points[n].chi2 = grid.chi2Min + level.deltaChi2 + margin
        }
        out += try field.contours(levels: [level.deltaChi2], cl: [level.cl]).map { line in
            var c = line
            c.method = calibratedContourMethod
            return c
        }
    }
    return out
}

/// What `profile --toys` adds to a plane's outputs.
struct CalibratedOutput {
    /// `fc_<stem>.csv` and `fc_<stem>.json`.
    var files: [OutputFile]
    var lines: [String]
    /// The calibrated regions' boundaries (2-D), drawn and tabulated beside the Wilks contours in every format.
    var contours: [ContourLine]
}

/// The CSV and JSON files (`fc_<stem>.*`), report lines and 2-D boundaries of the construction's `points`
/// (every grid point).
func calibratedGridFiles(_ job: ProfileJob, grid: ProfileGrid, levels: [ConfidenceLevel], toys: Int, seed: UInt64,
                         points: [NeymanPoint]) throws -> CalibratedOutput {
    let setup = job.setup
    let scanned = [grid.x.name] + (grid.y.map { [$0.name] } ?? [])
    let result = CalibratedGrid(
        fit: setup.spec.name, seed: seed, toys: toys, parameters: scanned, x: grid.x.values, y: grid.y?.values,
        levels: levels.map { CalibratedGrid.Level(cl: $0.cl, wilksDeltaChi2: $0.deltaChi2, label: $0.label) },
        points: points.map { (p: NeymanPoint) -> CalibratedGrid.Point in
            let wilks: [Bool] = levels.map { (l: ConfidenceLevel) -> Bool in
                guard let t = p.observed else { return false }
                return t <= l.deltaChi2
            }
            return CalibratedGrid.Point(coordinates: p.coordinates, deltaChi2: p.observed, toyQuantiles: p.quantiles,
                                        calibrated: p.accepted, wilks: wilks, toysConverged: p.converged, toysFailed: p.failed)
        })
    let stem = "fc_" + job.plane.stem
    var csv = "# x17fit \(x17fitVersion): Neyman construction, Feldman-Cousins ordering, \(toys) toys per point, seed \(seed), fit \(setup.spec.name)\n"
    csv += "# t = profiled delta_chi2 (observed); q_<cl> = toy quantile of t at the point; fc_<cl> = 1 inside the calibrated region (t <= q); wilks_<cl> = 1 where t <= the chi2 threshold\n"
    let tags: [String] = levels.map { String(format: "%.4g", $0.cl) }
    var header: [String] = scanned + ["delta_chi2"]
    header += tags.map { "q_" + $0 }
    header += tags.map { "fc_" + $0 }
    header += tags.map { "wilks_" + $0 }
    header += ["toys_converged", "toys_failed"]
    csv += header.joined(separator: ",") + "\n"
    func text(_ v: Double?) -> String { v.map { "\($0)" } ?? "" }
    for p in result.points {
        var cells: [String] = p.coordinates.map { "\($0)" }
        cells.append(text(p.deltaChi2))
        cells += p.toyQuantiles.map(text)
        cells += p.calibrated.map { $0 ? "1" : "0" }
        cells += p.wilks.map { $0 ? "1" : "0" }
        cells += ["\(p.toysConverged)", "\(p.toysFailed)"]
        csv += cells.joined(separator: ",") + "\n"
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    var lines: [String] = []
    for (k, level) in levels.enumerated() {
        let fc = result.points.filter { $0.calibrated[k] }
        let wilks = result.points.filter { $0.wilks[k] }
        let counts = "\(fc.count) points in the calibrated region, \(wilks.count) inside Wilks' Δχ² = \(Report.number(level.deltaChi2, 4))"
        var line = "  \(level.label) (CL \(Report.number(level.cl, 4))): " + counts
        if grid.y == nil, let f0 = fc.first, let f1 = fc.last, let w0 = wilks.first, let w1 = wilks.last {
            let ends: [Double] = [f0.coordinates[0], f1.coordinates[0], w0.coordinates[0], w1.coordinates[0]]
            let e = ends.map { Report.number($0, 5) }
            line += "; \(grid.x.name) in [\(e[0]), \(e[1])] (Wilks [\(e[2]), \(e[3])]; outermost grid points)"
        }
        lines.append(line)
    }
    return CalibratedOutput(files: [OutputFile(path: stem + ".csv", contents: Data(csv.utf8)),
                                     OutputFile(path: stem + ".json", contents: try encoder.encode(result))],
                            lines: lines, contours: try calibratedContours(grid: grid, levels: levels, points: points))
}
