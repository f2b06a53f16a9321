import Testing
import VietnameseText
import Workflow

@Suite("Working calendar")
struct WorkingCalendarTests {
    func day(_ iso: String) -> VietnameseDate { VietnameseDate(parsing: iso)! }

    @Test("weekdays are numbered from Monday")
    func weekdays() {
        #expect(day("2025-01-06").isoWeekday == 1)
        #expect(day("2025-08-14").isoWeekday == 4)
        #expect(day("1970-01-01").isoWeekday == 4)
        #expect(day("1969-12-28").isoWeekday == 7)
        #expect(day("2024-02-28").adding(days: 2) == day("2024-03-01"))
        #expect(day("2025-01-01").adding(days: -1) == day("2024-12-31"))
    }

    @Test("due dates skip weekends and listed days off, not counting the day the step starts")
    func dueDates() {
        let calendar = WorkingCalendar(daysOff: [day("2025-09-02")])
        #expect(calendar.due(after: day("2025-08-29"), workingDays: 1) == day("2025-09-01"))
        #expect(calendar.due(after: day("2025-08-29"), workingDays: 2) == day("2025-09-03"))
        #expect(calendar.due(after: day("2025-08-27"), workingDays: 3) == day("2025-09-01"))
        #expect(calendar.due(after: day("2025-08-30"), workingDays: 0) == day("2025-08-30"))
        #expect(!calendar.isWorkingDay(day("2025-09-02")) && calendar.isWorkingDay(day("2025-09-03")))
    }
}
