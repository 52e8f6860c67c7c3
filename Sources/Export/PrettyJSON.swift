import Foundation

/// A JSON document in the form `JSONEncoder` gives with `[.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]`,
/// whose long arrays (one value per toy) are written as text instead of through the encoder, which builds a
/// node per value (0.11 s for 2 × 10⁵ values, longer than the toys' summary). The other members go through
/// the encoder; tests compare the bytes with `JSONEncoder`'s.
public enum PrettyJSON {
    /// A top-level array written as text.
    public enum LongArray: Sendable {
        case numbers([Double?])
        case strings([String])
    }

    /// The members of `head` (a keyed object) and `arrays`, keys in byte order.
    public static func document(_ head: some Encodable, adding arrays: [String: LongArray]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var members: [(key: String, text: [UInt8])] = try topLevelMembers(Array(encoder.encode(head)))
        for (key, array) in arrays { members.append((key, text(key, array))) }
        members.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        var out: [UInt8] = Array("{\n".utf8)
        for (k, member) in members.enumerated() {
            if k > 0 { out += Array(",\n".utf8) }
            out += member.text
        }
        out += Array("\n}".utf8)
        return Data(out)
    }

    /// The members of a pretty-printed object, each from its two-space indent to its value's end (no comma).
    /// Raw newlines occur only between tokens (strings escape theirs), and only top-level keys sit at an
    /// indent of exactly two spaces.
    static func topLevelMembers(_ bytes: [UInt8]) throws -> [(key: String, text: [UInt8])] {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        guard lines.count >= 2, lines.first == Array("{".utf8), lines.last == Array("}".utf8) else {
            if bytes == Array("{}".utf8) || bytes == Array("{\n\n}".utf8) { return [] }
            throw EncodingError.invalidValue(bytes, .init(codingPath: [], debugDescription: "not a keyed object"))
        }
        var members: [(key: String, text: [UInt8])] = []
        for line in lines.dropFirst().dropLast() {
            if line.starts(with: Array("  \"".utf8)) {
                var end = 3
                while end < line.count && line[end] != UInt8(ascii: "\"") { end += line[end] == UInt8(ascii: "\\") ? 2 : 1 }
                let key = try JSONDecoder().decode(String.self, from: Data(line[2..<min(end + 1, line.count)]))
                members.append((key, line))
            } else if !members.isEmpty {
                members[members.count - 1].text += [UInt8(ascii: "\n")] + line
            }
        }
        for k in members.indices where members[k].text.last == UInt8(ascii: ",") { members[k].text.removeLast() }
        return members
    }

    private static func text(_ key: String, _ array: LongArray) -> [UInt8] {
        var t = JSONText()
        t.raw("  ")
        t.string(key)
        t.raw(" : [")
        func elements<T>(_ values: [T], _ write: (inout JSONText, T) -> Void) {
            guard !values.isEmpty else { t.raw("\n\n  ]"); return }
            for (i, v) in values.enumerated() {
                t.raw(i == 0 ? "\n    " : ",\n    ")
                write(&t, v)
            }
            t.raw("\n  ]")
        }
        switch array {
        case .numbers(let values): elements(values) { $0.number($1) }
        case .strings(let values): elements(values) { $0.string($1) }
        }
        return t.bytes
    }
}
