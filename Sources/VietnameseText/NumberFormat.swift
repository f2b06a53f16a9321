/// Numbers as written in Vietnamese documents: "." groups thousands, "," marks decimals (DOMAIN.md §6).
public enum VietnameseNumberFormat {
    /// "221.100.000", "-5.000", "0".
    public static func grouped(_ value: Int64) -> String {
        var digits: [UInt8] = []
        digits.reserveCapacity(20)
        // The magnitude as UInt64 so that Int64.min formats too.
        var magnitude = value.magnitude
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        digits.reverse()
        var text: [UInt8] = value < 0 ? [UInt8(ascii: "-")] : []
        appendGrouped(digits[...], to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Decimal with "," and "." grouping: (0.5) -> "0,5"; (1234.5, fractionDigits: 2) -> "1.234,50"; with fractionDigits nil: shortest form up to 6 decimals, no trailing zeros (1234.0 -> "1.234").
    ///
    /// Rounding is half away from zero on the shortest decimal form of the value (the digits a user typed),
    /// so 1.005 with two digits is "1,01" even though the nearest Double lies just below 1.005.
    /// A negative fractionDigits counts as 0; infinities and NaN are written as Swift describes them.
    public static func decimal(_ value: Double, fractionDigits: Int? = nil) -> String {
        guard value.isFinite else { return value.description }
        let places = max(fractionDigits ?? maximumShortestPlaces, 0)
        var number = ShortestDecimal(value.magnitude)
        number.round(toPlaces: places)

        let integerDigits = number.integerDigitCount > 0
            ? (0..<number.integerDigitCount).map { number.digit(at: $0) }
            : [UInt8(ascii: "0")]
        var fraction = (0..<places).map { number.digit(at: number.integerDigitCount + $0) }
        if fractionDigits == nil {
            while fraction.last == UInt8(ascii: "0") { fraction.removeLast() }
        }

        var text: [UInt8] = []
        // A value that rounds to zero is written without a sign: "-0" means nothing on a document.
        if value < 0 && !number.isZero { text.append(UInt8(ascii: "-")) }
        appendGrouped(integerDigits[...], to: &text)
        if !fraction.isEmpty {
            text.append(UInt8(ascii: ","))
            text += fraction
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let maximumShortestPlaces = 6

    /// Appends ASCII digits with a "." before every group of three counted from the right.
    private static func appendGrouped(_ digits: ArraySlice<UInt8>, to text: inout [UInt8]) {
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { text.append(UInt8(ascii: ".")) }
            text.append(digit)
        }
    }
}

/// A non-negative Double as the decimal digits of its shortest round-trip form, for exact decimal rounding.
private struct ShortestDecimal {
    /// Significant ASCII digits, without leading zeros; empty for zero.
    private var digits: [UInt8]
    /// How many of `digits` lie before the decimal point; zero or negative for values below 1.
    private(set) var integerDigitCount: Int

    var isZero: Bool { digits.isEmpty }

    /// Reads Swift's shortest description, which is either "123.45" or "1.2345e+20" / "5e-324".
    init(_ value: Double) {
        let description = Array(value.description.utf8)
        let exponentIndex = description.firstIndex(of: UInt8(ascii: "e"))
        let mantissa = description[..<(exponentIndex ?? description.endIndex)]
        var exponent = 0
        if let exponentIndex {
            exponent = Int(String(decoding: description[(exponentIndex + 1)...], as: UTF8.self)) ?? 0
        }
        let pointIndex = mantissa.firstIndex(of: UInt8(ascii: ".")) ?? mantissa.endIndex
        var digits = mantissa.filter { $0 != UInt8(ascii: ".") }
        var integerDigitCount = mantissa.distance(from: mantissa.startIndex, to: pointIndex) + exponent
        let leadingZeros = digits.prefix { $0 == UInt8(ascii: "0") }.count
        digits.removeFirst(leadingZeros)
        integerDigitCount -= leadingZeros
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        if digits.isEmpty { integerDigitCount = 0 }
        self.digits = digits
        self.integerDigitCount = integerDigitCount
    }

    /// The ASCII digit at a position counted from the first significant digit; "0" outside the stored digits.
    func digit(at position: Int) -> UInt8 {
        digits.indices.contains(position) ? digits[position] : UInt8(ascii: "0")
    }

    /// Rounds half away from zero to `places` digits after the decimal point.
    mutating func round(toPlaces places: Int) {
        let kept = integerDigitCount + places
        guard kept < digits.count else { return }
        let roundsUp = kept >= 0 && digits[kept] >= UInt8(ascii: "5")
        digits.removeLast(digits.count - max(kept, 0))
        if roundsUp {
            var index = digits.count - 1
            while index >= 0 && digits[index] == UInt8(ascii: "9") {
                digits[index] = UInt8(ascii: "0")
                index -= 1
            }
            if index >= 0 {
                digits[index] += 1
            } else {
                digits.insert(UInt8(ascii: "1"), at: 0)
                integerDigitCount += 1
            }
        }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        if digits.isEmpty { integerDigitCount = 0 }
    }
}
