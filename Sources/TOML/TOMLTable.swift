/// A TOML table: keys in the order they first appear in the text, each with its position and value.
public struct TOMLTable: Sendable, Sequence {
    /// One key of a table.
    public struct Entry: Sendable {
        public var key: String
        /// Where the key is written (its last component in a dotted key or header).
        public var keyPosition: TOMLPosition
        public var value: TOMLValue
    }

    public private(set) var entries: [Entry] = []
    /// Key → entry index, built once a table is large enough for hashing to beat a linear search.
    private var index: [String: Int]?
    static let indexThreshold = 16

    public init() {}

    init(entries: [Entry]) {
        self.entries = entries
        if entries.count > Self.indexThreshold { buildIndex() }
    }

    private mutating func buildIndex() {
        var index: [String: Int] = [:]
        for (i, entry) in entries.enumerated() where index[entry.key] == nil { index[entry.key] = i }
        self.index = index
    }

    private func find(_ key: String) -> Int? {
        if let index { return index[key] }
        return entries.firstIndex { $0.key == key }
    }

    /// Keys in file order.
    public var keys: [String] { entries.map(\.key) }
    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    public subscript(key: String) -> TOMLValue? { entry(key)?.value }

    /// The entry for `key`, with its key position.
    public func entry(_ key: String) -> Entry? {
        guard let i = find(key), entries.indices.contains(i) else { return nil }
        return entries[i]
    }

    public func makeIterator() -> IndexingIterator<[Entry]> { entries.makeIterator() }

    /// Adds `key` at the end, or replaces its value in place when present.
    public mutating func set(_ key: String, _ value: TOMLValue, keyPosition: TOMLPosition) {
        let entry = Entry(key: key, keyPosition: keyPosition, value: value)
        if let i = find(key), entries.indices.contains(i) {
            entries[i] = entry
        } else {
            index?[key] = entries.count
            entries.append(entry)
            if index == nil && entries.count > Self.indexThreshold { buildIndex() }
        }
    }
}

/// A parsed TOML text: its root table.
public struct TOMLDocument: Sendable {
    public var root: TOMLTable

    /// Parses a TOML 1.0.0 text; throws `TOMLError` with the position of the first problem.
    /// A leading byte-order mark is skipped. Within a key/value line, arrays, inline tables and the parts
    /// of dotted keys nest at most `TOMLDocument.maximumDepth` deep; a header has at most that many parts.
    public init(parsing text: String) throws(TOMLError) {
        var parser = Parser(text: text)
        root = try parser.parseDocument()
    }

    public static let maximumDepth = 128

    public subscript(key: String) -> TOMLValue? { root[key] }
}
