import FileSafety
import Foundation
import TOML
import X17Physics

/// One `[parameters]` entry of a fit spec.
public struct ParameterSpec: Sendable, Equatable {
    public var name: String
    public var start: Double
    public var step: Double
    public var lower: Double?
    public var upper: Double?
    public var fixed: Bool
    /// Line of the key in the spec file.
    public var line: Int?
}

/// The `[published]` block: numbers a fit is compared with in `x17fit reproduce`.
public struct PublishedNumbers: Sendable, Equatable {
    public var source: String?
    /// Quantity name (a parameter, a derived coupling, or chi2 / ndof / pvalue / nsigma) → value, sorted by name.
    public var values: [(name: String, value: Double)]

    public static func == (a: PublishedNumbers, b: PublishedNumbers) -> Bool {
        a.source == b.source && a.values.map(\.name) == b.values.map(\.name) && a.values.map(\.value) == b.values.map(\.value)
    }
}

/// A fit specification `fits/NAME.toml` (schema: datasets/README.md, fits/README.md).
public struct FitSpec: Sendable {
    public var name: String
    public var description: String
    public var hypothesis: Hypothesis
    public var isospin: IsospinTreatment
    public var heConvention: HeConvention
    /// Dataset files relative to the datasets directory.
    public var datasets: [String]
    /// Row ids to use; nil means every row with `use = default`.
    public var select: [String]?
    public var nuclear: [String]
    /// Prior ids from `datasets/priors/*.csv`.
    public var priors: [String]
    /// External-constraint ids (`constraints`), from `constraintsFile`.
    public var constraints: [String]
    /// The constraints file relative to the datasets directory (`constraints_file`, default
    /// `constraints/external-constraints.csv`).
    public var constraintsFile: String
    public var ndofConvention: String?
    /// An explicit dof replacing data points − free parameters (stated and explained in the spec).
    public var ndof: Int?
    /// Parameters in the order they appear in the file.
    public var parameters: [ParameterSpec]
    public var published: PublishedNumbers?
    /// Scans `x17fit export` computes for this fit (`[[profiles]]`), in file order.
    public var profiles: [ProfilePlane]
    /// The spec file as shown in messages.
    public var file: String
    /// SHA-256 of the spec file bytes.
    public var sha256: String
    /// The spec text.
    public var text: String
    /// Line of each key, as `key` or `section.key` (e.g. `parameters.mX`), for later messages.
    var keyLines: [String: Int] = [:]

    static let topLevelKeys = [
        "name", "description", "hypothesis", "isospin", "he_convention", "datasets", "select", "nuclear",
        "priors", "ndof_convention", "ndof", "parameters", "published", "profiles", "constraints", "constraints_file",
    ]
    /// The default `constraints_file`.
    public static let defaultConstraintsFile = "constraints/external-constraints.csv"
    static let parameterKeys = ["start", "value", "step", "limits", "fixed"]

    /// Loads a spec from disk; `display` is how the file is named in messages (defaults to the path).
    public static func load(path: String, display: String? = nil) throws -> FitSpec {
        let file = display ?? path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw InputError(file: file, "is a folder, not a fit spec (give fits/NAME.toml)")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError(file: file, "fit spec not found") }
        guard let text = String(data: data, encoding: .utf8) else { throw InputError(file: file, "not UTF-8 text") }
        return try FitSpec(text: text, file: file, sha256: SHA256.hex(of: data))
    }

    /// Parses and validates a spec text. Errors name the line of the key at fault and, when the value is
    /// at fault, its column (TOML syntax errors: the line and column of the problem).
    public init(text: String, file: String, sha256: String = "") throws {
        self.file = file
        self.text = text
        self.sha256 = sha256.isEmpty ? SHA256.hex(of: Data(text.utf8)) : sha256
        let table: TOMLTable
        do {
            table = try TOMLDocument(parsing: text).root
        } catch {
            throw InputError(file: file, line: error.line, column: error.column, "TOML syntax: \(error.message)")
        }
        for entry in table { keyLines[entry.key] = entry.keyPosition.line }
        /// An error about top-level `key`: at its value, or at the key itself when `atKey`.
        func fail(_ key: String, atKey: Bool = false, _ message: String) -> InputError {
            let entry = table.entry(key)
            let position = atKey ? entry?.keyPosition : entry?.value.position
            return InputError(file: file, line: entry?.keyPosition.line, column: position?.column, field: key, message)
        }
        for key in table.keys where !Self.topLevelKeys.contains(key) {
            throw fail(key, atKey: true, "unknown key (expected one of \(Self.topLevelKeys.joined(separator: ", ")))")
        }
        func string(_ key: String) throws -> String? {
            guard let value = table[key] else { return nil }
            guard let s = value.string else { throw fail(key, "expected a string") }
            return s
        }
        func requiredString(_ key: String) throws -> String {
            guard let s = try string(key) else { throw InputError(file: file, field: key, "missing key") }
            return s
        }
        func strings(_ key: String) throws -> [String]? {
            guard let value = table[key] else { return nil }
            guard let array = value.array else { throw fail(key, "expected an array of strings") }
            return try array.map { element in
                guard let s = element.string else {
                    throw InputError(file: file, line: element.position.line, column: element.position.column, field: key,
                                     "expected an array of strings")
                }
                return s
            }
        }
        func choice<T: RawRepresentable & CaseIterable>(_ key: String, _: T.Type, default fallback: T?) throws -> T
        where T.RawValue == String {
            guard let raw = try string(key) else {
                if let fallback { return fallback }
                throw InputError(file: file, field: key, "missing key")
            }
            guard let parsed = T(rawValue: raw) else {
                throw fail(key, "unknown value '\(raw)' (expected one of \(T.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return parsed
        }
        name = try requiredString("name")
        description = try string("description") ?? ""
        hypothesis = try choice("hypothesis", Hypothesis.self, default: nil)
        isospin = try choice("isospin", IsospinTreatment.self, default: IsospinTreatment.none)
        heConvention = try choice("he_convention", HeConvention.self, default: .ratio)
        datasets = try strings("datasets") ?? []
        if datasets.isEmpty { throw fail("datasets", "no dataset files listed") }
        select = try strings("select")
        nuclear = try strings("nuclear") ?? []
        priors = try strings("priors") ?? []
        constraints = try strings("constraints") ?? []
        constraintsFile = try string("constraints_file") ?? Self.defaultConstraintsFile
        ndofConvention = try string("ndof_convention")
        if let value = table["ndof"] {
            guard let n = value.integer.flatMap({ Int(exactly: $0) }), n > 0 else { throw fail("ndof", "expected a positive integer") }
            ndof = n
        } else {
            ndof = nil
        }

        guard let parameterTable = table["parameters"]?.table, !parameterTable.isEmpty else {
            throw fail("parameters", "missing [parameters] table")
        }
        var parameters: [ParameterSpec] = []
        for parameter in parameterTable {
            let name = parameter.key
            let line = parameter.keyPosition.line
            keyLines["parameters.\(name)"] = line
            /// An error about `key` of this parameter: at its value when given (or its key when `atKey`),
            /// else at the parameter.
            func pfail(_ key: String, atKey: Bool = false, _ message: String) -> InputError {
                let entry = parameter.value.table?.entry(key) ?? (key == "start" ? parameter.value.table?.entry("value") : nil)
                let position = entry.map { atKey ? $0.keyPosition : $0.value.position }
                return InputError(file: file, line: position?.line ?? line, column: position?.column,
                                  field: "parameters.\(name)\(key.isEmpty ? "" : "." + key)", message)
            }
            guard let entry = parameter.value.table else {
                throw InputError(file: file, line: line, column: parameter.value.position.column, field: "parameters.\(name)",
                                 "expected an inline table { start = …, step = … }")
            }
            for key in entry.keys where !Self.parameterKeys.contains(key) {
                throw pfail(key, atKey: true, "unknown key (expected one of \(Self.parameterKeys.joined(separator: ", ")))")
            }
            func number(_ key: String) throws -> Double? {
                guard let v = entry[key] else { return nil }
                guard let d = v.number, d.isFinite else { throw pfail(key, "expected a number") }
                return d
            }
            guard let start = try number("start") ?? number("value") else { throw pfail("start", "missing start (or value)") }
            if entry["start"] != nil && entry["value"] != nil { throw pfail("value", "give start or value, not both") }
            let fixed: Bool
            if let f = entry["fixed"] {
                guard let b = f.bool else { throw pfail("fixed", "expected true or false") }
                fixed = b
            } else { fixed = false }
            let step = try number("step") ?? (start == 0 ? 0.1 : 0.1 * abs(start))
            guard step > 0 else { throw pfail("step", "expected a positive number, got \(step)") }
            var lower: Double?, upper: Double?
            if let limits = entry["limits"] {
                guard let array = limits.array, array.count == 2 else { throw pfail("limits", "expected [lower, upper]") }
                let bounds = try array.map { element -> Double in
                    guard let d = element.number, d.isFinite else {
                        throw InputError(file: file, line: element.position.line, column: element.position.column,
                                         field: "parameters.\(name).limits", "expected two numbers [lower, upper]")
                    }
                    return d
                }
                guard bounds[0] < bounds[1] else { throw pfail("limits", "limits reversed or empty: lower \(bounds[0]) ≥ upper \(bounds[1])") }
                guard start >= bounds[0] && start <= bounds[1] else {
                    throw pfail("start", "start \(start) lies outside the limits [\(bounds[0]), \(bounds[1])]")
                }
                (lower, upper) = (bounds[0], bounds[1])
            }
            parameters.append(ParameterSpec(name: name, start: start, step: step, lower: lower, upper: upper, fixed: fixed, line: line))
        }
        self.parameters = parameters

        if let pub = table["published"] {
            guard let pt = pub.table else { throw fail("published", "expected a table") }
            var source: String?
            var values: [(String, Double)] = []
            for entry in pt.entries.sorted(by: { $0.key < $1.key }) {
                let key = entry.key
                keyLines["published.\(key)"] = entry.keyPosition.line
                func pubfail(_ message: String) -> InputError {
                    InputError(file: file, line: entry.keyPosition.line, column: entry.value.position.column,
                               field: "published.\(key)", message)
                }
                if key == "source" {
                    guard let s = entry.value.string else { throw pubfail("expected a string") }
                    source = s
                } else {
                    guard let d = entry.value.number, d.isFinite else {
                        throw pubfail("expected a number")
                    }
                    values.append((key, d))
                }
            }
            published = PublishedNumbers(source: source, values: values)
        } else {
            published = nil
        }

        var planes: [ProfilePlane] = []
        if let value = table["profiles"] {
            guard let array = value.array else { throw fail("profiles", "expected an array of tables [[profiles]]") }
            for (k, element) in array.enumerated() {
                /// The line of `key` in this table, else the table's own line.
                func line(_ key: String?) -> Int {
                    key.flatMap { element.table?.entry($0)?.keyPosition.line } ?? element.position.line
                }
                func field(_ key: String?) -> String { "profiles[\(k)]" + (key.map { ".\($0)" } ?? "") }
                func pfail(_ key: String?, _ message: String) -> InputError {
                    let column = key.flatMap { element.table?[$0]?.position.column }
                    return InputError(file: file, line: line(key), column: column, field: field(key), message)
                }
                guard let entry = element.table else { throw pfail(nil, "expected a table { x = \"PAR:lo:hi:n\" }") }
                for key in entry.keys where !["x", "y", "bands"].contains(key) {
                    throw pfail(key, "unknown key (expected x, y, bands)")
                }
                func axis(_ key: String) throws -> AxisRequest? {
                    guard let v = entry[key] else { return nil }
                    guard let text = v.string else { throw pfail(key, "expected a string \"PAR:lo:hi:n\"") }
                    let request = try AxisRequest(parsing: text, file: file, line: line(key), field: field(key))
                    guard parameters.contains(where: { $0.name == request.parameter }) else {
                        throw pfail(key, "unknown parameter '\(request.parameter)' (not in [parameters])")
                    }
                    return request
                }
                guard let x = try axis("x") else { throw pfail("x", "missing key x") }
                let y = try axis("y")
                var bands: [String] = []
                if let value = entry["bands"] {
                    guard let array = value.array else { throw pfail("bands", "expected an array of constraint ids") }
                    bands = try array.map { element in
                        guard let id = element.string, !id.isEmpty else {
                            throw InputError(file: file, line: element.position.line, column: element.position.column,
                                             field: field("bands"), "expected an array of constraint ids (strings)")
                        }
                        return id
                    }
                    if y == nil, !bands.isEmpty { throw pfail("bands", "bands are drawn on 2-D planes only: give y") }
                    if let twice = bands.first(where: { id in bands.filter { $0 == id }.count > 1 }) {
                        throw pfail("bands", "band '\(twice)' is named twice")
                    }
                }
                planes.append(ProfilePlane(x: x, y: y, bands: bands, bandsLine: entry["bands"] == nil ? nil : line("bands")))
            }
        }
        profiles = planes
    }

    /// The line where `key` is written (in `section`, e.g. `parameters`, when given), for messages.
    public func line(of key: String, section: String? = nil) -> Int? { keyLines[section.map { "\($0).\(key)" } ?? key] }

    /// The spec's parameter entry by name.
    public func parameter(_ name: String) -> ParameterSpec? { parameters.first { $0.name == name } }
}
