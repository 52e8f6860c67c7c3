import Foundation

/// A fit's best fit with its HESSE and MINOS errors and goodness of fit, as the CLI gives it to the
/// exports (HEPData's best-fit table), plus the resources a record names (code revision, spec).
public struct FitSummary: Sendable, Codable, Equatable {
    /// One parameter of the fit.
    public struct Parameter: Sendable, Codable, Equatable {
        public var name: String
        public var value: Double
        /// HESSE error (0 for a fixed parameter).
        public var error: Double
        /// MINOS errors relative to the value (lower ≤ 0 ≤ upper); nil when MINOS did not give both sides.
        public var minos: (lower: Double, upper: Double)? {
            guard let minosLower, let minosUpper else { return nil }
            return (minosLower, minosUpper)
        }
        public var minosLower: Double?
        public var minosUpper: Double?
        /// Physical unit, nil or empty when dimensionless.
        public var unit: String?
        public var fixed: Bool

        public init(name: String, value: Double, error: Double, minosLower: Double? = nil, minosUpper: Double? = nil,
                    unit: String? = nil, fixed: Bool = false) {
            self.name = name
            self.value = value
            self.error = error
            self.minosLower = minosLower
            self.minosUpper = minosUpper
            self.unit = unit
            self.fixed = fixed
        }
    }

    /// A HEPData `additional_resources` entry: a URL, or a file shipped in the submission folder
    /// (`location` a bare file name, `contents` its text).
    public struct Resource: Sendable, Codable, Equatable {
        public var description: String
        public var location: String
        public var contents: String?

        public init(description: String, location: String, contents: String? = nil) {
            self.description = description
            self.location = location
            self.contents = contents
        }
    }

    public var parameters: [Parameter]
    public var chi2: Double
    public var ndof: Int
    public var pValue: Double?
    public var nSigma: Double?
    /// HEPData `additional_resources` of the record (code revision, spec), in order.
    public var resources: [Resource]

    public init(parameters: [Parameter], chi2: Double, ndof: Int, pValue: Double? = nil, nSigma: Double? = nil,
                resources: [Resource] = []) {
        self.parameters = parameters
        self.chi2 = chi2
        self.ndof = ndof
        self.pValue = pValue
        self.nSigma = nSigma
        self.resources = resources
    }
}

/// `v` rounded to `digits` significant digits (0 and non-finite values unchanged).
func roundedSignificant(_ v: Double, digits: Int) -> Double {
    guard v.isFinite, v != 0 else { return v }
    let e = Int(floor(log10(abs(v)))) - digits + 1
    return roundedAtDecimal(v, -e)
}

/// `v` rounded to `decimals` decimal places (negative: to tens, hundreds, …), as the double nearest to the
/// rounded decimal (so it prints as that decimal).
func roundedAtDecimal(_ v: Double, _ decimals: Int) -> Double {
    guard v.isFinite else { return v }
    let d = max(-300, min(300, decimals))
    if d >= 0 {
        // n / 10^d with n and 10^d exact is correctly rounded: the double nearest to the decimal.
        if d <= 22, case let n = (v * pow(10, Double(d))).rounded(), abs(n) < 9.0e15 { return n / pow(10, Double(d)) }
        return Double(String(format: "%.\(min(d, 30))f", v)) ?? v
    }
    let scale = pow(10, Double(-d))
    return (v / scale).rounded() * scale
}

/// The number of decimals at which a result with uncertainty `error` is quoted: two significant digits
/// of the error (PDG style, simplified).
func decimalsForError(_ error: Double) -> Int {
    guard error.isFinite, error > 0 else { return 6 }
    return 1 - Int(floor(log10(error)))
}
