/// Block-style YAML written straight to text, in the layout libyaml emits (sequences at their key's
/// indentation, strings single-quoted, numbers plain): small structures as values, long lists streamed one
/// line per element, so a grid costs its text and no node tree. Written by hand because Yams builds a node
/// per scalar (≈ 11 kB per grid point).
struct YAMLText {
    /// A value of a small structure (headers, qualifiers, keywords).
    indirect enum Value {
        case string(String)
        case number(Double)
        /// A plain scalar already formatted (e.g. a number formatted once and written many times).
        case plain(String)
        case map([(String, Value)])
        case list([Value])
    }

    private(set) var text = ""

    mutating func startDocument() { text += "---\n" }

    /// A top-level mapping, or the entries of one at `indent`.
    mutating func map(_ pairs: [(String, Value)], indent: Int = 0) {
        for (k, (key, value)) in pairs.enumerated() { entry(key, value, indent: indent, inline: false, first: k == 0) }
    }

    /// `key:` followed by a list at `indent` whose `count` elements are one-entry maps `{field: element(i)}`,
    /// written one line each.
    mutating func streamedList(key: String, indent: Int, field: String, count: Int, element: (Int) -> Value) {
        guard count > 0 else {
            text += spaces(indent) + key + ": []\n"
            return
        }
        text += spaces(indent) + key + ":\n"
        let prefix = spaces(indent) + "- " + field + ": "
        for i in 0..<count {
            text += prefix
            scalar(element(i))
            text += "\n"
        }
    }

    /// `key:` alone on a line, before a list written item by item.
    mutating func key(_ key: String, indent: Int) { text += spaces(indent) + key + ":\n" }

    /// `- ` and a map's entries (the first on the dash's line), for a list item whose remaining entries the
    /// caller appends at `indent + 2` (e.g. a streamed list).
    mutating func listItem(_ pairs: [(String, Value)], indent: Int) {
        text += spaces(indent) + "- "
        for (k, (key, value)) in pairs.enumerated() { entry(key, value, indent: indent + 2, inline: true, first: k == 0) }
    }

    // MARK: - Layout

    private mutating func entry(_ key: String, _ value: Value, indent: Int, inline: Bool, first: Bool) {
        if !(inline && first) { text += spaces(indent) }
        text += key + ":"
        guard !onSameLine(value) else { return }
        text += "\n"
        switch value {
        case .map(let pairs): map(pairs, indent: indent + 2)
        case .list(let items): list(items, indent: indent)
        case .string, .number, .plain: break
        }
    }

    private mutating func list(_ items: [Value], indent: Int) {
        for item in items {
            text += spaces(indent) + "-"
            guard !onSameLine(item) else { continue }
            switch item {
            case .map(let pairs):
                text += " "
                for (k, (key, value)) in pairs.enumerated() { entry(key, value, indent: indent + 2, inline: true, first: k == 0) }
            case .list(let inner):
                text += "\n"
                list(inner, indent: indent + 2)
            case .string, .number, .plain: break
            }
        }
    }

    /// Writes ` value` and the line break for a scalar or an empty collection; false for anything else.
    private mutating func onSameLine(_ value: Value) -> Bool {
        switch value {
        case .string, .number, .plain:
            text += " "
            scalar(value)
        case .map(let pairs) where pairs.isEmpty: text += " {}"
        case .list(let items) where items.isEmpty: text += " []"
        case .map, .list: return false
        }
        text += "\n"
        return true
    }

    private mutating func scalar(_ value: Value) {
        switch value {
        case .number(let v): text += formatExact(v)
        case .plain(let s): text += s
        case .string(let s): text += Self.quoted(s)
        case .map, .list: break
        }
    }

    /// A single-quoted scalar (`'` doubled); double-quoted with escapes when the text holds characters a
    /// single-quoted scalar cannot (line breaks, control characters).
    static func quoted(_ s: String) -> String {
        let needsEscapes = s.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) }
        guard needsEscapes else { return "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x80..<0xA0).contains(u.value) {
                    let hex = String(u.value, radix: 16, uppercase: true)
                    out += "\\x" + String(repeating: "0", count: max(0, 2 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    private func spaces(_ n: Int) -> String { String(repeating: " ", count: n) }
}
