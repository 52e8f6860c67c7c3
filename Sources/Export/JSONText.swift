/// Compact JSON written straight to text in the form Foundation's `JSONEncoder` gives with `.sortedKeys` and
/// `.withoutEscapingSlashes` (numbers as `description` without a trailing `.0`, the same string escapes), so a
/// grid costs its text and no per-value boxes. Written by hand because `JSONEncoder` builds a node per
/// number (2.5× the time of the grid at 201×201); tests compare the bytes with `JSONEncoder`'s.
struct JSONText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func number(_ v: Double) {
        var s = v.description
        if s.hasSuffix(".0") { s.removeLast(2) }
        bytes.append(contentsOf: s.utf8)
    }

    mutating func number(_ v: Double?) {
        if let v { number(v) } else { raw("null") }
    }

    mutating func integer(_ v: Int) { bytes.append(contentsOf: String(v).utf8) }

    mutating func bool(_ v: Bool) { v ? raw("true") : raw("false") }

    mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0x08: raw("\\b")
            case 0x0C: raw("\\f")
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `{"k1":…,"k2":…}` with the members written by `body` in key order (byte order of the keys).
    mutating func object(_ members: [(key: String, write: (inout JSONText) -> Void)]) {
        raw("{")
        for (k, member) in members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }).enumerated() {
            if k > 0 { raw(",") }
            string(member.key)
            raw(":")
            member.write(&self)
        }
        raw("}")
    }

    /// `[e0,e1,…]` with element i written by `element`.
    mutating func array(count: Int, _ element: (inout JSONText, Int) -> Void) {
        raw("[")
        for i in 0..<count {
            if i > 0 { raw(",") }
            element(&self, i)
        }
        raw("]")
    }

    /// A string-keyed dictionary, sorted.
    mutating func dictionary<V>(_ d: [String: V], _ value: (inout JSONText, V) -> Void) {
        raw("{")
        for (k, key) in d.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if k > 0 { raw(",") }
            string(key)
            raw(":")
            value(&self, d[key]!)
        }
        raw("}")
    }
}
