import FileSafety
import Foundation
import X17Physics

/// Reads and validates the CSV files under `datasets/` (schema: datasets/README.md).
public struct DatasetLoader: Sendable {
    /// The datasets directory.
    public let root: URL
    /// How the root is shown in messages (its last path component, e.g. `datasets`).
    public let displayRoot: String

    public init(root: URL) {
        self.root = root.standardizedFileURL
        displayRoot = self.root.lastPathComponent
    }

    /// The file name shown in messages for a dataset path relative to the root.
    public func display(_ dataset: String) -> String { displayRoot + "/" + dataset }

    /// Loads one file, relative to the root; the kind is recognised from the header.
    public func load(_ dataset: String) throws -> DatasetFile {
        let url = root.appendingPathComponent(dataset)
        let file = display(dataset)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw InputError(file: file, "is a folder, expected a CSV file")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw InputError(file: file, "dataset file not found")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let place = Self.firstInvalidUTF8(in: data)
            throw InputError(file: file, line: place?.line, column: place?.column, "not UTF-8 text")
        }
        let table = try CSVTable(text: text, file: file)
        let kind = try Self.kind(of: table)
        try table.requireColumns(Self.columns[kind]!)
        var rows: [DatasetRow] = []
        var ids: [String: Int] = [:]
        for row in table.rows {
            let id = try row.required("id")
            if let first = ids[id] {
                throw row.error("id", "duplicate id '\(id)' (first on line \(first))")
            }
            ids[id] = row.line
            let info = RowInfo(
                id: id, dataset: dataset, file: file, line: row.line,
                isDefault: try row.choice("use", ["default", "optional"]) == "default",
                source: row.text("source"),
                grade: Grade(rawValue: try row.choice("grade", Grade.allCases.map(\.rawValue)))!,
                notes: row.text("notes"), columns: row.columns)
            rows.append(info.grade == .notRetrieved ? .unavailable(info) : try Self.parse(row, kind: kind, info: info))
        }
        return DatasetFile(dataset: dataset, file: file, kind: kind, rows: rows, sha256: SHA256.hex(of: data),
                           headerLine: table.headerLine)
    }

    /// Line and column (1-based, in Unicode scalars) of the first byte sequence that is not UTF-8.
    static func firstInvalidUTF8(in data: Data) -> (line: Int, column: Int)? {
        var line = 1, column = 1
        var iterator = data.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1 && encoded.first == 0x0A { line += 1; column = 1 } else { column += 1 }
            case .error:
                return (line, column)
            case .emptyInput:
                return nil
            }
        }
    }

    /// Dataset paths (relative to the root) of every CSV file in a sub-directory, sorted.
    public func files(in directory: String) -> [String] {
        let url = root.appendingPathComponent(directory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix(".csv") }.sorted().map { directory + "/" + $0 }
    }

    static let common = ["id", "use", "source", "grade"]
    static let columns: [DatasetKind: [String]] = [
        .mass: ["transition", "energy_MeV", "energy_kind", "mX_MeV", "stat_MeV", "syst_MeV", "syst_group"] + common,
        .angle: ["transition", "energy_MeV", "energy_kind", "theta_deg", "stat_deg", "syst_deg", "syst_group"] + common,
        .rate: ["transition", "observable", "value", "stat", "syst", "upper_limit", "cl"] + common,
        .summary: ["parameter", "value", "sigma", "chi2_offset", "dof"] + common,
        .nuclear: ["transition", "quantity", "value", "uncertainty", "unit"] + common,
        .prior: ["parameter", "kind", "center", "sigma", "bound", "cl"] + common,
    ]

    static func kind(of table: CSVTable) throws -> DatasetKind {
        let h = Set(table.header)
        if h.contains("mX_MeV") { return .mass }
        if h.contains("theta_deg") { return .angle }
        if h.contains("observable") { return .rate }
        if h.contains("chi2_offset") { return .summary }
        if h.contains("quantity") { return .nuclear }
        if h.contains("kind") && h.contains("center") { return .prior }
        throw InputError(file: table.file, line: table.headerLine,
            "unknown dataset kind: the header matches none of mass, angle, rate, summary, nuclear, prior")
    }

    static func parse(_ row: CSVRow, kind: DatasetKind, info: RowInfo) throws -> DatasetRow {
        switch kind {
        case .mass:
            return .mass(MassRow(
                info: info, transition: try row.choice("transition", knownTransitionLabels),
                energy: try row.optionalPositive("energy_MeV"),
                energyKind: try row.choice("energy_kind", ["nominal", "excitation"]),
                mX: try row.positive("mX_MeV"), stat: try row.positive("stat_MeV"),
                syst: row.text("syst_MeV").isEmpty ? 0 : try row.nonNegative("syst_MeV"),
                systGroup: row.text("syst_group").isEmpty ? nil : row.text("syst_group")))
        case .angle:
            return .angle(AngleRow(
                info: info, transition: try row.choice("transition", knownTransitionLabels),
                energy: try row.positive("energy_MeV"),
                energyKind: try row.choice("energy_kind", ["nominal", "excitation"]),
                theta: try row.positive("theta_deg"), stat: try row.positive("stat_deg"),
                syst: row.text("syst_deg").isEmpty ? 0 : try row.nonNegative("syst_deg"),
                systGroup: row.text("syst_group").isEmpty ? nil : row.text("syst_group")))
        case .rate:
            let transition = try row.choice("transition", Transition.allCases.map(\.rawValue))
            let observable = try row.choice("observable", RateObservable.allCases.map(\.rawValue))
            let isLimit = try row.choice("upper_limit", ["yes", "no"]) == "yes"
            let cl = try row.optionalNumber("cl")
            if let cl, !(cl > 0.5 && cl < 1) {
                throw row.error("cl", "expected the confidence level of an upper limit, in (0.5, 1), got '\(row.text("cl"))'")
            }
            if isLimit && cl == nil { throw row.error("cl", "missing value (an upper limit needs its confidence level)") }
            return .rate(RateRow(
                info: info, transition: Transition(rawValue: transition)!,
                observable: RateObservable(rawValue: observable)!,
                value: isLimit ? try row.positive("value") : try row.nonNegative("value"),
                stat: isLimit ? try row.optionalPositive("stat") : try row.positive("stat"),
                syst: row.text("syst").isEmpty ? nil : try row.nonNegative("syst"),
                isUpperLimit: isLimit, cl: cl))
        case .summary:
            return .summary(SummaryRow(
                info: info, parameter: try row.required("parameter"), value: try row.number("value"),
                sigma: try row.positive("sigma"), chi2Offset: try row.nonNegative("chi2_offset"),
                dof: try row.count("dof", atMost: SummaryRow.maximumDof)))
        case .nuclear:
            let transition = row.text("transition")
            if !transition.isEmpty { _ = try row.choice("transition", knownTransitionLabels) }
            return .nuclear(NuclearRow(
                info: info, transition: transition, quantity: try row.required("quantity"),
                value: try row.number("value"), uncertainty: row.text("uncertainty").isEmpty ? 0 : try row.nonNegative("uncertainty"),
                unit: row.text("unit")))
        case .prior:
            let kind = PriorKind(rawValue: try row.choice("kind", PriorKind.allCases.map(\.rawValue)))!
            let cl = try row.optionalNumber("cl")
            if let cl, !(cl > 0.5 && cl < 1) {
                throw row.error("cl", "expected the confidence level of a limit, in (0.5, 1), got '\(row.text("cl"))'")
            }
            let prior = PriorRow(
                info: info, parameter: try row.required("parameter"), kind: kind,
                center: row.text("center").isEmpty ? 0 : try row.number("center"),
                sigma: try row.optionalPositive("sigma"), bound: try row.optionalPositive("bound"), cl: cl)
            switch kind {
            case .gaussian where prior.sigma == nil: throw row.error("sigma", "missing value (a gaussian prior needs sigma)")
            case .upperLimit, .twoSidedLimit:
                if prior.bound == nil && prior.sigma == nil { throw row.error("bound", "missing value (a limit needs bound and cl, or sigma)") }
            default: break
            }
            return .prior(prior)
        }
    }
}
