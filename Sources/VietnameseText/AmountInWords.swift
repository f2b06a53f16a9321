/// The word for a thousand: "nghìn" is the northern and administrative usage, "ngàn" the southern one.
public enum ThousandWord: String, Sendable {
    case nghin = "nghìn"
    case ngan = "ngàn"

    /// The word from its name with or without diacritics (`nghìn`, `nghin`, `ngàn`, `ngan`), as data files and
    /// the `words` formatter write it; nil for anything else.
    public init?(name: String) {
        switch UnicodeNormalization.cleaned(name) {
        case "nghìn", "nghin": self = .nghin
        case "ngàn", "ngan": self = .ngan
        default: return nil
        }
    }
}

/// Vietnamese readings of numbers, as written out in words on documents (DOMAIN.md §6, "Amounts in words").
public enum VietnameseNumberWords {
    /// Lower-case reading of an integer: 221100000 -> "hai trăm hai mươi mốt triệu một trăm nghìn"; 0 -> "không"; negative -> "âm …".
    public static func reading(of value: Int64, thousand: ThousandWord = .nghin) -> String {
        if value == 0 { return digitWords[0] }
        var words = ""
        if value < 0 { words = "âm" }
        // The magnitude as UInt64 so that Int64.min has a reading too.
        appendReading(of: value.magnitude, thousand: thousand, isInner: false, to: &words)
        return words
    }

    /// Reading of a decimal given as its integer part and fractional digits string: ("0", "5") -> "không phẩy năm"; fractional digits read as a number ("25" -> "hai mươi lăm"), keeping leading zeros as "không" each ("05" -> "không năm").
    ///
    /// Characters of `fractionDigits` that are not ASCII digits are ignored; with no digits left,
    /// the reading is that of the integer part alone.
    public static func reading(integerPart: Int64, fractionDigits: String, thousand: ThousandWord = .nghin) -> String {
        let digits = fractionDigits.utf8.filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        var words = reading(of: integerPart, thousand: thousand)
        if digits.isEmpty { return words }
        words += " phẩy"
        let leadingZeros = digits.prefix { $0 == UInt8(ascii: "0") }.count
        for _ in 0..<leadingZeros { append(digitWords[0], to: &words) }
        let significant = digits.dropFirst(leadingZeros)
        if significant.count <= maximumDigitsReadAsNumber {
            let number = significant.reduce(UInt64(0)) { $0 * 10 + UInt64($1 - UInt8(ascii: "0")) }
            if number > 0 { appendReading(of: number, thousand: thousand, isInner: false, to: &words) }
        } else {
            // Beyond what UInt64 holds there is no number to read, so the digits are read one by one.
            for digit in significant { append(digitWords[Int(digit - UInt8(ascii: "0"))], to: &words) }
        }
        return words
    }

    /// Amount in words as written on a document: first letter capitalised, followed by the currency unless nil: 221100000 -> "Hai trăm hai mươi mốt triệu một trăm nghìn đồng".
    public static func amount(_ value: Int64, thousand: ThousandWord = .nghin, currency: String? = "đồng") -> String {
        var words = VietnameseCase.capitalizedFirst(reading(of: value, thousand: thousand))
        if let currency, !currency.isEmpty { words += " " + currency }
        return words
    }

    // MARK: - Reading rules

    private static let digitWords = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
    private static let billion: UInt64 = 1_000_000_000
    /// UInt64 holds every number of up to 19 digits.
    private static let maximumDigitsReadAsNumber = 19

    /// Appends the reading of a positive number. `isInner` says a non-empty higher part has already been read,
    /// so a leading group below 100 must be read with "không trăm".
    private static func appendReading(of value: UInt64, thousand: ThousandWord, isInner: Bool, to words: inout String) {
        if value >= billion {
            // Above a billion the part above is read as a number of its own, followed by a single "tỷ".
            appendReading(of: value / billion, thousand: thousand, isInner: isInner, to: &words)
            append("tỷ", to: &words)
            let rest = value % billion
            if rest > 0 { appendReading(of: rest, thousand: thousand, isInner: true, to: &words) }
            return
        }
        var hasHigherGroup = isInner
        appendGroup(Int(value / 1_000_000), unit: "triệu", hasHigherGroup: &hasHigherGroup, to: &words)
        appendGroup(Int(value / 1_000 % 1_000), unit: thousand.rawValue, hasHigherGroup: &hasHigherGroup, to: &words)
        appendGroup(Int(value % 1_000), unit: nil, hasHigherGroup: &hasHigherGroup, to: &words)
    }

    /// Appends a group 0...999 and its unit word, skipping an empty group.
    private static func appendGroup(_ group: Int, unit: String?, hasHigherGroup: inout Bool, to words: inout String) {
        guard group > 0 else { return }
        appendGroupReading(group, readsHundreds: hasHigherGroup, to: &words)
        if let unit { append(unit, to: &words) }
        hasHigherGroup = true
    }

    /// Appends the reading of a group 1...999. `readsHundreds` forces "không trăm" for an inner group below 100.
    private static func appendGroupReading(_ group: Int, readsHundreds: Bool, to words: inout String) {
        let hundreds = group / 100, tens = group / 10 % 10, units = group % 10
        let hasHundreds = hundreds > 0 || readsHundreds
        if hasHundreds {
            append(digitWords[hundreds], to: &words)
            append("trăm", to: &words)
        }
        switch tens {
        case 0:
            guard units > 0 else { return }
            if hasHundreds { append("linh", to: &words) }
            append(digitWords[units], to: &words)
        case 1:
            append("mười", to: &words)
            if units > 0 { append(units == 5 ? "lăm" : digitWords[units], to: &words) }
        default:
            append(digitWords[tens], to: &words)
            append("mươi", to: &words)
            switch units {
            case 0: break
            case 1: append("mốt", to: &words)
            case 5: append("lăm", to: &words)
            default: append(digitWords[units], to: &words)
            }
        }
    }

    private static func append(_ word: String, to words: inout String) {
        if !words.isEmpty { words += " " }
        words += word
    }
}
