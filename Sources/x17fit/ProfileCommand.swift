import ArgumentParser
import Export
import FileSafety
import Foundation
import Statistics
import X17Analysis

struct ProfileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Profile-likelihood grid of a fit in one or two parameters, with contours and exports.",
        discussion: """
            Every other free parameter is minimised at each point (use --slice to hold them at the best fit \
            instead). Axes are PAR[:lo:hi[:n]][:log]; without bounds the axis spans the best fit ± 4 HESSE \
            errors inside the limits. With --shard i/N only rows j ≡ i (mod N) are computed and written as a \
            shard file; `x17fit merge DIR` joins the shards bit for bit. With --toys N and --shard i/K, each shard \
            computes the whole grid and the Feldman–Cousins toys of block i of its points; the merge writes what \
            the unsharded run writes, bit for bit.

            Examples:
              x17fit profile fits/dg2023-vector-none.toml --x eps_n:-0.008:0.008:101 --y eps_p:-0.004:0.004:101
              x17fit profile fits/dg2023-vector-none.toml --x mX --out scan-mX
            """)

    @Argument(help: "The fit spec (fits/NAME.toml).")
    var fitspec: String

    @Option(name: .customLong("x"), help: "The x axis: PAR[:lo:hi[:n]][:log] or PAR=v1,v2,… (explicit values).")
    var xAxis: String

    @Option(name: .customLong("y"), help: "The y axis of a 2-D grid, in the same forms as --x.")
    var yAxis: String?

    @Option(help: "Output folder (default: <fit>_<x>[_<y>]).")
    var out: String?

    @Flag(help: "Replace an earlier x17fit output of the same kind in the output folder (never anything else).")
    var force = false

    @Option(parsing: .unconditional, help: "Compute one deterministic slice of the grid, i/N with 0 ≤ i < N.")
    var shard: String?

    @Option(parsing: .unconditional, help: "Worker threads (default: all cores). The output does not depend on it.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(parsing: .unconditional, help: "Δχ² levels of the contours, comma-separated (default 1σ/2σ/3σ).")
    var levels: String?

    @Option(parsing: .unconditional, help: "Contour confidence levels instead: probabilities, or nσ when ≥ 1 (e.g. 0.9,0.95 or 1,2).")
    var cl: String?

    @Option(help: "Output formats: csv,pgf,gnuplot,json,hepdata,svg,py or all.")
    var format = "all"

    @Flag(help: "Hold the other parameters at their best-fit values (a slice, not a profile).")
    var slice = false

    @Flag(help: "Also trace each level with the minimizer's profiled contour curve (a second method, exported with method 'curve') and report how well it sits on the level.")
    var curve = false

    @Option(help: "The datasets directory (default: <spec dir>/../datasets).")
    var datasets: String?

    @OptionGroup var figure: FigureOptions

    @Option(parsing: .unconditional, help: "Toys per grid point for the Feldman–Cousins construction (fc_<stem>.csv/json beside the grid).")
    var toys: Int?

    @Option(parsing: .unconditional, help: "Seed of the toys per point (with --toys).")
    var seed = "0"

    func run() async throws {
        try await withExitCodes {
            try requirePositiveThreads(threads)
            try figure.check()
            let formats = try parseFormats(format)
            let shardSpec: Shard?
            do { shardSpec = try shard.map { try Shard(parsing: $0) } } catch let error as StatisticsError {
                throw InputError(file: "command line", field: "--shard", error.description)
            }
            let xr = try AxisRequest(parsing: xAxis, file: "command line", field: "--x")
            let yr = try yAxis.map { try AxisRequest(parsing: $0, file: "command line", field: "--y") }
            let plane = ProfilePlane(x: xr, y: yr)
            let levelSet = try confidenceLevels(levels: levels, cl: cl, parameters: yr == nil ? 1 : 2)
            if curve && (yr == nil || slice) {
                throw InputError(file: "command line", field: "--curve",
                                 "the contour curve needs a profiled 2-D grid (give --y, without --slice)")
            }
            let toySeed = try parseSeed(seed)
            if let toys {
                guard toys >= 1 else { throw InputError(file: "command line", field: "--toys", "expected at least 1 toy per point, got \(toys)") }
                guard !slice else {
                    throw InputError(file: "command line", field: "--toys", "the toy construction needs a profiled grid (without --slice)")
                }
            }
            let setup = try prepareFit(fitspec, datasets: datasets)
            let outDir = out ?? "\(setup.spec.name)_\(plane.stem)"
            let folder = try checkedOutputFolder(outDir, kind: shardSpec == nil ? .profile : .shards, force: force)
            let job = try ProfileJob(setup: setup, plane: plane, kind: slice ? .sliced : .profiled,
                                     defaultCount: yr == nil ? 101 : 41, source: ("command line", nil),
                                     fields: ("--x", "--y"))
            let git = gitRevision(near: directory(of: fitspec))
            let reporter = ProgressReporter(label: "profile \(setup.spec.name) \(plane.stem)")
            // With --toys every shard computes the whole grid (the construction starts from its solutions) and
            // the toys of its block of points.
            let grid = try await job.grid(threads: threads, shard: toys == nil ? shardSpec : nil) { reporter.update($0) }
            reporter.finish(grid)
            if let s = shardSpec, let toys {
                return try await writeCalibrationShard(job, grid: grid, levels: levelSet, formats: formats, toys: toys,
                                                       seed: toySeed, shard: s, folder: folder)
            }
            if let s = shardSpec {
                let absolute = { (path: String) in URL(fileURLWithPath: path).standardizedFileURL.path }
                let file = ShardFile(spec: absolute(fitspec), datasets: datasets.map(absolute),
                                     specSHA256: setup.spec.sha256, datasetsSHA256: setup.datasetHashes, shard: s.description,
                                     formats: formats.sorted().map(\.rawValue), levels: levelSet, grid: grid)
                let name = "\(plane.stem).shard-\(s.index)-of-\(s.count).json"
                let url = try namingOption("--out") {
                    try folder.add(OutputFile(path: name, contents: try ShardFile.encoder.encode(file))) { isX17fitJSON($1) }
                }
                print("wrote shard \(s) of \(plane.stem) to \(url.path)")
                return
            }
            var contours = try job.contours(of: grid, levels: levelSet.map(\.deltaChi2))
            if curve {
                for (line, worst) in try contourCurves(job, levels: levelSet) {
                    contours.append(line)
                    print("curve method at Δχ² = \(Report.number(line.level, 4)): \(line.x.count) points, "
                          + "max |Δχ² − level| = \(Report.number(worst, 2)) (re-profiled at each point)")
                }
            }
            let intervals = try profileIntervals(job, grid: grid, levels: levelSet)
            var calibrated: CalibratedOutput?
            if let toys {
                calibrated = try await calibratedGridFiles(job, grid: grid, levels: levelSet, toys: toys, seed: toySeed, threads: threads)
            }
            var files = try planeFiles(job, grid: grid, contours: contours + (calibrated?.contours ?? []), intervals: intervals,
                                       levels: levelSet, formats: formats, git: git, figure: figure)
            files += calibrated?.files ?? []
            let written = try write(files, to: folder)
            print(Report.gridSummary(grid, contours: contours))
            for line in intervalLines(intervals, levels: levelSet) { print(line) }
            if let calibrated {
                print("toy-calibrated regions (Feldman–Cousins ordering, \(toys!) toys per point, seed \(toySeed)):")
                for line in calibrated.lines { print(line) }
            }
            print("wrote \(written.count) files to \(outDir)/")
        }
    }
}

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the shards of a profile grid, a toy study or a toy comparison (`profile`/`toys` with --shard).",
        discussion: """
            The merged grid equals the unsharded one bit for bit; contours are refined after the merge. Toy shards \
            are joined into toys.json and toys.csv (default folder <dir>/<fit>-toys), identical to those of the \
            unsharded run; shards of `toys A --against B` into toys-compare.json (default <dir>/<A>-vs-<B>), and \
            shards of `profile --toys` into the grid's files and fc_<stem>.csv/json.
            """)

    @Argument(help: "The folder holding the shard files (*.shard-i-of-N.json).")
    var dir: String

    @Option(help: "Output folder (default: <dir>/<x>[_<y>]).")
    var out: String?

    @Flag(help: "Replace an earlier x17fit output of the same kind in the output folder (never anything else).")
    var force = false

    @OptionGroup var figure: FigureOptions

    @Option(help: "Toy shards: also write the study's JSON here ('-': standard output).")
    var json: String?

    func run() throws {
        try withExitCodes {
            try figure.check()
            let all = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            let calibrationShards = all.filter { $0.contains(".fc.shard-") && $0.hasSuffix(".json") }.sorted()
            if !calibrationShards.isEmpty { return try mergeCalibration(calibrationShards) }
            let comparisonShards = all.filter { $0.contains(".toys-compare.shard-") && $0.hasSuffix(".json") }.sorted()
            if !comparisonShards.isEmpty { return try mergeComparison(comparisonShards) }
            let toyShards = all.filter { $0.contains(".toys.shard-") && $0.hasSuffix(".json") }.sorted()
            if !toyShards.isEmpty { return try mergeToys(toyShards) }
            let names = all.filter { $0.contains(".shard-") && $0.hasSuffix(".json") }.sorted()
            guard !names.isEmpty else { throw InputError(file: dir, "no shard files (*.shard-i-of-N.json) found") }
            var shards: [ShardFile] = []
            for name in names {
                let path = dir + "/" + name
                guard let data = FileManager.default.contents(atPath: path) else { throw InputError(file: path, "cannot read") }
                do { shards.append(try ShardFile.decoder.decode(ShardFile.self, from: data)) } catch {
                    throw InputError(file: path, "not an x17fit shard file: \(error)")
                }
            }
            let first = shards[0]
            for (name, s) in zip(names, shards) {
                for (field, same) in [("spec", s.spec == first.spec), ("datasets", s.datasets == first.datasets),
                                      ("formats", s.formats == first.formats), ("levels", s.levels == first.levels)]
                where !same {
                    throw InputError(file: dir + "/" + name, field: field, "differs from \(names[0]): shards of different runs")
                }
            }
            let grid: ProfileGrid
            do { grid = try ProfileGrid.merge(shards.map(\.grid)) } catch let error as StatisticsError {
                throw InputError(file: dir, field: "shards", error.description)
            }
            for (name, s) in zip(names, shards) where s.specSHA256 != first.specSHA256 || s.datasetsSHA256 != first.datasetsSHA256 {
                throw InputError(file: dir + "/" + name, field: "spec_sha256", "differs from \(names[0]): shards of different inputs")
            }
            let setup = try prepareFit(first.spec, datasets: first.datasets)
            if setup.spec.sha256 != first.specSHA256 || setup.datasetHashes != first.datasetsSHA256 {
                throw InputError(file: first.spec, field: "sha256",
                                 "the spec or its datasets changed since the shards were computed; recompute the shards")
            }
            let plane = ProfilePlane(
                x: AxisRequest(parameter: grid.x.name, lower: grid.x.values.first, upper: grid.x.values.last,
                               count: grid.x.values.count),
                y: grid.y.map { AxisRequest(parameter: $0.name, lower: $0.values.first, upper: $0.values.last, count: $0.values.count) })
            let outDir = out ?? dir + "/" + plane.stem
            let folder = try checkedOutputFolder(outDir, kind: .profile, force: force)
            let job = try ProfileJob(setup: setup, plane: plane, kind: grid.kind, defaultCount: grid.nx,
                                     source: (dir, nil))
            let formats = Set(first.formats.compactMap(ExportFormat.init(rawValue:)))
            let contours = try job.contours(of: grid, levels: first.levels.map(\.deltaChi2))
            let intervals = try profileIntervals(job, grid: grid, levels: first.levels)
            let files = try planeFiles(job, grid: grid, contours: contours, intervals: intervals, levels: first.levels,
                                       formats: formats, git: gitRevision(near: directory(of: first.spec)), figure: figure)
            let written = try write(files, to: folder)
            print("merged \(shards.count) shards of \(plane.stem)")
            print(Report.gridSummary(grid, contours: contours))
            for line in intervalLines(intervals, levels: first.levels) { print(line) }
            print("wrote \(written.count) files to \(outDir)/")
        }
    }
}
