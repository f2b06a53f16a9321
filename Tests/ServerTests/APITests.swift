import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Office
@testable import Server
import Storage
import Testing
import TestSupport

@Suite("HTTP API: sessions, documents, refusals")
struct APITests {
    @Test("signing in gives a token and an HttpOnly, SameSite cookie; Secure only behind TLS")
    func signIn() async throws {
        for secure in [false, true] {
            let h = try await ServerHarness(settings: ServerSettings(secureCookies: secure))
            try await h.test { client in
                try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                         body: .json(#"{"user":"canbo","password":"\#(ServerHarness.password)"}"#)) { response in
                    #expect(response.status == .created)
                    let json = try response.json()
                    #expect((json["token"] as? String)?.count == 43)
                    #expect((json["user"] as? [String: Any])?["full_name"] as? String == "Nguyễn Thị Hoa")
                    let cookie = try #require(response.headers[.setCookie])
                    #expect(cookie.hasPrefix("vanban_session=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
                    #expect(cookie.contains("Secure") == secure)
                }
            }
        }
    }

    @Test("a wrong password and an unknown user get the same answer; five failures lock the name for a while")
    func wrongPasswordsAndRateLimit() async throws {
        let h = try await ServerHarness()
        try await h.test { client in
            func attempt(_ user: String, _ password: String) async throws -> TestResponse {
                try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                         body: .json(#"{"user":"\#(user)","password":"\#(password)"}"#))
            }
            let unknown = try await attempt("khongco", "sai")
            let wrong = try await attempt("canbo", "sai")
            #expect(unknown.status == .unauthorized && wrong.status == .unauthorized)
            #expect(try unknown.errorMessage() == "Tên đăng nhập hoặc mật khẩu không đúng.")
            #expect(try unknown.errorMessage() == wrong.errorMessage())
            for _ in 0..<4 { _ = try await attempt("canbo", "sai") }
            let locked = try await attempt("canbo", ServerHarness.password)
            #expect(locked.status == .tooManyRequests)
            #expect(try locked.errorMessage()?.hasPrefix("Đăng nhập sai quá nhiều lần; hãy thử lại sau 15 phút") == true)
            #expect(try await attempt("vanthu", ServerHarness.password).status == .created)
        }
    }

    @Test("signing out ends the session")
    func signOut() async throws {
        let h = try await ServerHarness()
        let token = try await h.token("vanthu")
        try await h.test { client in
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: .bearer(token)).status == .ok)
            #expect(try await client.execute(uri: "/api/v1/session", method: .delete, headers: .bearer(token)).status == .noContent)
            let after = try await client.execute(uri: "/api/v1/me", method: .get, headers: .bearer(token))
            #expect(after.status == .unauthorized)
            #expect(try after.errorMessage() == "Bạn cần đăng nhập để tiếp tục.")
        }
    }

    @Test("a new password signs the user out everywhere")
    func newPasswordEndsSessions() async throws {
        let h = try await ServerHarness()
        let token = try await h.token("canbo"), other = try await h.token("vanthu")
        try await h.sessions.setPassword("mat-khau-moi-2", of: "canbo")
        try await h.test { client async throws in
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: .bearer(token)).status == .unauthorized)
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: .bearer(other)).status == .ok)
        }
    }

    @Test("a clerk drafts from a data file, an approver signs: the number comes back; retries replay")
    func draftToSigned() async throws {
        let h = try await ServerHarness()
        let clerk = try await h.token("canbo"), chairman = try await h.token("chutich")
        try await h.test { client in
            var headers = HTTPFields.bearer(clerk)
            headers[HTTPField.Name("Idempotency-Key")!] = "tao-1"
            let created = try await client.execute(uri: "/api/v1/documents?kind=quyet-dinh-thanh-lap-cac-to&format=docx",
                                                   method: .post, headers: headers, body: ByteBuffer(bytes: ServerHarness.sample))
            #expect(created.status == .created)
            let document = try #require(try created.json()["document"] as? [String: Any])
            let id = try #require(document["id"] as? Int)
            #expect((document["current_version"] as? [String: Any])?["format"] as? String == "docx")
            #expect((document["actions"] as? [[String: Any]])?.map { $0["action"] as? String } == ["submit", "withdraw"])
            let again = try await client.execute(uri: "/api/v1/documents?kind=quyet-dinh-thanh-lap-cac-to&format=docx",
                                                 method: .post, headers: headers, body: ByteBuffer(bytes: ServerHarness.sample))
            #expect(try again.status == .ok && again.json()["replayed"] as? Bool == true)
            #expect((try again.json()["document"] as? [String: Any])?["id"] as? Int == id)

            func act(_ token: String, _ action: String, _ revision: Int, key: String? = nil) async throws -> TestResponse {
                var headers = HTTPFields.bearer(token, json: true)
                if let key { headers[HTTPField.Name("Idempotency-Key")!] = key }
                return try await client.execute(uri: "/api/v1/documents/\(id)/actions", method: .post, headers: headers,
                                                body: .json(#"{"action":"\#(action)","revision":\#(revision)}"#))
            }
            #expect(try await act(clerk, "submit", 1).status == .ok)
            #expect(try await act(chairman, "approve", 2).status == .ok)
            let signed = try await act(chairman, "sign", 3, key: "ky-1")
            #expect(signed.status == .ok)
            #expect((try signed.json()["registered"] as? [String: Any])?["notation"] as? String == "01/QĐ-UBND")
            let replay = try await act(chairman, "sign", 3, key: "ky-1")
            #expect(try replay.status == .ok && replay.json()["replayed"] as? Bool == true)

            let stale = try await act(chairman, "return", 3)
            #expect(stale.status == .conflict)
            #expect(try stale.errorMessage()?.contains("Đặng Đức Sơn") == true)

            let file = try await client.execute(uri: "/api/v1/documents/\(id)/file", method: .get, headers: .bearer(clerk))
            #expect(file.status == .ok)
            #expect(file.headers[.contentType] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            #expect(Array(file.body.readableBytesView.prefix(2)) == Array("PK".utf8))
            let history = try await client.execute(uri: "/api/v1/documents/\(id)/history", method: .get, headers: .bearer(clerk))
            #expect((try history.json()["entries"] as? [[String: Any]])?.map { $0["action"] as? String }
                == ["create", "submit", "approve", "sign"])
            let register = try await client.execute(uri: "/api/v1/register?year=\(Calendar.current.component(.year, from: Date()))",
                                                    method: .get, headers: .bearer(clerk))
            #expect((try register.json()["entries"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test("bad requests say what is wrong, in Vietnamese")
    func badRequests() async throws {
        let h = try await ServerHarness()
        let clerk = try await h.token("canbo")
        let id = try await h.document(in: "draft")
        try await h.test { client in
            let noRevision = try await client.execute(uri: "/api/v1/documents/\(id)/actions", method: .post,
                                                      headers: .bearer(clerk, json: true), body: .json(#"{"action":"submit"}"#))
            #expect(noRevision.status == .badRequest)
            #expect(try noRevision.errorMessage()?.hasPrefix("Thiếu lần sửa đã xem") == true)
            let unknownAction = try await client.execute(uri: "/api/v1/documents/\(id)/actions", method: .post,
                                                         headers: .bearer(clerk, json: true), body: .json(#"{"action":"ky","revision":1}"#))
            #expect(try unknownAction.errorMessage() == "Không có thao tác “ky”: chọn submit, return, approve, sign, archive, withdraw.")
            let unknownKind = try await client.execute(uri: "/api/v1/documents?kind=khong-co", method: .post,
                                                       headers: .bearer(clerk), body: ByteBuffer(bytes: ServerHarness.sample))
            #expect(unknownKind.status == .notFound)
            let badData = try await client.execute(uri: "/api/v1/documents?kind=quyet-dinh-thanh-lap-cac-to", method: .post,
                                                   headers: .bearer(clerk), body: .json("{"))
            #expect(badData.status == .unprocessableContent)
            #expect(try badData.errorMessage()?.hasPrefix("Dữ liệu văn bản chưa dùng được") == true)
            let huge = ByteBuffer(repeating: UInt8(ascii: " "), count: 5 * 1024 * 1024)
            let tooLarge = try await client.execute(uri: "/api/v1/documents?kind=quyet-dinh-thanh-lap-cac-to", method: .post,
                                                    headers: .bearer(clerk), body: huge)
            #expect(tooLarge.status == .contentTooLarge)
            #expect(try tooLarge.errorMessage() == "Tệp hoặc dữ liệu gửi lên quá lớn (tối đa 4 MB).")
            var longKey = HTTPFields.bearer(clerk, json: true)
            longKey[HTTPField.Name("Idempotency-Key")!] = String(repeating: "k", count: 201)
            let tooLong = try await client.execute(uri: "/api/v1/documents/\(id)/actions", method: .post, headers: longKey,
                                                   body: .json(#"{"action":"submit","revision":1}"#))
            #expect(try tooLong.status == .badRequest && tooLong.errorMessage() == "Idempotency-Key dài quá 200 ký tự.")
            let noRoute = try await client.execute(uri: "/api/v1/khong-co", method: .get, headers: .bearer(clerk))
            #expect(try noRoute.status == .notFound && noRoute.errorMessage() == "Không có trang hoặc địa chỉ này.")
        }
    }

    @Test("a browser's session cookie changes nothing through the API without the CSRF token")
    func csrfOnCookieRequests() async throws {
        let h = try await ServerHarness()
        let id = try await h.document(in: "draft")
        try await h.test { client in
            let signIn = try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                                  body: .json(#"{"user":"canbo","password":"\#(ServerHarness.password)"}"#))
            let token = try #require(try signIn.json()["token"] as? String)
            let csrf = try #require(try signIn.json()["csrf_token"] as? String)
            var headers: HTTPFields = [.cookie: "\(SessionMiddleware.cookie)=\(token)", .contentType: "application/json"]
            let body = #"{"action":"submit","revision":1}"#
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: headers).status == .ok)
            let forged = try await client.execute(uri: "/api/v1/documents/\(id)/actions", method: .post, headers: headers, body: .json(body))
            #expect(try forged.status == .forbidden && (forged.json()["error"] as? [String: Any])?["code"] as? String == "csrf")
            // Signing in again from a browser that holds a session needs no token, but only JSON is taken.
            let again = try await client.execute(uri: "/api/v1/session", method: .post, headers: headers,
                                                 body: .json(#"{"user":"canbo","password":"\#(ServerHarness.password)"}"#))
            #expect(again.status == .created)
            var formHeaders = headers
            formHeaders[.contentType] = "application/x-www-form-urlencoded"
            let asForm = try await client.execute(uri: "/api/v1/session", method: .post, headers: formHeaders,
                                                  body: .json(#"{"user":"canbo","password":"\#(ServerHarness.password)"}"#))
            #expect(asForm.status == .unsupportedMediaType)
            headers[SessionMiddleware.csrfHeader] = "sai"
            #expect(try await client.execute(uri: "/api/v1/documents/\(id)/actions", method: .post, headers: headers,
                                             body: .json(body)).status == .forbidden)
            headers[SessionMiddleware.csrfHeader] = csrf
            #expect(try await client.execute(uri: "/api/v1/documents/\(id)/actions", method: .post, headers: headers,
                                             body: .json(body)).status == .ok)
        }
        #expect(try await h.office.store.document(id)?.state == "commune_review")
    }

    @Test("internal failures reach the client as a request id and a plain message, never their details")
    func internalFailures() {
        struct Secret: Error { let path = "/var/lib/vanban/secret.sqlite" }
        for error in [Secret() as any Error, StoreError.database("disk I/O error at /var/lib/x"), OfficeError.template("x.odt")] {
            let failure = Failure.from(error)
            #expect(failure.status == .internalServerError)
            #expect(failure.message == Failure.internalError.message)
            #expect(!failure.message.contains("/var"))
        }
    }
}

@Suite("The demo a newcomer starts with")
struct DemoTests {
    @Test("demo accounts get passwords once, kept in a file only its owner reads; a sample draft is made once")
    func demoAccounts() async throws {
        let demo = try DemoCommune.load(sample: repositoryRoot.appendingPathComponent(DemoCommune.sample))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-demo-\(UUID().uuidString)/accounts.txt")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let store = try SQLiteStore(path: file.deletingLastPathComponent().appendingPathComponent("s.sqlite").path)
        let office = try await CommuneOffice.open(store: store, root: repositoryRoot)
        let sessions = Sessions(store: store, cost: 4)
        let first = try await DemoAccounts.ensure(demo, in: store, sessions: sessions, file: file)
        #expect(first.map(\.user.id) == ["canbo", "chutich", "phochutich", "vanthu"])
        #expect(Set(first.map(\.password)).count == 4 && first.allSatisfy { $0.password.count == 12 })
        let again = try await DemoAccounts.ensure(demo, in: store, sessions: sessions, file: file)
        #expect(again == first)
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try await sessions.signIn(userID: "vanthu", password: first[3].password, from: nil).user.fullName == "Lý Thị Mai")
        let draft = try await DemoAccounts.ensureSampleDraft(demo, office: office, root: repositoryRoot)
        #expect(draft != nil)
        #expect(try await DemoAccounts.ensureSampleDraft(demo, office: office, root: repositoryRoot) == nil)
        #expect(try await store.documents(DocumentFilter(communeID: "gia-cat")).count == 1)
    }
}

@Suite("HTTP API: member lists")
struct MemberImportAPITests {
    @Test("a clerk's CSV becomes teams, with each bad row named; other roles and other formats are refused")
    func importCSV() async throws {
        let h = try await ServerHarness()
        let clerk = try await h.token("canbo"), chairman = try await h.token("chutich")
        let csv = """
            Họ tên,Vai trò,Thôn,Điện thoại
            Nguyễn Văn An,Tổ trưởng,Bắc Nga,0912345678
            Lê Thị Bình,Tổ viên,Bắc Nga,
            ,Tổ viên,Bắc Nga,
            Trần Văn Cường,Thủ quỹ,Bắc Nga,

            """
        try await h.test { client in
            let response = try await client.execute(uri: "/api/v1/members/import?file=thanh-vien.csv", method: .post,
                                                     headers: .bearer(clerk), body: ByteBuffer(string: csv))
            #expect(response.status == .ok)
            let json = try response.json()
            let teams = try #require(json["teams"] as? [[String: Any]])
            #expect(teams.count == 1 && (teams[0]["thon"] as? [String: Any])?["ten"] as? String == "Bắc Nga")
            // A row without a name is left out; a row with an unknown role is kept, and both are reported.
            #expect((teams[0]["thanh_vien"] as? [[String: Any]])?.map { $0["ho_ten"] as? String }
                == ["Nguyễn Văn An", "Lê Thị Bình", "Trần Văn Cường"])
            let problems = try #require(json["problems"] as? [[String: Any]])
            #expect(problems.map { $0["row"] as? Int } == [4, 5])
            #expect(problems.allSatisfy { !(($0["message"] as? String) ?? "").isEmpty })

            let old = try await client.execute(uri: "/api/v1/members/import?file=thanh-vien.xls", method: .post,
                                               headers: .bearer(clerk), body: ByteBuffer(string: "x"))
            #expect(old.status == .unprocessableContent)
            #expect(try old.errorMessage()?.contains("hãy lưu lại thành .xlsx hoặc CSV UTF-8") == true)
            let approver = try await client.execute(uri: "/api/v1/members/import?file=thanh-vien.csv", method: .post,
                                                    headers: .bearer(chairman), body: ByteBuffer(string: csv))
            #expect(approver.status == .forbidden)
            let unnamed = try await client.execute(uri: "/api/v1/members/import", method: .post, headers: .bearer(clerk),
                                                   body: ByteBuffer(string: csv))
            #expect(unnamed.status == .badRequest)
        }
    }
}
