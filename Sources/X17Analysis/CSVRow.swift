/// One CSV record with typed, validating accessors whose errors name file, line and column.
public struct CSVRow: Sendable {
    public let file: String
    public let line: Int
    let values: [String: String]
    /// Column name → 1-based character column where the field starts.
    let columns: [String: Int]

    init(table: CSVTable, record: CSVTable.Record) {
        file = table.file
        line = record.line
        values = Dictionary(uniqueKeysWithValues: zip(table.header, record.fields))
        columns = Dictionary(uniqueKeysWithValues: zip(table.header, record.columns))
    }

    /// An error about one field, located at its file, line and column.
    func error(_ field: String, _ message: String) -> InputError {
        InputError(file: file, line: line, column: columns[field], field: field, message)
    }

    /// The raw text of a column ("" when empty).
    public func text(_ field: String) -> String { values[field] ?? "" }

    /// A required non-empty text value.
    public func required(_ field: String) throws -> String {
        let value = text(field)
        guard !value.isEmpty else { throw error(field, "missing value") }
        return value
    }

    /// A value that must be one of `allowed`.
    public func choice(_ field: String, _ allowed: [String]) throws -> String {
        let value = try required(field)
        guard allowed.contains(value) else {
            throw error(field, "unknown value '\(value)' (expected one of \(allowed.joined(separator: ", ")))")
        }
        return value
    }

    /// A required finite number.
    public func number(_ field: String) throws -> Double {
        let raw = try required(field)
        guard let value = Double(raw) else { throw error(field, "expected a number, got '\(raw)'") }
        guard value.isFinite else { throw error(field, "expected a finite number, got '\(raw)'") }
        return value
    }

    /// An optional finite number (nil when the field is empty).
    public func optionalNumber(_ field: String) throws -> Double? {
        text(field).isEmpty ? nil : try number(field)
    }

    /// A required number > 0 (uncertainties, widths).
    public func positive(_ field: String) throws -> Double {
        let value = try number(field)
        guard value > 0 else { throw error(field, "expected a positive number, got '\(text(field))'") }
        return value
    }

    /// An optional number > 0.
    public func optionalPositive(_ field: String) throws -> Double? {
        text(field).isEmpty ? nil : try positive(field)
    }

    /// A required number ≥ 0.
    public func nonNegative(_ field: String) throws -> Double {
        let value = try number(field)
        guard value >= 0 else { throw error(field, "expected a non-negative number, got '\(text(field))'") }
        return value
    }

    /// A required integer in 0…`atMost`.
    public func count(_ field: String, atMost limit: Int = Int.max) throws -> Int {
        let raw = try required(field)
        guard let value = Int(raw), value >= 0 else {
            throw error(field, "expected a non-negative integer, got '\(raw)'")
        }
        guard value <= limit else { throw error(field, "expected an integer ≤ \(limit), got '\(raw)'") }
        return value
    }
}

extension CSVTable {
    /// Throws when a required column is absent from the header.
    func requireColumns(_ columns: [String]) throws {
        for column in columns where !header.contains(column) {
            throw InputError(file: file, line: headerLine, field: column, "missing column in the header")
        }
    }

    var rows: [CSVRow] { records.map { CSVRow(table: self, record: $0) } }
}
