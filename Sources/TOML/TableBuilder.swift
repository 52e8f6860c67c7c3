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
    private(set) var keys: [String] = []
    private(set) var entries: [String: Entry] = [:]

    init(origin: Origin, position: TOMLPosition) {
        self.origin = origin
        self.position = position
    }

    func add(_ key: String, _ slot: Slot, keyPosition: TOMLPosition) {
        if entries[key] == nil { keys.append(key) }
        entries[key] = Entry(keyPosition: keyPosition, slot: slot)
    }

    func replace(_ key: String, _ slot: Slot) {
        entries[key]?.slot = slot
    }

    /// The finished table. Recursion is bounded: headers and dotted keys have at most
    /// `TOMLDocument.maximumDepth` parts each.
    func freeze() -> TOMLTable {
        var table = TOMLTable()
        for key in keys {
            guard let entry = entries[key] else { continue }
            let value: TOMLValue
            switch entry.slot {
            case .value(let v):
                value = v
            case .table(let sub):
                value = TOMLValue(.table(sub.freeze()), at: sub.position)
            case .tableArray(let elements):
                let items = elements.map { TOMLValue(.table($0.freeze()), at: $0.position) }
                value = TOMLValue(.array(items), at: elements.first?.position ?? entry.keyPosition)
            }
            table.set(key, value, keyPosition: entry.keyPosition)
        }
        return table
    }
}
