import Foundation

/// Splits a script into its statements at the semicolons that end them, for drivers that take one statement at a
/// time (postgres-nio's extended protocol refuses two).
///
/// A semicolon inside a quoted string ('…'), a quoted identifier ("…"), a dollar-quoted body ($$ … $$ or
/// $tag$ … $tag$, as a plpgsql function has) or a comment does not end a statement. Empty statements are dropped;
/// each statement is returned without its semicolon.
enum SQLStatements {
    static func split(_ script: String) -> [String] {
        let text = Array(script.unicodeScalars)
        var statements: [String] = []
        var start = 0, index = 0
        func flush(until end: Int) {
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: text[start..<end])
            let statement = String(scalars).trimmingCharacters(in: .whitespacesAndNewlines)
            if !statement.isEmpty { statements.append(statement) }
        }
        while index < text.count {
            switch text[index] {
            case "'", "\"":
                index = closing(text[index], in: text, after: index)
            case "-" where next(text, index) == "-":
                while index < text.count, text[index] != "\n" { index += 1 }
            case "/" where next(text, index) == "*":
                index += 2
                while index < text.count, !(text[index] == "*" && next(text, index) == "/") { index += 1 }
                index += 2
            case "$":
                if let tag = dollarTag(in: text, at: index) {
                    index = end(ofBody: tag, in: text, after: index + tag.count)
                } else {
                    index += 1
                }
            case ";":
                flush(until: index)
                index += 1
                start = index
            default:
                index += 1
            }
        }
        if start < text.count { flush(until: text.count) }
        return statements
    }

    private static func next(_ text: [Unicode.Scalar], _ index: Int) -> Unicode.Scalar? {
        index + 1 < text.count ? text[index + 1] : nil
    }

    /// The index after the quote that closes the one at `open`; a doubled quote is part of the text.
    private static func closing(_ quote: Unicode.Scalar, in text: [Unicode.Scalar], after open: Int) -> Int {
        var index = open + 1
        while index < text.count {
            if text[index] == quote {
                if next(text, index) == quote { index += 2; continue }
                return index + 1
            }
            index += 1
        }
        return index
    }

    /// `$$` or `$tag$` starting at `index`, when it opens a dollar-quoted body (`$1` is a parameter, not a tag).
    private static func dollarTag(in text: [Unicode.Scalar], at index: Int) -> [Unicode.Scalar]? {
        var end = index + 1
        while end < text.count, text[end] == "_" || text[end].properties.isAlphabetic
            || (end > index + 1 && ("0"..."9").contains(text[end])) {
            end += 1
        }
        guard end < text.count, text[end] == "$" else { return nil }
        return Array(text[index...end])
    }

    /// The index after the tag that closes a dollar-quoted body begun before `index`.
    private static func end(ofBody tag: [Unicode.Scalar], in text: [Unicode.Scalar], after index: Int) -> Int {
        var position = index
        while position + tag.count <= text.count {
            if Array(text[position..<position + tag.count]) == tag { return position + tag.count }
            position += 1
        }
        return text.count
    }
}
