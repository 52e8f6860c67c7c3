/// A parsed CSV file: header plus records, each record remembering its physical line number.
///
/// Written by hand (RFC 4180 subset) instead of using CSV.swift or SwiftCSV because every error
/// must name the physical line of the record, and `#` comment lines (also before the header) must
/// be skipped while keeping the numbering; neither library reports line numbers that way.
/// Records never span lines (datasets schema), so a quote left open at the end of a line is an error.
public struct CSVTable: Sendable {
    public struct Record: Sendable {
        public let line: Int
        public let fields: [String]
        /// 1-based character column where each field starts on its line (the character after the comma).
        public let columns: [Int]
    }

    public let file: String
    public let header: [String]
    public let headerLine: Int
    public let records: [Record]

    /// Parses `text`; `file` is the name used in error messages.
    public init(text: String, file: String) throws {
        self.file = file
        var header: [String]?
        var headerLine = 0
        var records: [Record] = []
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.last == "\r" { line = line.dropLast() }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.first == "#" { continue }
            let (fields, columns) = try CSVTable.split(line, file: file, line: lineNumber)
            if let header {
                guard fields.count == header.count else {
                    throw InputError(file: file, line: lineNumber,
                        "expected \(header.count) fields as in the header, found \(fields.count)")
                }
                records.append(Record(line: lineNumber, fields: fields, columns: columns))
            } else {
                header = fields
                headerLine = lineNumber
            }
        }
        guard let header else { throw InputError(file: file, "no header line (file is empty)") }
        var seen = Set<String>()
        for name in header {
            guard !name.isEmpty else { throw InputError(file: file, line: headerLine, "empty column name in the header") }
            guard seen.insert(name).inserted else {
                throw InputError(file: file, line: headerLine, field: name, "column appears twice in the header")
            }
        }
        self.header = header
        self.headerLine = headerLine
        self.records = records
    }

    /// Splits one line into fields and their 1-based start columns; quoted fields may hold commas and doubled quotes.
    static func split(_ line: Substring, file: String, line number: Int) throws -> (fields: [String], columns: [Int]) {
        var fields: [String] = []
        var columns = [1]
        var position = 0  // characters read so far
        var current = ""
        var inQuotes = false
        var wasQuoted = false
        var iterator = line.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let p = pending { pending = nil; return p }
            position += 1
            return iterator.next()
        }
        func finish() {
            fields.append(wasQuoted ? current : current.trimmingSpaces())
            current = ""
            wasQuoted = false
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let following = next() {
                        if following == "\"" { current.append("\"") } else { inQuotes = false; pending = following }
                    } else {
                        inQuotes = false
                    }
                } else {
                    current.append(c)
                }
            } else if c == "," {
                finish()
                columns.append(position + 1)
            } else if c == "\"" && current.trimmingSpaces().isEmpty {
                current = ""
                inQuotes = true
                wasQuoted = true
            } else if wasQuoted {
                if c != " " && c != "\t" {
                    throw InputError(file: file, line: number, column: position,
                                     "text after a closing quote in field \(fields.count + 1)")
                }
            } else {
                current.append(c)
            }
        }
        if inQuotes {
            throw InputError(file: file, line: number, column: columns.last, "unterminated quoted field \(fields.count + 1)")
        }
        finish()
        return (fields, columns)
    }
}

extension String {
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = lastIndex(where: { !isSpace($0) })!
        return String(self[start...end])
    }
}
