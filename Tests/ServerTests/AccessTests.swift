import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Server
import Storage
import Testing

/// Every route, for every role, for a user of another commune and for no one: who may, and what the others get.
@Suite("HTTP: every route checks role and commune")
struct AccessTests {
    /// The demo users by role, the stranger (every role, another commune) and no one.
    static let people: [String?] = ["canbo", "chutich", "vanthu", "nguoila", nil]

    struct Case: Sendable, CustomStringConvertible {
        let method: HTTPRequest.Method
        let path: String
        /// The state of the document `{id}` names, made fresh for each person.
        let state: String?
        let body: String?
        /// The status for canbo, chutich, vanthu, nguoila and no one.
        let expected: [Int]
        var description: String { "\(method) \(path)" }
    }

    static let year = Calendar.current.component(.year, from: Date())

    static let apiCases: [Case] = [
        Case(method: .get, path: "/api/v1/me", state: nil, body: nil, expected: [200, 200, 200, 200, 401]),
        Case(method: .get, path: "/api/v1/documents", state: nil, body: nil, expected: [200, 200, 200, 200, 401]),
        Case(method: .get, path: "/api/v1/documents/{id}", state: "draft", body: nil, expected: [200, 200, 200, 404, 401]),
        Case(method: .get, path: "/api/v1/documents/{id}/history", state: "draft", body: nil, expected: [200, 200, 200, 404, 401]),
        Case(method: .get, path: "/api/v1/documents/{id}/file", state: "draft", body: nil, expected: [200, 200, 200, 404, 401]),
        Case(method: .post, path: "/api/v1/documents?kind=quyet-dinh-thanh-lap-cac-to", state: nil, body: "sample",
             expected: [201, 403, 403, 201, 401]),
        Case(method: .put, path: "/api/v1/documents/{id}/data?revision=1", state: "draft", body: "sample",
             expected: [200, 403, 403, 404, 401]),
        Case(method: .post, path: "/api/v1/documents/{id}/actions", state: "draft", body: #"{"action":"submit","revision":1}"#,
             expected: [200, 403, 403, 404, 401]),
        Case(method: .post, path: "/api/v1/documents/{id}/actions", state: "draft",
             body: #"{"action":"withdraw","revision":1,"comment":"Không cần nữa"}"#, expected: [200, 200, 403, 404, 401]),
        Case(method: .post, path: "/api/v1/documents/{id}/actions", state: "commune_review",
             body: #"{"action":"approve","revision":2}"#, expected: [403, 200, 403, 404, 401]),
        Case(method: .post, path: "/api/v1/documents/{id}/actions", state: "commune_review",
             body: #"{"action":"return","revision":2,"comment":"Sửa danh sách"}"#, expected: [403, 200, 403, 404, 401]),
        Case(method: .post, path: "/api/v1/documents/{id}/actions", state: "approved",
             body: #"{"action":"sign","revision":3}"#, expected: [403, 200, 403, 404, 401]),
        Case(method: .post, path: "/api/v1/documents/{id}/actions", state: "signed",
             body: #"{"action":"archive","revision":4}"#, expected: [403, 403, 200, 404, 401]),
        Case(method: .get, path: "/api/v1/documents/{id}/signed.pdf", state: "signed-pdf", body: nil,
             expected: [200, 200, 200, 404, 401]),
        Case(method: .get, path: "/api/v1/documents/{id}/signed.odt", state: "signed-pdf", body: nil,
             expected: [200, 200, 200, 404, 401]),
        // The harness has no LibreOffice: the commune's users reach the converter (503), a stranger does not.
        Case(method: .get, path: "/api/v1/documents/{id}/preview", state: "draft", body: nil, expected: [503, 503, 503, 404, 401]),
        Case(method: .get, path: "/api/v1/documents/{id}/preview.pdf", state: "draft", body: nil, expected: [503, 503, 503, 404, 401]),
        Case(method: .get, path: "/api/v1/documents/{id}/pages/1", state: "draft", body: nil, expected: [503, 503, 503, 404, 401]),
        // Only archivists export; the stranger (an archivist too) finds nothing of their commune in the range.
        Case(method: .get, path: "/api/v1/export?from=2020-01-01&to=2029-12-31", state: "signed-pdf", body: nil,
             expected: [403, 403, 200, 404, 401]),
        Case(method: .get, path: "/api/v1/templates", state: nil, body: nil, expected: [200, 200, 200, 200, 401]),
        Case(method: .get, path: "/api/v1/templates/quyet-dinh-thanh-lap-cac-to", state: nil, body: nil,
             expected: [200, 200, 200, 200, 401]),
        Case(method: .get, path: "/api/v1/register?year=\(year)", state: nil, body: nil, expected: [200, 200, 200, 200, 401]),
        Case(method: .post, path: "/api/v1/members/import?file=a.csv", state: nil, body: "Họ tên,Thôn\nAn,Bắc Nga\n",
             expected: [200, 403, 403, 200, 401]),
        Case(method: .get, path: "/api/v1/openapi.yaml", state: nil, body: nil, expected: [200, 200, 200, 200, 200]),
        Case(method: .delete, path: "/api/v1/session", state: nil, body: nil, expected: [204, 204, 204, 204, 401]),
    ]

    static let webCases: [Case] = [
        Case(method: .get, path: "/", state: nil, body: nil, expected: [200, 200, 200, 200, 303]),
        Case(method: .get, path: "/documents/{id}", state: "draft", body: nil, expected: [200, 200, 200, 404, 303]),
        Case(method: .get, path: "/documents/{id}/file", state: "draft", body: nil, expected: [200, 200, 200, 404, 303]),
        Case(method: .get, path: "/documents/{id}/signed.pdf", state: "signed-pdf", body: nil, expected: [200, 200, 200, 404, 303]),
        Case(method: .get, path: "/documents/{id}/signed.odt", state: "signed-pdf", body: nil, expected: [200, 200, 200, 404, 303]),
        Case(method: .get, path: "/documents/{id}/preview", state: "draft", body: nil, expected: [200, 200, 200, 404, 303]),
        Case(method: .get, path: "/documents/{id}/preview.pdf", state: "draft", body: nil, expected: [503, 503, 503, 404, 303]),
        Case(method: .get, path: "/documents/{id}/pages/1", state: "draft", body: nil, expected: [503, 503, 503, 404, 303]),
        Case(method: .get, path: "/register/export.zip?from=2020-01-01&to=2029-12-31", state: "signed-pdf", body: nil,
             expected: [403, 403, 200, 404, 303]),
        Case(method: .get, path: "/register", state: nil, body: nil, expected: [200, 200, 200, 200, 303]),
        Case(method: .get, path: "/register.csv?year=\(year)", state: nil, body: nil, expected: [200, 200, 200, 200, 303]),
        Case(method: .post, path: "/documents/{id}/act", state: "draft", body: "action=submit&revision=1&key=k",
             expected: [303, 403, 403, 404, 303]),
        Case(method: .post, path: "/documents/{id}/act", state: "approved", body: "action=sign&revision=3&key=k",
             expected: [403, 303, 403, 404, 303]),
        Case(method: .post, path: "/documents/{id}/act", state: "signed", body: "action=archive&revision=4&key=k",
             expected: [403, 403, 303, 404, 303]),
        Case(method: .post, path: "/logout", state: nil, body: "", expected: [303, 303, 303, 303, 303]),
        Case(method: .get, path: "/documents/new", state: nil, body: nil, expected: [200, 403, 403, 200, 303]),
        Case(method: .post, path: "/documents/new", state: nil, body: Self.teamForm("check"), expected: [200, 403, 403, 200, 303]),
        Case(method: .post, path: "/documents/new", state: nil, body: Self.teamForm("save"), expected: [303, 403, 403, 303, 303]),
        Case(method: .get, path: "/documents/{id}/edit", state: "team-draft", body: nil, expected: [200, 403, 403, 404, 303]),
        Case(method: .post, path: "/documents/{id}/edit", state: "team-draft", body: Self.teamForm("save") + "&revision=1",
             expected: [303, 403, 403, 404, 303]),
    ]

    /// The founding form as a browser posts it, URL-encoded, with one member and the button `op`.
    static func teamForm(_ op: String) -> String {
        ["op": op, "key": "k", "nam": "2026", "thon": "Bắc Nga", "ten_to": "Tổ Công nghệ số cộng đồng", "ho_ten": "Đào Xuân Đông",
         "gioi_tinh": "nam", "chuc_vu": "Trưởng thôn", "vai_tro": "to_truong", "doan_vien": "khong", "dien_thoai": "",
         "dia_chi": "", "phu_trach_thon": "", "hoi_phu_nu": "khong", "nguoi_ky": "Đặng Đức Sơn", "chuc_vu_nguoi_ky": "Chủ tịch"]
            .sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
    }

    @Test("API routes", arguments: apiCases)
    func api(_ route: Case) async throws {
        try await check(route, web: false)
    }

    @Test("web pages and forms", arguments: webCases)
    func web(_ route: Case) async throws {
        try await check(route, web: true)
    }

    func check(_ route: Case, web: Bool) async throws {
        let h = try await ServerHarness()
        var statuses: [Int] = []
        for person in Self.people {
            var path = route.path
            if let state = route.state {
                let id = switch state {
                case "team-draft": try await h.teamDraft()
                case "signed-pdf": try await h.signedWithPDF()
                default: try await h.document(in: state)
                }
                path = path.replacingOccurrences(of: "{id}", with: String(id))
            }
            var headers: HTTPFields = [:]
            var body = route.body.map { $0 == "sample" ? ByteBuffer(bytes: ServerHarness.sample) : ByteBuffer(string: $0) }
            if let person {
                let signedIn = try await h.sessions.signIn(userID: person, password: ServerHarness.password, from: nil)
                if web {
                    headers[.cookie] = "\(SessionMiddleware.cookie)=\(signedIn.token)"
                    headers[.contentType] = "application/x-www-form-urlencoded"
                    if let form = route.body { body = ByteBuffer(string: form + (form.isEmpty ? "" : "&") + "_csrf=\(signedIn.session.csrfToken)") }
                } else {
                    headers[.authorization] = "Bearer \(signedIn.token)"
                    headers[.contentType] = "application/json"
                }
            }
            let (uri, fields, content) = (path, headers, body)
            let status = try await h.test { client in
                try await client.execute(uri: uri, method: route.method, headers: fields, body: content).status.code
            }
            statuses.append(status)
        }
        #expect(statuses == route.expected, "\(route): canbo, chutich, vanthu, nguoila, no one")
    }

    @Test("a stranger's list, register and search show nothing of another commune")
    func strangerSeesNothing() async throws {
        let h = try await ServerHarness()
        let id = try await h.document(in: "signed")
        let token = try await h.token("nguoila")
        try await h.test { client in
            let list = try await client.execute(uri: "/api/v1/documents", method: .get, headers: .bearer(token))
            #expect((try list.json()["documents"] as? [Any])?.isEmpty == true)
            let register = try await client.execute(uri: "/api/v1/register?year=\(Self.year)", method: .get, headers: .bearer(token))
            #expect((try register.json()["entries"] as? [Any])?.isEmpty == true)
            let page = try await client.execute(uri: "/", method: .get, headers: [.cookie: "\(SessionMiddleware.cookie)=\(token)"])
            #expect(!page.text.contains("/documents/\(id)\""))
        }
    }
}
