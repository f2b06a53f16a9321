import Testing
@testable import Templating

@Suite("Tags in every part of a document")
struct PartCoverageTests {
    let data: TemplateValue = ["ten_xa": "Quảng Sơn", "so": "05"]

    @Test("Word headers, footers, footnotes and text boxes")
    func wordParts() throws {
        let textBox = """
            <w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="3" name="Hộp"/>\
            <a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx>\
            <w:txbxContent>\(Markup.p("Hộp: {{ten_xa}}"))</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>\
            </wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r></w:p>
            """
        let parts = [
            "word/header1.xml": PackageBuilder.wordPart("hdr", Markup.p("Đầu trang {{ten_xa}}")),
            "word/footer2.xml": PackageBuilder.wordPart("ftr", Markup.p("Chân trang số {{so}}")),
            "word/footnotes.xml": PackageBuilder.wordPart("footnotes", "<w:footnote w:id=\"1\">\(Markup.p("Chú thích {{ten_xa | upper}}"))</w:footnote>"),
        ]
        let template = try CompiledTemplate(bytes: PackageBuilder.docx(body: textBox, extraParts: parts))
        let output: [UInt8] = try template.render(data)
        #expect(try PackageBuilder.entry("word/header1.xml", of: output).contains(Markup.p("Đầu trang Quảng Sơn")))
        #expect(try PackageBuilder.entry("word/footer2.xml", of: output).contains(Markup.p("Chân trang số 05")))
        #expect(try PackageBuilder.entry("word/footnotes.xml", of: output).contains(Markup.p("Chú thích QUẢNG SƠN")))
        #expect(try PackageBuilder.entry("word/document.xml", of: output).contains(Markup.p("Hộp: Quảng Sơn")))
    }

    @Test("ODF headers and footers (styles.xml), footnotes, text boxes and nested tables")
    func odfParts() throws {
        let master = """
            <style:master-page style:name="Standard"><style:header>\(Markup.op("Đầu trang {{ten_xa}}"))</style:header>\
            <style:footer>\(Markup.op("Chân trang {{so}}"))</style:footer></style:master-page>
            """
        let body = """
            <text:p>Văn bản<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>\
            <text:note-body>\(Markup.op("Chú thích {{ten_xa}}"))</text:note-body></text:note></text:p>\
            <text:p><draw:frame draw:name="Khung"><draw:text-box>\(Markup.op("Hộp {{so}}"))</draw:text-box></draw:frame></text:p>\
            <table:table><table:table-row><table:table-cell><table:table><table:table-row><table:table-cell>\
            \(Markup.op("Lồng {{ten_xa}}"))</table:table-cell></table:table-row></table:table></table:table-cell></table:table-row></table:table>
            """
        let template = try CompiledTemplate(bytes: PackageBuilder.odt(body: body, masterStyles: master))
        let output: [UInt8] = try template.render(data)
        let styles = try PackageBuilder.entry("styles.xml", of: output)
        #expect(styles.contains(Markup.op("Đầu trang Quảng Sơn")) && styles.contains(Markup.op("Chân trang 05")))
        let content = try PackageBuilder.entry("content.xml", of: output)
        for expected in ["Chú thích Quảng Sơn", "Hộp 05", "Lồng Quảng Sơn"] {
            #expect(content.contains(Markup.op(expected)), "\(expected)")
        }
    }

    @Test("a row loop inside a nested table repeats the inner row only")
    func nestedTableRow() throws {
        let inner = "<table:table><table:table-row><table:table-cell>\(Markup.op("{{#a}}{{.}}"))</table:table-cell><table:table-cell>\(Markup.op("x{{/a}}"))</table:table-cell></table:table-row></table:table>"
        let body = "<table:table><table:table-row><table:table-cell>\(inner)</table:table-cell></table:table-row></table:table>"
        let xml = try CompiledTemplate.renderMainPart(PackageBuilder.odt(body: body), ["a": ["1", "2", "3"]])
        #expect(bodyOf(xml).components(separatedBy: "<table:table-row>").count - 1 == 4)
    }

    @Test("the ODT mimetype stays the first entry and stored")
    func mimetypeFirst() throws {
        let template = try CompiledTemplate(bytes: PackageBuilder.odt(body: Markup.op("{{ten_xa}}")))
        let output: [UInt8] = try template.render(data)
        let archive = try ZipArchive(bytes: output)
        #expect(archive.entries.first?.name == "mimetype")
        #expect(archive.entries.first?.method == 0)
    }
}

import OfficeZip
