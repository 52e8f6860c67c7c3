/// A calendar date without a time zone, `1979-05-27`.
public struct TOMLLocalDate: Sendable, Hashable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD`.
    public var description: String { padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2) }
}

/// A time of day without a date or time zone, `07:32:00.999`.
public struct TOMLLocalTime: Sendable, Hashable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int
    /// 0–60 (60 only for a leap second).
    public var second: Int
    /// Fraction of the second; digits beyond nanoseconds are truncated.
    public var nanosecond: Int

    public init(hour: Int, minute: Int, second: Int, nanosecond: Int = 0) {
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
    }

    /// `HH:MM:SS`, then `.` and the fraction without trailing zeros when it is not zero.
    public var description: String {
        var text = padded(hour, 2) + ":" + padded(minute, 2) + ":" + padded(second, 2)
        if nanosecond > 0 {
            var fraction = Array(padded(nanosecond, 9))
            while fraction.last == "0" { fraction.removeLast() }
            text += "." + String(fraction)
        }
        return text
    }
}

/// A date and time without a time zone, `1979-05-27T07:32:00`.
public struct TOMLLocalDateTime: Sendable, Hashable, CustomStringConvertible {
    public var date: TOMLLocalDate
    public var time: TOMLLocalTime

    public init(date: TOMLLocalDate, time: TOMLLocalTime) {
        self.date = date
        self.time = time
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction]`.
    public var description: String { "\(date)T\(time)" }
}

/// A date and time with an offset from UTC, `1979-05-27T00:32:00-07:00`.
public struct TOMLOffsetDateTime: Sendable, Hashable, CustomStringConvertible {
    public var date: TOMLLocalDate
    public var time: TOMLLocalTime
    /// Offset from UTC in minutes (`-07:00` is −420; `Z` is 0).
    public var offsetMinutes: Int

    public init(date: TOMLLocalDate, time: TOMLLocalTime, offsetMinutes: Int) {
        self.date = date
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    /// RFC 3339: `YYYY-MM-DDTHH:MM:SS[.fraction]` then `Z` for a zero offset, else `±HH:MM`.
    public var description: String {
        guard offsetMinutes != 0 else { return "\(date)T\(time)Z" }
        let sign = offsetMinutes < 0 ? "-" : "+"
        let magnitude = abs(offsetMinutes)
        return "\(date)T\(time)\(sign)" + padded(magnitude / 60, 2) + ":" + padded(magnitude % 60, 2)
    }
}

private func padded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
