import Export
import FileSafety
import Foundation
import Statistics
import Toys
import X17Analysis

/// One shard of `profile --toys N --shard i/K`: the whole grid (every shard computes it, deterministically) and
/// the Feldman–Cousins points of block i of the grid's points (row-major).
struct CalibrationShardFile: Codable {
    var format = "x17fit-fc-shard-1"
    /// The spec and datasets directory as absolute paths, for re-profiling at merge time (from any folder).
    var spec: String
    var datasets: String?
    var specSHA256: String
    var datasetsSHA256: [String: String]
    var shard: String
    var formats: [String]
    var levels: [ConfidenceLevel]
    var toys: Int
    var seed: UInt64
    var grid: ProfileGrid
    var points: [NeymanPoint]

    /// File name of shard `s` of the plane `stem`.
    static func name(stem: String, shard s: Shard) -> String { "\(stem).fc.shard-\(s.index)-of-\(s.count).json" }
}

extension ProfileCommand {
    /// `--toys N --shard i/K`: computes the grid, then the construction at block i of its points, into `folder`.
    func writeCalibrationShard(_ job: ProfileJob, grid: ProfileGrid, levels: [ConfidenceLevel], formats: Set<ExportFormat>,
                               toys: Int, seed: UInt64, shard s: Shard, folder: OutputFolder) async throws {
        let construction = GridConstruction(job, grid: grid, levels: levels, toys: toys, seed: seed, threads: threads)
        let range = ToyShardFile.range(of: s, toys: construction.coordinates.count)
        let points = await construction.run(range, label: "toys per point \(job.setup.spec.name) \(job.plane.stem) shard \(s)")
        let absolute = { (path: String) in URL(fileURLWithPath: path).standardizedFileURL.path }
        let file = CalibrationShardFile(
            spec: absolute(fitspec), datasets: datasets.map(absolute), specSHA256: job.setup.spec.sha256,
            datasetsSHA256: job.setup.datasetHashes, shard: s.description, formats: formats.sorted().map(\.rawValue),
            levels: levels, toys: toys, seed: seed, grid: grid, points: points)
        let url = try namingOption("--out") {
            try folder.add(OutputFile(path: CalibrationShardFile.name(stem: job.plane.stem, shard: s),
                                      contents: try ShardFile.encoder.encode(file))) { isX17fitJSON($1) }
        }
        print("wrote Feldman–Cousins points \(range.lowerBound)..<\(range.upperBound) (shard \(s)) of \(job.plane.stem) to \(url.path)")
    }
}

extension MergeCommand {
    /// Joins the shards `names` of `profile --toys --shard` in `dir` and writes what the unsharded run writes.
    func mergeCalibration(_ names: [String]) throws {
        let shards = try readShardSet(names, in: dir, as: "Feldman–Cousins", decoder: ShardFile.decoder) { (f: CalibrationShardFile) in f.shard }
        let first = shards[0]
        for s in shards {
            let (a, b) = (s.file, first.file)
            try requireSame(a.spec, b.spec, field: "spec", path: s.path, firstPath: first.path)
            try requireSame(a.datasets, b.datasets, field: "datasets", path: s.path, firstPath: first.path)
            try requireSame(a.specSHA256, b.specSHA256, field: "spec_sha256", path: s.path, firstPath: first.path)
            try requireSame(a.datasetsSHA256, b.datasetsSHA256, field: "datasets_sha256", path: s.path, firstPath: first.path)
            try requireSame(a.formats, b.formats, field: "formats", path: s.path, firstPath: first.path)
            try requireSame(a.levels, b.levels, field: "levels", path: s.path, firstPath: first.path)
            try requireSame(a.toys, b.toys, field: "toys", path: s.path, firstPath: first.path)
            try requireSame(a.seed, b.seed, field: "seed", path: s.path, firstPath: first.path)
            try requireSame(a.grid, b.grid, field: "grid", path: s.path, firstPath: first.path)
            let expected = ToyShardFile.range(of: s.shard, toys: a.grid.nx * a.grid.ny)
            guard s.file.points.count == expected.count else {
                throw InputError(file: s.path, field: "points", "does not hold exactly the points of shard \(s.shard)")
            }
        }
        let file = first.file
        let setup = try prepareFit(file.spec, datasets: file.datasets)
        if setup.spec.sha256 != file.specSHA256 || setup.datasetHashes != file.datasetsSHA256 {
            throw InputError(file: file.spec, field: "sha256", "the spec or its datasets changed since the shards were computed; recompute the shards")
        }
        let grid = file.grid
        let plane = ProfilePlane(
            x: AxisRequest(parameter: grid.x.name, lower: grid.x.values.first, upper: grid.x.values.last, count: grid.x.values.count),
            y: grid.y.map { AxisRequest(parameter: $0.name, lower: $0.values.first, upper: $0.values.last, count: $0.values.count) })
        let outDir = out ?? dir + "/" + plane.stem
        let folder = try checkedOutputFolder(outDir, kind: .profile, force: force)
        let job = try ProfileJob(setup: setup, plane: plane, kind: grid.kind, defaultCount: grid.nx, source: (dir, nil))
        let formats = Set(file.formats.compactMap(ExportFormat.init(rawValue:)))
        let contours = try job.contours(of: grid, levels: file.levels.map(\.deltaChi2))
        let intervals = try profileIntervals(job, grid: grid, levels: file.levels)
        let calibrated = try calibratedGridFiles(job, grid: grid, levels: file.levels, toys: file.toys, seed: file.seed,
                                                 points: shards.flatMap(\.file.points))
        var files = try planeFiles(job, grid: grid, contours: contours + calibrated.contours, intervals: intervals,
                                   levels: file.levels, formats: formats, git: gitRevision(near: directory(of: file.spec)), figure: figure)
        files += calibrated.files
        let written = try write(files, to: folder)
        print("merged \(shards.count) Feldman–Cousins shards of \(plane.stem)")
        print(Report.gridSummary(grid, contours: contours))
        for line in intervalLines(intervals, levels: file.levels) { print(line) }
        print("toy-calibrated regions (Feldman–Cousins ordering, \(file.toys) toys per point, seed \(file.seed)):")
        for line in calibrated.lines { print(line) }
        print("wrote \(written.count) files to \(outDir)/")
    }
}
