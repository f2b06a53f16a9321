import Testing
@testable import Templating

@Suite("Tags split by editors")
struct SplitTagTests {
    @Test("Word: a tag over four runs with proofErr, bookmarks, rsids and a rendered page break")
    func wordSplitRuns() throws {
        let body = """
            <w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Số: {</w:t></w:r>\
            <w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="x"/>\
            <w:r w:rsidR="00AB12CD"><w:rPr><w:i/></w:rPr><w:t>{ so_</w:t></w:r><w:bookmarkEnd w:id="0"/>\
            <w:proofErr w:type="spellEnd"/><w:r><w:lastRenderedPageBreak/><w:t>quyet_</w:t></w:r>\
            <w:r><w:rPr><w:u/></w:rPr><w:t xml:space="preserve">dinh }} ngày</w:t></w:r></w:p>
            """
        let xml = try CompiledTemplate.renderMainPart(PackageBuilder.docx(body: body), ["so_quyet_dinh": "05/QĐ-UBND"])
        #expect(bodyOf(xml) == """
            <w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Số: 05/QĐ-UBND</w:t></w:r>\
            <w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="x"/>\
            <w:r w:rsidR="00AB12CD"><w:rPr><w:i/></w:rPr><w:t xml:space="preserve"></w:t></w:r><w:bookmarkEnd w:id="0"/>\
            <w:proofErr w:type="spellEnd"/><w:r><w:lastRenderedPageBreak/><w:t xml:space="preserve"></w:t></w:r>\
            <w:r><w:rPr><w:u/></w:rPr><w:t xml:space="preserve"> ngày</w:t></w:r></w:p>
            """)
    }

    @Test("Word: smart quotes typed in default \"…\"")
    func smartQuotes() throws {
        let body = Markup.p("[{{ghi_chu | default “Không có”}}]")
        let xml = try CompiledTemplate.renderMainPart(PackageBuilder.docx(body: body), [:])
        #expect(bodyOf(xml) == Markup.p("[Không có]"))
    }

    @Test("LibreOffice: a tag over spans, a text:s and a soft page break")
    func odfSplitSpans() throws {
        let body = """
            <text:p>Số: <text:span text:style-name="T1">{{</text:span>so_<text:soft-page-break/>\
            <text:span text:style-name="T2">quyet_dinh<text:s text:c="2"/>|<text:s/>upper</text:span>}} xong</text:p>
            """
        let xml = try CompiledTemplate.renderMainPart(PackageBuilder.odt(body: body), ["so_quyet_dinh": "05/qđ-ubnd"])
        #expect(bodyOf(xml) == """
            <text:p>Số: <text:span text:style-name="T1">05/QĐ-UBND</text:span><text:soft-page-break/>\
            <text:span text:style-name="T2"></text:span> xong</text:p>
            """)
    }
}
