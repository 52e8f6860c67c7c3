import ArgumentParser
import Export
import FileSafety
import Foundation
import Probability
import Statistics
import X17Analysis

/// Loads a spec and prepares its fit, resolving the datasets directory as `fit` does.
func prepareFit(_ fitspec: String, datasets: String?) throws -> FitSetup {
    let spec = try FitSpec.load(path: fitspec)
    return try FitSetup.prepare(spec: spec, datasets: datasetLoader(fitspec, datasets: datasets))
}

/// The datasets directory of a spec: `datasets`, else `<spec dir>/../datasets`.
func datasetLoader(_ fitspec: String, datasets: String?) -> DatasetLoader {
    DatasetLoader(root: URL(fileURLWithPath: datasets ?? directory(of: fitspec) + "/../datasets"))
}

/// Contour levels from `--levels` (Δχ² values) or `--cl` (probabilities, or nσ when ≥ 1), for `parameters`
/// jointly scanned parameters; the 1σ/2σ/3σ set by default.
func confidenceLevels(levels: String?, cl: String?, parameters: Int) throws -> [ConfidenceLevel] {
    func numbers(_ text: String, option: String) throws -> [Double] {
        try text.split(separator: ",").map {
            let s = $0.trimmingCharacters(in: .whitespaces)
            guard let v = Double(s), v.isFinite else {
                throw InputError(file: "command line", field: option, "'\(s)' is not a number")
            }
            guard v > 0 else { throw InputError(file: "command line", field: option, "levels must be > 0, got \(v)") }
            return v
        }
    }
    if levels != nil && cl != nil {
        throw InputError(file: "command line", field: "--levels", "give --levels or --cl, not both")
    }
    var out: [ConfidenceLevel] = []
    if let levels {
        for v in try numbers(levels, option: "--levels") {
            let p = try chi2CDF(v, dof: parameters)
            out.append(ConfidenceLevel(deltaChi2: v, cl: p, label: "Δχ² = \(Report.number(v, 4))"))
        }
    } else if let cl {
        for v in try numbers(cl, option: "--cl") {
            // nσ through the log-space threshold: beyond about 8σ the CL itself rounds to 1.
            let p = v >= 1 ? try clForNSigma(v) : v
            let d = v >= 1 ? try deltaChi2Threshold(parameters: parameters, nSigma: v)
                           : try deltaChi2Threshold(parameters: parameters, cl: p)
            let label = v >= 1 ? "\(Report.number(v, 3))σ" : "\(Report.number(100 * v, 4))% CL"
            out.append(ConfidenceLevel(deltaChi2: d, cl: p, label: label))
        }
    } else {
        return try ConfidenceLevel.standard(parameters: parameters)
    }
    out.sort { $0.deltaChi2 < $1.deltaChi2 }
    return out
}

/// Axis labels in physics notation for the parameter names fits use.
let standardAxisLabels: [AxisLabel] = [
    AxisLabel(name: "mX", latex: "$m_X$", svg: "m_{X}", unit: "MeV", scaleExponent: 0),
    AxisLabel(name: "eps_n", latex: "$\\varepsilon_n$", svg: "ε_{n}", scaleExponent: 3),
    AxisLabel(name: "eps_p", latex: "$\\varepsilon_p$", svg: "ε_{p}", scaleExponent: 3),
    AxisLabel(name: "eps_u", latex: "$\\varepsilon_u$", svg: "ε_{u}", scaleExponent: 3),
    AxisLabel(name: "eps_d", latex: "$\\varepsilon_d$", svg: "ε_{d}", scaleExponent: 3),
    AxisLabel(name: "a_n", latex: "$a_n$", svg: "a_{n}"),
    AxisLabel(name: "a_0", latex: "$a_0$", svg: "a_{0}"),
    AxisLabel(name: "a_p", latex: "$a_p$", svg: "a_{p}"),
    AxisLabel(name: "BR_ee", latex: "BR$(X\\to e^+e^-)$", svg: "BR(X→e^{+}e^{−})"),
]

/// What every export of `setup` states: conventions, data, provenance, levels, labels, the couplings whose
/// signs flip together (figures mark the mirror solution), the fit summary for HEPData when given, and a
/// title naming the hypothesis, isospin treatment and kind of scan; `--title`/`--label` override.
func exportMetadata(_ setup: FitSetup, levels: [ConfidenceLevel], git: String, kind: ScanKind = .profiled,
                    figure: FigureOptions = FigureOptions(), summary: FitSummary? = nil) throws -> ExportMetadata {
    let spec = setup.spec
    var conventions = [
        MetadataEntry("hypothesis", spec.hypothesis.rawValue),
        MetadataEntry("isospin", spec.isospin.rawValue),
        MetadataEntry("he_convention", spec.heConvention.rawValue),
        MetadataEntry("ndof", "\(setup.model.ndof)"),
        MetadataEntry("errordef", "1 (chi2)"),
    ]
    if let note = setup.heliumDeviceNote { conventions.append(MetadataEntry("he_note", note)) }
    for (k, input) in setup.userSuppliedInputs.enumerated() {
        conventions.append(MetadataEntry("user_supplied_input_\(k + 1)", input.summary))
    }
    if let signs = ProfileJob.signConvention(of: setup) { conventions.append(MetadataEntry("sign_convention", signs)) }
    let data = setup.datasetHashes.keys.sorted()
    let metadata = ExportMetadata(
        fitName: spec.name,
        description: ([spec.description] + (setup.userSuppliedInputs.isEmpty ? []
            : ["[USER-SUPPLIED INPUTS: " + setup.userSuppliedInputs.map(\.id).joined(separator: ", ") + "]"]))
            .filter { !$0.isEmpty }.joined(separator: " "),
        dataDescription: "datasets: " + data.joined(separator: ", ") + (spec.priors.isEmpty ? "" : "; priors: " + spec.priors.joined(separator: ", "))
            + (spec.constraints.isEmpty ? "" : "; constraints: " + spec.constraints.joined(separator: ", ")),
        conventions: conventions, levels: levels, generatorVersion: x17fitVersion, gitHash: git,
        specSHA256: spec.sha256, dataSHA256: data.map { MetadataEntry($0, setup.datasetHashes[$0]!) },
        axisLabels: standardAxisLabels,
        hepdata: HEPDataKeywords(
            reactions: ["P LI7 --> BE8 X", "P H3 --> HE4 X", "P B11 --> C12 X"], observables: ["CHI2"],
            phrases: ["X17", "ATOMKI anomaly", "Profile likelihood"]),
        title: defaultTitle(setup, kind: kind), mirroredParameters: ProfileJob.couplings(of: setup), fitSummary: summary)
    return try figure.apply(to: metadata)
}

/// Progress on stderr: a live bar with ETA, points/s and failed points on a terminal, one summary
/// line otherwise.
final class ProgressReporter: @unchecked Sendable {
    private let label: String
    private let start = Date()
    private let lock = NSLock()
    private let interactive = isatty(2) == 1

    init(label: String) { self.label = label }

    func update(_ p: GridProgress) {
        lock.lock()
        defer { lock.unlock() }
        guard interactive, p.pointsTotal > 0 else { return }
        let elapsed = Date().timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(p.pointsDone) / elapsed : 0
        let eta = rate > 0 ? Double(p.pointsTotal - p.pointsDone) / rate : 0
        let width = 30
        let filled = width * p.pointsDone / p.pointsTotal
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let text = String(format: "\r%@ [%@] %d/%d  %.0f pts/s  ETA %.1fs  failed %d ", label, bar,
                          p.pointsDone, p.pointsTotal, rate, eta, p.failed)
        FileHandle.standardError.write(Data(text.utf8))
    }

    func finish(_ grid: ProfileGrid) {
        let elapsed = Date().timeIntervalSince(start)
        let computed = grid.points.filter { $0.status != .notComputed }
        let failed = computed.filter { $0.status == .failed }.count
        let retried = computed.filter { $0.status == .retried }.count
        let text = String(format: "%@%@: %d points in %.2fs (%.0f pts/s), %d retried, %d failed\n",
                          interactive ? "\r\u{1B}[K" : "", label, computed.count, elapsed,
                          elapsed > 0 ? Double(computed.count) / elapsed : 0, retried, failed)
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// The JSON of a grid shard, as `x17fit profile --shard` writes it and `x17fit merge` reads it.
struct ShardFile: Codable {
    var format = "x17fit-profile-shard-1"
    /// The spec and datasets directory as absolute paths, for re-profiling at merge time (from any folder).
    var spec: String
    var datasets: String?
    /// What the shard was computed from: `merge` refuses if the spec or its data changed since.
    var specSHA256: String
    var datasetsSHA256: [String: String]
    var shard: String
    var formats: [String]
    var levels: [ConfidenceLevel]
    var grid: ProfileGrid

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }()
    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }()
}

/// Files of one profile plane (its grid, contours and, for a 1-D profile, intervals) in the export formats,
/// under `<stem>` names.
func planeFiles(_ job: ProfileJob, grid: ProfileGrid, contours: [ContourLine], intervals: [ProfileInterval],
                levels: [ConfidenceLevel], formats: Set<ExportFormat>, git: String, figure: FigureOptions) throws -> [OutputFile] {
    let metadata = try exportMetadata(job.setup, levels: levels, git: git, kind: grid.kind, figure: figure)
    return try bundleFiles([GridExport(grid: grid, contours: contours, intervals: intervals)], metadata: metadata, formats: formats)
}

/// Output formats from `--format`, with the option named in the error.
func parseFormats(_ text: String) throws -> Set<ExportFormat> {
    do { return try ExportFormat.parseList(text) } catch let error as ExportError {
        throw InputError(file: "command line", field: "--format", error.description)
    }
}

/// The minimizer's profiled contour curve (second method) at each level, and the largest |Δχ² − level| over
/// its points, re-profiled with the grid's own solver. It traces the island around the best fit only.
func contourCurves(_ job: ProfileJob, levels: [ConfidenceLevel], size: Int = 100) throws
    -> [(line: ContourLine, worstDeviation: Double)] {
    try levels.map { level in
        let line = try job.likelihood.contourCurve(level: level.deltaChi2, size: size)
        var worst = 0.0
        for (x, y) in zip(line.x, line.y) {
            worst = max(worst, abs(try job.likelihood.deltaChi2(at: [x, y]) - level.deltaChi2))
        }
        return (line, worst)
    }
}

/// The refined intervals of a complete 1-D profile at each level (none for a 2-D grid or a shard).
func profileIntervals(_ job: ProfileJob, grid: ProfileGrid, levels: [ConfidenceLevel]) throws -> [ProfileInterval] {
    guard grid.y == nil, !grid.points.contains(where: { $0.status == .notComputed }) else { return [] }
    return try levels.map { try job.likelihood.interval(of: grid, level: $0.deltaChi2) }
}

/// The intervals as MINOS-style lines for the terminal.
func intervalLines(_ intervals: [ProfileInterval], levels: [ConfidenceLevel]) -> [String] {
    zip(intervals, levels).map { r, level in
        let lo = r.lowerError.map { Report.number($0, 4) } ?? "beyond the grid"
        let hi = r.upperError.map { "+" + Report.number($0, 4) } ?? "beyond the grid"
        var line = "  Δχ² = \(Report.number(level.deltaChi2, 4)) (\(level.label)): \(r.parameter) = \(Report.number(r.bestFit, 6)) \(lo) \(hi)"
        if r.segments.count > 1 {
            let ranges = r.segments.map { "[\($0.lower.map { Report.number($0, 6) } ?? "…"), \($0.upper.map { Report.number($0, 6) } ?? "…")]" }
            line += "  (not connected: " + ranges.joined(separator: " ∪ ") + ")"
        }
        return line
    }
}
