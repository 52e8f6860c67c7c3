/// Recursive-descent TOML 1.0.0 parser over UTF-8 bytes. Every loop consumes input or exits, and
/// recursion (arrays, inline tables) is bounded by `TOMLDocument.maximumDepth`.
struct Parser {
    var cursor: Cursor
    let maximumDepth = TOMLDocument.maximumDepth

    init(text: String) { cursor = Cursor(text) }

    typealias Key = [(name: String, position: TOMLPosition)]

    func error(_ message: String, at position: TOMLPosition) -> TOMLError { TOMLError(message, at: position) }

    mutating func error(_ message: String) -> TOMLError { TOMLError(message, at: cursor.position()) }

    mutating func parseDocument() throws(TOMLError) -> TOMLTable {
        if cursor.peek() == 0xEF && cursor.peek(1) == 0xBB && cursor.peek(2) == 0xBF { cursor.advance(3) }
        let root = TableBuilder(origin: .header, position: TOMLPosition(line: 1, column: 1))
        var current = root
        while true {
            skipSpaces()
            guard let byte = cursor.peek() else { break }
            switch byte {
            case UInt8(ascii: "#"), 0x0A, 0x0D:
                try endOfLine(after: "")
            case UInt8(ascii: "["):
                current = try parseHeader(root: root)
                try endOfLine(after: "the table header")
            default:
                try parseKeyValue(into: current, depth: 0)
                try endOfLine(after: "the value")
            }
        }
        return root.freeze()
    }

    // MARK: - Whitespace, comments, newlines

    static func isBareKeyByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default: false
        }
    }

    static func isControl(_ b: UInt8) -> Bool { (b < 0x20 && b != 0x09) || b == 0x7F }

    mutating func skipSpaces() {
        while let b = cursor.peek(), b == 0x20 || b == 0x09 { cursor.advance() }
    }

    /// Steps over a comment starting at `#`, up to (not including) the line end.
    mutating func skipComment() throws(TOMLError) {
        cursor.advance()
        while let b = cursor.peek(), b != 0x0A {
            if b == 0x0D && cursor.peek(1) == 0x0A { return }
            if Self.isControl(b) { throw error("\(cursor.describe()) is not allowed in a comment") }
            cursor.advance()
        }
    }

    /// Steps over a line feed or CR LF at the cursor; false when there is none.
    mutating func skipNewline() throws(TOMLError) -> Bool {
        switch cursor.peek() {
        case 0x0A:
            cursor.advance()
            cursor.startLine()
            return true
        case 0x0D:
            guard cursor.peek(1) == 0x0A else { throw error("a carriage return must be followed by a line feed") }
            cursor.advance(2)
            cursor.startLine()
            return true
        default:
            return false
        }
    }

    /// Spaces, an optional comment, then a newline or the end of the text.
    mutating func endOfLine(after what: String) throws(TOMLError) {
        skipSpaces()
        if cursor.peek() == UInt8(ascii: "#") { try skipComment() }
        if cursor.atEnd { return }
        guard try skipNewline() else {
            throw error("expected a newline after \(what.isEmpty ? "the line" : what), found \(cursor.describe())")
        }
    }

    /// Spaces, comments and newlines (inside arrays).
    mutating func skipBlank() throws(TOMLError) {
        while true {
            skipSpaces()
            if cursor.peek() == UInt8(ascii: "#") { try skipComment() }
            guard try skipNewline() else { return }
        }
    }

    // MARK: - Keys

    /// A simple or dotted key; stops before `=` or `]`. `depth` counts the tables and arrays around it:
    /// each dotted part nests one table deeper.
    mutating func parseKey(context: String, depth: Int = 0) throws(TOMLError) -> Key {
        var context = context
        var parts: Key = []
        while true {
            skipSpaces()
            let position = cursor.position()
            guard let b = cursor.peek() else { throw error("expected \(context), found end of file") }
            let name: String
            if Self.isBareKeyByte(b) {
                let start = cursor.index
                while let c = cursor.peek(), Self.isBareKeyByte(c) { cursor.advance() }
                name = String(decoding: cursor.bytes[start..<cursor.index], as: UTF8.self)
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                if cursor.peek(1) == b && cursor.peek(2) == b {
                    throw error("a multi-line string cannot be a key")
                }
                name = b == UInt8(ascii: "\"") ? try parseBasicString() : try parseLiteralString()
            } else if b == UInt8(ascii: ".") {
                throw error(parts.isEmpty ? "expected \(context) before '.'" : "expected a key after '.'")
            } else {
                throw error("expected \(context), found \(cursor.describe())")
            }
            parts.append((name, position))
            guard depth + parts.count <= maximumDepth else {
                throw error(depth == 0 ? "a key has more than \(maximumDepth) dotted parts"
                                       : "tables are nested more than \(maximumDepth) deep", at: position)
            }
            skipSpaces()
            guard cursor.peek() == UInt8(ascii: ".") else { return parts }
            cursor.advance()
            context = "a key after '.'"
        }
    }

    static func dotted(_ key: Key, _ count: Int? = nil) -> String {
        key.prefix(count ?? key.count).map { part in
            !part.name.isEmpty && part.name.utf8.allSatisfy(isBareKeyByte) ? part.name : "\"" + part.name + "\""
        }.joined(separator: ".")
    }

    // MARK: - Key/value pairs

    /// `key = value`, added to `table`; `depth` counts the enclosing arrays and inline tables.
    mutating func parseKeyValue(into table: TableBuilder, depth: Int) throws(TOMLError) {
        let key = try parseKey(context: "a key", depth: depth)
        skipSpaces()
        guard cursor.peek() == UInt8(ascii: "=") else {
            throw error("expected '=' after the key '\(Self.dotted(key))', found \(cursor.describe())")
        }
        cursor.advance()
        skipSpaces()
        let value = try parseValue(depth: depth + key.count - 1)
        try insert(value, at: key, into: table)
    }

    func insert(_ value: TOMLValue, at key: Key, into table: TableBuilder) throws(TOMLError) {
        var current = table
        for (i, part) in key.enumerated() {
            let isLast = i == key.count - 1
            guard let entry = current.entry(part.name) else {
                if isLast {
                    current.add(part.name, .value(value), keyPosition: part.position)
                } else {
                    let sub = TableBuilder(origin: .dotted, position: part.position)
                    current.add(part.name, .table(sub), keyPosition: part.position)
                    current = sub
                }
                continue
            }
            var name: String { Self.dotted(key, i + 1) }
            let first = entry.keyPosition.line
            if isLast { throw error("duplicate key '\(name)' (first defined on line \(first))", at: part.position) }
            switch entry.slot {
            case .table(let sub) where sub.origin == .dotted:
                current = sub
            case .table:
                throw error("cannot add keys to table '\(name)' with a dotted key: it is defined by a header on line \(first)",
                            at: part.position)
            case .tableArray:
                throw error("cannot add keys to '\(name)' with a dotted key: it is an array of tables (line \(first))",
                            at: part.position)
            case .value(let v) where v.table != nil:
                throw error("cannot extend the inline table '\(name)' (defined on line \(first))", at: part.position)
            case .value(let v):
                throw error("key '\(name)' is already a \(v.typeName) (defined on line \(first)), not a table", at: part.position)
            }
        }
    }

    // MARK: - Headers

    /// `[a.b]` or `[[a.b]]`; returns the table that following keys go into.
    mutating func parseHeader(root: TableBuilder) throws(TOMLError) -> TableBuilder {
        let start = cursor.position()
        let isArray = cursor.peek(1) == UInt8(ascii: "[")
        cursor.advance(isArray ? 2 : 1)
        let key = try parseKey(context: isArray ? "a name for the array of tables" : "a table name")
        skipSpaces()
        if isArray {
            guard cursor.peek() == UInt8(ascii: "]") && cursor.peek(1) == UInt8(ascii: "]") else {
                throw error("expected ']]' to close the array-of-tables header, found \(cursor.describe())")
            }
            cursor.advance(2)
        } else {
            guard cursor.peek() == UInt8(ascii: "]") else {
                throw error("expected ']' to close the table header, found \(cursor.describe())")
            }
            cursor.advance()
        }

        var current = root
        for (i, part) in key.enumerated() {
            let isLast = i == key.count - 1
            var name: String { Self.dotted(key, i + 1) }
            guard let entry = current.entry(part.name) else {
                if isLast && isArray {
                    let element = TableBuilder(origin: .arrayElement, position: start)
                    current.add(part.name, .tableArray([element]), keyPosition: part.position)
                    return element
                }
                let sub = TableBuilder(origin: isLast ? .header : .implicit, position: isLast ? start : part.position)
                current.add(part.name, .table(sub), keyPosition: part.position)
                current = sub
                continue
            }
            let first = entry.keyPosition.line
            switch entry.slot {
            case .tableArray(var elements):
                if isLast {
                    guard isArray else {
                        throw error("'\(name)' is an array of tables (line \(first)); it cannot also be a [table]", at: part.position)
                    }
                    let element = TableBuilder(origin: .arrayElement, position: start)
                    elements.append(element)
                    current.replace(part.name, .tableArray(elements))
                    return element
                }
                guard let last = elements.last else { throw error("internal error: empty array of tables", at: part.position) }
                current = last
            case .table(let sub):
                if isLast {
                    if isArray {
                        throw error("'\(name)' is already a table (line \(first)); it cannot also be an array of tables",
                                    at: part.position)
                    }
                    switch sub.origin {
                    case .implicit:
                        sub.origin = .header
                        sub.position = start
                        return sub
                    case .dotted:
                        throw error("table '\(name)' was already defined with dotted keys on line \(first)", at: part.position)
                    default:
                        throw error("table '\(name)' is defined twice (first on line \(sub.position.line))", at: part.position)
                    }
                }
                current = sub
            case .value(let v):
                let what = v.table != nil ? "an inline table" : "a \(v.typeName)"
                throw error("key '\(name)' is already \(what) (defined on line \(first)); it cannot be extended by a header",
                            at: part.position)
            }
        }
        return current
    }
}
