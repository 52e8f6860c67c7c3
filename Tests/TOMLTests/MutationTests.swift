import Testing
import TOML

/// Deterministic 64-bit generator (SplitMix64), so every run mutates the same way.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { n > 0 ? Int(next() % UInt64(n)) : 0 }
}

@Suite struct MutationTests {
    static let document = """
        name = "dg2023-vector-none"   # comment
        datasets = ["a.csv", 'b.csv', \"\"\"c
        d\"\"\"]
        ndof = 11
        when = 1979-05-27T07:32:00.5-07:00

        [parameters]
        mX    = { start = 16.9, step = 0.05, limits = [16.0, 17.6] }
        eps_n = { start = 5e-3, step = 1e-4, fixed = false }
        a.b."c" = 0xff_ff

        [parameters.BR_ee]
        value = 1.0

        [[profiles]]
        x = "eps_n:-0.008:0.008:101"
        """

    static let tokens = ["[", "]", "[[", "]]", "{", "}", ",", "=", ".", "\"", "'", "\"\"\"", "'''", "\\", "#", "\n",
                         "\r", "\r\n", "\t", " ", "\u{0}", "é", "😀", "0x", "1e", "_", "+", "-", ":", "T", "Z",
                         "inf", "nan", "true", "9223372036854775808", "\\u", "\\U0011FFFF", "[1,}", "[.x]", "[#x]", "[{"]

    @Test func randomMutationsNeverTrap() {
        var rng = SplitMix64(state: 0x5EED_1717)
        let base = Array(Self.document.utf8)
        var parsed = 0, rejected = 0
        for _ in 0..<4000 {
            var bytes = base
            for _ in 0..<(1 + rng.below(4)) {
                let at = rng.below(bytes.count + 1)
                switch rng.below(5) {
                case 0: if at < bytes.count { bytes.remove(at: at) }
                case 1: bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: at)
                case 2: if at < bytes.count { bytes[at] = UInt8(truncatingIfNeeded: rng.next()) }
                case 3: bytes.insert(contentsOf: Array(Self.tokens[rng.below(Self.tokens.count)].utf8), at: at)
                default:
                    let length = min(bytes.count - min(at, bytes.count), rng.below(12))
                    bytes.removeSubrange(min(at, bytes.count)..<(min(at, bytes.count) + length))
                }
            }
            if (try? TOMLDocument(parsing: String(decoding: bytes, as: UTF8.self))) != nil { parsed += 1 } else { rejected += 1 }
        }
        #expect((try? TOMLDocument(parsing: Self.document)) != nil)
        #expect(parsed + rejected == 4000)
        #expect(parsed > 0 && rejected > 0)
    }

    @Test func everyPrefixParsesOrThrows() {
        let text = Array(Self.document.unicodeScalars)
        for n in 0...text.count {
            var prefix = ""
            prefix.unicodeScalars.append(contentsOf: text[0..<n])
            _ = try? TOMLDocument(parsing: prefix)
        }
    }
}
