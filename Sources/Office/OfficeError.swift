/// Why the office could not do what a user asked, in Vietnamese.
public enum OfficeError: Error, Sendable, CustomStringConvertible {
    case unknownKind(String, known: [String])
    case noWorkflow(kind: String)
    case badData(String)
    case template(String)
    /// A commune's profile or settings that cannot be saved, with the reason.
    case commune(String)

    public var description: String {
        switch self {
        case let .unknownKind(kind, known):
            "Không có loại văn bản “\(kind)”. Các loại có: \(known.joined(separator: ", "))."
        case let .noWorkflow(kind):
            "Loại văn bản “\(kind)” chưa có quy trình nào trong thư mục workflows/."
        case let .badData(message):
            "Dữ liệu văn bản chưa dùng được: \(message)"
        case let .template(message):
            "Mẫu văn bản hỏng: \(message)"
        case let .commune(message):
            message
        }
    }

    /// What to tell the person without the description's lead-in: for bad data, the problem itself, as a form shows
    /// it beside the field.
    public var message: String {
        if case .badData(let message) = self { return message }
        return description
    }
}
