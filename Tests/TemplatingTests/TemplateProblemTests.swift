import Testing
@testable import Templating

@Suite("Template problems")
struct TemplateProblemTests {
    private func problems(_ package: [UInt8]) -> [TemplateProblem] {
        do {
            _ = try CompiledTemplate(bytes: package)
            return []
        } catch {
            return error.problems
        }
    }

    @Test("every problem at once, with part, paragraph, tag and a caret under it")
    func allAtOnce() {
        let body = Markup.p("Số: {{so_quyet_dinh | wrods}}") + Markup.p("{{#thanh_vien}}") + Markup.p("Xã {{ten xa}} và {{ho_ten")
            + Markup.p("{{/to_truong}}") + Markup.p("{{@number}}")
        let found = problems(PackageBuilder.docx(body: body))
        #expect(found.map(\.code) == [.unknownFormatter, .unclosedSection, .malformedTag, .unclosedTag, .unopenedSection, .loopVariableOutsideLoop])
        #expect(found[0].description == """
            word/document.xml, đoạn 1: Bộ định dạng không tồn tại: “wrods”. Các bộ định dạng có: number, words, date, date_short, upper, lower, ascii, pad, default. [unknown-formatter]
                | Số: {{so_quyet_dinh | wrods}}
                |     ^^^^^^^^^^^^^^^^^^^^^^^^^
            """)
        #expect(found[3].description == """
            word/document.xml, đoạn 3: Thẻ “{{ho_ten” mở bằng “{{” nhưng không có “}}” đóng trong cùng đoạn. [unclosed-tag]
                | Xã {{ten xa}} và {{ho_ten
                |                  ^^^^^^^^
            """)
        #expect(found[2].message.hasPrefix("Tên trường không hợp lệ: “ten xa”."))
        #expect(found[4].description.hasPrefix("word/document.xml, đoạn 4: Thẻ đóng “{{/to_truong}}” không có thẻ mở {{#to_truong}} tương ứng."))
        #expect(found[1].description.hasPrefix("word/document.xml, đoạn 2: Mục “{{#thanh_vien}}” không có thẻ đóng {{/thanh_vien}}."))
        #expect(found[5].description.hasPrefix("word/document.xml, đoạn 5: Biến “{{@number}}” chỉ dùng được bên trong một mục lặp"))
    }

    @Test("crossed sections and table positions")
    func crossedInTable() {
        let row = "<w:tr><w:tc>\(Markup.p("{{#a}}{{#b}}"))</w:tc><w:tc>\(Markup.p("{{/a}}{{/b}}"))</w:tc></w:tr>"
        let body = Markup.p("Bảng:") + "<w:tbl><w:tr><w:tc>\(Markup.p("TT"))</w:tc></w:tr>\(row)</w:tbl>"
        let found = problems(PackageBuilder.docx(body: body))
        #expect(found.map(\.code) == [.crossedSections, .unopenedSection])
        #expect(found[0].location.description == "word/document.xml, bảng 1, hàng 2, ô 2")
        #expect(found[0].message == "Thẻ đóng “{{/a}}” cắt ngang mục “{{#b}}” đang mở; hãy đóng “{{#b}}” trước.")
    }

    @Test("a crossed section does not make loop variables inside it look outside a loop")
    func crossedDoesNotCascade() {
        let found = problems(PackageBuilder.odt(body: Markup.op("{{#thanh_vien}}{{@number}} {{#to}}{{ho_ten}}{{/thanh_vien}}")))
        #expect(found.map(\.code) == [.crossedSections])
    }

    @Test("section tags that share neither a paragraph, a row nor a container")
    func placement() {
        let body = Markup.op("Đầu {{#a}}") + Markup.op("cuối {{/a}}")
        let found = problems(PackageBuilder.odt(body: body))
        #expect(found.map(\.code) == [.sectionPlacement])
        #expect(found[0].location.description == "content.xml, đoạn 1")
    }

    @Test("problems in headers and footers name their part")
    func headerPart() {
        let header = PackageBuilder.wordPart("hdr", Markup.p("{{ten_xa | nope}}"))
        let found = problems(PackageBuilder.docx(body: Markup.p("ok"), extraParts: ["word/header1.xml": header]))
        #expect(found.map(\.location.part) == ["word/header1.xml"])
    }

    @Test("a merged (row-spanning) cell in a repeated ODT row is refused")
    func mergedRow() {
        let row = "<table:table-row><table:table-cell table:number-rows-spanned=\"2\">\(Markup.op("{{#a}}x"))</table:table-cell><table:table-cell>\(Markup.op("{{/a}}"))</table:table-cell></table:table-row>"
        let found = problems(PackageBuilder.odt(body: "<table:table>\(row)<table:table-row><table:covered-table-cell/><table:table-cell/></table:table-row></table:table>"))
        #expect(found.map(\.code) == [.mergedRowInLoop])
    }

    @Test("the whole compile error lists every problem and a count")
    func compileErrorText() {
        let package = PackageBuilder.odt(body: Markup.op("{{a | x}} {{b | y}}"))
        do {
            _ = try CompiledTemplate(bytes: package)
            Issue.record("expected problems")
        } catch {
            #expect(error.description.hasSuffix("\n2 lỗi trong mẫu văn bản."))
            #expect(error.problems.count == 2)
        }
    }
}
