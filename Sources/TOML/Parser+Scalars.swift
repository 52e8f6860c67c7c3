extension Parser {
    static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    static func isTokenByte(_ b: UInt8) -> Bool {
        isBareKeyByte(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: ".") || b == UInt8(ascii: ":")
    }

    /// A boolean, number or date-time: reads the run of characters that can form one, then classifies it.
    mutating func parseScalar() throws(TOMLError) -> TOMLValue {
        let position = cursor.position()
        let start = cursor.index
        while let b = cursor.peek(), Self.isTokenByte(b) { cursor.advance() }
        // `1979-05-27 07:32:00`: a space may separate the date from the time.
        if cursor.index - start == 10, cursor.peek() == 0x20, let h = cursor.peek(1), let m = cursor.peek(2),
           Self.isDigit(h), Self.isDigit(m), cursor.peek(3) == UInt8(ascii: ":"),
           cursor.bytes[start + 4] == UInt8(ascii: "-") {
            cursor.advance()
            while let b = cursor.peek(), Self.isTokenByte(b) { cursor.advance() }
        }
        let token = cursor.bytes[start..<cursor.index]
        var text: String { String(decoding: token, as: UTF8.self) }
        func fail(_ message: String) -> TOMLError { TOMLError(message, at: position) }
        func equals(_ word: StaticString) -> Bool {
            word.withUTF8Buffer { token.elementsEqual($0) }
        }

        if equals("true") { return TOMLValue(.boolean(true), at: position) }
        if equals("false") { return TOMLValue(.boolean(false), at: position) }
        if equals("inf") || equals("+inf") { return TOMLValue(.float(.infinity), at: position) }
        if equals("-inf") { return TOMLValue(.float(-.infinity), at: position) }
        if equals("nan") || equals("+nan") { return TOMLValue(.float(.nan), at: position) }
        if equals("-nan") { return TOMLValue(.float(-Double.nan), at: position) }
        guard let first = token.first, Self.isDigit(first) || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") else {
            throw fail(token.isEmpty ? "expected a value, found \(cursor.describe())" : "invalid value '\(text)'")
        }
        if token.contains(UInt8(ascii: ":"))
            || (token.count >= 10 && token[token.startIndex + 4] == UInt8(ascii: "-") && Self.isDigit(first)) {
            var scanner = DateTimeScanner(Array(token))
            guard let kind = scanner.scan() else { throw fail("invalid date or time '\(text)'") }
            return TOMLValue(kind, at: position)
        }
        return TOMLValue(try NumberScanner(token: token).scan(fail), at: position)
    }
}

/// Integers and floats of TOML 1.0.0.
struct NumberScanner {
    let token: ArraySlice<UInt8>
    var text: String { String(decoding: token, as: UTF8.self) }

    func scan(_ fail: (String) -> TOMLError) throws(TOMLError) -> TOMLValue.Kind {
        var body = token[...]
        var negative = false
        if let s = body.first, s == UInt8(ascii: "+") || s == UInt8(ascii: "-") {
            negative = s == UInt8(ascii: "-")
            body = body.dropFirst()
        }
        if body.count >= 2, body.first == UInt8(ascii: "0"), let p = body.dropFirst().first,
           p == UInt8(ascii: "x") || p == UInt8(ascii: "o") || p == UInt8(ascii: "b") {
            guard body.count == token.count else { throw fail("a sign is not allowed on a hexadecimal, octal or binary integer") }
            let radix: UInt64 = p == UInt8(ascii: "x") ? 16 : p == UInt8(ascii: "o") ? 8 : 2
            guard let digits = Self.digits(body.dropFirst(2), radix: radix) else { throw fail("invalid integer '\(text)'") }
            var value: Int64 = 0
            for d in digits {
                let (m, o1) = value.multipliedReportingOverflow(by: Int64(radix))
                let (a, o2) = m.addingReportingOverflow(Int64(d))
                guard !o1 && !o2 else { throw fail("integer '\(text)' overflows 64 bits") }
                value = a
            }
            return .integer(value)
        }

        // Decimal: an integer part, then an optional fraction and exponent.
        var i = body.startIndex
        func run() -> ArraySlice<UInt8> {
            let s = i
            while i < body.endIndex, Self.isDigitOrUnderscore(body[i]) { i += 1 }
            return body[s..<i]
        }
        let integerPart = run()
        guard let integerDigits = Self.digits(integerPart, radix: 10) else { throw fail("invalid number '\(text)'") }
        if integerDigits.count > 1 && integerDigits.first == 0 { throw fail("leading zeros are not allowed in '\(text)'") }
        var isFloat = false
        if i < body.endIndex && body[i] == UInt8(ascii: ".") {
            i += 1
            guard Self.digits(run(), radix: 10) != nil else { throw fail("a '.' in a float must have digits on both sides: '\(text)'") }
            isFloat = true
        }
        if i < body.endIndex && (body[i] == UInt8(ascii: "e") || body[i] == UInt8(ascii: "E")) {
            i += 1
            if i < body.endIndex && (body[i] == UInt8(ascii: "+") || body[i] == UInt8(ascii: "-")) { i += 1 }
            guard Self.digits(run(), radix: 10) != nil else { throw fail("invalid exponent in '\(text)'") }
            isFloat = true
        }
        guard i == body.endIndex else { throw fail("invalid number '\(text)'") }
        if isFloat {
            let cleaned = String(decoding: token.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
            guard let value = Double(cleaned) else { throw fail("invalid float '\(text)'") }
            guard value.isFinite else { throw fail("float '\(text)' is outside the range of a 64-bit float") }
            return .float(value)
        }
        var value: Int64 = 0
        for d in integerDigits {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = negative ? m.subtractingReportingOverflow(Int64(d)) : m.addingReportingOverflow(Int64(d))
            guard !o1 && !o2 else { throw fail("integer '\(text)' overflows 64 bits") }
            value = a
        }
        return .integer(value)
    }

    static func isDigitOrUnderscore(_ b: UInt8) -> Bool { Parser.isDigit(b) || b == UInt8(ascii: "_") }

    /// Digit values of a non-empty run where each `_` stands between two digits; nil otherwise.
    static func digits(_ run: ArraySlice<UInt8>, radix: UInt64) -> [UInt8]? {
        var out: [UInt8] = []
        var previousWasDigit = false
        for b in run {
            if b == UInt8(ascii: "_") {
                guard previousWasDigit else { return nil }
                previousWasDigit = false
                continue
            }
            guard let d = Parser.hexValue(b), UInt64(d) < radix else { return nil }
            out.append(d)
            previousWasDigit = true
        }
        return previousWasDigit ? out : nil
    }
}

/// Offset date-times, local date-times, local dates and local times of TOML 1.0.0 (RFC 3339).
struct DateTimeScanner {
    let token: [UInt8]
    var i = 0

    init(_ token: [UInt8]) { self.token = token }

    mutating func number(_ width: Int) -> Int? {
        guard i + width <= token.count else { return nil }
        var value = 0
        for k in i..<(i + width) {
            guard Parser.isDigit(token[k]) else { return nil }
            value = value * 10 + Int(token[k] - UInt8(ascii: "0"))
        }
        i += width
        return value
    }

    mutating func expect(_ c: Character) -> Bool {
        guard i < token.count, let a = c.asciiValue, token[i] == a else { return false }
        i += 1
        return true
    }

    mutating func scan() -> TOMLValue.Kind? {
        if token.count > 2 && token[2] == UInt8(ascii: ":") {
            guard let time = time(), i == token.count else { return nil }
            return .localTime(time)
        }
        guard let date = date() else { return nil }
        if i == token.count { return .localDate(date) }
        guard i < token.count, [UInt8(ascii: "T"), UInt8(ascii: "t"), 0x20].contains(token[i]) else { return nil }
        i += 1
        guard let time = time() else { return nil }
        if i == token.count { return .localDateTime(TOMLLocalDateTime(date: date, time: time)) }
        let sign = token[i]
        i += 1
        if (sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z")) && i == token.count {
            return .offsetDateTime(TOMLOffsetDateTime(date: date, time: time, offsetMinutes: 0))
        }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), let h = number(2), expect(":"), let m = number(2),
              i == token.count, h < 24, m < 60 else { return nil }
        let offset = (h * 60 + m) * (sign == UInt8(ascii: "-") ? -1 : 1)
        return .offsetDateTime(TOMLOffsetDateTime(date: date, time: time, offsetMinutes: offset))
    }

    mutating func date() -> TOMLLocalDate? {
        guard let y = number(4), expect("-"), let m = number(2), expect("-"), let d = number(2), (1...12).contains(m) else { return nil }
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d >= 1 && d <= days[m - 1] else { return nil }
        return TOMLLocalDate(year: y, month: m, day: d)
    }

    mutating func time() -> TOMLLocalTime? {
        guard let h = number(2), expect(":"), let m = number(2), expect(":"), let s = number(2),
              h < 24, m < 60, s <= 60 else { return nil }
        var nanosecond = 0
        if expect(".") {
            var count = 0
            while i < token.count, Parser.isDigit(token[i]) {
                if count < 9 { nanosecond = nanosecond * 10 + Int(token[i] - UInt8(ascii: "0")) }
                count += 1
                i += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<max(count, 9) { nanosecond *= 10 }
        }
        return TOMLLocalTime(hour: h, minute: m, second: s, nanosecond: nanosecond)
    }
}
