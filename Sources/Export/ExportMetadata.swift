import Foundation
import Probability
import ProfileData

/// One key/value pair of an ordered list (kept as an array so output order is the caller's order).
public struct MetadataEntry: Sendable, Codable, Equatable {
    public var key: String
    public var value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}

/// A contour level: the Δχ² threshold, the confidence level it stands for, and a short label.
public struct ConfidenceLevel: Sendable, Codable, Equatable {
    public var deltaChi2: Double
    /// Probability content in (0, 1), e.g. 0.6827.
    public var cl: Double
    /// Short legend label, e.g. "1σ" or "95%".
    public var label: String

    public init(deltaChi2: Double, cl: Double, label: String) {
        self.deltaChi2 = deltaChi2
        self.cl = cl
        self.label = label
    }

    /// The level holding the probability of ±`n`σ of a 1-D normal, for a χ² with 1 or 2 degrees of freedom.
    public static func sigma(_ n: Int, parameters: Int) throws -> ConfidenceLevel {
        guard n >= 1 else {
            throw ExportError.invalidInput(quantity: "number of sigmas", reason: "must be ≥ 1, got \(n)")
        }
        guard parameters == 1 || parameters == 2 else {
            throw ExportError.invalidInput(quantity: "number of parameters", reason: "1 or 2 are drawn, got \(parameters)")
        }
        return ConfidenceLevel(deltaChi2: try deltaChi2Threshold(parameters: parameters, nSigma: Double(n)),
                               cl: try clForNSigma(Double(n)), label: "\(n)σ")
    }

    /// 1σ, 2σ and 3σ for `parameters` (1 or 2) jointly estimated parameters.
    public static func standard(parameters: Int) throws -> [ConfidenceLevel] {
        try (1...3).map { try sigma($0, parameters: parameters) }
    }
}

/// How one parameter is written in each output format.
public struct AxisLabel: Sendable, Codable, Equatable {
    /// Plain identifier used in CSV/JSON headers, e.g. `eps_n`.
    public var name: String
    /// LaTeX label for pgfplots and HEPData, e.g. `$\varepsilon_n$`.
    public var latex: String
    /// Unicode label for SVG and gnuplot; `_{…}` and `^{…}` become sub- and superscripts.
    public var svg: String
    /// Physical unit, e.g. `MeV` (nil for dimensionless).
    public var unit: String?
    /// Display scale: tick values are shown as value × 10^`scaleExponent` and the label says so.
    /// Nil chooses one automatically for very small or large ranges.
    public var scaleExponent: Int?

    public init(name: String, latex: String? = nil, svg: String? = nil, unit: String? = nil,
                scaleExponent: Int? = nil) {
        self.name = name
        self.latex = latex ?? name
        self.svg = svg ?? name
        self.unit = unit
        self.scaleExponent = scaleExponent
    }
}

/// Keywords HEPData requires on each table.
public struct HEPDataKeywords: Sendable, Codable, Equatable {
    /// e.g. `P LI7 --> BE8 X`.
    public var reactions: [String]
    /// e.g. `CHI2`.
    public var observables: [String]
    /// Centre-of-mass energies in GeV.
    public var cmenergies: [Double]
    public var phrases: [String]
    /// Where the data come from, e.g. "Data from Figure 2 of arXiv:2304.09877".
    public var location: String?

    public init(reactions: [String] = [], observables: [String] = ["CHI2"], cmenergies: [Double] = [],
                phrases: [String] = [], location: String? = nil) {
        self.reactions = reactions
        self.observables = observables
        self.cmenergies = cmenergies
        self.phrases = phrases
        self.location = location
    }
}

/// An external constraint's band drawn on a plane: its lines' `method` (`band:<id>`), legend and how it was drawn.
public struct ContourBandInfo: Sendable, Codable, Equatable {
    public var method: String
    public var legend: String
    public var description: String

    public init(method: String, legend: String, description: String) {
        self.method = method
        self.legend = legend
        self.description = description
    }
}

/// Everything an export states besides the grid itself (which carries kind, χ²_min, best fit and
/// the profiled parameter names).
public struct ExportMetadata: Sendable, Codable, Equatable {
    /// Fit name, e.g. `dg2023-vector-none`.
    public var fitName: String
    public var description: String
    /// What data entered the χ², e.g. "ATOMKI 8Be 18.15 MeV, 4He, 12C".
    public var dataDescription: String
    /// Free-form ordered conventions, e.g. hypothesis=vector, isospin=none.
    public var conventions: [MetadataEntry]
    /// Contour levels in increasing Δχ².
    public var levels: [ConfidenceLevel]
    /// Generator version, e.g. `0.1.0`.
    public var generatorVersion: String
    public var gitHash: String
    public var specSHA256: String?
    /// Data file → sha256, in the caller's order.
    public var dataSHA256: [MetadataEntry]
    /// Labels per parameter; parameters without one use their plain name.
    public var axisLabels: [AxisLabel]
    public var hepdata: HEPDataKeywords
    /// Figure title; defaults to the fit name.
    public var title: String?
    /// The refined 1-D intervals of the grid at its levels (1-D profiles only; set per grid by ``GridExport``).
    public var intervals: [ProfileInterval] = []
    /// The constraint bands drawn on the grid (set per grid by ``GridExport``).
    public var bands: [ContourBandInfo] = []
    /// Parameters whose signs flip together without changing χ² (D&G's degeneracy, e.g. eps_n, eps_p):
    /// figures mark the best fit's mirror image when it lies on the grid. Empty: no mirror.
    public var mirroredParameters: [String]
    /// The fit's best fit and MINOS intervals, for HEPData's best-fit table; nil: no such table.
    public var fitSummary: FitSummary?

    public init(fitName: String, description: String = "", dataDescription: String = "",
                conventions: [MetadataEntry] = [], levels: [ConfidenceLevel],
                generatorVersion: String, gitHash: String, specSHA256: String? = nil,
                dataSHA256: [MetadataEntry] = [], axisLabels: [AxisLabel] = [],
                hepdata: HEPDataKeywords = HEPDataKeywords(), title: String? = nil,
                mirroredParameters: [String] = [], fitSummary: FitSummary? = nil) {
        self.fitName = fitName
        self.description = description
        self.dataDescription = dataDescription
        self.conventions = conventions
        self.levels = levels
        self.generatorVersion = generatorVersion
        self.gitHash = gitHash
        self.specSHA256 = specSHA256
        self.dataSHA256 = dataSHA256
        self.axisLabels = axisLabels
        self.hepdata = hepdata
        self.title = title
        self.mirroredParameters = mirroredParameters
        self.fitSummary = fitSummary
    }

    /// The label for `parameter`, or a plain one built from its name.
    public func label(for parameter: String) -> AxisLabel {
        axisLabels.first { $0.name == parameter } ?? AxisLabel(name: parameter)
    }

    /// Throws if levels are not positive, finite and increasing, or a CL is outside (0, 1).
    public func validate() throws {
        guard !fitName.isEmpty else {
            throw ExportError.invalidInput(quantity: "fit name", reason: "is empty")
        }
        for (k, level) in levels.enumerated() {
            guard level.deltaChi2.isFinite else { throw ExportError.nonFinite(quantity: "level \(k) Δχ²") }
            guard level.deltaChi2 > 0 else {
                throw ExportError.invalidInput(quantity: "level \(k) Δχ²", reason: "must be > 0, got \(level.deltaChi2)")
            }
            // A CL may round to 1 in double precision (levels beyond about 8σ); it cannot exceed it.
            guard level.cl > 0, level.cl <= 1 else {
                throw ExportError.invalidInput(quantity: "level \(k) CL", reason: "must be in (0, 1], got \(level.cl)")
            }
            if k > 0, level.deltaChi2 <= levels[k - 1].deltaChi2 {
                throw ExportError.invalidInput(quantity: "levels", reason: "Δχ² must increase strictly")
            }
        }
    }
}
