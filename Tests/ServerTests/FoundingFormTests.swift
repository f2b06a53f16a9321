import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Office
import OfficeZip
@testable import Server
import Storage
import Testing

/// The founding form through its pages, posted as a browser posts it (multipart, every field of the page).
@Suite("Web pages: the form that founds a village's team")
struct FoundingFormTests {
    /// The fields of the form in a page, in order, as a browser would post them: inputs, selected options and
    /// textareas, without the buttons.
    static func fields(of page: String) throws -> [(String, String)] {
        let form = try #require(page.components(separatedBy: "<form method=\"post\" action=\"/documents/").dropFirst().first)
        var fields: [(String, String)] = []
        var rest = Substring(form)
        while let start = rest.range(of: "<") {
            rest = rest[start.upperBound...]
            if rest.hasPrefix("/form") { break }
            if rest.hasPrefix("input") {
                let tag = rest.prefix { $0 != ">" }
                guard !tag.contains("type=\"file\""), let name = attribute("name", in: tag) else { continue }
                fields.append((name, unescape(attribute("value", in: tag) ?? "")))
            } else if rest.hasPrefix("select") {
                let tag = rest.prefix { $0 != ">" }
                let body = rest.components(separatedBy: "</select>")[0]
                let options = body.components(separatedBy: "<option").dropFirst()
                let chosen = options.first { $0.prefix { $0 != ">" }.contains("selected") } ?? options.first!
                fields.append((attribute("name", in: tag)!, unescape(attribute("value", in: Substring(chosen))!)))
            } else if rest.hasPrefix("textarea") {
                let tag = rest.prefix { $0 != ">" }
                let text = rest.drop { $0 != ">" }.dropFirst().components(separatedBy: "</textarea>")[0]
                fields.append((attribute("name", in: tag)!, unescape(text)))
            }
        }
        return fields
    }

    static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let range = tag.range(of: " \(name)=\"") else { return nil }
        return String(tag[range.upperBound...].prefix { $0 != "\"" })
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// A multipart body of `fields`, a pressed button `op` and an optional file in `tep`.
    static func multipart(_ fields: [(String, String)], op: String, file: (name: String, bytes: [UInt8])? = nil) -> (String, ByteBuffer) {
        let boundary = "----vanban\(UInt32.random(in: 0...UInt32.max))"
        var body: [UInt8] = []
        func part(_ header: String, _ content: [UInt8]) {
            body += Array("--\(boundary)\r\n\(header)\r\n\r\n".utf8) + content + Array("\r\n".utf8)
        }
        for (name, value) in fields + [("op", op)] {
            part("Content-Disposition: form-data; name=\"\(name)\"", Array(value.utf8))
        }
        if let file {
            part("Content-Disposition: form-data; name=\"tep\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream", file.bytes)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return ("multipart/form-data; boundary=\(boundary)", ByteBuffer(bytes: body))
    }

    /// Changes the `index`-th (0-based) value of the repeated field `name`.
    static func set(_ fields: inout [(String, String)], _ name: String, row index: Int = 0, to value: String) {
        let positions = fields.indices.filter { fields[$0].0 == name }
        fields[positions[index]].1 = value
    }

    static func values(_ fields: [(String, String)], _ name: String) -> [String] { fields.filter { $0.0 == name }.map(\.1) }

    struct Browser {
        let client: any TestClientProtocol
        let cookie: String

        func get(_ path: String) async throws -> TestResponse {
            try await client.execute(uri: path, method: .get, headers: [.cookie: cookie])
        }

        /// Presses `op` on the form of `page` after `change` edits its fields.
        func press(_ op: String, on page: String, file: (name: String, bytes: [UInt8])? = nil,
                   change: (inout [(String, String)]) -> Void = { _ in }) async throws -> TestResponse {
            var fields = try FoundingFormTests.fields(of: page)
            change(&fields)
            let (type, body) = FoundingFormTests.multipart(fields, op: op, file: file)
            let action = try #require(page.range(of: "action=\"/documents/").map { page[$0.upperBound...].prefix { $0 != "\"" } })
            return try await client.execute(uri: "/documents/\(action)", method: .post,
                                            headers: [.cookie: cookie, .contentType: type], body: body)
        }
    }

    static let fiveMembers = """
        Họ tên,Giới tính,Chức vụ,Vai trò,Đoàn viên,Điện thoại
        Đào Xuân Đông,Nam,Trưởng thôn,Tổ viên,,0912345678
        Đặng Thị Hằng,Nữ,,Tổ trưởng,x,
        Đặng Thị Chiến,Nữ,Bí thư Chi đoàn,Tổ viên,x,0987 654 321
        Nông Thị Hợi,Nữ,,Tổ viên,,
        Hoàng Văn Quê,Nam,,Tổ viên,,12345
        """

    @Test("a new form starts from the commune's villages and decision defaults, with a row for the leader")
    func blankForm() async throws {
        let h = try await ServerHarness()
        try await h.test { client in
            let clerk = try await WebTests.signIn(client, "canbo").cookie
            let page = try await client.execute(uri: "/documents/new", method: .get, headers: [.cookie: clerk])
            #expect(page.status == .ok)
            let fields = try Self.fields(of: page.text)
            #expect(Self.values(fields, "ho_ten") == ["", "", ""])
            #expect(Self.values(fields, "vai_tro") == ["to_truong", "to_vien", "to_vien"])
            #expect(Self.values(fields, "thon") == [""])
            #expect(page.text.contains("<option value=\"Bắc Nga\" >Thôn Bắc Nga</option>"))
            #expect(Self.values(fields, "can_cu").first?.hasPrefix("Căn cứ Luật Tổ chức Chính quyền địa phương ngày 19/6/2015") == true)
            #expect(Self.values(fields, "ten_to") == ["Tổ công nghệ cộng đồng phát triển kinh tế số"])
            #expect(Self.values(fields, "nguoi_ky") == ["Đặng Đức Sơn"])
            #expect(!page.text.contains("role=\"alert\"") && !page.text.contains("row-problem") && page.text.contains("(0 người)"),
                    "a form with nothing typed points out nothing")
            let untouched = try await Browser(client: client, cookie: clerk).press("check", on: page.text) { Self.set(&$0, "thon", to: "Bắc Nga") }
            #expect(!untouched.text.contains("dòng 1: chưa có họ tên"), "the preset Tổ trưởng of an empty row is not a member")
            let dashboard = try await client.execute(uri: "/", method: .get, headers: [.cookie: clerk]).text
            #expect(dashboard.contains("href=\"/documents/new\""), "the clerk's dashboard leads to the form")
            let chairman = try await WebTests.signIn(client, "chutich").cookie
            #expect(!(try await client.execute(uri: "/", method: .get, headers: [.cookie: chairman]).text.contains("href=\"/documents/new\"")))
        }
    }

    @Test("rows are added, moved and removed by the form's buttons, keeping what was typed")
    func tableButtons() async throws {
        let h = try await ServerHarness()
        try await h.test { client in
            let browser = Browser(client: client, cookie: try await WebTests.signIn(client, "canbo").cookie)
            var page = try await browser.get("/documents/new").text
            page = try await browser.press("add", on: page) { fields in
                Self.set(&fields, "ho_ten", row: 0, to: "An")
                Self.set(&fields, "ho_ten", row: 1, to: "Bình")
                Self.set(&fields, "ho_ten", row: 2, to: "Chi")
            }.text
            #expect(Self.values(try Self.fields(of: page), "ho_ten") == ["An", "Bình", "Chi", ""])
            page = try await browser.press("up-2", on: page).text
            #expect(Self.values(try Self.fields(of: page), "ho_ten") == ["An", "Chi", "Bình", ""])
            page = try await browser.press("down-0", on: page).text
            #expect(Self.values(try Self.fields(of: page), "ho_ten") == ["Chi", "An", "Bình", ""])
            #expect(Self.values(try Self.fields(of: page), "vai_tro") == ["to_vien", "to_truong", "to_vien", "to_vien"],
                    "a row moves with all its cells")
            page = try await browser.press("remove-3", on: page).text
            page = try await browser.press("remove-0", on: page).text
            #expect(Self.values(try Self.fields(of: page), "ho_ten") == ["An", "Bình"])
            #expect(page.contains("aria-label=\"Chuyển dòng 1 lên\" disabled"), "the first row cannot move up")
        }
        #expect(try await h.office.store.documents(DocumentFilter(communeID: "gia-cat")).isEmpty, "nothing is stored before saving")
    }

    @Test("an imported list fills the table; each policy problem shows beside its row; a team with errors is not submitted")
    func importAndViolations() async throws {
        let h = try await ServerHarness()
        try await h.test { client in
            let browser = Browser(client: client, cookie: try await WebTests.signIn(client, "canbo").cookie)
            var page = try await browser.get("/documents/new").text
            let imported = try await browser.press("import", on: page, file: ("to-bac-nga.csv", Array(Self.fiveMembers.utf8))) { fields in
                Self.set(&fields, "thon", to: "Bắc Nga")
            }
            page = imported.text
            #expect(imported.status == .ok)
            #expect(page.contains("Đã nhập 5 thành viên từ to-bac-nga.csv."))
            let fields = try Self.fields(of: page)
            #expect(Self.values(fields, "ho_ten") == ["Đào Xuân Đông", "Đặng Thị Hằng", "Đặng Thị Chiến", "Nông Thị Hợi", "Hoàng Văn Quê"])
            #expect(Self.values(fields, "doan_vien") == ["khong", "co", "co", "khong", "khong"])
            #expect(Self.values(fields, "gioi_tinh") == ["nam", "nu", "nu", "nu", "nam"])
            // Lạng Sơn: the village head leads the team. Row 2 leads and is not; row 5's phone is wrong.
            let row2 = try #require(page.components(separatedBy: "id=\"dong-2\"").last?.components(separatedBy: "id=\"dong-3\"").first)
            #expect(row2.contains("row-problem") && row2.contains("không phải Trưởng thôn"))
            let row5 = try #require(page.components(separatedBy: "id=\"dong-5\"").last)
            #expect(row5.contains("số điện thoại “12345” của Hoàng Văn Quê không hợp lệ"))

            let refused = try await browser.press("submit", on: page)
            #expect(refused.status == .unprocessableContent && refused.text.contains("Chưa trình được"))
            #expect(try await h.office.store.documents(DocumentFilter(communeID: "gia-cat")).isEmpty)

            // The clerk makes the village head the leader, the other a member, fixes the phone, and submits.
            let submitted = try await browser.press("submit", on: page) { fields in
                Self.set(&fields, "vai_tro", row: 0, to: "to_truong")
                Self.set(&fields, "vai_tro", row: 1, to: "to_vien")
                Self.set(&fields, "dien_thoai", row: 4, to: "0911222333")
            }
            #expect(submitted.status == .seeOther)
            let location = try #require(submitted.headers[.location])
            let id = try #require(Int64(location.dropFirst("/documents/".count).prefix { $0.isNumber }))
            #expect(location == "/documents/\(id)?done=submit")
            let document = try #require(try await h.office.store.document(id))
            #expect(document.kind == FoundingForm.kind && document.state == "commune_review")
            #expect(document.title.contains("Bắc Nga"))
            let form = try FoundingForm(data: try #require(try await h.office.store.currentVersion(of: id)).data)
            #expect(form.village == "Bắc Nga" && form.rows.map(\.fullName).first == "Đào Xuân Đông" && form.rows.count == 5)
            #expect(form.rows[0].role == .leader && form.rows[4].phone == "0911222333" && form.rows[2].youthUnion)
        }
    }

    @Test("a file the form cannot read, or a list of several villages without a chosen one, says why and keeps the table")
    func badImports() async throws {
        let h = try await ServerHarness()
        try await h.test { client in
            let browser = Browser(client: client, cookie: try await WebTests.signIn(client, "canbo").cookie)
            let page = try await browser.get("/documents/new").text
            let none = try await browser.press("import", on: page) { Self.set(&$0, "ho_ten", to: "An") }
            #expect(none.status == .unprocessableContent && none.text.contains("Chưa chọn tệp danh sách"))
            #expect(Self.values(try Self.fields(of: none.text), "ho_ten").first == "An")
            let binary = try await browser.press("import", on: page, file: ("ds.pdf", [0x25, 0x50, 0x44, 0x46]))
            #expect(binary.status == .unprocessableContent && binary.text.contains("ds.pdf"))
            let two = "Họ tên,Thôn\nAn,Bắc Nga\nBình,Liên Hòa\n"
            let several = try await browser.press("import", on: page, file: ("ds.csv", Array(two.utf8)))
            #expect(several.text.contains("có danh sách của 2 thôn") && several.text.contains("hãy chọn thôn trước"))
            let chosen = try await browser.press("import", on: page, file: ("ds.csv", Array(two.utf8))) { Self.set(&$0, "thon", to: "Liên Hòa") }
            #expect(Self.values(try Self.fields(of: chosen.text), "ho_ten") == ["Bình"])
            let noVillage = try await browser.press("save", on: page) { Self.set(&$0, "ho_ten", to: "An") }
            #expect(noVillage.status == .unprocessableContent && noVillage.text.contains("Chưa chọn thôn của Tổ."))
        }
    }

    @Test("the preview is the document rendered from the unsaved form")
    func preview() async throws {
        let h = try await ServerHarness()
        try await h.test { client in
            let browser = Browser(client: client, cookie: try await WebTests.signIn(client, "canbo").cookie)
            let page = try await browser.get("/documents/new").text
            let preview = try await browser.press("preview", on: page) { fields in
                Self.set(&fields, "thon", to: "Liên Hòa")
                Self.set(&fields, "ho_ten", row: 0, to: "Đặng Văn Bội")
                Self.set(&fields, "chuc_vu", row: 0, to: "Trưởng thôn")
            }
            #expect(preview.status == .ok)
            #expect(preview.headers[.contentType] == "application/vnd.oasis.opendocument.text")
            #expect(preview.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            let archive = try ZipArchive(bytes: Array(preview.body.readableBytesView))
            let content = String(decoding: try archive.contents(of: try #require(archive.entry(named: "content.xml"))), as: UTF8.self)
            #expect(content.contains("Đặng Văn Bội") && content.contains("Liên Hòa"))
        }
        #expect(try await h.office.store.documents(DocumentFilter(communeID: "gia-cat")).isEmpty)
    }

    @Test("a draft is edited with the same form; a stale form is refused; a submitted one is no longer editable")
    func editDraft() async throws {
        let h = try await ServerHarness()
        let id = try await h.teamDraft()
        try await h.test { client in
            let browser = Browser(client: client, cookie: try await WebTests.signIn(client, "canbo").cookie)
            let document = try await browser.get("/documents/\(id)").text
            #expect(document.contains("href=\"/documents/\(id)/edit\""))
            let page = try await browser.get("/documents/\(id)/edit").text
            #expect(Self.values(try Self.fields(of: page), "ho_ten") == ["Đào Xuân Đông", "Đặng Thị Hằng", "Đặng Thị Chiến", "Nông Thị Hợi"])
            let saved = try await browser.press("save", on: page) { Self.set(&$0, "dien_thoai", row: 1, to: "0912000111") }
            #expect(saved.status == .seeOther && saved.headers[.location] == "/documents/\(id)?saved=1")
            #expect(try await browser.get("/documents/\(id)?saved=1").text.contains("Đã lưu bản nháp."))
            let form = try FoundingForm(data: try #require(try await h.office.store.currentVersion(of: id)).data)
            #expect(form.rows[1].phone == "0912000111")

            let stale = try await browser.press("save", on: page) { Self.set(&$0, "dien_thoai", row: 1, to: "0912000222") }
            #expect(stale.status == .conflict && stale.text.contains("Nguyễn Thị Hoa"), "says who changed it: \(stale.status) \(stale.text.components(separatedBy: "role=\"alert\"").dropFirst().first?.prefix(300) ?? "")")
            #expect(Self.values(try Self.fields(of: stale.text), "dien_thoai")[1] == "0912000222", "what was typed is kept")

            let fresh = try await browser.get("/documents/\(id)/edit").text
            #expect(try await browser.press("submit", on: fresh).status == .seeOther)
            #expect(try await browser.get("/documents/\(id)/edit").status == .conflict)
            #expect(!(try await browser.get("/documents/\(id)").text.contains("/edit\"")))
        }
        #expect(try await h.office.store.history(of: id).map(\.action) == ["create", "edit", "edit", "submit"])
    }
}
