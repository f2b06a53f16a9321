import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Office
@testable import Server
import Storage
import Testing
import TestSupport

/// A signed document cannot be changed by anyone through any door: its versions, its register line and its signed
/// PDF stay byte for byte as they were after every attempt.
@Suite("HTTP: a signed version never changes")
struct ImmutabilityTests {
    struct Snapshot: Equatable {
        let versions: [VersionRecord]
        let register: RegisterEntry?
        let pdf: SignedPDF?
        let state: String?

        init(_ store: any Store, _ id: Int64) async throws {
            versions = try await store.versions(of: id)
            register = try await store.registerEntry(of: id)
            pdf = try await store.signedPDF(of: id)
            state = try await store.document(id)?.state
        }
    }

    @Test("every API route and web form that changes documents refuses a signed one, for every role", arguments: ["signed", "archived"])
    func everyDoorRefuses(_ state: String) async throws {
        let h = try await ServerHarness()
        let id = try await h.signedWithPDF()
        if state == "archived" { try await h.office.act(id, .archive, by: "vanthu") }
        let before = try await Snapshot(h.office.store, id)
        #expect(before.pdf != nil && before.register != nil && before.versions.last?.isFinal == true)
        let revision = try #require(try await h.office.store.document(id)).revision

        for user in ["canbo", "chutich", "vanthu"] {
            let signedIn = try await h.sessions.signIn(userID: user, password: ServerHarness.password, from: nil)
            let bearer = HTTPFields.bearer(signedIn.token, json: true)
            let cookie: HTTPFields = [.cookie: "\(SessionMiddleware.cookie)=\(signedIn.token)", .contentType: "application/x-www-form-urlencoded"]
            let csrf = "_csrf=\(signedIn.session.csrfToken)"
            try await h.test { client in
                var statuses: [String: Int] = [:]
                let data = try await client.execute(uri: "/api/v1/documents/\(id)/data?revision=\(revision)", method: .put,
                                                    headers: bearer, body: ByteBuffer(bytes: ServerHarness.sample))
                statuses["PUT data"] = Int(data.status.code)
                for action in ["submit", "return", "approve", "sign", "withdraw"] {
                    let body = #"{"action":"\#(action)","revision":\#(revision),"comment":"Sửa lại"}"#
                    let acted = try await client.execute(uri: "/api/v1/documents/\(id)/actions", method: .post, headers: bearer,
                                                         body: ByteBuffer(string: body))
                    statuses["API \(action)"] = Int(acted.status.code)
                    let web = try await client.execute(uri: "/documents/\(id)/act", method: .post, headers: cookie,
                                                       body: ByteBuffer(string: "action=\(action)&revision=\(revision)&key=k-\(user)-\(action)&comment=x&\(csrf)"))
                    statuses["web \(action)"] = Int(web.status.code)
                }
                let edit = try await client.execute(uri: "/documents/\(id)/edit", method: .post, headers: cookie,
                                                    body: ByteBuffer(string: AccessTests.teamForm("save") + "&revision=\(revision)&\(csrf)"))
                statuses["web edit"] = Int(edit.status.code)
                for (door, status) in statuses {
                    #expect(status >= 400, "\(user), \(state): \(door) answered \(status)")
                }
            }
        }
        #expect(try await Snapshot(h.office.store, id) == before)
    }

    @Test("the store itself refuses a new draft for a signed document")
    func storeRefusesRevision() async throws {
        let h = try await ServerHarness()
        let id = try await h.signedWithPDF()
        let before = try await Snapshot(h.office.store, id)
        await #expect(throws: StoreError.self) {
            try await h.office.reviseDraft(id, data: ServerHarness.sample, by: "canbo")
        }
        #expect(try await Snapshot(h.office.store, id) == before)
    }
}
