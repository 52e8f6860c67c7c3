/// Shared helpers for the unit-test bundles (not part of the public API).

/// `true` when `a` and `b` agree to `rel` relative or `abs` absolute tolerance.
public func isClose(_ a: Double, _ b: Double, rel: Double = 1e-12, abs: Double = 0) -> Bool {
    guard a.isFinite, b.isFinite else { return a == b }
    return Swift.abs(a - b) <= max(abs, rel * max(Swift.abs(a), Swift.abs(b)))
}

/// A small deterministic generator (SplitMix64) for reproducible random test matrices.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }
}
