import Foundation
import OfficeZip

/// The visible text of rendered documents, for tests that check what a reader would see.
public enum DocumentText {
    /// The main part's text (`word/document.xml` or `content.xml`) without markup, whitespace collapsed; paragraphs
    /// and table cells are separated by a space.
    public static func of(_ package: [UInt8]) throws -> String {
        let archive = try ZipArchive(bytes: package)
        guard let entry = archive.entry(named: "word/document.xml") ?? archive.entry(named: "content.xml") else {
            throw Missing()
        }
        var xml = String(decoding: try archive.contents(of: entry), as: UTF8.self)
        // ODF writes runs of spaces as <text:s text:c="N"/>.
        xml = xml.replacingOccurrences(of: "<text:s[^>]*/>", with: " ", options: .regularExpression)
        xml = xml.replacingOccurrences(of: "</(w:p|text:p|text:h|w:tc|table:table-cell)>", with: " ", options: .regularExpression)
        let text = xml.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
        return collapsed(text)
    }

    /// Runs of whitespace (including the line breaks pdftotext puts inside long lines) as one space.
    public static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    struct Missing: Error {}
}
