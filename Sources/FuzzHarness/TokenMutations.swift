import _TestSupport

/// Mutations that know the file's syntax (CSV fields and rows, TOML numbers, strings and key lines).
enum TokenMutations {
    /// Numbers that stress parsing and the physics domains.
    static let extremeNumbers = [
        "0", "-0", "1e308", "1e-320", "-1e308", "1e999", "-1e999", "nan", "NaN", "inf", "+inf", "-inf",
        "4.9e-324", "2.2250738585072014e-308", "99999999999999999999999", "9223372036854775807",
        "-9223372036854775808", "18446744073709551616", String(repeating: "9", count: 400), "",
    ]

    /// True when `text` parses as a number that is not finite (`nan`, `inf`, `1e999`, …).
    static func isNonFinite(_ text: String) -> Bool { Double(text).map { !$0.isFinite } ?? false }

    /// The result of one token mutation on a file.
    struct Result {
        var description: String
        /// Set when a CSV data field was replaced by a non-finite number.
        var nonFinite: (line: Int, column: Int, field: String, text: String)?
    }

    // MARK: CSV

    /// Applies one CSV token mutation; nil when the file offers nothing for the chosen kind.
    static func csv(_ bytes: inout [UInt8], _ rng: inout SplitMix64, knownStrings: [String]) -> Result? {
        var lines = TextLines.split(bytes)
        let layout = TextLines.csvLayout(lines)
        defer { bytes = TextLines.join(lines) }
        switch rng.below(9) {
        case 0, 1, 2:  // a number → an extreme value
            guard let (l, f) = numericField(lines, layout.records, &rng) else { return nil }
            let value = rng.pick(extremeNumbers)
            return replaceField(&lines, line: l, field: f, with: value, header: layout.header, note: "number → '\(value)'")
        case 3:  // negate a number
            guard let (l, f) = numericField(lines, layout.records, &rng) else { return nil }
            let old = TextLines.text(lines[l][TextLines.trimmed(lines[l], TextLines.fieldRanges(lines[l])[f])])
            let value = old.hasPrefix("-") ? String(old.dropFirst()) : "-" + old
            return replaceField(&lines, line: l, field: f, with: value, header: layout.header, note: "negate")
        case 4:  // swap two fields of one line (header or record)
            let candidates = ([layout.header].compactMap { $0 } + layout.records)
            guard !candidates.isEmpty else { return nil }
            let l = rng.pick(candidates)
            var fields = TextLines.fieldRanges(lines[l]).map { Array(lines[l][$0]) }
            guard fields.count >= 2 else { return nil }
            let i = rng.below(fields.count), j = rng.below(fields.count)
            fields.swapAt(i, j)
            lines[l] = Array(fields.joined(separator: [UInt8(ascii: ",")]))
            return Result(description: "swap fields \(i + 1) and \(j + 1) of line \(l + 1)")
        case 5:  // drop a line
            guard !lines.isEmpty else { return nil }
            let l = rng.below(lines.count)
            lines.remove(at: l)
            return Result(description: "drop line \(l + 1)")
        case 6:  // duplicate a line
            guard !lines.isEmpty else { return nil }
            let l = rng.below(lines.count)
            lines.insert(lines[l], at: rng.below(lines.count + 1))
            return Result(description: "duplicate line \(l + 1)")
        case 7:  // comment out every record
            guard !layout.records.isEmpty else { return nil }
            for l in layout.records { lines[l] = Array("#".utf8) + lines[l] }
            return Result(description: "comment out all \(layout.records.count) rows")
        default:  // a field → a known string (another id, enum value, path)
            guard !layout.records.isEmpty else { return nil }
            let l = rng.pick(layout.records)
            let count = TextLines.fieldRanges(lines[l]).count
            let value = rng.pick(knownStrings)
            return replaceField(&lines, line: l, field: rng.below(count), with: value, header: nil, note: "field → '\(value)'")
        }
    }

    /// A random (record line, field index) whose text parses as a number.
    static func numericField(_ lines: [[UInt8]], _ records: [Int], _ rng: inout SplitMix64) -> (Int, Int)? {
        var candidates: [(Int, Int)] = []
        for l in records {
            for (f, range) in TextLines.fieldRanges(lines[l]).enumerated()
            where Double(TextLines.text(lines[l][TextLines.trimmed(lines[l], range)])) != nil {
                candidates.append((l, f))
            }
        }
        return candidates.isEmpty ? nil : rng.pick(candidates)
    }

    /// Replaces the (trimmed) text of one field; records a non-finite injection into a data column.
    static func replaceField(_ lines: inout [[UInt8]], line l: Int, field f: Int, with value: String, header: Int?,
                             note: String) -> Result {
        let ranges = TextLines.fieldRanges(lines[l])
        let target = TextLines.trimmed(lines[l], ranges[f])
        let column = TextLines.column(lines[l], byteOffset: ranges[f].lowerBound)
        lines[l].replaceSubrange(target, with: Array(value.utf8))
        var result = Result(description: "line \(l + 1) field \(f + 1): \(note)")
        if let header, isNonFinite(value) {
            let names = TextLines.fieldRanges(lines[header]).map { TextLines.text(lines[header][TextLines.trimmed(lines[header], $0)]) }
            let gradeIndex = names.firstIndex(of: "grade")
            let fields = TextLines.fieldRanges(lines[l])
            let grade = gradeIndex.flatMap { $0 < fields.count ? TextLines.text(lines[l][TextLines.trimmed(lines[l], fields[$0])]) : nil }
            if f < names.count, numericColumns.contains(names[f]), grade != "U" {
                result.nonFinite = (l + 1, column, names[f], value)
            }
        }
        return result
    }

    /// Columns the dataset loader reads as numbers on every row that is not graded U.
    static let numericColumns: Set<String> = [
        "energy_MeV", "mX_MeV", "stat_MeV", "syst_MeV", "theta_deg", "stat_deg", "syst_deg", "value", "stat", "syst",
        "cl", "sigma", "chi2_offset", "dof", "uncertainty", "center", "bound",
    ]

    // MARK: TOML

    /// Applies one TOML token mutation; nil when the file offers nothing for the chosen kind.
    static func toml(_ bytes: inout [UInt8], _ rng: inout SplitMix64, knownStrings: [String]) -> Result? {
        var lines = TextLines.split(bytes)
        defer { bytes = TextLines.join(lines) }
        switch rng.below(8) {
        case 0, 1:  // a number → an extreme value
            guard let (l, range) = pickToken(lines, numberTokens, &rng) else { return nil }
            let value = rng.pick(extremeNumbers)
            lines[l].replaceSubrange(range, with: Array(value.utf8))
            return Result(description: "line \(l + 1): number → '\(value)'")
        case 2:  // negate a number
            guard let (l, range) = pickToken(lines, numberTokens, &rng) else { return nil }
            let old = TextLines.text(lines[l][range])
            let value = old.hasPrefix("-") ? String(old.dropFirst()) : "-" + old
            lines[l].replaceSubrange(range, with: Array(value.utf8))
            return Result(description: "line \(l + 1): negate '\(old)'")
        case 3:  // a string → another known id, value or path
            guard let (l, range) = pickToken(lines, stringTokens, &rng) else { return nil }
            let value = rng.pick(knownStrings)
            lines[l].replaceSubrange(range, with: Array(value.utf8))
            return Result(description: "line \(l + 1): string → '\(value)'")
        case 4:  // swap the two numbers of a `limits = [a, b]`
            let candidates = lines.indices.filter { offset(of: "limits", in: lines[$0]) != nil && numberTokens(lines[$0]).count >= 2 }
            guard !candidates.isEmpty else { return nil }
            let l = rng.pick(candidates)
            let tokens = numberTokens(lines[l])
            guard let at = offset(of: "limits", in: lines[l]),
                  let first = tokens.firstIndex(where: { $0.lowerBound > at }), first + 1 < tokens.count else { return nil }
            let a = Array(lines[l][tokens[first]]), b = Array(lines[l][tokens[first + 1]])
            lines[l].replaceSubrange(tokens[first + 1], with: a)
            lines[l].replaceSubrange(tokens[first], with: b)
            return Result(description: "line \(l + 1): swap limits")
        case 5:  // swap the values of two `key = value` lines
            let assignments = lines.indices.filter { lines[$0].contains(UInt8(ascii: "=")) }
            guard assignments.count >= 2 else { return nil }
            let i = rng.pick(assignments), j = rng.pick(assignments)
            let ei = lines[i].firstIndex(of: UInt8(ascii: "="))!, ej = lines[j].firstIndex(of: UInt8(ascii: "="))!
            let vi = Array(lines[i][(ei + 1)...]), vj = Array(lines[j][(ej + 1)...])
            lines[i] = Array(lines[i][...ei]) + vj
            lines[j] = Array(lines[j][...ej]) + vi
            return Result(description: "swap the values of lines \(i + 1) and \(j + 1)")
        case 6:  // drop a line
            guard !lines.isEmpty else { return nil }
            let l = rng.below(lines.count)
            lines.remove(at: l)
            return Result(description: "drop line \(l + 1)")
        default:  // duplicate a line
            guard !lines.isEmpty else { return nil }
            let l = rng.below(lines.count)
            lines.insert(lines[l], at: rng.below(lines.count + 1))
            return Result(description: "duplicate line \(l + 1)")
        }
    }

    /// Byte offset of the first occurrence of `word` in `line`.
    static func offset(of word: String, in line: [UInt8]) -> Int? {
        let w = Array(word.utf8)
        guard line.count >= w.count else { return nil }
        return (0...(line.count - w.count)).first { line[$0..<($0 + w.count)].elementsEqual(w) }
    }

    static func pickToken(_ lines: [[UInt8]], _ finder: ([UInt8]) -> [Range<Int>], _ rng: inout SplitMix64) -> (Int, Range<Int>)? {
        var candidates: [(Int, Range<Int>)] = []
        for (l, line) in lines.enumerated() where !TextLines.isCommentOrBlank(line) {
            for range in finder(line) { candidates.append((l, range)) }
        }
        return candidates.isEmpty ? nil : rng.pick(candidates)
    }

    static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2E || b == 0x2D || b >= 0x80
    }

    /// Ranges of number literals on a TOML line (outside `#` comments and strings, not part of a word).
    static func numberTokens(_ line: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var i = 0
        var inString = false
        while i < line.count {
            let b = line[i]
            if b == UInt8(ascii: "\"") { inString.toggle(); i += 1; continue }
            if inString { i += 1; continue }
            if b == UInt8(ascii: "#") { break }
            let startsNumber = (b >= 0x30 && b <= 0x39)
                || ((b == UInt8(ascii: "-") || b == UInt8(ascii: "+")) && i + 1 < line.count && line[i + 1] >= 0x30 && line[i + 1] <= 0x39)
            if startsNumber, i == 0 || !isWordByte(line[i - 1]) {
                var j = i + 1
                while j < line.count, isWordByte(line[j]) || line[j] == UInt8(ascii: "+") { j += 1 }
                if Double(TextLines.text(line[i..<j]).replacingUnderscores()) != nil { ranges.append(i..<j) }
                i = j
                continue
            }
            i += 1
        }
        return ranges
    }

    /// Ranges of the contents of `"…"` strings on a TOML line (before a `#` comment).
    static func stringTokens(_ line: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var open: Int?
        for (i, b) in line.enumerated() {
            if b == UInt8(ascii: "#"), open == nil { break }
            if b == UInt8(ascii: "\"") {
                if let start = open { ranges.append(start..<i); open = nil } else { open = i + 1 }
            }
        }
        return ranges
    }
}

extension String {
    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
