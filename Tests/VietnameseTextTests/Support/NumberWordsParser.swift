/// Reads Vietnamese number words back into a number, independently of the module's reader, for round-trip tests.
///
/// It is strict: any deviation from the reading rules of DOMAIN.md §6 (a "một" where "mốt" is due,
/// a missing or superfluous "không trăm", a double space, units out of order…) makes it return nil.
enum NumberWordsParser {
    static func parse(_ text: String) -> Int64? {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        if words == ["không"] { return 0 }
        if words.first == "âm" {
            guard let magnitude = positive(words.dropFirst(), isInner: false) else { return nil }
            return magnitude == UInt64(1) << 63 ? .min : Int64(exactly: magnitude).map { -$0 }
        }
        return positive(words[...], isInner: false).flatMap { Int64(exactly: $0) }
    }

    private static let digits = ["không": 0, "một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9]
    private static let units: [String: UInt64] = ["triệu": 1_000_000, "nghìn": 1_000, "ngàn": 1_000]

    /// A number above zero; `isInner` when a higher part has been read, so its first group must say its hundreds.
    private static func positive(_ words: ArraySlice<String>, isInner: Bool) -> UInt64? {
        guard let billionIndex = words.lastIndex(of: "tỷ") else { return belowBillion(words, isInner: isInner) }
        guard let above = positive(words[..<billionIndex], isInner: isInner) else { return nil }
        let rest = words[(billionIndex + 1)...]
        let below = rest.isEmpty ? 0 : belowBillion(rest, isInner: true)
        guard let below else { return nil }
        let (scaled, overflow) = above.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? nil : scaled + below
    }

    private static func belowBillion(_ words: ArraySlice<String>, isInner: Bool) -> UInt64? {
        var total: UInt64 = 0
        var pending: [String] = []
        var previousUnit = UInt64.max
        var hasHigherGroup = isInner
        for word in words {
            guard let unit = units[word] else {
                pending.append(word)
                continue
            }
            guard unit < previousUnit, let group = group(pending, isInner: hasHigherGroup) else { return nil }
            total += UInt64(group) * unit
            previousUnit = unit
            hasHigherGroup = true
            pending = []
        }
        if !pending.isEmpty {
            guard let group = group(pending, isInner: hasHigherGroup) else { return nil }
            total += UInt64(group)
        }
        return total > 0 ? total : nil
    }

    /// A group 1...999.
    private static func group(_ words: [String], isInner: Bool) -> Int? {
        var value = 0
        var rest = words[...]
        let saysHundreds = words.count >= 2 && words[1] == "trăm"
        if saysHundreds {
            guard let hundreds = digits[words[0]], hundreds > 0 || isInner else { return nil }
            value = hundreds * 100
            rest = rest.dropFirst(2)
        } else if isInner {
            return nil
        }
        let tail = Array(rest)
        switch tail.count {
        case 0:
            break
        case 1 where tail[0] == "mười":
            value += 10
        case 1:
            guard !saysHundreds, let unit = digits[tail[0]], unit > 0 else { return nil }
            value += unit
        case 2 where tail[0] == "linh":
            guard saysHundreds, let unit = digits[tail[1]], unit > 0 else { return nil }
            value += unit
        case 2 where tail[0] == "mười":
            guard let unit = unitAfterTens(tail[1], one: "một") else { return nil }
            value += 10 + unit
        case 2 where tail[1] == "mươi":
            guard let tens = digits[tail[0]], tens >= 2 else { return nil }
            value += tens * 10
        case 3 where tail[1] == "mươi":
            guard let tens = digits[tail[0]], tens >= 2, let unit = unitAfterTens(tail[2], one: "mốt") else { return nil }
            value += tens * 10 + unit
        default:
            return nil
        }
        return value > 0 ? value : nil
    }

    /// A unit after "mười" or "mươi": 1 is `one` ("một" after "mười", "mốt" after "mươi") and 5 is always "lăm".
    private static func unitAfterTens(_ word: String, one: String) -> Int? {
        switch word {
        case one: 1
        case "lăm": 5
        case "một", "mốt", "năm", "không": nil
        default: digits[word]
        }
    }
}
