import TestSupport
import Testing
@testable import Templating

/// However an editor cuts a paragraph into runs or spans, the tags in it must render the same text.
@Suite("Randomly split tags")
struct RandomSplitTests {
    static let text = "Số: {{so | upper}}, ngày {{ngay | date}}; {{#ds}}{{@number}}. {{ten}}{{^@last}}, {{/@last}}{{/ds}} – {{ghi_chu | default “không”}}."
    static let data: TemplateValue = ["so": "05/qđ-ubnd", "ngay": "2025-01-05", "ds": [["ten": "Lò Văn Á"], ["ten": "Đinh Thị Bé"]]]
    static let expected = "Số: 05/QĐ-UBND, ngày ngày 05 tháng 01 năm 2025; 1. Lò Văn Á, 2. Đinh Thị Bé – không."

    /// Cuts the text at random character positions.
    static func pieces(_ generator: inout SplitMix64) -> [String] {
        let characters = Array(text)
        var cuts = Set<Int>()
        for _ in 0..<Int.random(in: 1...12, using: &generator) { cuts.insert(Int.random(in: 1..<characters.count, using: &generator)) }
        var result: [String] = []
        var start = 0
        for cut in cuts.sorted() + [characters.count] {
            result.append(String(characters[start..<cut]))
            start = cut
        }
        return result
    }

    static func xmlEscaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }

    /// The visible text of a rendered part: the content of w:t elements, or the text inside text:p with text:s expanded.
    static func visibleText(_ xml: String, docx: Bool) -> String {
        var out = ""
        var rest = Substring(xml)
        if docx {
            while let open = rest.range(of: "<w:t"), let gt = rest[open.upperBound...].firstIndex(of: ">") {
                if rest[rest.index(before: gt)] == "/" { rest = rest[rest.index(after: gt)...]; continue }
                let body = rest[rest.index(after: gt)...]
                guard let close = body.range(of: "</w:t>") else { break }
                out += body[..<close.lowerBound]
                rest = body[close.upperBound...]
            }
        } else {
            let body = rest[rest.range(of: "<office:text>")!.upperBound..<rest.range(of: "</office:text>")!.lowerBound]
            var inTag = false
            var tag = ""
            for c in body {
                if c == "<" { inTag = true; tag = ""; continue }
                if c == ">" {
                    inTag = false
                    // Only text:s stands for spaces (not text:span or text:soft-page-break).
                    if tag.hasPrefix("text:s "), let range = tag.range(of: "text:c=\"") {
                        let count = Int(tag[range.upperBound...].prefix(while: \.isNumber)) ?? 1
                        out += String(repeating: " ", count: count)
                    } else if tag == "text:s/" {
                        out += " "
                    }
                    continue
                }
                if inTag { tag.append(c) } else { out.append(c) }
            }
        }
        return out.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
    }

    @Test("Word runs with different formatting, proofErr and bookmarks between them", arguments: 0..<150)
    func word(seed: Int) throws {
        var generator = SplitMix64(seed: UInt64(seed))
        let noise = ["<w:proofErr w:type=\"spellStart\"/>", "<w:bookmarkStart w:id=\"1\" w:name=\"b\"/><w:bookmarkEnd w:id=\"1\"/>", ""]
        let formats = ["", "<w:rPr><w:b/></w:rPr>", "<w:rPr><w:i/><w:sz w:val=\"28\"/></w:rPr>"]
        let runs = Self.pieces(&generator).map { piece in
            noise.randomElement(using: &generator)! + "<w:r w:rsidR=\"00A1B2C3\">\(formats.randomElement(using: &generator)!)<w:t xml:space=\"preserve\">\(Self.xmlEscaped(piece))</w:t></w:r>"
        }
        let xml = try CompiledTemplate.renderMainPart(PackageBuilder.docx(body: "<w:p>\(runs.joined())</w:p>"), Self.data)
        #expect(Self.visibleText(xml, docx: true) == Self.expected, "seed \(seed)")
    }

    @Test("LibreOffice spans, text:s for spaces and soft page breaks", arguments: 0..<150)
    func odf(seed: Int) throws {
        var generator = SplitMix64(seed: UInt64(seed))
        let spans = Self.pieces(&generator).map { piece -> String in
            let escaped = Self.xmlEscaped(piece).replacingOccurrences(of: " ", with: Bool.random(using: &generator) ? "<text:s/>" : " ")
            let breakBefore = Int.random(in: 0..<5, using: &generator) == 0 ? "<text:soft-page-break/>" : ""
            return breakBefore + (Bool.random(using: &generator) ? "<text:span text:style-name=\"T\(seed % 3)\">\(escaped)</text:span>" : escaped)
        }
        let xml = try CompiledTemplate.renderMainPart(PackageBuilder.odt(body: "<text:p>\(spans.joined())</text:p>"), Self.data)
        #expect(Self.visibleText(xml, docx: false) == Self.expected, "seed \(seed): \(spans.joined()) → \(bodyOf(xml))")
    }
}
