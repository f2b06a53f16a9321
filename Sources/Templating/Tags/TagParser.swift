import VietnameseText
/// Parses the text between `{{` and `}}` into a `Tag`.
enum TagParser {
    /// Quote pairs a template author may type; Word turns straight quotes into smart ones.
    private static let quotePairs: [Character: Character] = ["\"": "\"", "“": "”", "„": "“", "'": "'", "‘": "’", "”": "”"]

    /// Parses `source` (the whole tag, braces included) or returns a Vietnamese message.
    static func parse(_ source: String) -> Result<Tag, TagSyntaxProblem> {
        var inner = Substring(source)
        guard inner.hasPrefix("{{"), inner.hasSuffix("}}"), inner.count >= 4 else {
            return .failure(.init(message: "Thẻ phải có dạng {{tên_trường}}."))
        }
        inner = inner.dropFirst(2).dropLast(2)
        let body = inner.trimmingWhitespace()
        guard let first = body.first else {
            return .failure(.init(message: "Thẻ rỗng: cần tên trường giữa {{ và }}."))
        }
        let sigils: Set<Character> = ["#", "^", "/", "%", "@"]
        if sigils.contains(first) {
            let rest = body.dropFirst().trimmingWhitespace()
            if first == "@" {
                let (name, formatters) = splitFormatters(rest)
                guard let variable = LoopVariable(rawValue: String(name.trimmingWhitespace())) else {
                    return .failure(.init(message: "Biến vòng lặp không tồn tại: “@\(name.trimmingWhitespace())”. Các biến có: @number, @index, @first, @last."))
                }
                return parseFormatters(formatters).map { Tag(kind: .loopVariable(variable), formatters: $0, source: source) }
            }
            if rest.contains("|") {
                return .failure(.init(message: "Thẻ mục và thẻ ảnh không dùng bộ định dạng (“|”)."))
            }
            let parsedPath: Result<FieldPath, TagSyntaxProblem>
            if first != "%", rest.hasPrefix("@") {
                guard LoopVariable(rawValue: String(rest.dropFirst())) != nil else {
                    return .failure(.init(message: "Biến vòng lặp không tồn tại: “\(rest)”. Các biến có: @number, @index, @first, @last."))
                }
                parsedPath = .success(FieldPath(segments: [String(rest)]))
            } else {
                parsedPath = parsePath(rest)
            }
            return parsedPath.map { path in
                let kind: Tag.Kind = switch first {
                case "#": .open(path)
                case "^": .openInverted(path)
                case "/": .close(path)
                default: .image(path)
                }
                return Tag(kind: kind, formatters: [], source: source)
            }
        }
        let (pathText, formatters) = splitFormatters(body)
        return parsePath(pathText.trimmingWhitespace()).flatMap { path in
            parseFormatters(formatters).map { Tag(kind: .value(path), formatters: $0, source: source) }
        }
    }

    /// Splits `path | f1 a | f2` at the pipes that are not inside quotes.
    private static func splitFormatters(_ text: Substring) -> (Substring, [Substring]) {
        var pieces: [Substring] = []
        var start = text.startIndex
        var closing: Character?
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if let q = closing {
                if c == q { closing = nil }
            } else if let q = quotePairs[c] {
                closing = q
            } else if c == "|" {
                pieces.append(text[start..<i])
                start = text.index(after: i)
            }
            i = text.index(after: i)
        }
        pieces.append(text[start..<text.endIndex])
        return (pieces[0], Array(pieces.dropFirst()))
    }

    private static func parsePath(_ text: Substring) -> Result<FieldPath, TagSyntaxProblem> {
        if text == "." { return .success(FieldPath(segments: [])) }
        if text.isEmpty { return .failure(.init(message: "Thiếu tên trường.")) }
        let segments = text.split(separator: ".", omittingEmptySubsequences: false)
        for segment in segments {
            guard let head = segment.first, head.isASCII, head.isLetter || head == "_",
                segment.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
            else {
                return .failure(.init(message: "Tên trường không hợp lệ: “\(text)”. Tên trường viết tiếng Việt không dấu, chữ thường, nối bằng dấu gạch dưới, ví dụ: ho_ten, to_truong.ho_ten."))
            }
        }
        return .success(FieldPath(segments: segments.map(String.init)))
    }

    private static func parseFormatters(_ calls: [Substring]) -> Result<[FormatterCall], TagSyntaxProblem> {
        var result: [FormatterCall] = []
        for call in calls {
            let text = call.trimmingWhitespace()
            guard let (name, arguments) = tokenize(text), !name.isEmpty else {
                return .failure(.init(message: "Bộ định dạng viết sai: “\(text)”."))
            }
            switch Formatter.make(name: name, arguments: arguments) {
            case .success(let f): result.append(FormatterCall(formatter: f, source: String(text)))
            case .failure(let problem): return .failure(.init(message: problem.message))
            }
        }
        return .success(result)
    }

    /// Splits `name arg "quoted arg"` into words; nil when a quote is not closed.
    private static func tokenize(_ text: Substring) -> (String, [String])? {
        var words: [String] = []
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c.isWhitespace {
                i = text.index(after: i)
            } else if let q = quotePairs[c] {
                let start = text.index(after: i)
                guard let end = text[start...].firstIndex(where: { $0 == q || ($0 == "”" && c == "“") }) else { return nil }
                words.append(String(text[start..<end]))
                i = text.index(after: end)
            } else {
                let end = text[i...].firstIndex(where: { $0.isWhitespace }) ?? text.endIndex
                words.append(String(text[i..<end]))
                i = end
            }
        }
        guard let name = words.first else { return nil }
        return (name, Array(words.dropFirst()))
    }
}

/// A tag that cannot be parsed, with the reason in Vietnamese.
struct TagSyntaxProblem: Error, Equatable {
    let message: String
}
