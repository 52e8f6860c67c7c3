/// The UTF-8 bytes of a text, a read index, and the line/column bookkeeping for positions.
struct Cursor {
    let bytes: [UInt8]
    private(set) var index = 0
    private(set) var line = 1
    private var lineStart = 0
    /// Characters that start in `lineStart..<cachedIndex`: columns are counted forward from the last
    /// position asked for, so very long lines stay linear.
    private var cachedIndex = 0
    private var cachedStarts = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    var atEnd: Bool { index >= bytes.count }

    func peek(_ offset: Int = 0) -> UInt8? {
        let i = index + offset
        return i >= 0 && i < bytes.count ? bytes[i] : nil
    }

    mutating func advance(_ count: Int = 1) { index = min(bytes.count, index + max(0, count)) }

    /// Call after stepping over a line feed.
    mutating func startLine() {
        line += 1
        lineStart = index
        cachedIndex = index
        cachedStarts = 0
    }

    /// The position of the byte at `offset` from the current index (on the current line); a byte inside
    /// a multi-byte character gives that character's column.
    mutating func position(_ offset: Int = 0) -> TOMLPosition {
        let target = max(lineStart, min(bytes.count, index + offset))
        if target < cachedIndex {
            cachedIndex = lineStart
            cachedStarts = 0
        }
        while cachedIndex < target {
            if bytes[cachedIndex] & 0xC0 != 0x80 { cachedStarts += 1 }
            cachedIndex += 1
        }
        let continuation = target < bytes.count && bytes[target] & 0xC0 == 0x80
        return TOMLPosition(line: line, column: max(1, cachedStarts + (continuation ? 0 : 1)))
    }

    /// The character at `offset`, named for a message: `'x'`, `a newline`, `end of file`, `U+0000`.
    func describe(_ offset: Int = 0) -> String {
        let i = index + offset
        guard i >= 0 && i < bytes.count else { return "end of file" }
        let b = bytes[i]
        switch b {
        case 0x0A: return "a newline"
        case 0x0D: return "a carriage return"
        case 0x00..<0x20, 0x7F: return "control character " + Cursor.codePoint(UInt32(b))
        case 0x20: return "a space"
        case 0x21..<0x7F: return "'" + String(UnicodeScalar(b)) + "'"
        default:
            let slice = bytes[i..<min(bytes.count, i + 4)]
            let scalar = String(decoding: slice, as: UTF8.self).unicodeScalars.first
            return scalar.map { "'" + String($0) + "'" } ?? "a non-ASCII character"
        }
    }

    static func codePoint(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
