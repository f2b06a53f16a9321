import Foundation

/// Instants as seen in Vietnam, which has kept UTC+07:00 without daylight saving since 1975.
///
/// The offset is fixed rather than taken from the tz database's Asia/Ho_Chi_Minh, whose older history
/// (UTC+08:00 in the south before 1975) would shift dates of old records away from what DOMAIN.md specifies.
public enum VietnamTime {
    /// ISO 8601 in Vietnam time with the offset: "2025-08-14T16:31:45+07:00".
    ///
    /// Fractional seconds are dropped; instants outside the years 1...9999 in Vietnam are clamped to them.
    public static func iso8601(_ date: Date) -> String {
        let (dayNumber, secondOfDay) = CivilDays.floorDivision(secondsInVietnam(of: date), by: 86_400)
        let civil = CivilDays.date(ofDayNumber: dayNumber)
        let day = VietnameseDate(validYear: civil.year, month: civil.month, day: civil.day)
        return day.iso + "T" + CivilDays.padded(secondOfDay / 3_600, width: 2)
            + ":" + CivilDays.padded(secondOfDay / 60 % 60, width: 2)
            + ":" + CivilDays.padded(secondOfDay % 60, width: 2) + "+07:00"
    }

    /// The calendar date in Vietnam of an instant.
    ///
    /// Instants outside the years 1...9999 in Vietnam are clamped to them, so the result is always a valid date.
    public static func date(of instant: Date) -> VietnameseDate {
        let dayNumber = CivilDays.floorDivision(secondsInVietnam(of: instant), by: 86_400).quotient
        let civil = CivilDays.date(ofDayNumber: dayNumber)
        return VietnameseDate(validYear: civil.year, month: civil.month, day: civil.day)
    }

    static let utcOffsetSeconds = 7 * 3_600

    private static let firstSecond = CivilDays.dayNumber(year: 1, month: 1, day: 1) * 86_400
    private static let lastSecond = CivilDays.dayNumber(year: 9999, month: 12, day: 31) * 86_400 + 86_399

    /// Whole seconds since 1970-01-01T00:00:00 in Vietnam time, clamped to the years 1...9999.
    private static func secondsInVietnam(of instant: Date) -> Int {
        let interval = instant.timeIntervalSince1970
        // NaN has no date; 1970 keeps the conversion below from trapping.
        let seconds = interval.isNaN ? 0 : interval.rounded(.down) + Double(utcOffsetSeconds)
        return Int(min(max(seconds, Double(firstSecond)), Double(lastSecond)))
    }
}
