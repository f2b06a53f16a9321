/// Proleptic Gregorian calendar arithmetic on day numbers, done by hand so that dates need no Calendar or formatter.
///
/// Day numbers count from 1970-01-01 (day 0); the conversions are Howard Hinnant's `days_from_civil` and
/// `civil_from_days`, exact for every year representable in an Int.
enum CivilDays {
    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func dayCount(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The day number of a valid calendar date.
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        // Years start in March here so that the leap day falls at the end of the year.
        let marchYear = month <= 2 ? year - 1 : year
        let era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
        let yearOfEra = marchYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The calendar date of a day number.
    static func date(ofDayNumber dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Floor division, so that instants before 1970 fall on the right day.
    static func floorDivision(_ value: Int, by divisor: Int) -> (quotient: Int, remainder: Int) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }

    /// Zero-padded decimal digits, e.g. 5 -> "05" for width 2; values outside 0..<10^width are written in full.
    static func padded(_ value: Int, width: Int) -> String {
        let text = String(value)
        guard value >= 0, text.utf8.count < width else { return text }
        return String(repeating: "0", count: width - text.utf8.count) + text
    }
}
