/// Bad input in a data file or a fit spec: names the file, the line and the field.
///
/// The CLI maps it to exit code 2 and prints `description`, e.g.
/// `datasets/rates/x.csv:7: field 'stat': expected a positive number, got '-1e-7'`.
public struct InputError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file as shown to the user (e.g. `datasets/rates/atomki-rates.csv`).
    public var file: String
    /// 1-based line number, when the problem sits on a line.
    public var line: Int?
    /// 1-based column (in characters), when the problem sits at a known place on the line.
    public var column: Int?
    /// The CSV column or TOML key at fault.
    public var field: String?
    public var message: String
    /// The input is valid but names physics or data that is not available (graded U, or a forbidden
    /// transition): `x17fit reproduce` lists such fits as not available instead of failing.
    public var unavailable: Bool

    public init(file: String, line: Int? = nil, column: Int? = nil, field: String? = nil, _ message: String,
                unavailable: Bool = false) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
        self.unavailable = unavailable
    }

    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        text += ": "
        if let field { text += "field '\(field)': " }
        return text + message
    }
}
