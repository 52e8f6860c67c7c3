/// Philox4x32-10 (Salmon et al., SC'11; Random123): a counter-based generator. The output block is a
/// pure function of a 128-bit counter and a 64-bit key, so any stream position is computed directly.
public enum Philox4x32 {
    static let multipliers: (UInt32, UInt32) = (0xD251_1F53, 0xCD9E_8D57)
    static let weyl: (UInt32, UInt32) = (0x9E37_79B9, 0xBB67_AE85)

    /// Ten rounds of Philox4x32 on `counter` under `key` (Random123's `philox4x32_R(10, …)`).
    @inline(__always)
    public static func block(counter: SIMD4<UInt32>, key: SIMD2<UInt32>) -> SIMD4<UInt32> {
        var c = counter
        var k = key
        for round in 0..<10 {
            if round > 0 {
                k[0] &+= weyl.0
                k[1] &+= weyl.1
            }
            let p0 = UInt64(multipliers.0) &* UInt64(c[0])
            let p1 = UInt64(multipliers.1) &* UInt64(c[2])
            c = SIMD4(UInt32(truncatingIfNeeded: p1 >> 32) ^ c[1] ^ k[0], UInt32(truncatingIfNeeded: p1),
                      UInt32(truncatingIfNeeded: p0 >> 32) ^ c[3] ^ k[1], UInt32(truncatingIfNeeded: p0))
        }
        return c
    }
}
