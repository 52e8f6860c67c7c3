import Foundation
import Statistics

/// One axis of a requested scan, as written on the command line or in a spec: `PAR[:lo:hi:n][:log]`, or
/// `PAR=v1,v2,…` for explicit values (at least two, increasing).
///
/// Missing bounds are filled from the fit (best fit ± `width` HESSE errors, inside the limits).
public struct AxisRequest: Sendable, Equatable {
    public var parameter: String
    public var lower: Double?
    public var upper: Double?
    public var count: Int?
    public var spacing: AxisSpacing
    /// The values of an explicit axis (`spacing == .explicit`).
    public var values: [Double]?

    /// The most points one axis may have.
    public static let maximumCount = 100_000

    public init(parameter: String, lower: Double? = nil, upper: Double? = nil, count: Int? = nil,
                spacing: AxisSpacing = .linear, values: [Double]? = nil) {
        self.parameter = parameter
        self.lower = lower
        self.upper = upper
        self.count = count
        self.spacing = spacing
        self.values = values
    }

    /// Parses `PAR`, `PAR:lo:hi`, `PAR:lo:hi:n` or any of them followed by `:log`, or `PAR=v1,v2,…`.
    /// `file`, `line` and `field` say where the text came from, for the error message.
    public init(parsing text: String, file: String, line: Int? = nil, field: String) throws {
        func fail(_ message: String) -> InputError { InputError(file: file, line: line, field: field, message) }
        if let eq = text.firstIndex(of: "=") {
            let name = text[..<eq].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw fail("expected PAR=v1,v2,…, got '\(text)'") }
            let list = try text[text.index(after: eq)...].split(separator: ",", omittingEmptySubsequences: false).map {
                let item = $0.trimmingCharacters(in: .whitespaces)
                guard let v = Double(item), v.isFinite else { throw fail("value '\(item)' is not a number") }
                return v
            }
            guard list.count >= 2 else { throw fail("an explicit axis needs at least 2 values, got \(list.count)") }
            guard list.count <= Self.maximumCount else {
                throw fail("an explicit axis takes at most \(Self.maximumCount) values, got \(list.count)")
            }
            guard zip(list, list.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw fail("explicit values must increase strictly: '\(text)'")
            }
            self.init(parameter: name, lower: list.first, upper: list.last, count: list.count, spacing: .explicit, values: list)
            return
        }
        var parts = text.split(separator: ":", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        var spacing = AxisSpacing.linear
        if parts.count > 1, parts.last == "log" { spacing = .log; parts.removeLast() }
        guard let name = parts.first, !name.isEmpty else { throw fail("expected PAR[:lo:hi[:n]][:log], got '\(text)'") }
        guard [1, 3, 4].contains(parts.count) else {
            throw fail("expected PAR[:lo:hi[:n]][:log], got '\(text)'")
        }
        var lower: Double?, upper: Double?, count: Int?
        if parts.count >= 3 {
            guard let lo = Double(parts[1]), lo.isFinite else { throw fail("lower bound '\(parts[1])' is not a number") }
            guard let hi = Double(parts[2]), hi.isFinite else { throw fail("upper bound '\(parts[2])' is not a number") }
            guard lo < hi else { throw fail("range [\(lo), \(hi)] is empty or reversed") }
            if spacing == .log, lo <= 0 { throw fail("a log axis needs a positive lower bound, got \(lo)") }
            (lower, upper) = (lo, hi)
        }
        if parts.count == 4 {
            guard let n = Int(parts[3]) else { throw fail("point count '\(parts[3])' is not an integer") }
            guard n >= 2 else { throw fail("point count must be at least 2, got \(n)") }
            guard n <= Self.maximumCount else { throw fail("point count must be at most \(Self.maximumCount), got \(n)") }
            count = n
        }
        self.init(parameter: name, lower: lower, upper: upper, count: count, spacing: spacing)
    }

    /// The grid axis: explicit bounds, else best ± `width`·error clipped to the limits.
    public func axis(best: Double, error: Double, limits: (lower: Double?, upper: Double?),
                     defaultCount: Int, width: Double = 4, unit: String? = nil) throws -> GridAxis {
        var lo = lower ?? best - width * error
        var hi = upper ?? best + width * error
        if lower == nil, let l = limits.lower { lo = max(lo, l) }
        if upper == nil, let u = limits.upper { hi = min(hi, u) }
        let n = count ?? defaultCount
        if let values { return try GridAxis.explicit(parameter, values: values, unit: unit) }
        switch spacing {
        case .log: return try GridAxis.log(parameter, from: lo, to: hi, count: n, unit: unit)
        default: return try GridAxis.linear(parameter, from: lo, to: hi, count: n, unit: unit)
        }
    }
}

/// A 1-D or 2-D scan a spec asks `x17fit export` to compute (`[[profiles]]` in the fit spec).
public struct ProfilePlane: Sendable, Equatable {
    public var x: AxisRequest
    public var y: AxisRequest?
    /// Ids of external constraints (the spec's constraints file) whose allowed band is drawn on this 2-D plane.
    public var bands: [String]
    /// Line of the `bands` key in the spec, for messages.
    public var bandsLine: Int?

    public init(x: AxisRequest, y: AxisRequest? = nil, bands: [String] = [], bandsLine: Int? = nil) {
        self.x = x
        self.y = y
        self.bands = bands
        self.bandsLine = bandsLine
    }

    /// Stem used in file names, e.g. `eps_n_eps_p`.
    public var stem: String { [x.parameter, y?.parameter].compactMap { $0 }.joined(separator: "_") }
}
