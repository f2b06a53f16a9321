/// Day arithmetic, for due dates counted in working days.
extension VietnameseDate {
    /// The date `days` days later (earlier when negative), clamped to the years 1...9999.
    public func adding(days: Int) -> VietnameseDate {
        let first = CivilDays.dayNumber(year: 1, month: 1, day: 1)
        let last = CivilDays.dayNumber(year: 9999, month: 12, day: 31)
        let number = min(max(CivilDays.dayNumber(year: year, month: month, day: day) + days, first), last)
        let civil = CivilDays.date(ofDayNumber: number)
        return VietnameseDate(validYear: civil.year, month: civil.month, day: civil.day)
    }

    /// The day of the week, ISO numbering: 1 is Monday (thứ Hai), 7 is Sunday (Chủ nhật).
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (4).
        let number = CivilDays.dayNumber(year: year, month: month, day: day)
        return ((number % 7 + 7) % 7 + 3) % 7 + 1
    }
}
