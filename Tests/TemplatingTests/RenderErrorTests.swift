import Testing
@testable import Templating

@Suite("Render errors")
struct RenderErrorTests {
    @Test("a missing field names its full path, inside loops too")
    func missingPath() throws {
        let template = try CompiledTemplate(bytes: PackageBuilder.odt(body: Markup.op("{{#thanh_vien}}{{ho_ten}} {{to.chuc}}{{/thanh_vien}}")))
        #expect(throws: RenderError.missingField(path: "thanh_vien[1].to.chuc", tag: "{{to.chuc}}",
                                                 location: ProblemLocation(part: "content.xml", paragraph: 1, cell: nil))) {
            let _: [UInt8] = try template.render(["thanh_vien": [["ho_ten": "A", "to": ["chuc": "x"]], ["ho_ten": "B"]]])
        }
    }

    @Test("the message a clerk reads")
    func missingMessage() throws {
        let template = try CompiledTemplate(bytes: PackageBuilder.docx(body: Markup.p("{{to_truong.ho_ten}}")))
        do {
            let _: [UInt8] = try template.render(["to_truong": [:]])
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "word/document.xml, đoạn 1: thiếu dữ liệu cho trường “to_truong.ho_ten” (thẻ {{to_truong.ho_ten}}).")
        }
    }

    @Test("lenient mode renders a missing field empty")
    func lenient() throws {
        let xml = try CompiledTemplate.renderMainPart(PackageBuilder.odt(body: Markup.op("[{{a}}]")), [:], options: RenderOptions(lenient: true))
        #expect(bodyOf(xml) == Markup.op("[]"))
    }

    @Test("a list where a value is expected is an error")
    func listAsValue() throws {
        let template = try CompiledTemplate(bytes: PackageBuilder.odt(body: Markup.op("{{thanh_vien}}")))
        do {
            let _: [UInt8] = try template.render(["thanh_vien": ["a"]])
            Issue.record("expected an error")
        } catch {
            guard case .notAValue(let path, let kind, _, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(path == "thanh_vien")
            #expect(kind == "danh sách")
        }
    }

    @Test("a formatter refusing a value says why")
    func formatterError() throws {
        let template = try CompiledTemplate(bytes: PackageBuilder.odt(body: Markup.op("{{ngay | date}}")))
        do {
            let _: [UInt8] = try template.render(["ngay": "hôm qua"])
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "content.xml, đoạn 1: trường “ngay” (thẻ {{ngay | date}}): “hôm qua” không phải là ngày; cần dạng 2025-01-05 hoặc 05/01/2025.")
        }
    }

    @Test("unbounded data is refused by the loop limit")
    func rowLimit() throws {
        let template = try CompiledTemplate(bytes: PackageBuilder.odt(body: Markup.op("{{#a}}x{{/a}}")))
        let many = TemplateValue.list(Array(repeating: .int(1), count: 1_001))
        #expect(throws: RenderError.self) {
            let _: [UInt8] = try template.render(["a": many], options: RenderOptions(maxLoopItems: 1_000))
        }
        let _: [UInt8] = try template.render(["a": many], options: RenderOptions(maxLoopItems: 1_001))
    }
}
