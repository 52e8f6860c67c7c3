/// A TOML value and the position where it starts in the text.
public struct TOMLValue: Sendable {
    public enum Kind: Sendable {
        case string(String)
        case integer(Int64)
        case float(Double)
        case boolean(Bool)
        case offsetDateTime(TOMLOffsetDateTime)
        case localDateTime(TOMLLocalDateTime)
        case localDate(TOMLLocalDate)
        case localTime(TOMLLocalTime)
        case array([TOMLValue])
        case table(TOMLTable)
    }

    public var kind: Kind
    /// Where the value starts: its first character; for a table opened by a header, the header's `[`;
    /// for a table created implicitly by a dotted key or header, that key.
    public var position: TOMLPosition

    public init(_ kind: Kind, at position: TOMLPosition) {
        self.kind = kind
        self.position = position
    }

    public var string: String? { if case .string(let v) = kind { v } else { nil } }
    public var integer: Int64? { if case .integer(let v) = kind { v } else { nil } }
    /// The value of a float (not of an integer).
    public var float: Double? { if case .float(let v) = kind { v } else { nil } }
    public var bool: Bool? { if case .boolean(let v) = kind { v } else { nil } }
    public var array: [TOMLValue]? { if case .array(let v) = kind { v } else { nil } }
    public var table: TOMLTable? { if case .table(let v) = kind { v } else { nil } }

    /// The TOML type name: `string`, `integer`, `float`, `boolean`, `offset date-time`,
    /// `local date-time`, `local date`, `local time`, `array` or `table`.
    public var typeName: String {
        switch kind {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .boolean: "boolean"
        case .offsetDateTime: "offset date-time"
        case .localDateTime: "local date-time"
        case .localDate: "local date"
        case .localTime: "local time"
        case .array: "array"
        case .table: "table"
        }
    }
}
