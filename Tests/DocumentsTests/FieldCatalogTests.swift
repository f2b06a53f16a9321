import Foundation
import Testing
import TestSupport
@testable import Documents

@Suite("templates/FIELDS.md")
struct FieldCatalogTests {
    static let templates = repositoryRoot.appendingPathComponent("templates")

    @Test("every field of every template has its meaning written down")
    func everyFieldDocumented() throws {
        #expect(try FieldCatalog.undocumented(templates: Self.templates) == [])
    }

    @Test("the committed catalogue is the one the templates generate (vanban fields --catalog > templates/FIELDS.md)")
    func upToDate() throws {
        let committed = try String(contentsOf: Self.templates.appendingPathComponent("FIELDS.md"), encoding: .utf8)
        #expect(committed == (try FieldCatalog.markdown(templates: Self.templates)))
    }

    @Test("a field's shape is read from the template: lists, their members, plain-value lists")
    func shapes() throws {
        let markdown = try FieldCatalog.markdown(kinds: [TeamFoundingDecision()], templates: Self.templates)
        #expect(markdown.contains("| `thanh_vien` | danh sách | Danh sách thành viên, theo thứ tự trong dữ liệu. |"))
        #expect(markdown.contains("| `thanh_vien.ho_ten` | chữ | Họ và tên. |"))
        #expect(markdown.contains("| `can_cu` | danh sách chữ | "))
        #expect(markdown.contains("| `ngay_ban_hanh` | ngày | "))
    }
}
