import Testing
@testable import Templating

@Suite("Formatters")
struct FormatterTests {
    private func render(_ tag: String, _ value: TemplateValue) throws -> String {
        let xml = try CompiledTemplate.renderMainPart(PackageBuilder.odt(body: Markup.op(tag)), ["v": value])
        return String(bodyOf(xml).dropFirst("<text:p>".count).dropLast("</text:p>".count))
    }

    @Test("number, words, dates, case, ascii, pad, default", arguments: [
        ("{{v | number}}", TemplateValue.int(221_100_000), "221.100.000"),
        ("{{v | number}}", .double(0.5), "0,5"),
        ("{{v | number 2}}", .string("1234.5"), "1.234,50"),
        ("{{v | words}}", .int(221_100_000), "Hai trăm hai mươi mốt triệu một trăm nghìn đồng"),
        ("{{v | words ngan}}", .int(221_100_000), "Hai trăm hai mươi mốt triệu một trăm ngàn đồng"),
        ("{{v | words bare}}", .int(15), "Mười lăm"),
        ("{{v | date}}", .string("2025-01-05"), "ngày 05 tháng 01 năm 2025"),
        ("{{v | date}}", .string("2019-06-29"), "ngày 29 tháng 6 năm 2019"),
        ("{{v | date_short}}", .string("2025-01-05"), "05/01/2025"),
        ("{{v | upper}}", .string("ủy ban nhân dân"), "ỦY BAN NHÂN DÂN"),
        ("{{v | lower}}", .string("XÃ QUẢNG SƠN"), "xã quảng sơn"),
        ("{{v | ascii}}", .string("Tổ CNSCĐ Kiến Mộc"), "To CNSCD Kien Moc"),
        ("{{v | pad 2}}", .int(5), "05"),
        ("{{v | default \"Chưa có\"}}", .string(""), "Chưa có"),
        ("{{v | default \"Chưa có\" | upper}}", .null, "CHƯA CÓ"),
        ("{{v | ascii | upper}}", .string("Đồng Tháp"), "DONG THAP"),
        ("{{v | date | default \"ngày … tháng … năm …\"}}", .null, "ngày … tháng … năm …"),
        ("{{v | date | default \"ngày … tháng … năm …\"}}", .string("2025-02-03"), "ngày 03 tháng 02 năm 2025"),
        ("{{v}}", .bool(true), "có"),
        ("{{v}}", .double(0.5), "0,5"),
    ])
    func formatters(_ tag: String, _ value: TemplateValue, _ expected: String) throws {
        #expect(try render(tag, value) == expected)
    }

    @Test("default also covers an absent field")
    func defaultForAbsent() throws {
        let xml = try CompiledTemplate.renderMainPart(PackageBuilder.odt(body: Markup.op("{{khong_co | default “—”}}")), [:])
        #expect(bodyOf(xml) == Markup.op("—"))
    }
}
