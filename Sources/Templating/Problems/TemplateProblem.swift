/// Where in a package a problem sits: the part and the paragraph or table cell.
public struct ProblemLocation: Sendable, Hashable, CustomStringConvertible {
    /// The package part, such as `word/document.xml`, `content.xml` or `word/header1.xml`.
    public let part: String
    /// 1-based paragraph number within the part, in document order.
    public let paragraph: Int?
    /// Table, row and cell (1-based) when the paragraph is in a table; the table is counted in document order.
    public let cell: TableCell?

    /// A cell of a table.
    public struct TableCell: Sendable, Hashable {
        public let table: Int
        public let row: Int
        public let column: Int
    }

    /// `word/document.xml, bảng 1, hàng 2, ô 3` or `content.xml, đoạn 7`.
    public var description: String {
        var text = part
        if let cell {
            text += ", bảng \(cell.table), hàng \(cell.row), ô \(cell.column)"
        } else if let paragraph {
            text += ", đoạn \(paragraph)"
        }
        return text
    }
}

/// One problem found in a template, reported before anything is rendered.
public struct TemplateProblem: Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier of the kind of problem.
    public enum Code: String, Sendable, Hashable {
        case malformedTag = "malformed-tag"
        case unclosedTag = "unclosed-tag"
        case unknownFormatter = "unknown-formatter"
        case unclosedSection = "unclosed-section"
        case unopenedSection = "unopened-section"
        case crossedSections = "crossed-sections"
        case sectionPlacement = "section-placement"
        case loopVariableOutsideLoop = "loop-variable-outside-loop"
        case imageTagOutsidePicture = "image-tag-outside-picture"
        case tagOutsideText = "tag-outside-text"
        case unreadablePart = "unreadable-part"
        case forbiddenMarkup = "forbidden-markup"
        case unsupportedPackage = "unsupported-package"
        case mergedRowInLoop = "merged-row-in-loop"
    }

    /// What kind of problem.
    public let code: Code
    /// Where it is.
    public let location: ProblemLocation
    /// The tag as written, if the problem concerns one.
    public let tag: String?
    /// What is wrong and what to do, in Vietnamese.
    public let message: String
    /// The text of the paragraph around the tag.
    public let context: String?
    /// Where the tag starts in `context` (in characters), to draw a caret.
    public let contextOffset: Int?

    /// The problem as a clerk reads it: place, message, then the paragraph text with a caret under the tag.
    public var description: String {
        var lines = ["\(location): \(message) [\(code.rawValue)]"]
        if let context, !context.isEmpty {
            lines.append("    | \(context)")
            if let contextOffset, let tag {
                lines.append("    | " + String(repeating: " ", count: contextOffset) + String(repeating: "^", count: max(1, tag.count)))
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// Why a template could not be compiled: every problem found, in document order.
public struct TemplateCompileError: Error, Sendable, CustomStringConvertible {
    /// All problems, in the order they appear.
    public let problems: [TemplateProblem]

    /// The problems, one block each, followed by a count.
    public var description: String {
        problems.map(\.description).joined(separator: "\n") + "\n\(problems.count) lỗi trong mẫu văn bản."
    }
}
