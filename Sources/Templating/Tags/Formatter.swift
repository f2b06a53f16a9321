import VietnameseText

/// A formatter call as written after `|`, checked at compile time.
public struct FormatterCall: Sendable, Hashable {
    /// The formatter, with its arguments already validated.
    public let formatter: Formatter
    /// The call as written, for messages.
    public let source: String
}

/// The formatters a template can apply with `|`.
public enum Formatter: Sendable, Hashable {
    /// `number` or `number 2`: `221.100.000`, `0,5`.
    case number(fractionDigits: Int?)
    /// `words`, `words ngan`, `words bare`: an amount in Vietnamese words.
    case words(thousand: ThousandWord, currency: Bool)
    /// `date`: `ngày 05 tháng 01 năm 2025`.
    case date
    /// `date_short`: `05/01/2025`.
    case dateShort
    /// `upper`: Vietnamese-aware upper case.
    case upper
    /// `lower`: Vietnamese-aware lower case.
    case lower
    /// `ascii`: diacritics folded, `đ` → `d`.
    case ascii
    /// `pad 2`: left-padded with zeros to a width.
    case pad(width: Int)
    /// `default "…"`: the text to show when the value is absent, null or empty.
    case defaultText(String)

    /// Every formatter name, for "did you mean" messages.
    public static let names = ["number", "words", "date", "date_short", "upper", "lower", "ascii", "pad", "default"]

    /// Builds a formatter from its name and arguments, or says in Vietnamese what is wrong.
    static func make(name: String, arguments: [String]) -> Result<Formatter, FormatterProblem> {
        func noArguments(_ f: Formatter) -> Result<Formatter, FormatterProblem> {
            arguments.isEmpty ? .success(f) : .failure(.unexpectedArguments(name))
        }
        switch name {
        case "number":
            if arguments.isEmpty { return .success(.number(fractionDigits: nil)) }
            guard arguments.count == 1, let n = Int(arguments[0]), (0...6).contains(n) else {
                return .failure(.badArgument(name, "một số chữ số thập phân từ 0 đến 6, ví dụ: number 2"))
            }
            return .success(.number(fractionDigits: n))
        case "words":
            var thousand = ThousandWord.nghin
            var currency = true
            for a in arguments {
                if let word = ThousandWord(name: a) {
                    thousand = word
                } else if a == "bare" {
                    currency = false
                } else {
                    return .failure(.badArgument(name, "“ngan” (dùng “ngàn”) hoặc “bare” (không thêm “đồng”)"))
                }
            }
            return .success(.words(thousand: thousand, currency: currency))
        case "date": return noArguments(.date)
        case "date_short": return noArguments(.dateShort)
        case "upper": return noArguments(.upper)
        case "lower": return noArguments(.lower)
        case "ascii": return noArguments(.ascii)
        case "pad":
            guard arguments.count == 1, let n = Int(arguments[0]), (1...20).contains(n) else {
                return .failure(.badArgument(name, "độ rộng từ 1 đến 20, ví dụ: pad 2"))
            }
            return .success(.pad(width: n))
        case "default":
            guard arguments.count == 1 else {
                return .failure(.badArgument(name, "một đoạn văn bản trong ngoặc kép, ví dụ: default \"…\""))
            }
            return .success(.defaultText(arguments[0]))
        default:
            return .failure(.unknown(name))
        }
    }
}

/// Why a formatter call was refused at compile time.
enum FormatterProblem: Error, Equatable {
    case unknown(String)
    case unexpectedArguments(String)
    case badArgument(String, String)

    var message: String {
        switch self {
        case .unknown(let name):
            "Bộ định dạng không tồn tại: “\(name)”. Các bộ định dạng có: \(Formatter.names.joined(separator: ", "))."
        case .unexpectedArguments(let name):
            "Bộ định dạng “\(name)” không nhận tham số."
        case .badArgument(let name, let expected):
            "Tham số của bộ định dạng “\(name)” không hợp lệ: cần \(expected)."
        }
    }
}
