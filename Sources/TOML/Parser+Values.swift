extension Parser {
    /// A value at the cursor; `depth` counts the arrays and inline tables around it.
    mutating func parseValue(depth: Int) throws(TOMLError) -> TOMLValue {
        let position = cursor.position()
        guard let b = cursor.peek() else { throw error("expected a value, found end of file") }
        switch b {
        case UInt8(ascii: "\""):
            let multiLine = cursor.peek(1) == b && cursor.peek(2) == b
            return TOMLValue(.string(multiLine ? try parseMultiLineBasicString() : try parseBasicString()), at: position)
        case UInt8(ascii: "'"):
            let multiLine = cursor.peek(1) == b && cursor.peek(2) == b
            return TOMLValue(.string(multiLine ? try parseMultiLineLiteralString() : try parseLiteralString()), at: position)
        case UInt8(ascii: "["):
            return try parseArray(depth: depth + 1)
        case UInt8(ascii: "{"):
            return try parseInlineTable(depth: depth + 1)
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"),
             UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "i"), UInt8(ascii: "n"):
            return try parseScalar()
        default:
            throw error("expected a value, found \(cursor.describe())")
        }
    }

    mutating func checkDepth(_ depth: Int) throws(TOMLError) {
        guard depth <= maximumDepth else {
            throw error("arrays and inline tables are nested more than \(maximumDepth) deep")
        }
    }

    /// `[ v, v, … ]`, over several lines when needed, with an optional trailing comma.
    mutating func parseArray(depth: Int) throws(TOMLError) -> TOMLValue {
        try checkDepth(depth)
        let start = cursor.position()
        cursor.advance()
        var elements: [TOMLValue] = []
        while true {
            try skipBlank()
            if cursor.peek() == UInt8(ascii: "]") { break }
            if cursor.atEnd { throw error("expected ']' to close the array opened at \(start), found end of file") }
            elements.append(try parseValue(depth: depth))
            try skipBlank()
            if cursor.atEnd { throw error("expected ']' to close the array opened at \(start), found end of file") }
            if cursor.peek() == UInt8(ascii: ",") {
                cursor.advance()
            } else if cursor.peek() == UInt8(ascii: "]") {
                break
            } else {
                throw error("expected ',' or ']' after an array element, found \(cursor.describe())")
            }
        }
        cursor.advance()
        return TOMLValue(.array(elements), at: start)
    }

    /// `{ k = v, … }` on one line, without a trailing comma.
    mutating func parseInlineTable(depth: Int) throws(TOMLError) -> TOMLValue {
        try checkDepth(depth)
        let start = cursor.position()
        cursor.advance()
        let table = TableBuilder(origin: .inline, position: start)
        skipSpaces()
        if cursor.peek() == UInt8(ascii: "}") {
            cursor.advance()
            return TOMLValue(.table(table.freeze()), at: start)
        }
        while true {
            skipSpaces()
            if cursor.peek() == UInt8(ascii: "}") {
                throw error("a trailing comma is not allowed in an inline table")
            }
            if cursor.peek() == 0x0A || cursor.peek() == 0x0D {
                throw error("an inline table must be on one line (expected a key)")
            }
            try parseKeyValue(into: table, depth: depth)
            skipSpaces()
            switch cursor.peek() {
            case UInt8(ascii: ","):
                cursor.advance()
            case UInt8(ascii: "}"):
                cursor.advance()
                return TOMLValue(.table(table.freeze()), at: start)
            case 0x0A, 0x0D:
                throw error("an inline table must be on one line (expected ',' or '}')")
            default:
                throw error("expected ',' or '}' in the inline table opened at \(start), found \(cursor.describe())")
            }
        }
    }
}
