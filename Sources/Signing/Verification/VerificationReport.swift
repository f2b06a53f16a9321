/// The outcome of verifying one file (a PDF today; ODT and archive packages later), in the form `vanban verify`
/// prints: facts about the file, one item per signature, problems; valid only when there is at least one item and no
/// problem anywhere.
public struct VerificationReport: Sendable, Equatable {
    /// One checked signature (or entry).
    public struct Item: Sendable, Equatable {
        public var title: String
        public var facts: [String]
        public var problems: [String]

        public init(title: String, facts: [String], problems: [String]) {
            self.title = title
            self.facts = facts
            self.problems = problems
        }
    }

    /// The file as named by the user.
    public var file: String
    /// Facts about the whole file (size, SHA-256).
    public var facts: [String]
    public var items: [Item]
    /// Problems of the whole file (bytes nobody signed, a wrong SHA-256, no signature at all).
    public var problems: [String]

    public init(file: String, facts: [String], items: [Item], problems: [String]) {
        self.file = file
        self.facts = facts
        self.items = items
        self.problems = problems
    }

    public var isValid: Bool { !items.isEmpty && problems.isEmpty && items.allSatisfy { $0.problems.isEmpty } }

    /// The exit code of `vanban verify`: 0 valid, 1 invalid (2, unusable input, never comes from a report).
    public var exitCode: Int32 { isValid ? 0 : 1 }

    /// The exit code for input that cannot be checked at all (not a PDF, unreadable).
    public static let unusableInputExitCode: Int32 = 2

    /// The report in Vietnamese, one fact or problem a line.
    public var text: String {
        var lines = ["Tệp: \(file)"] + facts.map { "  \($0)" }
        for item in items {
            lines.append("\(item.title): \(item.problems.isEmpty ? "HỢP LỆ" : "KHÔNG HỢP LỆ")")
            lines += item.facts.map { "  \($0)" }
            lines += item.problems.map { "  ✗ \($0)" }
        }
        lines += problems.map { "✗ \($0)" }
        let failing = items.filter { !$0.problems.isEmpty }.count + (problems.isEmpty ? 0 : 1)
        lines.append(isValid ? "Kết luận: HỢP LỆ (\(items.count) chữ ký, tệp còn nguyên như lúc ký)."
                             : "Kết luận: KHÔNG HỢP LỆ (\(failing) phần có lỗi).")
        return lines.joined(separator: "\n")
    }
}
