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

    // `@inline(never)`: swift 6.3.1 crashes (SIL ownership verifier, "Found outside of lifetime use")
    // compiling X17Analysis in release mode when cross-module optimization inlines these getters.
    public var string: String? {
        @inline(never) get {
            guard case .string(let v) = kind else { return nil }
            return v
        }
    }
    public var integer: Int64? {
        @inline(never) get {
            guard case .integer(let v) = kind else { return nil }
            return v
        }
    }
    /// The value of a float (not of an integer).
    public var float: Double? {
        @inline(never) get {
            guard case .float(let v) = kind else { return nil }
            return v
        }
    }
    /// A float, or an integer converted to the nearest `Double`.
    public var number: Double? {
        @inline(never) get {
            switch kind {
            case .float(let v): return v
            case .integer(let v): return Double(v)
            default: return nil
            }
        }
    }
    public var bool: Bool? {
        @inline(never) get {
            guard case .boolean(let v) = kind else { return nil }
            return v
        }
    }
    public var array: [TOMLValue]? {
        @inline(never) get {
            guard case .array(let v) = kind else { return nil }
            return v
        }
    }
    public var table: TOMLTable? {
        @inline(never) get {
            guard case .table(let v) = kind else { return nil }
            return v
        }
    }

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
