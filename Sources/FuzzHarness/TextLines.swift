/// Byte-level line and CSV-field helpers shared by the token mutations (bytes, so that a file made
/// invalid UTF-8 by an earlier mutation can still be mutated again).
enum TextLines {
    static let newline: UInt8 = 0x0A

    /// The lines of `bytes` without their `\n`; `join(split(b)) == b` for every `b`.
    static func split(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(separator: newline, omittingEmptySubsequences: false).map(Array.init)
    }

    static func join(_ lines: [[UInt8]]) -> [UInt8] {
        Array(lines.joined(separator: [newline]))
    }

    /// A blank line or a `#` comment (as the CSV reader skips them).
    static func isCommentOrBlank(_ line: [UInt8]) -> Bool {
        guard let first = line.first(where: { $0 != 0x20 && $0 != 0x09 }) else { return true }
        return first == UInt8(ascii: "#") || (first == 0x0D && line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D })
    }

    /// Byte ranges of the comma-separated fields of a CSV line (commas inside double quotes do not split).
    static func fieldRanges(_ line: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        var inQuotes = false
        for (i, b) in line.enumerated() {
            if b == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if b == UInt8(ascii: ","), !inQuotes {
                ranges.append(start..<i)
                start = i + 1
            }
        }
        ranges.append(start..<line.count)
        return ranges
    }

    /// The range without leading and trailing blanks (and a trailing `\r`).
    static func trimmed(_ line: [UInt8], _ range: Range<Int>) -> Range<Int> {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi, [0x20, 0x09].contains(line[lo]) { lo += 1 }
        while hi > lo, [0x20, 0x09, 0x0D].contains(line[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    static func text(_ bytes: some Collection<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    /// 1-based character column of byte offset `offset` in `line`.
    static func column(_ line: [UInt8], byteOffset offset: Int) -> Int {
        text(line[0..<offset]).count + 1
    }

    /// The indices of the header line and of the record lines of a CSV file.
    static func csvLayout(_ lines: [[UInt8]]) -> (header: Int?, records: [Int]) {
        var header: Int?
        var records: [Int] = []
        for (i, line) in lines.enumerated() where !isCommentOrBlank(line) {
            if header == nil { header = i } else { records.append(i) }
        }
        return (header, records)
    }
}
