/// How the refit of one toy went.
public enum ToyStatus: String, Codable, Sendable {
    /// Valid MIGRAD + HESSE minimum from the generating values.
    case ok
    /// Valid after the retry from the model's other starting values.
    case retried
    /// No valid minimum after the retry (recorded, never fatal).
    case failed
}

/// An interval [lower, upper] in parameter units.
public struct ToyInterval: Codable, Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }
    public func contains(_ x: Double) -> Bool { lower <= x && x <= upper }
}

/// The refit of one toy: χ²_min, the free parameters' values and HESSE errors, and (with MINOS) the MINOS
/// intervals at 68.27 % and 95 % (nil where MINOS was not valid on both sides). Nil everywhere when failed.
public struct ToyRecord: Codable, Sendable, Equatable {
    public var index: Int
    public var status: ToyStatus
    public var chi2: Double?
    public var values: [Double]?
    public var errors: [Double]?
    public var minos68: [ToyInterval?]?
    public var minos95: [ToyInterval?]?
    /// Function calls over every attempt.
    public var nfcn: Int

    public init(index: Int, status: ToyStatus, chi2: Double? = nil, values: [Double]? = nil, errors: [Double]? = nil,
                minos68: [ToyInterval?]? = nil, minos95: [ToyInterval?]? = nil, nfcn: Int) {
        self.index = index
        self.status = status
        self.chi2 = chi2
        self.values = values
        self.errors = errors
        self.minos68 = minos68
        self.minos95 = minos95
        self.nfcn = nfcn
    }
}
