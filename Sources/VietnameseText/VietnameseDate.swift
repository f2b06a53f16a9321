/// A calendar date (no time, no time zone) as written on Vietnamese documents.
public struct VietnameseDate: Sendable, Hashable, Comparable {
    /// The year, 1...9999 so that every written form has four digits.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...28, 29, 30 or 31 depending on the month.
    public let day: Int

    /// A date from its parts, or nil when the day does not exist in that month (leap years included) or the year is outside 1...9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CivilDays.dayCount(year: year, month: month)).contains(day) else { return nil }
        self.init(validYear: year, month: month, day: day)
    }

    /// For parts already known to form a date in range.
    init(validYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses "2025-01-05", "2025-01-05T10:11:12+07:00", "2025-01-05T03:11:12Z" (a date-time is converted to the Vietnam time zone, UTC+07:00, before taking the date), and "05/01/2025" (dd/MM/yyyy). Returns nil for anything else.
    ///
    /// A date-time may carry fractional seconds ("2025-01-05T03:11:12.345Z", as JavaScript writes them);
    /// they never change the date and are ignored.
    public init?(parsing text: String) {
        var scanner = DateScanner(text)
        guard let parsed = scanner.parseDayMonthYear() ?? scanner.parseISO() else { return nil }
        self = parsed
    }

    /// "ngày 05 tháng 01 năm 2025": a leading zero for days below 10 and for months 1 and 2 only ("ngày 29 tháng 6 năm 2019", "ngày 05 tháng 02 năm 2024", "ngày 10 tháng 12 năm 2025").
    public var long: String {
        // NĐ 30 pads only January and February (DOMAIN.md §6), commonly explained as keeping "1" and "2" from being altered into 11 or 12.
        let monthText = month <= 2 ? CivilDays.padded(month, width: 2) : String(month)
        return "ngày " + CivilDays.padded(day, width: 2) + " tháng " + monthText + " năm " + String(year)
    }

    /// "05/01/2025" (always two-digit day and month).
    public var short: String {
        CivilDays.padded(day, width: 2) + "/" + CivilDays.padded(month, width: 2) + "/" + CivilDays.padded(year, width: 4)
    }

    /// "2025-01-05".
    public var iso: String {
        CivilDays.padded(year, width: 4) + "-" + CivilDays.padded(month, width: 2) + "-" + CivilDays.padded(day, width: 2)
    }

    /// Earlier dates sort first.
    public static func < (lhs: VietnameseDate, rhs: VietnameseDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// Reads the accepted date formats byte by byte; every format must match the whole text.
private struct DateScanner {
    private let bytes: [UInt8]
    private var position = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// "dd/MM/yyyy".
    mutating func parseDayMonthYear() -> VietnameseDate? {
        position = 0
        guard let day = number(digits: 2), skip("/"), let month = number(digits: 2), skip("/"),
              let year = number(digits: 4), position == bytes.count else { return nil }
        return VietnameseDate(year: year, month: month, day: day)
    }

    /// "yyyy-MM-dd", optionally followed by "THH:mm:ss[.fraction]" and "Z" or "±HH:MM".
    mutating func parseISO() -> VietnameseDate? {
        position = 0
        guard let year = number(digits: 4), skip("-"), let month = number(digits: 2), skip("-"),
              let day = number(digits: 2), let date = VietnameseDate(year: year, month: month, day: day) else { return nil }
        if position == bytes.count { return date }

        guard skip("T"), let hour = number(digits: 2), hour < 24, skip(":"),
              let minute = number(digits: 2), minute < 60, skip(":"),
              let second = number(digits: 2), second < 60 else { return nil }
        if skip(".") {
            guard number(digits: 1) != nil else { return nil }
            while number(digits: 1) != nil {}
        }
        guard let offsetSeconds = utcOffsetSeconds(), position == bytes.count else { return nil }

        let secondsInVietnam = hour * 3_600 + minute * 60 + second - offsetSeconds + VietnamTime.utcOffsetSeconds
        let dayShift = CivilDays.floorDivision(secondsInVietnam, by: 86_400).quotient
        let shifted = CivilDays.date(ofDayNumber: CivilDays.dayNumber(year: year, month: month, day: day) + dayShift)
        return VietnameseDate(year: shifted.year, month: shifted.month, day: shifted.day)
    }

    /// "Z" or "±HH:MM" as seconds east of UTC.
    private mutating func utcOffsetSeconds() -> Int? {
        if skip("Z") { return 0 }
        let sign: Int
        if skip("+") {
            sign = 1
        } else if skip("-") {
            sign = -1
        } else {
            return nil
        }
        guard let hours = number(digits: 2), hours < 24, skip(":"),
              let minutes = number(digits: 2), minutes < 60 else { return nil }
        return sign * (hours * 3_600 + minutes * 60)
    }

    /// Exactly `digits` ASCII digits as a number.
    private mutating func number(digits: Int) -> Int? {
        guard position + digits <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[position..<(position + digits)] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        position += digits
        return value
    }

    private mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard position < bytes.count, bytes[position] == UInt8(ascii: character) else { return false }
        position += 1
        return true
    }
}
