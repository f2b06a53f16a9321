import VietnameseText

/// A decimal number held exactly, as a whole count of 10⁻ˢᶜᵃˡᵉ units: `0,5` is 5 units of scale 1.
///
/// Budget estimates multiply amounts in đồng by quantities such as half a year (`0,5`) or 1,5 months; a binary
/// floating-point number could turn 0,1 × 3 into 0,30000000000000004 and lose a đồng, so these quantities never pass
/// through `Double`.
public struct ExactDecimal: Sendable, Hashable, Decodable, CustomStringConvertible {
    /// The value times 10^scale.
    public let units: Int64
    /// Digits after the decimal comma, 0…`maximumScale`, without trailing zeros.
    public let scale: Int

    /// The most digits after the comma a quantity may have.
    public static let maximumScale = 6

    /// A whole number.
    public init(_ integer: Int64) {
        units = integer
        scale = 0
    }

    /// `units` × 10⁻ˢᶜᵃˡᵉ, with trailing zeros dropped (`50` at scale 2 becomes `5` at scale 1).
    public init?(units: Int64, scale: Int) {
        guard (0...Self.maximumScale).contains(scale) else { return nil }
        var units = units, scale = scale
        while scale > 0 && units % 10 == 0 {
            units /= 10
            scale -= 1
        }
        self.units = units
        self.scale = scale
    }

    /// Reads a number as Vietnamese documents write it: `,` is the decimal comma and `.` groups thousands
    /// (`0,5`, `5.045`, `1.234,25`, `-3`). Returns nil for anything else, including `0.5`, whose `.` would be a
    /// thousands separator in the wrong place.
    public init?(vietnamese text: String) {
        var body = Substring(text).trimmingWhitespace()
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        let parts = body.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= 2, let integerDigits = Self.ungrouped(parts[0]) else { return nil }
        let fractionDigits = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || !fractionDigits.isEmpty else { return nil }
        self.init(sign: negative ? -1 : 1, integerDigits: integerDigits, fractionDigits: fractionDigits)
    }

    /// Reads the shortest form Swift writes a `Double` in (`0.5`, `12.0`), as the JSON number a clerk typed.
    init?(plain text: String) {
        var body = Substring(text)
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        self.init(sign: negative ? -1 : 1, integerDigits: parts[0], fractionDigits: parts.count == 2 ? parts[1] : "")
    }

    private init?(sign: Int64, integerDigits: Substring, fractionDigits: Substring) {
        guard !integerDigits.isEmpty, integerDigits.allSatisfy(\.isASCIIDigit), fractionDigits.allSatisfy(\.isASCIIDigit) else {
            return nil
        }
        var fraction = fractionDigits
        while fraction.last == "0" { fraction = fraction.dropLast() }
        guard fraction.count <= Self.maximumScale, let whole = Int64(integerDigits + fraction) else { return nil }
        self.init(units: sign * whole, scale: fraction.count)
    }

    /// `5.045` → `5045`; nil when the `.` groups are not groups of three after a first group of one to three digits.
    private static func ungrouped(_ text: Substring) -> Substring? {
        let groups = text.split(separator: ".", omittingEmptySubsequences: false)
        guard groups.count > 1 else { return text }
        guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        return Substring(groups.joined())
    }

    /// Accepts a JSON integer (`12`), a JSON decimal (`0.5`) or a string written the Vietnamese way (`"0,5"`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let integer = try? container.decode(Int64.self) {
            self.init(integer)
            return
        }
        if let number = try? container.decode(Double.self) {
            guard number.isFinite, let value = ExactDecimal(plain: number.description) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "tối đa \(Self.maximumScale) chữ số sau dấu phẩy")
            }
            self = value
            return
        }
        if let text = try? container.decode(String.self) {
            guard let value = ExactDecimal(vietnamese: text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "“\(text)” không phải là số; viết như 12, 5.045 hoặc 0,5")
            }
            self = value
            return
        }
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "cần số, ví dụ 12 hoặc “0,5”")
    }

    /// Whether the value is below zero (a quantity must not be).
    public var isNegative: Bool { units < 0 }

    /// As documents write it: `0,5`, `5.045`, `1.234,25`.
    public var formatted: String { Self.formatted(units: units, scale: scale) }

    /// `units` × 10⁻ˢᶜᵃˡᵉ written the Vietnamese way for any scale up to 18, without trailing zeros: the exact
    /// product of two quantities and a price may have more decimals than a quantity is allowed.
    static func formatted(units: Int64, scale: Int) -> String {
        let divisor = powerOfTen(scale)
        let whole = VietnameseNumberFormat.grouped(units / divisor)
        guard scale > 0 else { return whole }
        var fraction = String(units.magnitude % UInt64(divisor))
        fraction = String(repeating: "0", count: scale - fraction.count) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        guard !fraction.isEmpty else { return whole }
        let sign = units < 0 && units / divisor == 0 ? "-" : ""
        return sign + whole + "," + fraction
    }

    /// The Vietnamese form, as `formatted`.
    public var description: String { formatted }

    static func powerOfTen(_ exponent: Int) -> Int64 {
        var value: Int64 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
