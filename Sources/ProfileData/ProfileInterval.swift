/// Where a 1-D profile crosses Δχ² = level, for comparison with MINOS.
public struct ProfileInterval: Sendable, Codable, Equatable {
    public var parameter: String
    public var level: Double
    public var bestFit: Double
    /// Every crossing inside the grid, in increasing order.
    public var crossings: [Double]
    /// The nearest crossing below / above the best fit (nil when the grid ends first).
    public var lower: Double?
    public var upper: Double?
    /// The region Δχ² ≤ level as disjoint ranges in increasing order (more than one when the interval is
    /// not connected, e.g. two mirror solutions); an end is nil where the region runs past the grid.
    public var segments: [Segment]

    /// One connected range of the region.
    public struct Segment: Sendable, Codable, Equatable {
        public var lower: Double?
        public var upper: Double?
        public init(lower: Double?, upper: Double?) {
            self.lower = lower
            self.upper = upper
        }
    }

    public init(parameter: String, level: Double, bestFit: Double, crossings: [Double], lower: Double?, upper: Double?,
                segments: [Segment]) {
        self.parameter = parameter
        self.level = level
        self.bestFit = bestFit
        self.crossings = crossings
        self.lower = lower
        self.upper = upper
        self.segments = segments
    }

    /// MINOS-style signed errors: lower − best (≤ 0) and upper − best (≥ 0).
    public var lowerError: Double? { lower.map { $0 - bestFit } }
    public var upperError: Double? { upper.map { $0 - bestFit } }
}
