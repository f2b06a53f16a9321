import Foundation
import TestSupport
import Testing
import VietnameseText

@Suite("Vietnam time")
struct VietnamTimeTests {
    @Test func iso8601InVietnam() {
        #expect(VietnamTime.iso8601(Date(timeIntervalSince1970: 1_755_163_905)) == "2025-08-14T16:31:45+07:00")
    }

    @Test func iso8601DropsFractionalSeconds() {
        #expect(VietnamTime.iso8601(Date(timeIntervalSince1970: 1_755_163_905.999)) == "2025-08-14T16:31:45+07:00")
    }

    @Test func iso8601BeforeTheEpoch() {
        #expect(VietnamTime.iso8601(Date(timeIntervalSince1970: -1)) == "1970-01-01T06:59:59+07:00")
        #expect(VietnamTime.iso8601(Date(timeIntervalSince1970: -25_201)) == "1969-12-31T23:59:59+07:00")
    }

    @Test func eveningInUTCIsTheNextDayInVietnam() {
        #expect(VietnamTime.date(of: Date(timeIntervalSince1970: 1_736_020_800)).iso == "2025-01-05")
        #expect(VietnamTime.date(of: Date(timeIntervalSince1970: 1_736_009_999)).iso == "2025-01-04")
    }

    @Test func instantsBeyondYear9999AreClamped() {
        #expect(VietnamTime.date(of: Date(timeIntervalSince1970: 1e18)).iso == "9999-12-31")
        #expect(VietnamTime.date(of: Date(timeIntervalSince1970: -1e18)).iso == "0001-01-01")
    }

    /// Agrees with Foundation's Gregorian calendar in UTC+07:00 from 1589 to 2920
    /// (before 1582 Foundation switches to the Julian calendar, where dates are proleptic Gregorian here).
    @Test func agreesWithFoundationCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(secondsFromGMT: 7 * 3_600))
        var generator = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            let instant = Date(timeIntervalSince1970: Double(Int64.random(in: -12_000_000_000...30_000_000_000, using: &generator)))
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
            let date = VietnamTime.date(of: instant)
            #expect([date.year, date.month, date.day] == [parts.year, parts.month, parts.day], "\(instant)")
            let expected = String(format: "%04d-%02d-%02dT%02d:%02d:%02d+07:00",
                                  parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                                  parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
            #expect(VietnamTime.iso8601(instant) == expected)
        }
    }
}
