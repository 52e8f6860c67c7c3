extension Parser {
    /// `"…"` with escapes, on one line.
    mutating func parseBasicString() throws(TOMLError) -> String {
        let start = cursor.position()
        cursor.advance()
        var out: [UInt8] = []
        while true {
            guard let b = cursor.peek() else { throw error("unterminated string (opened at \(start))") }
            switch b {
            case UInt8(ascii: "\""):
                cursor.advance()
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &out)
            case 0x0A, 0x0D:
                throw error("unterminated string (opened at \(start)): a newline is not allowed in a single-line string")
            default:
                if Self.isControl(b) { throw error("\(cursor.describe()) is not allowed in a string (escape it)") }
                out.append(b)
                cursor.advance()
            }
        }
    }

    /// `'…'` without escapes, on one line.
    mutating func parseLiteralString() throws(TOMLError) -> String {
        let start = cursor.position()
        cursor.advance()
        let first = cursor.index
        while true {
            guard let b = cursor.peek() else { throw error("unterminated literal string (opened at \(start))") }
            if b == UInt8(ascii: "'") {
                let text = String(decoding: cursor.bytes[first..<cursor.index], as: UTF8.self)
                cursor.advance()
                return text
            }
            if b == 0x0A || b == 0x0D {
                throw error("unterminated literal string (opened at \(start)): a newline is not allowed in a single-line string")
            }
            if Self.isControl(b) { throw error("\(cursor.describe()) is not allowed in a literal string") }
            cursor.advance()
        }
    }

    /// `"""…"""`: escapes, a line-ending backslash, the newline right after the opening quotes dropped.
    mutating func parseMultiLineBasicString() throws(TOMLError) -> String {
        let start = cursor.position()
        cursor.advance(3)
        _ = try skipNewline()
        var out: [UInt8] = []
        while true {
            guard let b = cursor.peek() else { throw error("unterminated multi-line string (opened at \(start))") }
            switch b {
            case UInt8(ascii: "\""):
                if try closeMultiLine(quote: b, into: &out) { return String(decoding: out, as: UTF8.self) }
            case UInt8(ascii: "\\"):
                if try skipLineEndingBackslash() { continue }
                try parseEscape(into: &out)
            case 0x0A, 0x0D:
                _ = try skipNewline()
                out.append(0x0A)
            default:
                if Self.isControl(b) { throw error("\(cursor.describe()) is not allowed in a string (escape it)") }
                out.append(b)
                cursor.advance()
            }
        }
    }

    /// `'''…'''`: raw text, the newline right after the opening quotes dropped.
    mutating func parseMultiLineLiteralString() throws(TOMLError) -> String {
        let start = cursor.position()
        cursor.advance(3)
        _ = try skipNewline()
        var out: [UInt8] = []
        while true {
            guard let b = cursor.peek() else { throw error("unterminated multi-line literal string (opened at \(start))") }
            switch b {
            case UInt8(ascii: "'"):
                if try closeMultiLine(quote: b, into: &out) { return String(decoding: out, as: UTF8.self) }
            case 0x0A, 0x0D:
                _ = try skipNewline()
                out.append(0x0A)
            default:
                if Self.isControl(b) { throw error("\(cursor.describe()) is not allowed in a literal string") }
                out.append(b)
                cursor.advance()
            }
        }
    }

    /// At a run of quotes inside a multi-line string: three to five close it (up to two belong to the
    /// content); fewer are content.
    mutating func closeMultiLine(quote: UInt8, into out: inout [UInt8]) throws(TOMLError) -> Bool {
        var run = 0
        while cursor.peek(run) == quote { run += 1 }
        if run < 3 {
            out.append(contentsOf: repeatElement(quote, count: run))
            cursor.advance(run)
            return false
        }
        guard run <= 5 else { throw error("too many quotes: at most two may stand before the closing three") }
        out.append(contentsOf: repeatElement(quote, count: run - 3))
        cursor.advance(run)
        return true
    }

    /// A backslash followed by spaces and a newline: skips it and all whitespace and newlines after.
    mutating func skipLineEndingBackslash() throws(TOMLError) -> Bool {
        var offset = 1
        while let b = cursor.peek(offset), b == 0x20 || b == 0x09 { offset += 1 }
        guard cursor.peek(offset) == 0x0A || (cursor.peek(offset) == 0x0D && cursor.peek(offset + 1) == 0x0A) else {
            return false
        }
        cursor.advance(offset)
        while true {
            skipSpaces()
            guard try skipNewline() else { return true }
        }
    }

    /// `\b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX`.
    mutating func parseEscape(into out: inout [UInt8]) throws(TOMLError) {
        let position = cursor.position()
        guard let c = cursor.peek(1) else { throw error("unterminated escape at end of file") }
        let simple: UInt8? = switch c {
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "t"): 0x09
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "\""): 0x22
        case UInt8(ascii: "\\"): 0x5C
        default: nil
        }
        if let simple {
            out.append(simple)
            cursor.advance(2)
            return
        }
        guard c == UInt8(ascii: "u") || c == UInt8(ascii: "U") else {
            let shown = c >= 0x21 && c < 0x7F ? "'\\" + String(UnicodeScalar(c)) + "'" : "'\\' followed by \(cursor.describe(1))"
            throw error("invalid escape \(shown)", at: position)
        }
        let count = c == UInt8(ascii: "u") ? 4 : 8
        var value: UInt32 = 0
        for k in 0..<count {
            guard let h = cursor.peek(2 + k), let digit = Self.hexValue(h) else {
                throw error("'\\\(c == UInt8(ascii: "u") ? "u" : "U")' must be followed by \(count) hexadecimal digits", at: position)
            }
            value = value << 4 | UInt32(digit)
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw error("escape \(Cursor.codePoint(value)) is not a Unicode scalar value", at: position)
        }
        out.append(contentsOf: String(scalar).utf8)
        cursor.advance(2 + count)
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
