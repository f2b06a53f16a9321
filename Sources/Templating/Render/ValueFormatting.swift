import VietnameseText

/// Turns values into document text: formatters, then the plain rendering of numbers and booleans.
enum ValueFormatting {
    /// A failure while formatting, reported with the field's path by the caller.
    enum Failure: Error {
        case missing
        case notAValue(String)
        case formatter(String)
    }

    /// Applies the formatters in order and returns the final text.
    /// When the value is absent, null or empty and the chain has a `default`, the chain starts at that `default`:
    /// `{{ngay | date | default "…"}}` shows the text instead of failing on a missing date.
    static func text(of value: TemplateValue?, formatters: [FormatterCall]) throws(Failure) -> String {
        var current = value
        var chain = formatters[...]
        if isBlank(value), let fallback = formatters.firstIndex(where: { if case .defaultText = $0.formatter { true } else { false } }) {
            chain = formatters[fallback...]
        }
        for call in chain {
            current = try apply(call.formatter, to: current)
        }
        guard let current else { throw .missing }
        return try plainText(current)
    }

    private static func isBlank(_ value: TemplateValue?) -> Bool {
        switch value {
        case nil, .null?: true
        case .string(let s)?: s.isEmpty
        default: false
        }
    }

    private static func apply(_ formatter: Formatter, to value: TemplateValue?) throws(Failure) -> TemplateValue? {
        if case .defaultText(let fallback) = formatter {
            return isBlank(value) ? .string(fallback) : value
        }
        guard let value else { throw .missing }
        switch formatter {
        case .number(let digits):
            switch try numeric(value, for: "number") {
            case .integer(let i) where digits == nil || digits == 0: return .string(VietnameseNumberFormat.grouped(i))
            case .integer(let i): return .string(VietnameseNumberFormat.decimal(Double(i), fractionDigits: digits))
            case .real(let d): return .string(VietnameseNumberFormat.decimal(d, fractionDigits: digits))
            }
        case .words(let thousand, let currency):
            let amount: Int64
            switch try numeric(value, for: "words") {
            case .integer(let i): amount = i
            case .real(let d):
                guard d.rounded() == d, abs(d) < 1e18 else {
                    throw .formatter("bộ định dạng “words” chỉ đọc số nguyên (số tiền), không đọc được “\(VietnameseNumberFormat.decimal(d))”.")
                }
                amount = Int64(d)
            }
            return .string(VietnameseNumberWords.amount(amount, thousand: thousand, currency: currency ? "đồng" : nil))
        case .date, .dateShort:
            let text = try plainText(value)
            guard let date = VietnameseDate(parsing: text) else {
                throw .formatter("“\(text)” không phải là ngày; cần dạng 2025-01-05 hoặc 05/01/2025.")
            }
            return .string(formatter == .date ? date.long : date.short)
        case .upper: return .string(VietnameseCase.upper(try plainText(value)))
        case .lower: return .string(VietnameseCase.lower(try plainText(value)))
        case .ascii: return .string(AsciiFolding.fold(try plainText(value)))
        case .pad(let width):
            let text = try plainText(value)
            let missing = width - text.count
            return .string(missing > 0 ? String(repeating: "0", count: missing) + text : text)
        case .defaultText:
            return value
        }
    }

    private enum Numeric { case integer(Int64), real(Double) }

    private static func numeric(_ value: TemplateValue, for name: String) throws(Failure) -> Numeric {
        switch value {
        case .int(let i): return .integer(i)
        case .double(let d): return .real(d)
        case .string(let s):
            let trimmed = s.trimmingSpaces()
            if let i = Int64(trimmed) { return .integer(i) }
            if let d = Double(trimmed.replacingComma()), d.isFinite { return .real(d) }
            throw .formatter("bộ định dạng “\(name)” cần một số, nhận được “\(s)”.")
        default:
            throw .formatter("bộ định dạng “\(name)” cần một số, nhận được \(value.kindName).")
        }
    }

    /// The text of a single value without formatters: integers as digits, decimals with a comma, booleans as có/không.
    static func plainText(_ value: TemplateValue) throws(Failure) -> String {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return VietnameseNumberFormat.decimal(d)
        case .bool(let b): return b ? "có" : "không"
        case .null: return ""
        case .list, .object, .image: throw .notAValue(value.kindName)
        }
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String { String(Substring(self).trimmingWhitespace()) }
    fileprivate func replacingComma() -> String { contains(",") && !contains(".") ? String(map { $0 == "," ? "." : $0 }) : self }
}
