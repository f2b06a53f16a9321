import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Server
import Storage
import Testing

@Suite("Web pages: signing in, the dashboard, a document's page and its forms")
struct WebTests {
    /// The value of cookie `name` in a response's Set-Cookie headers.
    static func cookie(_ name: String, in response: TestResponse) -> String? {
        for header in response.headers[values: .setCookie] where header.hasPrefix(name + "=") {
            return String(header.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }

    /// The value of the hidden field `name` in a page.
    static func field(_ name: String, in page: String) -> String? {
        guard let range = page.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }

    /// Posts the form of `action` from a document's page as a browser does, with the hidden fields the page put in it.
    static func press(_ action: String, on page: String, document id: Int64, _ cookie: String, comment: String? = nil,
                      client: any TestClientProtocol) async throws -> TestResponse {
        let form = try #require(page.components(separatedBy: "<form").first { $0.contains("value=\"\(action)\"") })
        var body = ["action", "revision", "key", "_csrf"].map { "\($0)=\(field($0, in: form) ?? "")" }
        if let comment { body.append("comment=" + comment.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!) }
        return try await client.execute(uri: "/documents/\(id)/act", method: .post,
                                        headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                        body: ByteBuffer(string: body.joined(separator: "&")))
    }

    /// Signs in through the log-in form as a browser does; returns the session cookie header.
    static func signIn(_ client: any TestClientProtocol, _ user: String, next: String = "/") async throws -> (cookie: String, location: String?) {
        let page = try await client.execute(uri: "/login?next=\(next)", method: .get)
        let token = try #require(field("_csrf", in: page.text))
        let loginCookie = try #require(cookie(Web.loginCookie, in: page))
        let response = try await client.execute(
            uri: "/login", method: .post,
            headers: [.cookie: "\(Web.loginCookie)=\(loginCookie)", .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "user=\(user)&password=\(ServerHarness.password)&next=\(next)&_csrf=\(token)"))
        #expect(response.status == .seeOther)
        let session = try #require(cookie(SessionMiddleware.cookie, in: response))
        return ("\(SessionMiddleware.cookie)=\(session)", response.headers[.location])
    }

    @Test("a page asked for before signing in is shown after it; only this site's paths are followed")
    func signInThenBack() async throws {
        let h = try await ServerHarness()
        let id = try await h.document(in: "draft")
        try await h.test { client in
            let before = try await client.execute(uri: "/documents/\(id)", method: .get)
            #expect(before.status == .seeOther && before.headers[.location] == "/login?next=/documents/\(id)")
            #expect(try await Self.signIn(client, "canbo", next: "/documents/\(id)").location == "/documents/\(id)")
            #expect(try await Self.signIn(client, "canbo", next: "//evil.example/x").location == "/")
            #expect(try await Self.signIn(client, "canbo", next: "https://evil.example/").location == "/")
        }
    }

    @Test("the log-in form refuses a post without its own token, and says why a password failed")
    func loginForm() async throws {
        let h = try await ServerHarness()
        try await h.test { client in
            let forged = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                  body: ByteBuffer(string: "user=canbo&password=\(ServerHarness.password)"))
            #expect(forged.status == .forbidden && Self.cookie(SessionMiddleware.cookie, in: forged) == nil)
            let page = try await client.execute(uri: "/login", method: .get)
            let wrong = try await client.execute(
                uri: "/login", method: .post,
                headers: [.cookie: "\(Web.loginCookie)=\(Self.cookie(Web.loginCookie, in: page)!)",
                          .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "user=canbo&password=sai&_csrf=\(Self.field("_csrf", in: page.text)!)"))
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("Tên đăng nhập hoặc mật khẩu không đúng."))
            #expect(wrong.text.contains("value=\"canbo\""))
        }
    }

    @Test("the story on the pages: submit, return with a comment, resubmit, sign, see the register")
    func story() async throws {
        let h = try await ServerHarness()
        let id = try await h.document(in: "draft")
        try await h.test { client in
            let clerk = try await Self.signIn(client, "canbo").cookie
            let chairman = try await Self.signIn(client, "chutich").cookie
            func page(_ path: String, _ cookie: String) async throws -> TestResponse {
                try await client.execute(uri: path, method: .get, headers: [.cookie: cookie])
            }
            func press(_ action: String, _ cookie: String, comment: String? = nil) async throws -> TestResponse {
                try await Self.press(action, on: try await page("/documents/\(id)", cookie).text, document: id, cookie,
                                     comment: comment, client: client)
            }
            #expect(!(try await page("/documents/\(id)", clerk).text.contains("<blockquote")), "no comment, no quote")
            let dashboard = try await page("/", clerk).text
            #expect(dashboard.contains("Văn bản của xã Gia Cát") && dashboard.contains("href=\"/documents/\(id)\""))
            #expect(dashboard.contains("Việc chờ bạn"))

            let submitted = try await press("submit", clerk)
            #expect(submitted.status == .seeOther && submitted.headers[.location] == "/documents/\(id)?done=submit")
            #expect(try await page("/documents/\(id)?done=submit", clerk).text.contains("Đã trình văn bản."))

            let inbox = try await page("/", chairman).text
            #expect(inbox.contains("Việc chờ bạn") && inbox.contains("Chờ xã xem xét"))
            let noComment = try await press("return", chairman, comment: "")
            #expect(noComment.status == .unprocessableContent && noComment.text.contains("Cần ghi ý kiến"))
            #expect(try await press("return", chairman, comment: "Bổ sung số điện thoại <b>tổ trưởng</b>").status == .seeOther)

            let returned = try await page("/documents/\(id)", clerk).text
            #expect(returned.contains("Bổ sung số điện thoại &lt;b&gt;tổ trưởng&lt;/b&gt;"))
            #expect(returned.contains("Dự thảo"))
            #expect(try await press("submit", clerk).status == .seeOther)
            #expect(try await press("approve", chairman).status == .seeOther)
            #expect(try await press("sign", chairman).status == .seeOther)
            let signed = try await page("/documents/\(id)", chairman).text
            #expect(signed.contains("01/QĐ-UBND") && signed.contains("Đã ký ban hành") && signed.contains("bản ký ban hành"))
            let register = try await page("/register", clerk).text
            #expect(register.contains("01/QĐ-UBND") && register.contains("Đặng Đức Sơn"))
        }
        #expect(try await h.office.store.history(of: id).map(\.action) == ["create", "submit", "return", "submit", "approve", "sign"])
    }

    @Test("a form posted twice acts once; a form from an old page is refused and says who changed the document")
    func doublePostAndStalePage() async throws {
        let h = try await ServerHarness()
        let id = try await h.document(in: "commune_review")
        try await h.test { client in
            let chairman = try await Self.signIn(client, "chutich").cookie
            let vice = try await Self.signIn(client, "phochutich").cookie
            let stalePage = try await client.execute(uri: "/documents/\(id)", method: .get, headers: [.cookie: vice]).text
            let page = try await client.execute(uri: "/documents/\(id)", method: .get, headers: [.cookie: chairman]).text
            func post(_ page: String, _ cookie: String) async throws -> TestResponse {
                try await Self.press("approve", on: page, document: id, cookie, client: client)
            }
            #expect(try await post(page, chairman).status == .seeOther)
            #expect(try await post(page, chairman).status == .seeOther)
            let stale = try await post(stalePage, vice)
            #expect(stale.status == .conflict && stale.text.contains("Văn bản đã được Đặng Đức Sơn thay đổi (duyệt)"))
        }
        #expect(try await h.office.store.history(of: id).map(\.action) == ["create", "submit", "approve"])
    }

    @Test("pages of errors are in Vietnamese, with the request id and nothing internal")
    func errorPages() async throws {
        let h = try await ServerHarness()
        let token = try await h.token("canbo")
        try await h.test { client in
            let missing = try await client.execute(uri: "/documents/999", method: .get, headers: [.cookie: "\(SessionMiddleware.cookie)=\(token)"])
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "text/html; charset=utf-8")
            #expect(missing.text.contains("Không tìm thấy văn bản số hiệu 999.") && missing.text.contains("Mã yêu cầu:"))
            let noForm = try await client.execute(uri: "/documents/999/act", method: .post,
                                                  headers: [.cookie: "\(SessionMiddleware.cookie)=\(token)",
                                                            .contentType: "application/x-www-form-urlencoded"],
                                                  body: ByteBuffer(string: "action=submit&revision=1"))
            #expect(noForm.status == .forbidden && noForm.text.contains("Biểu mẫu đã hết hạn"))
        }
    }
}

@Suite("Web pages: the register for archivists")
struct RegisterPageTests {
    @Test("the register by year or by a range of dates, and as CSV for Excel")
    func registerByPeriod() async throws {
        let h = try await ServerHarness()
        let id = try await h.document(in: "signed")
        let today = h.office.today, year = Int(today.prefix(4))!
        let token = try await h.token("vanthu")
        try await h.test { client in
            let cookie: HTTPFields = [.cookie: "\(SessionMiddleware.cookie)=\(token)"]
            func get(_ path: String) async throws -> TestResponse { try await client.execute(uri: path, method: .get, headers: cookie) }
            let range = try await get("/register?from=\(year)-01-01&to=\(today)")
            #expect(range.text.contains("Sổ đăng ký văn bản đi từ 01/01/\(year) đến"))
            #expect(range.text.contains("href=\"/documents/\(id)\">01/QĐ-UBND"))
            let before = try await get("/register?from=\(year - 1)-01-01&to=\(year - 1)-12-31")
            #expect(before.text.contains("Chưa có văn bản nào được ký ban hành từ 01/01/\(year - 1) đến 31/12/\(year - 1)."))
            let csv = try await get("/register.csv?from=\(year)-01-01&to=\(today)")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = csv.text.components(separatedBy: "\r\n")
            #expect(lines[0].hasPrefix("\u{FEFF}\"Số, ký hiệu văn bản\",Ngày tháng văn bản"))
            #expect(lines.count == 3 && lines[1].hasPrefix("01/QĐ-UBND,"))
            #expect(try await get("/register?from=\(year)-01-01").status == .badRequest)
            #expect(try await get("/register?from=hôm-qua&to=\(today)").status == .badRequest)
            let api = try await client.execute(uri: "/api/v1/register?from=\(year)-01-01&to=\(today)", method: .get,
                                               headers: .bearer(token))
            #expect(try (api.json()["entries"] as? [Any])?.count == 1 && api.json()["from"] as? String == "\(year)-01-01")
        }
    }
}
