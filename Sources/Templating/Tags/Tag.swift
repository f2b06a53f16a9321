/// A dotted path into the data, such as `to_truong.ho_ten`; `.` alone is the current item.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    /// The path's segments; empty for the current item (`.`).
    public let segments: [String]
    /// The loop variable a section such as `{{#@last}}` tests, decided once at compile time.
    let loopVariable: LoopVariable?

    init(segments: [String]) {
        self.segments = segments
        if segments.count == 1, segments[0].hasPrefix("@") {
            loopVariable = LoopVariable(rawValue: String(segments[0].dropFirst()))
        } else {
            loopVariable = nil
        }
    }

    public static func == (a: FieldPath, b: FieldPath) -> Bool { a.segments == b.segments }
    public func hash(into hasher: inout Hasher) { hasher.combine(segments) }

    /// The path as written in the template.
    public var description: String { segments.isEmpty ? "." : segments.joined(separator: ".") }
}

/// A loop variable available inside a section over a list.
public enum LoopVariable: String, Sendable, CaseIterable {
    /// 1-based position: the "TT" column.
    case number
    /// 0-based position.
    case index
    case first
    case last
}

/// One parsed `{{ … }}` tag.
public struct Tag: Sendable, Hashable {
    /// What the tag does.
    public enum Kind: Sendable, Hashable {
        /// `{{path | formatter …}}`: shows a value.
        case value(FieldPath)
        /// `{{@number}}`: shows a loop variable.
        case loopVariable(LoopVariable)
        /// `{{#path}}`: opens a section.
        case open(FieldPath)
        /// `{{^path}}`: opens an inverted section.
        case openInverted(FieldPath)
        /// `{{/path}}`: closes a section.
        case close(FieldPath)
        /// `{{%path}}`: replaces a picture by image bytes.
        case image(FieldPath)
    }

    /// What the tag does.
    public let kind: Kind
    /// Formatters applied to the value, in order.
    public let formatters: [FormatterCall]
    /// The tag exactly as written, braces included.
    public let source: String
}
