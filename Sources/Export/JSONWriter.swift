import Foundation
import Statistics

/// The JSON document of a grid (decodable back with `JSONDecoder`). 2-D arrays are y-major:
/// `delta_chi2[j][i]` is at (x[i], y[j]); 1-D grids use flat arrays and `y == nil`.
/// Non-finite χ², Δχ² and profiled values are `null`; the point's `status` says why.
public struct GridDocument: Codable, Equatable, Sendable {
    public struct Provenance: Codable, Equatable, Sendable {
        public var x17fit: String
        public var git: String
        public var specSHA256: String?
        public var datasetsSHA256: [String: String]

        enum CodingKeys: String, CodingKey {
            case x17fit, git
            case specSHA256 = "spec_sha256"
            case datasetsSHA256 = "datasets_sha256"
        }
    }

    public struct Level: Codable, Equatable, Sendable {
        public var deltaChi2: Double
        public var cl: Double
        public var label: String

        enum CodingKeys: String, CodingKey {
            case deltaChi2 = "delta_chi2", cl, label
        }
    }

    public struct Axis: Codable, Equatable, Sendable {
        public var name: String
        public var unit: String?
        public var spacing: String
        public var latex: String
    }

    /// A 1-D profile's region Δχ² ≤ level: refined crossings and the ranges they bound (null ends run past
    /// the grid; more than one range when the region is not connected).
    public struct Interval: Codable, Equatable, Sendable {
        public struct Range: Codable, Equatable, Sendable {
            public var lower: Double?
            public var upper: Double?

            public func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(lower, forKey: .lower)
                try c.encode(upper, forKey: .upper)
            }
        }

        public var deltaChi2: Double
        public var cl: Double?
        public var label: String?
        public var bestFit: Double
        public var crossings: [Double]
        public var segments: [Range]

        enum CodingKeys: String, CodingKey {
            case deltaChi2 = "delta_chi2", cl, label, bestFit = "best_fit", crossings, segments
        }
    }

    public struct Contour: Codable, Equatable, Sendable {
        public var level: Double
        public var cl: Double?
        public var method: String
        public var closed: Bool
        public var x: [Double]
        public var y: [Double]
    }

    /// A flat (1-D) or y-major nested (2-D) array.
    public enum Table<T: Codable & Equatable & Sendable>: Codable, Equatable, Sendable {
        case flat([T])
        case rows([[T]])

        public init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let rows = try? c.decode([[T]].self) { self = .rows(rows) } else { self = .flat(try c.decode([T].self)) }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case let .flat(v): try c.encode(v)
            case let .rows(v): try c.encode(v)
            }
        }

        /// All values in storage (y-major) order.
        public var flattened: [T] {
            switch self {
            case let .flat(v): v
            case let .rows(v): v.flatMap { $0 }
            }
        }
    }

    /// The version of this document's schema (`schemas/profile.schema.json`).
    public var schemaVersion = GridDocument.currentSchemaVersion
    public var provenance: Provenance
    public var fit: String
    public var description: String
    public var data: String
    public var conventions: [String: String]
    public var kind: String
    public var axes: [Axis]
    public var x: [Double]
    public var y: [Double]?
    public var order: String
    public var chi2Min: Double
    public var bestFit: [String: Double]
    public var chi2: Table<Double?>
    public var deltaChi2: Table<Double?>
    public var status: Table<String>
    public var nfcn: Table<Int>
    public var profiled: [String]
    public var profiledValues: [String: Table<Double?>]
    public var levels: [Level]
    public var contours: [Contour]
    /// 1-D profiles only: the intervals at each level.
    public var intervals: [Interval]?
    public var nullPolicy: String

    public static let currentSchemaVersion = 1

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case provenance, fit, description, data, conventions, kind, axes, x, y, order
        case chi2Min = "chi2_min", bestFit = "best_fit", chi2, deltaChi2 = "delta_chi2", status, nfcn
        case profiled, profiledValues = "profiled_values", levels, contours, intervals, nullPolicy = "null_policy"
    }
}

/// Builds the ``GridDocument`` of a grid and its contours.
public func gridDocument(grid: ProfileGrid, contours: [ContourLine], metadata: ExportMetadata) throws -> GridDocument {
    try validateExport(grid: grid, contours: contours, metadata: metadata)
    func table<T>(_ values: [T]) -> GridDocument.Table<T> {
        guard grid.y != nil else { return .flat(values) }
        return .rows((0..<grid.ny).map { j in Array(values[(j * grid.nx)..<((j + 1) * grid.nx)]) })
    }
    func finite(_ v: Double) -> Double? { v.isFinite ? v : nil }
    var profiledValues: [String: GridDocument.Table<Double?>] = [:]
    for (k, name) in grid.profiledParameters.enumerated() {
        profiledValues[name] = table(grid.points.map { finite($0.profiledValues[k]) })
    }
    let axes = [grid.x] + (grid.y.map { [$0] } ?? [])
    return GridDocument(
        provenance: .init(x17fit: metadata.generatorVersion, git: metadata.gitHash, specSHA256: metadata.specSHA256,
                          datasetsSHA256: Dictionary(metadata.dataSHA256.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })),
        fit: metadata.fitName, description: metadata.description, data: metadata.dataDescription,
        conventions: Dictionary(metadata.conventions.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }),
        kind: grid.kind.rawValue,
        axes: axes.map { a in
            let l = metadata.label(for: a.name)
            return .init(name: a.name, unit: a.unit ?? l.unit, spacing: a.spacing.rawValue, latex: l.latex)
        },
        x: grid.x.values, y: grid.y?.values,
        order: grid.y == nil ? "1-D (index i is x[i])" : "y-major (row j is y[j])",
        chi2Min: grid.chi2Min, bestFit: grid.bestFit,
        chi2: table(grid.points.map { finite($0.chi2) }),
        deltaChi2: table(grid.points.map { finite($0.chi2 - grid.chi2Min) }),
        status: table(grid.points.map(\.status.rawValue)),
        nfcn: table(grid.points.map(\.nfcn)),
        profiled: grid.profiledParameters, profiledValues: profiledValues,
        levels: metadata.levels.map { .init(deltaChi2: $0.deltaChi2, cl: $0.cl, label: $0.label) },
        contours: contours.map { c in
            let p = c.closedPoints
            return .init(level: c.level, cl: c.cl, method: c.method, closed: c.closed, x: p.x, y: p.y)
        },
        intervals: grid.y != nil ? nil : metadata.intervals.map { r in
            let level = metadata.levels.first { $0.deltaChi2 == r.level }
            return .init(deltaChi2: r.level, cl: level?.cl, label: level?.label, bestFit: r.bestFit, crossings: r.crossings,
                         segments: r.segments.map { .init(lower: $0.lower, upper: $0.upper) })
        },
        nullPolicy: "non-finite chi2, delta_chi2 and profiled values are null; status says why")
}

/// The grid as compact JSON with sorted keys (byte-identical for identical input).
public func gridJSON(grid: ProfileGrid, contours: [ContourLine], metadata: ExportMetadata) throws -> Data {
    let doc = try gridDocument(grid: grid, contours: contours, metadata: metadata)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
        var data = try encoder.encode(doc)
        data.append(0x0A)
        return data
    } catch {
        throw ExportError.invalidInput(quantity: "JSON document", reason: "\(error)")
    }
}
