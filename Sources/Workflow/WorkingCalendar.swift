import VietnameseText

/// Working days of a commune office: Monday to Friday, except the days off listed in `workflows/calendar.yaml`.
///
/// Review steps are due a number of working days after a document enters them (NĐ 30 counts release "the same or
/// the next working day"). Public holidays that follow the lunar calendar (Tết, Giỗ Tổ Hùng Vương) and the bridging
/// days the government announces each year are not computed: they are listed as dates.
public struct WorkingCalendar: Sendable, Hashable {
    /// Weekdays that are nevertheless days off.
    public let daysOff: Set<VietnameseDate>

    public init(daysOff: Set<VietnameseDate> = []) {
        self.daysOff = daysOff
    }

    /// Whether the office works on `day`.
    public func isWorkingDay(_ day: VietnameseDate) -> Bool {
        day.isoWeekday <= 5 && !daysOff.contains(day)
    }

    /// The last day of a step that starts on `start` and may take `workingDays` working days.
    ///
    /// The starting day does not count: a document submitted on Friday with one working day is due on Monday.
    public func due(after start: VietnameseDate, workingDays: Int) -> VietnameseDate {
        var day = start
        var left = max(workingDays, 0)
        while left > 0 {
            day = day.adding(days: 1)
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }
}
