/// A table while the text is parsed: remembers how it was created, to apply TOML's redefinition rules.
final class TableBuilder {
    enum Origin {
        /// Created as a prefix of a header (`a` for `[a.b]`); a later `[a]` may still define it.
        case implicit
        /// Defined by a `[header]` (or the root table).
        case header
        /// Created by a dotted key (`a.b = 1` creates `a`).
        case dotted
        /// An element of an array of tables (`[[a]]`).
        case arrayElement
        /// An inline table `{ … }` being read.
        case inline
    }

    enum Slot {
        case value(TOMLValue)
        case table(TableBuilder)
        case tableArray([TableBuilder])
    }

    struct Entry {
        var keyPosition: TOMLPosition
        var slot: Slot
    }

    var origin: Origin
    var position: TOMLPosition
    private var keys: [String] = []
    private var items: [Entry] = []
    /// Key → item index, built once the table is large enough for hashing to beat a linear search.
    private var index: [String: Int]?

    init(origin: Origin, position: TOMLPosition) {
        self.origin = origin
        self.position = position
    }

    private func find(_ key: String) -> Int? {
        if let index { return index[key] }
        return keys.firstIndex(of: key)
    }

    func entry(_ key: String) -> Entry? {
        guard let i = find(key), items.indices.contains(i) else { return nil }
        return items[i]
    }

    /// Adds a new key (the parser checks first that it is absent).
    func add(_ key: String, _ slot: Slot, keyPosition: TOMLPosition) {
        if let i = find(key), items.indices.contains(i) {
            items[i] = Entry(keyPosition: keyPosition, slot: slot)
            return
        }
        index?[key] = keys.count
        keys.append(key)
        items.append(Entry(keyPosition: keyPosition, slot: slot))
        if index == nil && keys.count > TOMLTable.indexThreshold {
            index = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    func replace(_ key: String, _ slot: Slot) {
        guard let i = find(key), items.indices.contains(i) else { return }
        items[i].slot = slot
    }

    /// The finished table. Recursion is bounded: headers and dotted keys have at most
    /// `TOMLDocument.maximumDepth` parts each.
    func freeze() -> TOMLTable {
        var entries: [TOMLTable.Entry] = []
        entries.reserveCapacity(keys.count)
        for (key, entry) in zip(keys, items) {
            let value: TOMLValue
            switch entry.slot {
            case .value(let v):
                value = v
            case .table(let sub):
                value = TOMLValue(.table(sub.freeze()), at: sub.position)
            case .tableArray(let elements):
                let tables = elements.map { TOMLValue(.table($0.freeze()), at: $0.position) }
                value = TOMLValue(.array(tables), at: elements.first?.position ?? entry.keyPosition)
            }
            entries.append(TOMLTable.Entry(key: key, keyPosition: entry.keyPosition, value: value))
        }
        return TOMLTable(entries: entries)
    }
}
