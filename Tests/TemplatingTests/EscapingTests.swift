import Foundation
import TestSupport
import Testing
@testable import Templating

/// The escaper has a fast path (nothing to escape, only characters NFC whatever follows), a general loop, and a
/// normalising fallback, and copies short stretches its own way; random values of every length, built from
/// pieces that hit each of those, must come out as a plain reference implementation of the rules says.
@Suite("Escaping values")
struct EscapingTests {
    static let pieces = [
        "a", "Z", "0", " ", "  ", "   ", "&", "<", ">", "\"", "'", "\n", "\r\n", "\r", "\t", "\u{1}", "\u{1F}", "\u{7F}",
        "ă", "đ", "Đ", "ơ", "ư", "ễ", "ạ", "Ỹ", "ố", "–", "“", "”", "…", "ć", "ж", "中", "😀",
        "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "e\u{0301}", "a\u{0323}\u{0302}", "\u{0301}",
    ]

    /// The rules, written the slow and obvious way.
    static func reference(_ value: String, odt: Bool) -> String {
        var out = ""
        var spaces = 0
        func flushSpaces() {
            if spaces == 1 || (!odt && spaces > 0) {
                out += String(repeating: " ", count: spaces)
            } else if spaces > 1 {
                out += " <text:s text:c=\"\(spaces - 1)\"/>"
            }
            spaces = 0
        }
        let lineBreak = odt ? "<text:line-break/>" : "</w:t><w:br/><w:t xml:space=\"preserve\">"
        let tab = odt ? "<text:tab/>" : "</w:t><w:tab/><w:t xml:space=\"preserve\">"
        var scalars = Array(value.precomposedStringWithCanonicalMapping.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if scalar == " " {
                spaces += 1
                continue
            }
            flushSpaces()
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n": out += lineBreak
            case "\r":
                if scalars.first == "\n" { scalars.removeFirst() }
                out += lineBreak
            case "\t": out += tab
            case "\u{FFFE}", "\u{FFFF}": break
            default:
                if scalar.value < 0x20 { break }
                out.unicodeScalars.append(scalar)
            }
        }
        flushSpaces()
        return out
    }

    @Test("random values come out as the reference says, DOCX and ODT", arguments: 0..<40)
    func randomValues(seed: UInt64) throws {
        var random = SplitMix64(seed: seed &* 7919 &+ 17)
        var values: [TemplateValue] = []
        for _ in 0..<25 {
            let count = Int.random(in: 0...24, using: &random)
            values.append(.string((0..<count).map { _ in Self.pieces.randomElement(using: &random)! }.joined()))
        }
        let data: TemplateValue = ["v": .list(values.map { .object(["s": $0]) })]
        for odt in [false, true] {
            let package = odt ? PackageBuilder.odt(body: Markup.op("{{#v}}[{{s}}]{{/v}}"))
                : PackageBuilder.docx(body: "<w:p><w:r><w:t xml:space=\"preserve\">{{#v}}[{{s}}]{{/v}}</w:t></w:r></w:p>")
            let xml = try CompiledTemplate.renderMainPart(package, data)
            let expected = values.map { value -> String in
                guard case .string(let s) = value else { return "" }
                return "[" + Self.reference(s, odt: odt) + "]"
            }.joined()
            let body = bodyOf(xml)
            let wrapped = odt ? Markup.op(expected) : "<w:p><w:r><w:t xml:space=\"preserve\">\(expected)</w:t></w:r></w:p>"
            #expect(Array(body.utf8) == Array(wrapped.utf8), "odt: \(odt), seed \(seed)")
        }
    }
}
