import Testing
@testable import Templating

@Suite("Sections")
struct SectionTests {
    let members: TemplateValue = ["thanh_vien": [["ho_ten": "Lê Văn Bình"], ["ho_ten": "Trần Thị Cúc"]]]

    @Test("each tag alone in its paragraph: the paragraphs between repeat and the tag paragraphs vanish")
    func paragraphBlockDocx() throws {
        let body = Markup.p("Trước") + Markup.p("{{#thanh_vien}}") + Markup.p("{{@number}}. {{ho_ten}}") + Markup.p("{{/thanh_vien}}") + Markup.p("Sau")
        let xml = try CompiledTemplate.renderMainPart(PackageBuilder.docx(body: body), members)
        #expect(bodyOf(xml) == Markup.p("Trước") + Markup.p("1. Lê Văn Bình") + Markup.p("2. Trần Thị Cúc") + Markup.p("Sau"))
    }

    @Test("paragraph block in ODT, and an empty list removes everything")
    func paragraphBlockOdt() throws {
        let body = Markup.op("Trước") + Markup.op("{{#thanh_vien}}") + Markup.op("{{@number}}. {{ho_ten}}") + Markup.op("{{/thanh_vien}}") + Markup.op("Sau")
        let xml = try CompiledTemplate.renderMainPart(PackageBuilder.odt(body: body), members)
        #expect(bodyOf(xml) == Markup.op("Trước") + Markup.op("1. Lê Văn Bình") + Markup.op("2. Trần Thị Cúc") + Markup.op("Sau"))
        let empty = try CompiledTemplate.renderMainPart(PackageBuilder.odt(body: body), ["thanh_vien": []])
        #expect(bodyOf(empty) == Markup.op("Trước") + Markup.op("Sau"))
    }

    @Test("both tags in one paragraph: the inline stretch repeats")
    func inline() throws {
        let body = Markup.p("Thành viên: {{#thanh_vien}}{{ho_ten}}{{^@last}}, {{/@last}}{{/thanh_vien}}.")
        let xml = try CompiledTemplate.renderMainPart(PackageBuilder.docx(body: body), members)
        #expect(bodyOf(xml) == Markup.p("Thành viên: Lê Văn Bình, Trần Thị Cúc."))
    }

    @Test("inline stretch spanning runs repeats with its runs")
    func inlineAcrossRuns() throws {
        let body = "<w:p><w:r><w:t>[{{#thanh_vien}}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>{{ho_ten}}</w:t></w:r><w:r><w:t>{{/thanh_vien}}]</w:t></w:r></w:p>"
        let xml = try CompiledTemplate.renderMainPart(PackageBuilder.docx(body: body), members)
        #expect(bodyOf(xml) == """
            <w:p><w:r><w:t xml:space="preserve">[</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Lê Văn Bình</w:t></w:r><w:r><w:t xml:space="preserve"></w:t></w:r>\
            <w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Trần Thị Cúc</w:t></w:r><w:r><w:t xml:space="preserve">]</w:t></w:r></w:p>
            """)
    }

    @Test("both tags in one table row: the row repeats, the header row stays")
    func rowLoopDocx() throws {
        func cell(_ text: String) -> String { "<w:tc><w:tcPr><w:gridSpan w:val=\"1\"/></w:tcPr>\(Markup.p(text))</w:tc>" }
        let header = "<w:tr><w:trPr><w:tblHeader/></w:trPr>\(cell("TT"))\(cell("Họ tên"))</w:tr>"
        let loopRow = "<w:tr>\(cell("{{#thanh_vien}}{{@number}}"))\(cell("{{ho_ten}}{{/thanh_vien}}"))</w:tr>"
        let body = "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>\(header)\(loopRow)</w:tbl>"
        let xml = try CompiledTemplate.renderMainPart(PackageBuilder.docx(body: body), members)
        let rows = "<w:tr>\(cell("1"))\(cell("Lê Văn Bình"))</w:tr><w:tr>\(cell("2"))\(cell("Trần Thị Cúc"))</w:tr>"
        #expect(bodyOf(xml) == "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>\(header)\(rows)</w:tbl>")
    }

    @Test("row loop in ODT inside header-rows table")
    func rowLoopOdt() throws {
        func cell(_ text: String) -> String { "<table:table-cell office:value-type=\"string\">\(Markup.op(text))</table:table-cell>" }
        let header = "<table:table-header-rows><table:table-row>\(cell("TT"))\(cell("Họ tên"))</table:table-row></table:table-header-rows>"
        let body = "<table:table table:name=\"T\"><table:table-column table:number-columns-repeated=\"2\"/>\(header)<table:table-row>\(cell("{{#thanh_vien}}{{@number}}"))\(cell("{{ho_ten}}{{/thanh_vien}}"))</table:table-row></table:table>"
        let xml = try CompiledTemplate.renderMainPart(PackageBuilder.odt(body: body), members)
        let rows = "<table:table-row>\(cell("1"))\(cell("Lê Văn Bình"))</table:table-row><table:table-row>\(cell("2"))\(cell("Trần Thị Cúc"))</table:table-row>"
        #expect(bodyOf(xml) == "<table:table table:name=\"T\"><table:table-column table:number-columns-repeated=\"2\"/>\(header)\(rows)</table:table>")
    }

    @Test("conditions: true shows once, false and absent remove, inverted shows when empty")
    func conditions() throws {
        let body = Markup.op("{{#khan}}KHẨN{{/khan}}|{{^thanh_vien}}Chưa có thành viên{{/thanh_vien}}|{{#to_truong}}{{ho_ten}}{{/to_truong}}")
        let package = PackageBuilder.odt(body: body)
        #expect(bodyOf(try CompiledTemplate.renderMainPart(package, ["khan": true, "thanh_vien": [], "to_truong": ["ho_ten": "A"]]))
            == Markup.op("KHẨN|Chưa có thành viên|A"))
        #expect(bodyOf(try CompiledTemplate.renderMainPart(package, ["khan": false, "thanh_vien": ["x"]])) == Markup.op("||"))
    }

    @Test("loop variables and nested loops, with outer fields visible inside")
    func nestedLoops() throws {
        let body = Markup.op("{{#thon}}[{{@index}} {{ten}}:{{#thanh_vien}} {{@number | pad 2}}-{{ho_ten}}/{{ten_xa}}{{#@first}}*{{/@first}}{{/thanh_vien}}]{{/thon}}")
        let data: TemplateValue = ["ten_xa": "Gia Cát", "thon": [
            ["ten": "Thôn 1", "thanh_vien": [["ho_ten": "A"], ["ho_ten": "B"]]],
            ["ten": "Thôn 2", "thanh_vien": [["ho_ten": "C"]]],
        ]]
        let xml = try CompiledTemplate.renderMainPart(PackageBuilder.odt(body: body), data)
        #expect(bodyOf(xml) == Markup.op("[0 Thôn 1: 01-A/Gia Cát* 02-B/Gia Cát][1 Thôn 2: 01-C/Gia Cát*]"))
    }

    @Test("a long loop grows the output far past the template's size, twice in a row, with every item in order")
    func longLoop() throws {
        let template = try CompiledTemplate(bytes: PackageBuilder.odt(body: Markup.op("{{#hang}}[{{@number}}:{{ten}}]{{/hang}}")))
        let items: [TemplateValue] = (1...3_000).map { .object(["ten": .string("Thành viên \($0)")]) }
        let expected = Markup.op((1...3_000).map { "[\($0):Thành viên \($0)]" }.joined())
        for _ in 0..<2 {
            let output: [UInt8] = try template.render(["hang": .list(items)])
            #expect(bodyOf(try PackageBuilder.entry("content.xml", of: output)) == expected)
        }
    }

    @Test("a list of plain values with {{.}}")
    func currentItem() throws {
        let xml = try CompiledTemplate.renderMainPart(PackageBuilder.odt(body: Markup.op("{{#noi_nhan}}- {{.}};{{/noi_nhan}}")), ["noi_nhan": ["Như Điều 3", "Lưu: VT"]])
        #expect(bodyOf(xml) == Markup.op("- Như Điều 3;- Lưu: VT;"))
    }

    @Test("a Word cell whose paragraphs all repeat keeps one empty paragraph when the list is empty")
    func wordCellKeepsParagraph() throws {
        let cell = "<w:tc>" + Markup.p("{{#ghi_chu}}") + Markup.p("{{.}}") + Markup.p("{{/ghi_chu}}") + "</w:tc>"
        let package = PackageBuilder.docx(body: "<w:tbl><w:tr>\(cell)</w:tr></w:tbl>")
        #expect(bodyOf(try CompiledTemplate.renderMainPart(package, ["ghi_chu": []])) == "<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>")
        #expect(bodyOf(try CompiledTemplate.renderMainPart(package, ["ghi_chu": ["a", "b"]]))
            == "<w:tbl><w:tr><w:tc>" + Markup.p("a") + Markup.p("b") + "</w:tc></w:tr></w:tbl>")
        let withOther = PackageBuilder.docx(body: "<w:tbl><w:tr><w:tc>\(Markup.p("x"))" + cell.dropFirst(6) + "</w:tr></w:tbl>")
        #expect(bodyOf(try CompiledTemplate.renderMainPart(withOther, ["ghi_chu": []])) == "<w:tbl><w:tr><w:tc>" + Markup.p("x") + "</w:tc></w:tr></w:tbl>")
    }
}
