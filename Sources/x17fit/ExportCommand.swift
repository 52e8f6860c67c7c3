import ArgumentParser
import Export
import FileSafety
import Foundation
import Statistics
import X17Analysis

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a fit (result, profile grids, contours) in paper and notebook formats.",
        discussion: """
            With a fit spec: runs the fit (with MINOS), computes every [[profiles]] plane the spec lists \
            (default: each pair of free parameters, 41×41, others profiled), and writes result.json, \
            result.csv and the planes in the chosen formats into one folder, atomically. With a result \
            JSON (from `fit --json`): writes its parameter table (csv, json).

            Example:
              x17fit export fits/dg2023-vector-none.toml --format all --out notebooks-export/dg2023-vector-none
            """)

    @Argument(help: "A fit spec (fits/NAME.toml) or a result JSON (from `x17fit fit --json`).")
    var input: String

    @Option(help: "Formats: csv,pgf,gnuplot,json,hepdata,svg,py or all.")
    var format = "all"

    @Option(help: "Output folder (default: notebooks-export/<fit>).")
    var out: String?

    @Flag(help: "Replace an earlier x17fit output of the same kind in the output folder (never anything else).")
    var force = false

    @Option(parsing: .unconditional, help: "Worker threads for the grids (default: all cores). The output does not depend on it.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(parsing: .unconditional, help: "Points per axis for planes whose spec gives no count.")
    var points = 41

    @Option(help: "The datasets directory (default: <spec dir>/../datasets).")
    var datasets: String?

    @OptionGroup var figure: FigureOptions

    func run() async throws {
        try await withExitCodes {
            try requirePositiveThreads(threads)
            try figure.check()
            guard points >= 2 else {
                throw InputError(file: "command line", field: "--points", "expected at least 2, got \(points)")
            }
            let formats = try parseFormats(format)
            if input.hasSuffix(".json") {
                try exportResult(formats: formats)
            } else {
                try await exportFit(formats: formats)
            }
        }
    }

    private func exportResult(formats: Set<ExportFormat>) throws {
        guard let data = FileManager.default.contents(atPath: input) else { throw InputError(file: input, "cannot read") }
        let result: FitResult
        do { result = try JSONDecoder().decode(FitResult.self, from: data) } catch {
            throw InputError(file: input, "not an x17fit result JSON: \(error)")
        }
        // `all` (the default) means every format that applies to a result: its table as CSV and JSON.
        let requested = format.lowercased().split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == "all" }
            ? formats.intersection([.csv, .json]) : formats
        if requested != formats {
            print("a result has no grids: writing csv and json (pgf, gnuplot, hepdata, svg and py need the fit spec)")
        }
        let unsupported = requested.subtracting([.csv, .json])
        guard unsupported.isEmpty else {
            throw InputError(file: "command line", field: "--format",
                             "\(unsupported.sorted().map(\.rawValue).joined(separator: ",")) need grids: give the fit spec instead of a result")
        }
        let folder = try checkedOutputFolder(out ?? "notebooks-export/\(result.fit)", kind: .export, force: force)
        var files: [OutputFile] = []
        if requested.contains(.json) { files.append(OutputFile(path: "result.json", contents: try result.jsonData())) }
        if requested.contains(.csv) { files.append(OutputFile(path: "result.csv", text: resultCSV(result))) }
        let written = try write(files, to: folder)
        print("wrote \(written.count) files to \(folder.path)/")
    }

    private func exportFit(formats: Set<ExportFormat>) async throws {
        let setup = try prepareFit(input, datasets: datasets)
        let spec = setup.spec
        let bands = try spec.profiles.enumerated().map { k, plane in
            try ConstraintBand.prepare(setup: setup, plane: plane, datasets: datasetLoader(input, datasets: datasets),
                                       field: "profiles[\(k)].bands")
        }
        let git = gitRevision(near: directory(of: input))
        let outDir = out ?? "notebooks-export/\(spec.name)"
        let folder = try checkedOutputFolder(outDir, kind: .export, force: force)
        let outcome = try FitRunner.run(setup, options: FitOptions(minos: true), version: x17fitVersion, git: git)
        guard outcome.result.problems.isEmpty else {
            print(Report.full(outcome))
            throw Exit.invalidFit
        }
        var planes = spec.profiles
        if planes.isEmpty {
            // Every pair of free parameters; a fit with one free parameter gets its 1-D profile, one with none
            // only its result.
            let free = spec.parameters.filter { !$0.fixed }.map(\.name)
            if free.count == 1 { planes.append(ProfilePlane(x: AxisRequest(parameter: free[0]), y: nil)) }
            for i in free.indices { for j in (i + 1)..<free.count {
                planes.append(ProfilePlane(x: AxisRequest(parameter: free[i]), y: AxisRequest(parameter: free[j])))
            } }
            if free.isEmpty { print("no free parameter: nothing to profile, writing the result only") }
        }
        var exports: [GridExport] = []
        for (k, plane) in planes.enumerated() {
            let job = try ProfileJob(setup: setup, plane: plane, defaultCount: points, source: (spec.file, nil),
                                     fields: ("profiles[\(k)].x", "profiles[\(k)].y"))
            let reporter = ProgressReporter(label: "export \(spec.name) [\(k + 1)/\(planes.count)] \(plane.stem)")
            let grid = try await job.grid(threads: threads) { reporter.update($0) }
            reporter.finish(grid)
            let levels = try ConfidenceLevel.standard(parameters: plane.y == nil ? 1 : 2)
            var contours = try job.contours(of: grid, levels: levels.map(\.deltaChi2))
            print(Report.gridSummary(grid, contours: contours))
            let intervals = try profileIntervals(job, grid: grid, levels: levels)
            for line in intervalLines(intervals, levels: levels) { print(line) }
            let planeBands = k < bands.count ? bands[k] : []
            for band in planeBands {
                let lines = try band.lines(on: grid, setup: setup)
                print("  \(band.method): \(lines.count) line(s) at constraint χ² = \(band.deltaChi2)")
                contours += lines
            }
            let absent = ConstraintBand.absentCouplings(setup)
            exports.append(GridExport(grid: grid, contours: contours, levels: levels, intervals: intervals,
                                      bands: planeBands.map { ContourBandInfo(method: $0.method, legend: $0.legend,
                                                                              description: $0.description(absent: absent)) }))
        }
        let metadata = try exportMetadata(setup, levels: try ConfidenceLevel.standard(parameters: 2), git: git, figure: figure,
                                          summary: fitSummary(outcome.result, specPath: input))
        var files = exports.isEmpty ? [] : try bundleFiles(exports, metadata: metadata, formats: formats)
        files.append(OutputFile(path: "result.json", contents: try outcome.result.jsonData()))
        files.append(OutputFile(path: "result.csv", text: resultCSV(outcome.result)))
        let written = try write(files.sorted { $0.path < $1.path }, to: folder)
        print("wrote \(written.count) files to \(outDir)/")
    }
}

/// The best fit and MINOS intervals of `r` for the exports (HEPData's best-fit table), with the code
/// revision and the spec as resources.
func fitSummary(_ r: FitResult, specPath: String) -> FitSummary {
    let parameters = r.parameters.map { p in
        FitSummary.Parameter(name: p.name, value: p.value, error: p.error,
                             minosLower: p.minos.flatMap { $0.lowerValid ? $0.lower : nil },
                             minosUpper: p.minos.flatMap { $0.upperValid ? $0.upper : nil },
                             unit: p.unit.isEmpty ? nil : p.unit, fixed: p.fixed)
    }
    let specName = (specPath as NSString).lastPathComponent
    let code = """
        x17fit \(r.provenance.x17fit), git revision \(r.provenance.git)
        fit specification: fits/\(specName) (sha256 \(r.provenance.specSHA256))
        datasets (sha256): \(r.provenance.datasetsSHA256.keys.sorted().map { "\($0)=\(r.provenance.datasetsSHA256[$0]!)" }.joined(separator: ", "))
        reproduce: x17fit export fits/\(specName) --format hepdata

        """
    var resources = [FitSummary.Resource(
        description: "Code: x17fit \(r.provenance.x17fit) at git revision \(r.provenance.git), and the command that wrote this record",
        location: "x17fit-revision.txt", contents: code)]
    if let spec = try? String(contentsOfFile: specPath, encoding: .utf8) {
        resources.append(FitSummary.Resource(
            description: "Fit specification fits/\(specName) (sha256 \(r.provenance.specSHA256)): model, data selection, priors, conventions",
            location: specName, contents: spec))
    }
    return FitSummary(parameters: parameters, chi2: r.chi2, ndof: r.ndof, pValue: r.pvalue, nSigma: r.nsigma, resources: resources)
}

/// The parameter table of a result as tidy CSV with `#` header lines.
func resultCSV(_ r: FitResult) -> String {
    func num(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
    var lines = [
        "# x17fit fit result: \(r.fit) — \(r.description)",
        "# hypothesis=\(r.hypothesis) isospin=\(r.isospin) he_convention=\(r.heConvention)",
        "# chi2=\(r.chi2) ndof=\(r.ndof) pvalue=\(num(r.pvalue)) nsigma=\(num(r.nsigma)) valid=\(r.minimum.valid)",
        "# generator: x17fit \(r.provenance.x17fit) git \(r.provenance.git) spec_sha256 \(r.provenance.specSHA256)",
        "name,value,error,minos_lower,minos_upper,minos_valid,fixed,lower_limit,upper_limit,unit",
    ]
    for p in r.parameters {
        lines.append([p.name, num(p.value), num(p.error), num(p.minos?.lower), num(p.minos?.upper),
                      p.minos.map { "\($0.valid)" } ?? "", "\(p.fixed)", num(p.limits?[0] ?? nil),
                      num(p.limits?[1] ?? nil), p.unit].joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
}
