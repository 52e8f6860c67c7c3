import X17Physics

/// Provenance grades of docs/data.md §0 (P, A, S, I, U) and docs/physics.md (V, D, R, M).
public enum Grade: String, Sendable, Codable, CaseIterable {
    case primary = "P", abstractOnly = "A", secondary = "S", inferred = "I", notRetrieved = "U"
    case read = "V", derived = "D", reconstructed = "R", fromMemory = "M"
}

/// What every measurement row carries besides its values.
public struct RowInfo: Sendable {
    public let id: String
    /// The dataset file relative to the datasets directory (e.g. `rates/atomki-rates.csv`).
    public let dataset: String
    /// The file as shown in messages (e.g. `datasets/rates/atomki-rates.csv`).
    public let file: String
    public let line: Int
    /// `use = default` (true) or `optional` (false).
    public let isDefault: Bool
    public let source: String
    public let grade: Grade
    public let notes: String
    /// Column name → 1-based character column of the field on `line`, for messages about one field.
    public var columns: [String: Int] = [:]

    /// An error about `field` of this row, located at its file, line and column.
    public func error(field: String, _ message: String, unavailable: Bool = false) -> InputError {
        InputError(file: file, line: line, column: columns[field], field: field, message, unavailable: unavailable)
    }
}

/// Transition labels allowed in mass / angle / nuclear rows (datasets schema §1).
public let knownTransitionLabels = [
    "Be8_18.15", "Be8_17.64", "Be8_direct", "Be8_GDR", "He4_20.21", "He4_21.01", "He4_combined", "C12_17.23",
]

/// A fitted X mass (kind "mass"); predicted by the parameter mX.
public struct MassRow: Sendable {
    public let info: RowInfo
    public let transition: String
    /// The energy of the run or level (MeV); may be empty for a paper combination of several runs.
    public let energy: Double?
    public let energyKind: String
    public let mX: Double
    public let stat: Double
    public let syst: Double
    public let systGroup: String?
}

/// A peak opening angle in degrees (kind "angle"); predicted by θ(mX, energy).
public struct AngleRow: Sendable {
    public let info: RowInfo
    public let transition: String
    public let energy: Double
    public let energyKind: String
    public let theta: Double
    public let stat: Double
    public let syst: Double
    public let systGroup: String?
}

/// A rate measurement or upper limit (kind "rate").
public struct RateRow: Sendable {
    public let info: RowInfo
    public let transition: Transition
    public let observable: RateObservable
    public let value: Double
    /// Statistical (or total, when `syst` is nil) uncertainty; nil only for an upper limit.
    public let stat: Double?
    public let syst: Double?
    public let isUpperLimit: Bool
    public let cl: Double?
}

/// A published fit entered as a Gaussian on a parameter plus a fixed χ² offset (kind "summary").
public struct SummaryRow: Sendable {
    public let info: RowInfo
    public let parameter: String
    public let value: Double
    public let sigma: Double
    public let chi2Offset: Double
    public let dof: Int
    /// The largest `dof` a summary may state (a published fit of more points than this is not plausible,
    /// and a bound keeps the dof sums of a fit far from integer overflow).
    public static let maximumDof = 1_000_000
}

/// A nuclear / theory input (kind "nuclear"); a nuisance parameter when freed and `uncertainty` > 0.
public struct NuclearRow: Sendable {
    public let info: RowInfo
    public let transition: String
    public let quantity: String
    public let value: Double
    public let uncertainty: Double
    public let unit: String
}

/// Prior kinds (datasets schema §6).
public enum PriorKind: String, Sendable, CaseIterable {
    case gaussian
    case upperLimit = "upper_limit"
    case twoSidedLimit = "two_sided_limit"
}

/// An external constraint on a parameter or a derived quantity (kind "prior").
public struct PriorRow: Sendable {
    public let info: RowInfo
    public let parameter: String
    public let kind: PriorKind
    public let center: Double
    public let sigma: Double?
    public let bound: Double?
    public let cl: Double?
}

/// Dataset kinds, told apart by their header columns.
public enum DatasetKind: String, Sendable, CaseIterable {
    case mass, angle, rate, summary, nuclear, prior
}

/// One row of any dataset kind.
public enum DatasetRow: Sendable {
    case mass(MassRow), angle(AngleRow), rate(RateRow), summary(SummaryRow), nuclear(NuclearRow), prior(PriorRow)
    /// A row graded U (not retrieved): listed for documentation, its values are not read and no fit may use it.
    case unavailable(RowInfo)

    public var info: RowInfo {
        switch self {
        case .mass(let r): r.info
        case .angle(let r): r.info
        case .rate(let r): r.info
        case .summary(let r): r.info
        case .nuclear(let r): r.info
        case .prior(let r): r.info
        case .unavailable(let info): info
        }
    }
}

/// A loaded, validated dataset file.
public struct DatasetFile: Sendable {
    public let dataset: String
    public let file: String
    public let kind: DatasetKind
    public let rows: [DatasetRow]
    /// SHA-256 of the file bytes (provenance).
    public let sha256: String
    /// Line of the header (where a file without data rows is reported).
    public let headerLine: Int
}
