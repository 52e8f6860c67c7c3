#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private func naturalLog(_ x: Double) -> Double { log(x) }

extension GridAxis {
    /// `count` equally spaced values from `lower` to `upper` (both included).
    public static func linear(_ name: String, from lower: Double, to upper: Double, count: Int,
                              unit: String? = nil) throws -> GridAxis {
        try checkRange(name, lower, upper, count)
        let values = (0..<count).map { i in
            i == count - 1 ? upper : lower + (upper - lower) * Double(i) / Double(count - 1)
        }
        return GridAxis(name: name, values: values, spacing: .linear, unit: unit)
    }

    /// `count` logarithmically spaced values from `lower` to `upper` (both > 0, both included).
    public static func log(_ name: String, from lower: Double, to upper: Double, count: Int,
                           unit: String? = nil) throws -> GridAxis {
        try checkRange(name, lower, upper, count)
        guard lower > 0 else {
            throw StatisticsError.invalidGrid("axis \(name): a log axis needs lower > 0, got \(lower)")
        }
        let a = naturalLog(lower), b = naturalLog(upper)
        let values = (0..<count).map { i in
            i == 0 ? lower : i == count - 1 ? upper : exp(a + (b - a) * Double(i) / Double(count - 1))
        }
        return GridAxis(name: name, values: values, spacing: .log, unit: unit)
    }

    /// Explicit values, which must be finite and strictly increasing (at least 2).
    public static func explicit(_ name: String, values: [Double], unit: String? = nil) throws -> GridAxis {
        let axis = GridAxis(name: name, values: values, spacing: .explicit, unit: unit)
        try axis.validate()
        return axis
    }

    /// Throws unless the axis has ≥ 2 finite, strictly increasing values.
    public func validate() throws {
        guard values.count >= 2 else {
            throw StatisticsError.invalidGrid("axis \(name): needs n ≥ 2 values, got \(values.count)")
        }
        if let k = values.firstIndex(where: { !$0.isFinite }) {
            throw StatisticsError.invalidGrid("axis \(name): value \(k) is \(values[k])")
        }
        for k in 1..<values.count where !(values[k] > values[k - 1]) {
            throw StatisticsError.invalidGrid(
                "axis \(name): values must increase strictly (\(values[k - 1]) then \(values[k]))")
        }
    }

    private static func checkRange(_ name: String, _ lower: Double, _ upper: Double, _ count: Int) throws {
        guard count >= 2 else { throw StatisticsError.invalidGrid("axis \(name): needs n ≥ 2 points, got \(count)") }
        guard lower.isFinite, upper.isFinite, lower < upper else {
            throw StatisticsError.invalidGrid("axis \(name): range [\(lower), \(upper)] must be finite with lower < upper")
        }
    }
}

/// One deterministic slice of a grid for batch systems: shard `index` of `count` (0-based,
/// as Slurm array ids and HTCondor `$(Process)`) computes rows j ≡ index (mod count).
public struct Shard: Sendable, Codable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1 else { throw StatisticsError.invalidGrid("shard \(index)/\(count): the shard count must be ≥ 1") }
        guard index >= 0, index < count else {
            throw StatisticsError.invalidGrid("shard \(index)/\(count): the index must lie in 0…\(count - 1)")
        }
        self.index = index
        self.count = count
    }

    /// Parses "i/N".
    public init(parsing spec: String) throws {
        let parts = spec.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw StatisticsError.invalidGrid("shard '\(spec)': expected i/N, e.g. 0/4")
        }
        try self.init(index: i, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    func owns(row j: Int) -> Bool { j % count == index }
}
