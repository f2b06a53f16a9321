import Testing
@testable import Templating

@Suite("Value tags")
struct ValueTagTests {
    @Test("a value and a dotted path, DOCX")
    func docxValues() throws {
        let package = PackageBuilder.docx(body: Markup.p("Xã {{ten_xa}}, tổ trưởng {{to_truong.ho_ten}}."))
        let xml = try CompiledTemplate.renderMainPart(package, ["ten_xa": "Quảng Sơn", "to_truong": ["ho_ten": "Nguyễn Văn A"]])
        #expect(bodyOf(xml) == "<w:p><w:r><w:t xml:space=\"preserve\">Xã Quảng Sơn, tổ trưởng Nguyễn Văn A.</w:t></w:r></w:p>")
    }

    @Test("a value and a dotted path, ODT")
    func odtValues() throws {
        let package = PackageBuilder.odt(body: Markup.op("Xã {{ten_xa}}, tổ trưởng {{to_truong.ho_ten}}."))
        let xml = try CompiledTemplate.renderMainPart(package, ["ten_xa": "Quảng Sơn", "to_truong": ["ho_ten": "Nguyễn Văn A"]])
        #expect(bodyOf(xml) == "<text:p>Xã Quảng Sơn, tổ trưởng Nguyễn Văn A.</text:p>")
    }

    @Test("values are escaped, illegal characters dropped, newlines and tabs become elements")
    func escaping() throws {
        let value: TemplateValue = ["v": "A & B <C> \"q\"\u{1}\u{FFFE}\nX\tY"]
        let docx = try CompiledTemplate.renderMainPart(PackageBuilder.docx(body: Markup.p("{{v}}")), value)
        #expect(bodyOf(docx) == "<w:p><w:r><w:t xml:space=\"preserve\">A &amp; B &lt;C&gt; \"q\"</w:t><w:br/><w:t xml:space=\"preserve\">X</w:t><w:tab/><w:t xml:space=\"preserve\">Y</w:t></w:r></w:p>")
        let odt = try CompiledTemplate.renderMainPart(PackageBuilder.odt(body: Markup.op("{{v}}")), value)
        #expect(bodyOf(odt) == "<text:p>A &amp; B &lt;C&gt; \"q\"<text:line-break/>X<text:tab/>Y</text:p>")
    }

    @Test("decomposed Vietnamese in the data is stored precomposed (NFC)")
    func nfc() throws {
        let decomposed = "Nguyễn".decomposedStringWithCanonicalMapping
        #expect(decomposed.unicodeScalars.count > 6)
        let xml = try CompiledTemplate.renderMainPart(PackageBuilder.odt(body: Markup.op("{{v}}")), ["v": .string(decomposed)])
        #expect(Array(bodyOf(xml).utf8) == Array("<text:p>Nguyễn</text:p>".precomposedStringWithCanonicalMapping.utf8))
    }

    @Test("runs of spaces survive in ODT")
    func odtSpaces() throws {
        let xml = try CompiledTemplate.renderMainPart(PackageBuilder.odt(body: Markup.op("[{{v}}]")), ["v": "a   b"])
        #expect(bodyOf(xml) == "<text:p>[a <text:s text:c=\"2\"/>b]</text:p>")
    }
}
