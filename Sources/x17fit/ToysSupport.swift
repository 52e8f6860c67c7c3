import Export
import FileSafety
import Foundation
import Minimizer
import Statistics
import Toys
import X17Analysis

/// What a toy study was generated from: everything a shard and the merged report must agree on.
struct ToyStudyHeader: Codable {
    var fit: String
    var seed: UInt64
    var toys: Int
    var minos: Bool
    var strategy: Int
    var provenance: Provenance
    /// Every parameter of the fit at the best fit of the observed data (the generating values).
    var parameters: [String]
    var generatingValues: [Double]
    var freeParameters: [String]
    var observedChi2: Double
    var ndof: Int
    /// Inputs the shipped catalogue has no value for, given in the user's nuclear file (nil when none).
    var userSuppliedInputs: [UserSuppliedInput]?

    enum CodingKeys: String, CodingKey {
        case fit, seed, toys, minos, strategy, provenance, parameters, generatingValues = "generating_values"
        case freeParameters = "free_parameters", observedChi2 = "observed_chi2", ndof
        case userSuppliedInputs = "user_supplied_inputs"
    }

    /// The header as sorted-key JSON, for comparing two studies field by field.
    var fingerprint: Data? { try? ToyShardFile.encoder.encode(self) }

    var freeGeneratingValues: [Double] {
        freeParameters.map { name in generatingValues[parameters.firstIndex(of: name)!] }
    }
}

/// `toys.json`: the study, its summary and every toy's χ²_min and status (null χ² for a failed toy).
struct ToyReport: Codable {
    var format = "x17fit-toys-1"
    var generator = generatorName
    var study: ToyStudyHeader
    var summary: ToySummary
    var chi2: [Double?]
    var status: [ToyStatus]

    init(study: ToyStudyHeader, records: [ToyRecord]) {
        self.study = study
        summary = ToySummary(records: records, observedChi2: study.observedChi2, ndof: study.ndof,
                             names: study.freeParameters, truth: study.freeGeneratingValues)
        chi2 = records.map(\.chi2)
        status = records.map(\.status)
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return e
    }()

    /// The members besides the per-toy arrays.
    private struct Head: Encodable {
        var format: String
        var generator: String
        var study: ToyStudyHeader
        var summary: ToySummary
    }

    /// The bytes `ToyReport.encoder` gives, with the per-toy arrays written as text (PrettyJSON).
    func jsonData() throws -> Data {
        try PrettyJSON.document(Head(format: format, generator: generator, study: study, summary: summary),
                                adding: ["chi2": .numbers(chi2), "status": .strings(status.map(\.rawValue))])
    }
}

/// One shard of a toy study (`toys --shard i/K --out DIR`), joined by `x17fit merge DIR`.
struct ToyShardFile: Codable {
    var format = "x17fit-toys-shard-1"
    var study: ToyStudyHeader
    var shard: String
    var records: [ToyRecord]

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    /// File name of shard `s` of the study of `fit`.
    static func name(fit: String, shard s: Shard) -> String { "\(fit).toys.shard-\(s.index)-of-\(s.count).json" }

    /// The toys of shard `s` of `n`: a contiguous block.
    static func range(of s: Shard, toys n: Int) -> Range<Int> { (s.index * n / s.count)..<((s.index + 1) * n / s.count) }
}

/// The files of a study's output folder: `toys.json` (`json`, the report's ``ToyReport/jsonData()``) and
/// `toys.csv` (one row per toy).
func toyFiles(_ report: ToyReport, json: Data, records: [ToyRecord]) -> [OutputFile] {
    let names = report.study.freeParameters
    var csv = "# x17fit toys of \(report.study.fit), seed \(report.study.seed); generating values: "
        + zip(report.study.parameters, report.study.generatingValues).map { "\($0)=\($1)" }.joined(separator: ", ") + "\n"
    for input in report.study.userSuppliedInputs ?? [] { csv += "# USER-SUPPLIED INPUT: \(input.summary)\n" }
    csv += (["index", "status", "chi2", "nfcn"] + names + names.map { $0 + "_error" }).joined(separator: ",") + "\n"
    for r in records {
        var cells = ["\(r.index)", r.status.rawValue, r.chi2.map { "\($0)" } ?? "", "\(r.nfcn)"]
        cells += (r.values ?? names.map { _ in .nan }).map { $0.isFinite ? "\($0)" : "" }
        cells += (r.errors ?? names.map { _ in .nan }).map { $0.isFinite ? "\($0)" : "" }
        csv += cells.joined(separator: ",") + "\n"
    }
    return [OutputFile(path: "toys.json", contents: json),
            OutputFile(path: "toys.csv", contents: Data(csv.utf8))]
}

/// The study's report for the terminal.
func toyReportLines(_ r: ToyReport) -> [String] {
    let s = r.summary
    func n(_ x: Double?, _ d: Int = 4) -> String { x.map { Report.number($0, d) } ?? "–" }
    func fraction(_ f: BinomialFraction?) -> String {
        guard let f, let p = f.fraction, let e = f.error else { return "–" }
        return "\(Report.number(p, 4)) ± \(Report.number(e, 2))"
    }
    var lines = [
        "toys \(r.study.fit): \(s.toys) toys (seed \(r.study.seed)), \(s.converged) converged (\(s.retried) retried), \(s.failed) failed",
        "observed χ²_min = \(n(s.observedChi2, 6)), ndof = \(s.ndof)",
        "  p-value: toys \(fraction(s.toyPValue)) (\(s.toyPValue.count)/\(s.toyPValue.total)\(s.toyNSigma.map { ", \(Report.number($0, 3))σ" } ?? ""))"
            + " | Wilks χ²(\(s.ndof)) \(n(s.wilksPValue, 3))\(s.wilksNSigma.map { " (\(Report.number($0, 3))σ)" } ?? "")",
        "  toy χ²_min: mean \(n(s.chi2Mean)) (χ²(\(s.ndof)): \(s.ndof)), variance \(n(s.chi2Variance)) (\(2 * s.ndof))"
            + (s.kolmogorovSmirnov.map { "; KS against χ²(\(s.ndof)): D = \(Report.number($0.distance, 3)), p = \(Report.number($0.pValue, 3))" } ?? ""),
    ]
    if !s.quantiles.isEmpty {
        lines.append("  quantiles (toys | χ²(\(s.ndof))): " + s.quantiles.map {
            "\(Report.number(100 * $0.probability, 4))%: \(Report.number($0.toy, 4)) | \(Report.number($0.wilks, 4))"
        }.joined(separator: ", "))
    }
    lines.append("coverage (fraction of toys whose interval contains the generating value):")
    for c in s.coverage {
        var line = "  \(Report.pad(c.parameter, 8)) HESSE 68.27%: \(fraction(c.hesse68))  95%: \(fraction(c.hesse95))"
        if c.minos68 != nil { line += "  MINOS 68.27%: \(fraction(c.minos68))  95%: \(fraction(c.minos95))" }
        lines.append(line)
    }
    let note = Report.userSuppliedNote([(r.study.fit, r.study.userSuppliedInputs ?? [])])
    if !note.isEmpty { lines.append(String(note.dropFirst())) }
    return lines
}

/// Progress of a toy study on stderr, like `profile`'s: a live bar on a terminal, one summary line otherwise.
final class ToyProgressReporter: @unchecked Sendable {
    private let label: String
    private let start = Date()
    private let lock = NSLock()
    private let interactive = isatty(2) == 1

    init(label: String) { self.label = label }

    func update(_ p: ToyProgress) {
        lock.lock()
        defer { lock.unlock() }
        guard interactive, p.total > 0 else { return }
        let elapsed = Date().timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(p.done) / elapsed : 0
        let eta = rate > 0 ? Double(p.total - p.done) / rate : 0
        let filled = 30 * p.done / p.total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: 30 - filled)
        let text = String(format: "\r%@ [%@] %d/%d  %.0f toys/s  ETA %.1fs  failed %d ", label, bar, p.done, p.total,
                          rate, eta, p.failed)
        FileHandle.standardError.write(Data(text.utf8))
    }

    func finish(_ records: [ToyRecord]) {
        let elapsed = Date().timeIntervalSince(start)
        let failed = records.filter { $0.status == .failed }.count
        let retried = records.filter { $0.status == .retried }.count
        let text = String(format: "%@%@: %d toys in %.3fs (%.0f toys/s), %d retried, %d failed\n",
                          interactive ? "\r\u{1B}[K" : "", label, records.count, elapsed,
                          elapsed > 0 ? Double(records.count) / elapsed : 0, retried, failed)
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Joins the toy shards in `dir` (named `*.toys.shard-i-of-K.json`) into the study's records, in index order.
/// Refuses shards of different studies (spec, data, seed, count, options) and missing or repeated shards.
func mergeToyShards(in dir: String, names: [String]) throws -> (ToyStudyHeader, [ToyRecord]) {
    var shards: [(String, ToyShardFile)] = []
    for name in names {
        let path = dir + "/" + name
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError(file: path, "cannot read") }
        do { shards.append((path, try JSONDecoder().decode(ToyShardFile.self, from: data))) } catch {
            throw InputError(file: path, "not an x17fit toy shard file: \(error)")
        }
    }
    let (firstPath, first) = shards[0]
    var seen: [Int: String] = [:]
    var count: Int?
    for (path, s) in shards {
        let a = s.study, b = first.study
        for (field, same) in [("fit", a.fit == b.fit), ("spec_sha256", a.provenance.specSHA256 == b.provenance.specSHA256),
                              ("datasets_sha256", a.provenance.datasetsSHA256 == b.provenance.datasetsSHA256),
                              ("seed", a.seed == b.seed), ("toys", a.toys == b.toys), ("minos", a.minos == b.minos),
                              ("strategy", a.strategy == b.strategy), ("generating values", a.fingerprint == b.fingerprint)] where !same {
            throw InputError(file: path, field: field, "differs from \(firstPath): shards of different toy studies")
        }
        let shard: Shard
        do { shard = try Shard(parsing: s.shard) } catch { throw InputError(file: path, field: "shard", "\(error)") }
        if let c = count, c != shard.count {
            throw InputError(file: path, field: "shard", "is one of \(shard.count) shards, \(firstPath) one of \(c)")
        }
        count = shard.count
        if let other = seen[shard.index] { throw InputError(file: path, field: "shard", "shard \(s.shard) also in \(other)") }
        seen[shard.index] = path
        guard s.records.map(\.index) == Array(ToyShardFile.range(of: shard, toys: s.study.toys)) else {
            throw InputError(file: path, field: "records", "does not hold exactly the toys of shard \(s.shard)")
        }
    }
    let missing = (0..<count!).filter { seen[$0] == nil }
    guard missing.isEmpty else {
        throw InputError(file: dir, field: "shards", "missing shard(s) \(missing.map { "\($0)/\(count!)" }.joined(separator: ", ")) of \(first.study.fit)")
    }
    let records = shards.sorted { $0.1.records.first?.index ?? 0 < $1.1.records.first?.index ?? 0 }.flatMap(\.1.records)
    return (first.study, records)
}

extension MergeCommand {
    /// Joins the toy shards `names` in `dir` and writes the study as the unsharded run would.
    func mergeToys(_ names: [String]) throws {
        let (header, records) = try mergeToyShards(in: dir, names: names)
        let folder = try checkedOutputFolder(out ?? dir + "/\(header.fit)-toys", kind: .toys, force: force)
        let jsonOutput = try JSONDestination.checked(json)
        say("merged \(names.count) toy shards of \(header.fit)", jsonOnStdout: json == "-")
        try writeToyReport(ToyReport(study: header, records: records), records: records, folder: folder,
                           json: jsonOutput, jsonOnStdout: json == "-")
    }
}
