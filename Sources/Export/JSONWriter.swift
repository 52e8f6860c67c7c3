import Foundation
import ProfileData

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

/// The grid as compact JSON with sorted keys (byte-identical for identical input), written as text: the
/// same bytes as `JSONEncoder` gives for ``gridDocument(grid:contours:metadata:)`` (tested).
public func gridJSON(grid: ProfileGrid, contours: [ContourLine], metadata: ExportMetadata) throws -> Data {
    let doc = try gridDocument(grid: grid, contours: contours, metadata: metadata)
    var w = JSONText(capacity: 64 * grid.points.count)
    doc.write(to: &w)
    w.raw("\n")
    return Data(w.bytes)
}

extension GridDocument {
    fileprivate func write(to w: inout JSONText) {
        func numbers(_ t: Table<Double?>) -> (inout JSONText) -> Void {
            { w in
                switch t {
                case .flat(let v): w.array(count: v.count) { w, i in w.number(v[i]) }
                case .rows(let r): w.array(count: r.count) { w, j in w.array(count: r[j].count) { w, i in w.number(r[j][i]) } }
                }
            }
        }
        func doubles(_ v: [Double]) -> (inout JSONText) -> Void { { w in w.array(count: v.count) { w, i in w.number(v[i]) } } }
        var members: [(key: String, write: (inout JSONText) -> Void)] = [
            ("schema_version", { w in w.integer(schemaVersion) }),
            ("provenance", { w in
                var p: [(key: String, write: (inout JSONText) -> Void)] = [
                    ("x17fit", { w in w.string(provenance.x17fit) }),
                    ("git", { w in w.string(provenance.git) }),
                    ("datasets_sha256", { w in w.dictionary(provenance.datasetsSHA256) { w, v in w.string(v) } }),
                ]
                if let s = provenance.specSHA256 { p.append(("spec_sha256", { w in w.string(s) })) }
                w.object(p)
            }),
            ("fit", { w in w.string(fit) }),
            ("description", { w in w.string(description) }),
            ("data", { w in w.string(data) }),
            ("conventions", { w in w.dictionary(conventions) { w, v in w.string(v) } }),
            ("kind", { w in w.string(kind) }),
            ("axes", { w in
                w.array(count: axes.count) { w, i in
                    let a = axes[i]
                    var m: [(key: String, write: (inout JSONText) -> Void)] = [
                        ("name", { w in w.string(a.name) }), ("spacing", { w in w.string(a.spacing) }), ("latex", { w in w.string(a.latex) }),
                    ]
                    if let u = a.unit { m.append(("unit", { w in w.string(u) })) }
                    w.object(m)
                }
            }),
            ("x", doubles(x)),
            ("order", { w in w.string(order) }),
            ("chi2_min", { w in w.number(chi2Min) }),
            ("best_fit", { w in w.dictionary(bestFit) { w, v in w.number(v) } }),
            ("chi2", numbers(chi2)),
            ("delta_chi2", numbers(deltaChi2)),
            ("status", { w in
                switch status {
                case .flat(let v): w.array(count: v.count) { w, i in w.string(v[i]) }
                case .rows(let r): w.array(count: r.count) { w, j in w.array(count: r[j].count) { w, i in w.string(r[j][i]) } }
                }
            }),
            ("nfcn", { w in
                switch nfcn {
                case .flat(let v): w.array(count: v.count) { w, i in w.integer(v[i]) }
                case .rows(let r): w.array(count: r.count) { w, j in w.array(count: r[j].count) { w, i in w.integer(r[j][i]) } }
                }
            }),
            ("profiled", { w in w.array(count: profiled.count) { w, i in w.string(profiled[i]) } }),
            ("profiled_values", { w in w.dictionary(profiledValues) { w, t in numbers(t)(&w) } }),
            ("levels", { w in
                w.array(count: levels.count) { w, i in
                    let l = levels[i]
                    w.object([("delta_chi2", { w in w.number(l.deltaChi2) }), ("cl", { w in w.number(l.cl) }),
                              ("label", { w in w.string(l.label) })])
                }
            }),
            ("contours", { w in
                w.array(count: contours.count) { w, i in
                    let c = contours[i]
                    var m: [(key: String, write: (inout JSONText) -> Void)] = [
                        ("level", { w in w.number(c.level) }), ("method", { w in w.string(c.method) }),
                        ("closed", { w in w.bool(c.closed) }), ("x", doubles(c.x)), ("y", doubles(c.y)),
                    ]
                    if let cl = c.cl { m.append(("cl", { w in w.number(cl) })) }
                    w.object(m)
                }
            }),
            ("null_policy", { w in w.string(nullPolicy) }),
        ]
        if let y { members.append(("y", doubles(y))) }
        if let intervals {
            members.append(("intervals", { w in
                w.array(count: intervals.count) { w, i in
                    let r = intervals[i]
                    var m: [(key: String, write: (inout JSONText) -> Void)] = [
                        ("delta_chi2", { w in w.number(r.deltaChi2) }), ("best_fit", { w in w.number(r.bestFit) }),
                        ("crossings", doubles(r.crossings)),
                        ("segments", { w in
                            w.array(count: r.segments.count) { w, k in
                                w.object([("lower", { w in w.number(r.segments[k].lower) }), ("upper", { w in w.number(r.segments[k].upper) })])
                            }
                        }),
                    ]
                    if let cl = r.cl { m.append(("cl", { w in w.number(cl) })) }
                    if let label = r.label { m.append(("label", { w in w.string(label) })) }
                    w.object(m)
                }
            }))
        }
        w.object(members)
    }
}
