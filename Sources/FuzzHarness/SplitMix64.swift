import _TestSupport

/// Draws the mutator needs, on the project's one SplitMix64 (`_TestSupport`): every fuzz case gets its own
/// generator, seeded from the session seed and the case index (``CaseID/generator()``), so one case can be
/// regenerated alone from `seed:index`.
extension SplitMix64 {
    /// A uniform integer in `0..<bound` (`bound` > 0).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "below(_:) needs a positive bound")
        return Int(next() % UInt64(bound))
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) * 0x1p-53 < p
    }

    /// A uniformly chosen element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// One fuzz case: the session seed and the case index (printed and parsed as `seed:index`).
public struct CaseID: Hashable, Sendable, CustomStringConvertible {
    /// The session seed.
    public let seed: UInt64
    /// The case number within the session.
    public let index: UInt64

    /// The case `index` of session `seed`.
    public init(seed: UInt64, index: UInt64) {
        self.seed = seed
        self.index = index
    }

    /// Parses `seed:index`.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let s = UInt64(parts[0]), let i = UInt64(parts[1]) else { return nil }
        self.init(seed: s, index: i)
    }

    /// `seed:index`.
    public var description: String { "\(seed):\(index)" }

    /// The case's own generator: SplitMix64 seeded with seed ⊕ (index · golden ratio), so neighbouring
    /// seeds and indices do not share streams and no other case's draws affect this one.
    public func generator() -> SplitMix64 {
        SplitMix64(seed: seed ^ (index &* 0x9E37_79B9_7F4A_7C15) ^ 0x5851_F42D_4C95_7F2D)
    }
}
