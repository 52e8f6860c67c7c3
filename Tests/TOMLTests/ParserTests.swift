import Testing
import TOML

/// Parses `text`, expecting an error at `line`:`column` whose message contains `message`.
func expectError(_ text: String, line: Int, column: Int, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        _ = try TOMLDocument(parsing: text)
        Issue.record("accepted: \(text.debugDescription)", sourceLocation: sourceLocation)
    } catch {
        #expect(error.line == line && error.column == column, "\(error)", sourceLocation: sourceLocation)
        #expect(error.message.contains(message), "\(error)", sourceLocation: sourceLocation)
    }
}

@Suite struct CrashInputTests {
    // Each of these aborted the process inside toml++ (TOMLKit 0.6.0).
    @Test func loneBracket() { expectError("a = 1\n[\n", line: 2, column: 2, "expected a table name, found a newline") }
    @Test func loneBracketAtEnd() { expectError("[", line: 1, column: 2, "expected a table name, found end of file") }
    @Test func dotFirstInHeader() { expectError("a = 1\n[.x]\n", line: 2, column: 2, "expected a table name before '.'") }
    @Test func commentInHeader() { expectError("a = 1\n[#x]\n", line: 2, column: 2, "expected a table name, found '#'") }
    @Test func braceInHeader() { expectError("[{", line: 1, column: 2, "expected a table name, found '{'") }
    @Test func braceAfterComma() { expectError("a = [1,}", line: 1, column: 8, "expected a value, found '}'") }
    @Test func unclosedHeader() { expectError("[a\nb = 1", line: 1, column: 3, "expected ']' to close the table header") }
}

@Suite struct PositionTests {
    @Test func keysAndValuesCarryLineAndColumn() throws {
        let doc = try TOMLDocument(parsing: "# c\nname = \"x\"\n[t]\n  \"é\".k =   [1, 2]\n")
        let name = try #require(doc.root.entry("name"))
        #expect(name.keyPosition == TOMLPosition(line: 2, column: 1))
        #expect(name.value.position == TOMLPosition(line: 2, column: 8))
        let t = try #require(doc.root.entry("t"))
        #expect(t.keyPosition == TOMLPosition(line: 3, column: 2))
        #expect(t.value.position == TOMLPosition(line: 3, column: 1))
        let e = try #require(t.value.table?.entry("é"))
        #expect(e.keyPosition == TOMLPosition(line: 4, column: 3))
        let k = try #require(e.value.table?.entry("k"))
        // Columns count Unicode scalars: `é` is one column although it is two UTF-8 bytes.
        #expect(k.keyPosition == TOMLPosition(line: 4, column: 7))
        #expect(k.value.position == TOMLPosition(line: 4, column: 13))
        #expect(k.value.array?.last?.position == TOMLPosition(line: 4, column: 17))
    }

    @Test func errorColumnsCountScalars() {
        expectError("s = \"ü😀\\q\"", line: 1, column: 8, "invalid escape '\\q'")
    }

    @Test func crlfLineEnds() throws {
        let doc = try TOMLDocument(parsing: "a = 1\r\nb = 2\r\n")
        #expect(doc.root.entry("b")?.keyPosition == TOMLPosition(line: 2, column: 1))
        expectError("a = 1\rb = 2", line: 1, column: 6, "carriage return")
    }

    @Test func arrayOfTablesElementsCarryTheirHeaders() throws {
        let doc = try TOMLDocument(parsing: "[[p]]\nx = 1\n\n[[p]]\nx = 2\n")
        let p = try #require(doc["p"]?.array)
        #expect(p.map(\.position.line) == [1, 4])
        #expect(p[1].table?.entry("x")?.keyPosition.line == 5)
    }
}

@Suite struct OrderTests {
    @Test func keysKeepFileOrder() throws {
        let doc = try TOMLDocument(parsing: "z = 1\na = 2\nm = 3\n[p.mX]\n[p.eps_n]\n[p.BR]\n")
        #expect(doc.root.keys == ["z", "a", "m", "p"])
        #expect(doc["p"]?.table?.keys == ["mX", "eps_n", "BR"])
        let inline = try TOMLDocument(parsing: "t = { c = 1, b = 2, a.y = 3, a.x = 4 }")
        #expect(inline["t"]?.table?.keys == ["c", "b", "a"])
        #expect(inline["t"]?.table?["a"]?.table?.keys == ["y", "x"])
    }

    /// Tables above 16 keys switch from a linear search to a hashed index.
    @Test func largeTablesKeepOrderLookupAndDuplicates() throws {
        let names = (0..<40).map { "k\(($0 * 7) % 40)" }
        let doc = try TOMLDocument(parsing: names.enumerated().map { "\($1) = \($0)" }.joined(separator: "\n")
            + "\n" + names.map { "[t.\($0)]" }.joined(separator: "\n"))
        #expect(doc.root.keys == names + ["t"])
        #expect(doc["t"]?.table?.keys == names)
        for (i, name) in names.enumerated() {
            #expect(doc[name]?.integer == Int64(i))
            #expect(doc.root.entry(name)?.keyPosition.line == i + 1)
        }
        expectError(names.map { "\($0) = 1" }.joined(separator: "\n") + "\n\(names[30]) = 2", line: 41, column: 1,
                    "duplicate key '\(names[30])' (first defined on line 31)")
        expectError(names.map { "[t.\($0)]" }.joined(separator: "\n") + "\n[t.\(names[25])]", line: 41, column: 4,
                    "table 't.\(names[25])' is defined twice (first on line 26)")
    }
}

extension TOMLValue {
    /// `KIND(TEXT)` for a date or time value, else nil.
    var dateTime: String? {
        switch kind {
        case .offsetDateTime(let d): "offsetDateTime(\(d))"
        case .localDateTime(let d): "localDateTime(\(d))"
        case .localDate(let d): "localDate(\(d))"
        case .localTime(let d): "localTime(\(d))"
        default: nil
        }
    }
}

@Suite struct ValueTests {
    func value(_ literal: String) throws -> TOMLValue {
        try #require(try TOMLDocument(parsing: "v = " + literal)["v"])
    }

    @Test func strings() throws {
        #expect(try value(#""a\tb\u00e9\U0001F600\"\\""#).string == "a\tbé😀\"\\")
        #expect(try value("'C:\\x'").string == "C:\\x")
        #expect(try value("\"\"\"\nline1\nline2\\\n   more\"\"\"").string == "line1\nline2more")
        #expect(try value("'''\n raw \\n ''''").string == " raw \\n '")
        #expect(try value("\"\"\"a\"\"\"\"\"").string == "a\"\"")
        #expect(try value("\"\"").string == "")
        expectError("v = \"\\q\"", line: 1, column: 6, "invalid escape '\\q'")
        expectError("v = \"\\uD800\"", line: 1, column: 6, "not a Unicode scalar value")
        expectError("v = \"a\nb\"", line: 1, column: 7, "newline is not allowed")
        expectError("v = \"a\u{0}\"", line: 1, column: 7, "control character U+0000")
        expectError("v = \"abc", line: 1, column: 9, "unterminated string")
        expectError("v = \"\"\"abc\"\"\"\"\"\"", line: 1, column: 11, "too many quotes")
    }

    @Test func integers() throws {
        #expect(try value("+99").integer == 99)
        #expect(try value("-17").integer == -17)
        #expect(try value("1_000_000").integer == 1_000_000)
        #expect(try value("0xDEAD_beef").integer == 0xDEADBEEF)
        #expect(try value("0o755").integer == 0o755)
        #expect(try value("0b1101").integer == 13)
        #expect(try value("9223372036854775807").integer == Int64.max)
        #expect(try value("-9223372036854775808").integer == Int64.min)
        expectError("v = 9223372036854775808", line: 1, column: 5, "overflows 64 bits")
        expectError("v = -9223372036854775809", line: 1, column: 5, "overflows 64 bits")
        expectError("v = 0x1_0000_0000_0000_0000", line: 1, column: 5, "overflows 64 bits")
        expectError("v = 012", line: 1, column: 5, "leading zeros")
        expectError("v = 1__2", line: 1, column: 5, "invalid number")
        expectError("v = _1", line: 1, column: 5, "expected a value")
        expectError("v = -0x1", line: 1, column: 5, "sign is not allowed")
    }

    @Test func floats() throws {
        #expect(try value("3.1415").float == 3.1415)
        #expect(try value("-0.01").float == -0.01)
        #expect(try value("5e+22").float == 5e22)
        #expect(try value("1E06").float == 1e6)
        #expect(try value("-2E-2").float == -2e-2)
        #expect(try value("6.626e-34").float == 6.626e-34)
        #expect(try value("224_617.445_991").float == 224_617.445_991)
        #expect(try value("inf").float == .infinity)
        #expect(try value("-inf").float == -.infinity)
        #expect(try value("+nan").float?.isNaN == true)
        #expect(try value("5e3").integer == nil)
        expectError("v = 1.", line: 1, column: 5, "digits on both sides")
        expectError("v = .5", line: 1, column: 5, "expected a value")
        expectError("v = 1e", line: 1, column: 5, "invalid exponent")
        expectError("v = 1e400", line: 1, column: 5, "outside the range")
        expectError("v = 01.5", line: 1, column: 5, "leading zeros")
    }

    @Test func booleans() throws {
        #expect(try value("true").bool == true)
        #expect(try value("false").bool == false)
        expectError("v = True", line: 1, column: 5, "expected a value")
        expectError("v = truex", line: 1, column: 5, "invalid value 'truex'")
    }

    @Test func dateTimes() throws {
        #expect(try value("1979-05-27T07:32:00Z").dateTime == "offsetDateTime(1979-05-27T07:32:00Z)")
        #expect(try value("1979-05-27 00:32:00.999999-07:00").dateTime
            == "offsetDateTime(1979-05-27T00:32:00.999999-07:00)")
        #expect(try value("1979-05-27T07:32:00").dateTime == "localDateTime(1979-05-27T07:32:00)")
        #expect(try value("1979-05-27").dateTime == "localDate(1979-05-27)")
        #expect(try value("07:32:00.5").dateTime == "localTime(07:32:00.5)")
        #expect(try value("2024-02-29").dateTime == "localDate(2024-02-29)")
        expectError("v = 2023-02-29", line: 1, column: 5, "invalid date or time")
        expectError("v = 1979-05-27T25:00:00", line: 1, column: 5, "invalid date or time")
        expectError("v = 07:32", line: 1, column: 5, "invalid date or time")
        expectError("v = 1979-05-27T07:32:00+24:00", line: 1, column: 5, "invalid date or time")
    }

    @Test func arraysAndTables() throws {
        let doc = try TOMLDocument(parsing: """
            a = [ 1, "two", [3.0], { x = 4 }, ]   # mixed types are fine in TOML 1.0
            b = [
              1, # comment
              2,
            ]
            c = {}
            d.e.f = true
            [[g]]
            [[g]]
            h = 1
            """)
        #expect(doc["a"]?.array?.count == 4)
        #expect(doc["a"]?.array?[3].table?["x"]?.integer == 4)
        #expect(doc["b"]?.array?.compactMap(\.integer) == [1, 2])
        #expect(doc["c"]?.table?.isEmpty == true)
        #expect(doc["d"]?.table?["e"]?.table?["f"]?.bool == true)
        #expect(doc["g"]?.array?.count == 2)
        #expect(doc["g"]?.array?[1].table?["h"]?.integer == 1)
        expectError("t = { a = 1, }", line: 1, column: 14, "trailing comma")
        expectError("t = { a = 1\n}", line: 1, column: 12, "one line")
        expectError("a = [1 2]", line: 1, column: 8, "expected ',' or ']'")
        expectError("a = [1,\n2", line: 2, column: 2, "expected ']' to close the array opened at 1:5")
    }
}

@Suite struct RedefinitionTests {
    @Test func duplicateKeys() {
        expectError("a = 1\nb = 2\nb = 3", line: 3, column: 1, "duplicate key 'b' (first defined on line 2)")
        expectError("a = 1\n\"a\" = 2", line: 2, column: 1, "duplicate key 'a' (first defined on line 1)")
        expectError("t = { x = 1, x = 2 }", line: 1, column: 14, "duplicate key 'x'")
    }

    @Test func tables() throws {
        expectError("[a]\n[a]", line: 2, column: 2, "table 'a' is defined twice (first on line 1)")
        expectError("[a]\n[a.b]\n[a]", line: 3, column: 2, "defined twice")
        _ = try TOMLDocument(parsing: "[a.b]\n[a]\n")
        expectError("[a.b]\n[a]\n[a]", line: 3, column: 2, "defined twice")
        expectError("a = 1\n[a]", line: 2, column: 2, "already a integer")
        expectError("[a]\nb = 1\n[a.b]", line: 3, column: 4, "already a integer")
    }

    @Test func inlineTablesAreClosed() {
        expectError("a = {}\n[a]", line: 2, column: 2, "already an inline table")
        expectError("a = { b = 1 }\na.c = 2", line: 2, column: 1, "cannot extend the inline table 'a'")
        expectError("a = { b = 1 }\n[a.c]", line: 2, column: 2, "already an inline table")
        expectError("a = { b = { c = 1 } }\n[a.b.d]", line: 2, column: 2, "already an inline table")
    }

    @Test func dottedKeysAndHeaders() throws {
        expectError("a.b = 1\n[a]", line: 2, column: 2, "already defined with dotted keys on line 1")
        expectError("[x]\na.b = 1\n[x.a]", line: 3, column: 4, "already defined with dotted keys")
        _ = try TOMLDocument(parsing: "[fruit]\napple.color = 'red'\n[fruit.apple.texture]\nsmooth = true\n")
        expectError("[a.b.c]\nz = 9\n[a]\nb.c.t = 1", line: 4, column: 1, "defined by a header")
        expectError("a.b = 1\na.b.c = 2", line: 2, column: 3, "already a integer")
    }

    @Test func arraysOfTables() throws {
        expectError("[[a]]\n[a]", line: 2, column: 2, "is an array of tables (line 1)")
        expectError("[a]\n[[a]]", line: 2, column: 3, "already a table")
        expectError("a = []\n[[a]]", line: 2, column: 3, "already a array")
        let doc = try TOMLDocument(parsing: "[[a]]\n[a.b]\nx = 1\n[[a]]\n[a.b]\nx = 2\n")
        #expect(doc["a"]?.array?.compactMap { $0.table?["b"]?.table?["x"]?.integer } == [1, 2])
    }
}

@Suite struct LimitTests {
    @Test func nestingDepthIsBounded() throws {
        let depth = TOMLDocument.maximumDepth
        _ = try TOMLDocument(parsing: "a = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        expectError("a = " + String(repeating: "[", count: depth + 1), line: 1, column: 5 + depth,
                    "nested more than \(depth) deep")
        // The key inside the 128th inline table would be the 129th level.
        expectError("a = " + String(repeating: "{b=", count: 100_000), line: 1, column: 6 + 3 * (depth - 1),
                    "nested more than \(depth) deep")
        let dotted = Array(repeating: "k", count: 100).joined(separator: ".")
        expectError("a = { \(dotted) = { \(dotted) = 1 } }", line: 1, column: 7 + 200 + 4 + 2 * 27,
                    "tables are nested more than \(depth) deep")
        expectError("a = " + String(repeating: "[", count: 1_000_000), line: 1, column: 5 + depth, "nested")
    }

    @Test func keyPartsAreBounded() throws {
        let many = Array(repeating: "k", count: TOMLDocument.maximumDepth + 1).joined(separator: ".")
        expectError(many + " = 1", line: 1, column: 2 * TOMLDocument.maximumDepth + 1, "more than 128 dotted parts")
        expectError("[" + many + "]", line: 1, column: 2 * TOMLDocument.maximumDepth + 2, "more than 128 dotted parts")
    }

    @Test func longLinesAndControlCharacters() throws {
        let values = Array(repeating: "1.5", count: 50_000).joined(separator: ",")
        let doc = try TOMLDocument(parsing: "a = [" + values + "]")
        #expect(doc["a"]?.array?.last?.position.column == 5 + 4 * 49_999 + 1)
        expectError("a = 1 # x\u{0}y", line: 1, column: 10, "control character U+0000")
        expectError("\u{0}", line: 1, column: 1, "expected a key, found control character U+0000")
        expectError("a\u{7F} = 1", line: 1, column: 2, "expected '=' after the key 'a', found control character U+007F")
    }
}
