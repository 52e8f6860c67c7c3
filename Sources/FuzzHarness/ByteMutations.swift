import _TestSupport

/// Mutations that ignore the file's syntax: bit flips, inserted, deleted and duplicated byte ranges,
/// control characters, NUL and invalid UTF-8.
public enum ByteMutations {
    /// Control characters and separators that parsers tend to mishandle.
    static let controlBytes: [[UInt8]] = [[0], [0x0D], [0x09], [0x1B], [0x7F], [0x0B], [0x0C], [0x0D, 0x0A], [0x0A, 0x0A]]
    /// Byte sequences that are not UTF-8: a stray continuation byte, an overlong NUL, a truncated
    /// three-byte sequence, bytes never used in UTF-8, an unpaired surrogate.
    static let invalidUTF8: [[UInt8]] = [[0x80], [0xC0, 0x80], [0xE2, 0x82], [0xFF], [0xFE, 0xFF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80]]

    /// Applies one randomly chosen byte mutation to `bytes`; returns its description.
    static func apply(_ bytes: inout [UInt8], _ rng: inout SplitMix64) -> String {
        let position = bytes.isEmpty ? 0 : rng.below(bytes.count + 1)
        switch rng.below(6) {
        case 0 where !bytes.isEmpty:
            let at = min(position, bytes.count - 1)
            let bit = rng.below(8)
            bytes[at] ^= UInt8(1 << bit)
            return "flip bit \(bit) of byte \(at)"
        case 1:
            let count = 1 + rng.below(8)
            let inserted = (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            bytes.insert(contentsOf: inserted, at: position)
            return "insert \(count) random bytes at \(position)"
        case 2 where !bytes.isEmpty:
            let start = min(position, bytes.count - 1)
            let length = 1 + rng.below(min(64, bytes.count - start))
            bytes.removeSubrange(start..<(start + length))
            return "delete bytes \(start)..<\(start + length)"
        case 3 where !bytes.isEmpty:
            let start = min(position, bytes.count - 1)
            let length = 1 + rng.below(min(64, bytes.count - start))
            let copy = Array(bytes[start..<(start + length)])
            let target = rng.below(bytes.count + 1)
            bytes.insert(contentsOf: copy, at: target)
            return "duplicate bytes \(start)..<\(start + length) at \(target)"
        case 4:
            let sequence = rng.pick(controlBytes)
            bytes.insert(contentsOf: sequence, at: position)
            return "insert control bytes \(sequence) at \(position)"
        default:
            let sequence = rng.pick(invalidUTF8)
            bytes.insert(contentsOf: sequence, at: position)
            return "insert invalid UTF-8 \(sequence) at \(position)"
        }
    }
}
