import Foundation

/// The random numbers of one pseudo-experiment: Philox4x32-10 keyed by the study's seed, with the stream
/// number (the toy index) in the high half of the counter and the block number in the low half.
///
/// A stream depends on nothing but (seed, stream), so toys give the same numbers on any thread, in any
/// order and in any shard.
public struct ToyRandomStream: Sendable {
    public let seed: UInt64
    public let stream: UInt64
    private var blockIndex: UInt64 = 0
    private var spareNormal: Double?

    public init(seed: UInt64, stream: UInt64) {
        self.seed = seed
        self.stream = stream
    }

    /// The next block of four 32-bit words.
    public mutating func nextBlock() -> SIMD4<UInt32> {
        let counter = SIMD4<UInt32>(UInt32(truncatingIfNeeded: blockIndex), UInt32(truncatingIfNeeded: blockIndex >> 32),
                                    UInt32(truncatingIfNeeded: stream), UInt32(truncatingIfNeeded: stream >> 32))
        let key = SIMD2<UInt32>(UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
        blockIndex &+= 1
        return Philox4x32.block(counter: counter, key: key)
    }

    /// Two uniform numbers in (0, 1) with 53 random bits each, from one block.
    public mutating func uniformPair() -> (Double, Double) {
        let b = nextBlock()
        func unit(_ hi: UInt32, _ lo: UInt32) -> Double {
            let bits = (UInt64(hi) << 32 | UInt64(lo)) >> 11
            return (Double(bits) + 0.5) * 0x1p-53
        }
        return (unit(b[0], b[1]), unit(b[2], b[3]))
    }

    /// A standard normal number (Box–Muller; each block gives two, used in turn).
    public mutating func normal() -> Double {
        if let z = spareNormal {
            spareNormal = nil
            return z
        }
        let (u1, u2) = uniformPair()
        let r = (-2 * log(u1)).squareRoot()
        let phi = 2 * Double.pi * u2
        spareNormal = r * sin(phi)
        return r * cos(phi)
    }

    /// A χ² variate with `dof` degrees of freedom (sum of squared normals).
    public mutating func chiSquare(dof: Int) -> Double {
        var sum = 0.0
        for _ in 0..<max(dof, 0) {
            let z = normal()
            sum += z * z
        }
        return sum
    }

    /// `mean + L·z` for a lower-triangular factor `lower` (row-major n×n) of the covariance: a correlated
    /// Gaussian vector.
    public mutating func correlatedNormal(mean: [Double], lower: (Int, Int) -> Double) -> [Double] {
        [Double](unsafeUninitializedCapacity: mean.count) { out, count in
            correlatedNormal(mean: mean, lower: lower, into: out)
            count = mean.count
        }
    }

    /// ``correlatedNormal(mean:lower:)`` written into `out` (at least `mean.count` long): z is drawn into `out`,
    /// then overwritten from the last row up (row i reads z_0…z_i), so the result needs no second array.
    private mutating func correlatedNormal(mean: [Double], lower: (Int, Int) -> Double,
                                          into out: UnsafeMutableBufferPointer<Double>) {
        let n = mean.count
        for i in 0..<n { out[i] = normal() }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var x = mean[i]
            for j in 0...i { x += lower(i, j) * out[j] }
            out[i] = x
        }
    }
}
