import Testing
import VietnameseText

@Suite("Vietnamese dates")
struct VietnameseDateTests {
    /// Every month with days 1, 9, 10 and 31 where it exists: days below 10 and months 1 and 2 get a leading zero.
    @Test(arguments: [
        (1, 1, "ngày 01 tháng 01 năm 2025"),
        (1, 9, "ngày 09 tháng 01 năm 2025"),
        (1, 10, "ngày 10 tháng 01 năm 2025"),
        (1, 31, "ngày 31 tháng 01 năm 2025"),
        (2, 1, "ngày 01 tháng 02 năm 2025"),
        (2, 9, "ngày 09 tháng 02 năm 2025"),
        (2, 10, "ngày 10 tháng 02 năm 2025"),
        (3, 1, "ngày 01 tháng 3 năm 2025"),
        (3, 9, "ngày 09 tháng 3 năm 2025"),
        (3, 10, "ngày 10 tháng 3 năm 2025"),
        (3, 31, "ngày 31 tháng 3 năm 2025"),
        (4, 1, "ngày 01 tháng 4 năm 2025"),
        (4, 9, "ngày 09 tháng 4 năm 2025"),
        (4, 10, "ngày 10 tháng 4 năm 2025"),
        (5, 1, "ngày 01 tháng 5 năm 2025"),
        (5, 9, "ngày 09 tháng 5 năm 2025"),
        (5, 10, "ngày 10 tháng 5 năm 2025"),
        (5, 31, "ngày 31 tháng 5 năm 2025"),
        (6, 1, "ngày 01 tháng 6 năm 2025"),
        (6, 9, "ngày 09 tháng 6 năm 2025"),
        (6, 10, "ngày 10 tháng 6 năm 2025"),
        (7, 1, "ngày 01 tháng 7 năm 2025"),
        (7, 9, "ngày 09 tháng 7 năm 2025"),
        (7, 10, "ngày 10 tháng 7 năm 2025"),
        (7, 31, "ngày 31 tháng 7 năm 2025"),
        (8, 1, "ngày 01 tháng 8 năm 2025"),
        (8, 9, "ngày 09 tháng 8 năm 2025"),
        (8, 10, "ngày 10 tháng 8 năm 2025"),
        (8, 31, "ngày 31 tháng 8 năm 2025"),
        (9, 1, "ngày 01 tháng 9 năm 2025"),
        (9, 9, "ngày 09 tháng 9 năm 2025"),
        (9, 10, "ngày 10 tháng 9 năm 2025"),
        (10, 1, "ngày 01 tháng 10 năm 2025"),
        (10, 9, "ngày 09 tháng 10 năm 2025"),
        (10, 10, "ngày 10 tháng 10 năm 2025"),
        (10, 31, "ngày 31 tháng 10 năm 2025"),
        (11, 1, "ngày 01 tháng 11 năm 2025"),
        (11, 9, "ngày 09 tháng 11 năm 2025"),
        (11, 10, "ngày 10 tháng 11 năm 2025"),
        (12, 1, "ngày 01 tháng 12 năm 2025"),
        (12, 9, "ngày 09 tháng 12 năm 2025"),
        (12, 10, "ngày 10 tháng 12 năm 2025"),
        (12, 31, "ngày 31 tháng 12 năm 2025"),
    ])
    func longForm(month: Int, day: Int, text: String) throws {
        let date = try #require(VietnameseDate(year: 2025, month: month, day: day))
        #expect(date.long == text)
    }

    @Test(arguments: [2, 4, 6, 9, 11])
    func monthsWithoutAThirtyFirst(month: Int) {
        #expect(VietnameseDate(year: 2025, month: month, day: 31) == nil)
    }

    @Test func examplesFromTheDomain() throws {
        #expect(try #require(VietnameseDate(year: 2020, month: 1, day: 5)).long == "ngày 05 tháng 01 năm 2020")
        #expect(try #require(VietnameseDate(year: 2019, month: 6, day: 29)).long == "ngày 29 tháng 6 năm 2019")
        #expect(try #require(VietnameseDate(year: 2024, month: 2, day: 5)).long == "ngày 05 tháng 02 năm 2024")
    }

    @Test func shortAndISOForms() throws {
        let date = try #require(VietnameseDate(year: 2025, month: 1, day: 5))
        #expect(date.short == "05/01/2025")
        #expect(date.iso == "2025-01-05")
        let summer = try #require(VietnameseDate(year: 2019, month: 6, day: 29))
        #expect(summer.short == "29/06/2019")
        #expect(summer.iso == "2019-06-29")
    }

    @Test func yearsBelowOneThousandKeepFourDigits() throws {
        let date = try #require(VietnameseDate(year: 938, month: 12, day: 1))
        #expect(date.iso == "0938-12-01")
        #expect(date.short == "01/12/0938")
    }

    @Test func validation() {
        #expect(VietnameseDate(year: 2024, month: 2, day: 29) != nil)
        #expect(VietnameseDate(year: 2000, month: 2, day: 29) != nil)
        #expect(VietnameseDate(year: 2025, month: 2, day: 29) == nil)
        #expect(VietnameseDate(year: 1900, month: 2, day: 29) == nil)
        #expect(VietnameseDate(year: 2025, month: 0, day: 1) == nil)
        #expect(VietnameseDate(year: 2025, month: 13, day: 1) == nil)
        #expect(VietnameseDate(year: 2025, month: 1, day: 0) == nil)
        #expect(VietnameseDate(year: 0, month: 1, day: 1) == nil)
        #expect(VietnameseDate(year: 10_000, month: 1, day: 1) == nil)
    }

    @Test(arguments: [
        ("2025-01-05", "2025-01-05"),
        ("2025-01-05T10:11:12+07:00", "2025-01-05"),
        ("2025-01-05T03:11:12Z", "2025-01-05"),
        ("2025-01-05T03:11:12.345Z", "2025-01-05"),
        ("05/01/2025", "2025-01-05"),
        ("29/02/2024", "2024-02-29"),
        ("2025-01-04T20:00:00Z", "2025-01-05"),
        ("2025-01-04T16:59:59Z", "2025-01-04"),
        ("2025-01-05T00:30:00+07:00", "2025-01-05"),
        ("2025-01-05T20:00:00-05:00", "2025-01-06"),
        ("2025-01-05T01:00:00+09:00", "2025-01-04"),
        ("2024-12-31T17:00:00Z", "2025-01-01"),
        ("2024-02-28T17:30:00Z", "2024-02-29"),
    ])
    func parsing(text: String, iso: String) throws {
        let date = try #require(VietnameseDate(parsing: text))
        #expect(date.iso == iso)
    }

    @Test(arguments: [
        "2025-02-30", "2025-13-01", "abc", "", "29/02/2025", "5/1/2025", "2025-1-5", "20250105",
        " 2025-01-05", "2025-01-05 ", "2025-01-05x", "2025-01-05T10:11:12", "2025-01-05 10:11:12Z",
        "2025-01-05T24:00:00Z", "2025-01-05T10:11:12.Z", "2025-01-05T10:11:12+0700", "2025-02-30T10:11:12Z",
        "0000-01-01", "9999-12-31T20:00:00Z",
    ])
    func rejects(text: String) {
        #expect(VietnameseDate(parsing: text) == nil)
    }

    @Test func ordering() throws {
        let dates = try ["2025-01-05", "2024-12-31", "2025-01-04", "2025-02-01"].map { try #require(VietnameseDate(parsing: $0)) }
        #expect(dates.sorted().map(\.iso) == ["2024-12-31", "2025-01-04", "2025-01-05", "2025-02-01"])
    }
}
