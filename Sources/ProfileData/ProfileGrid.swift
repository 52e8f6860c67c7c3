/// Whether the other parameters were minimised at each grid point (profile) or held at their
/// best-fit values (slice). Every export states which.
public enum ScanKind: String, Sendable, Codable, Equatable {
    case profiled
    case sliced
}

/// How the values of a grid axis were chosen.
public enum AxisSpacing: String, Sendable, Codable, Equatable {
    case linear
    case log
    case explicit
}

/// One axis of a profile grid: a parameter name and its values, in increasing order.
public struct GridAxis: Sendable, Codable, Equatable {
    public var name: String
    public var values: [Double]
    public var spacing: AxisSpacing
    public var unit: String?

    public init(name: String, values: [Double], spacing: AxisSpacing, unit: String? = nil) {
        self.name = name
        self.values = values
        self.spacing = spacing
        self.unit = unit
    }
}

/// What happened at one grid point.
public enum PointStatus: String, Sendable, Codable, Equatable {
    /// Converged on the first try.
    case ok
    /// Converged after an automatic retry (SIMPLEX, strategy 2).
    case retried
    /// No valid minimum after all retries; χ² is the best value found.
    case failed
    /// Outside this shard, or not yet computed.
    case notComputed = "not_computed"
}

/// The result at one grid point.
public struct GridPoint: Sendable, Codable, Equatable {
    /// χ² (not Δχ²) at the point, minimised over the profiled parameters.
    public var chi2: Double
    public var status: PointStatus
    /// Values of ``ProfileGrid/profiledParameters`` at the point, in that order.
    public var profiledValues: [Double]
    /// Function calls spent on the point.
    public var nfcn: Int

    public init(chi2: Double, status: PointStatus, profiledValues: [Double], nfcn: Int) {
        self.chi2 = chi2
        self.status = status
        self.profiledValues = profiledValues
        self.nfcn = nfcn
    }
}

/// A 1-D or 2-D scan of χ² over one or two parameters.
///
/// Points are stored **y-major**: the point at (x[i], y[j]) is `points[j * x.values.count + i]`
/// (row j is y[j], as matplotlib's `contour(X, Y, Z)` expects). A 1-D grid has `y == nil`.
public struct ProfileGrid: Sendable, Codable, Equatable {
    public var kind: ScanKind
    public var x: GridAxis
    public var y: GridAxis?
    /// Parameters minimised at every point (empty for a slice).
    public var profiledParameters: [String]
    /// The global minimum χ² that Δχ² is measured from.
    public var chi2Min: Double
    /// Best-fit values of all parameters at the global minimum.
    public var bestFit: [String: Double]
    public var points: [GridPoint]

    public init(kind: ScanKind, x: GridAxis, y: GridAxis?, profiledParameters: [String],
                chi2Min: Double, bestFit: [String: Double], points: [GridPoint]) {
        self.kind = kind
        self.x = x
        self.y = y
        self.profiledParameters = profiledParameters
        self.chi2Min = chi2Min
        self.bestFit = bestFit
        self.points = points
    }

    public var nx: Int { x.values.count }
    public var ny: Int { y?.values.count ?? 1 }

    /// The point at (x[i], y[j]).
    public func point(_ i: Int, _ j: Int = 0) -> GridPoint { points[j * nx + i] }

    /// χ² − χ²_min for every point, in storage order.
    public var deltaChi2: [Double] { points.map { $0.chi2 - chi2Min } }
}

/// One connected piece of a contour at a Δχ² level, as an ordered polyline.
public struct ContourLine: Sendable, Codable, Equatable {
    /// The Δχ² level of the curve.
    public var level: Double
    /// The confidence level the Δχ² corresponds to, when known (e.g. 0.6827).
    public var cl: Double?
    /// Points as (x, y) pairs; a closed curve repeats its first point at the end.
    public var x: [Double]
    public var y: [Double]
    public var closed: Bool
    /// "grid" (marching squares + root refinement) or "curve" (minimizer's profiled contour).
    public var method: String

    public init(level: Double, cl: Double?, x: [Double], y: [Double], closed: Bool, method: String) {
        self.level = level
        self.cl = cl
        self.x = x
        self.y = y
        self.closed = closed
        self.method = method
    }
}
