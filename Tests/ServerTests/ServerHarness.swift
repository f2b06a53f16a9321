import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Office
@testable import Server
import Storage
import TestSupport
import Workflow

/// A server on a fresh SQLite store with the demo commune (one user per role, known passwords) and a user of another
/// commune who holds every role, tested through Hummingbird's router test client.
struct ServerHarness {
    let office: CommuneOffice
    let sessions: Sessions
    let settings: ServerSettings
    static let password = "mat-khau-thu-1"
    static let stranger = UserRecord(id: "nguoila", fullName: "Trần Văn Tuấn", title: "Chủ tịch", communeID: "yen-hoa",
                                     roles: [.clerk, .approver, .archivist])
    static let sample = try! Data(contentsOf: repositoryRoot.appendingPathComponent("samples/gia-cat-to.json"))

    init(settings: ServerSettings = ServerSettings(), limiter: LoginLimiter = LoginLimiter()) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: folder.appendingPathComponent("vanban.sqlite").path)
        office = try await CommuneOffice.open(store: store, root: repositoryRoot)
        sessions = Sessions(store: store, limiter: limiter, cost: 4)
        self.settings = settings
        let demo = try DemoCommune.load(sample: repositoryRoot.appendingPathComponent(DemoCommune.sample))
        try await demo.install(in: store)
        let yenHoa = Commune(name: "Yên Hòa", district: "Yên Mô", province: "Ninh Bình", chairman: "Phạm Văn Hùng", policy: "trung-uong")
        try await store.save(CommuneRecord(id: "yen-hoa", name: "Yên Hòa", profile: try CommuneProfile(commune: yenHoa).encoded()))
        try await store.save(Self.stranger)
        for user in demo.users + [Self.stranger] { try await sessions.setPassword(Self.password, of: user.id) }
    }

    /// The application; without `previews`, previews answer that LibreOffice is missing.
    func application(previews: Previews? = nil) async throws -> some ApplicationProtocol {
        Application(router: try await VanBanServer.router(office: office, sessions: sessions, settings: settings,
                                                           templates: repositoryRoot.appendingPathComponent("templates"),
                                                           previews: previews))
    }

    /// Runs `body` with a test client of the application.
    func test<T: Sendable>(previews: Previews? = nil, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await application(previews: previews).test(.router) { client in try await body(client) }
    }

    /// A bearer token for `user`, made directly through the sessions (the log-in route has tests of its own).
    func token(_ user: String) async throws -> String {
        try await sessions.signIn(userID: user, password: Self.password, from: nil).token
    }

    /// The sample with its first team only: the data of one village's founding decision (`quyet-dinh-thanh-lap-to`).
    static let teamSample: Data = {
        var object = try! JSONSerialization.jsonObject(with: sample) as! [String: Any]
        object["to"] = [(object["to"] as! [Any])[0]]
        return try! JSONSerialization.data(withJSONObject: object)
    }()

    /// A draft of one village's founding decision, written by the demo clerk.
    func teamDraft() async throws -> Int64 {
        try await office.createDraft(kind: FoundingForm.kind, data: Self.teamSample, by: "canbo").document.id
    }

    /// Test keys for the demo commune's body and approvers, made once per test run (RSA keys take a while).
    static let keys: KeyFolder = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-server-keys-\(UUID().uuidString)")
        let demo = try! DemoCommune.load(sample: repositoryRoot.appendingPathComponent(DemoCommune.sample))
        let keys = KeyFolder(folder: folder)
        try! keys.makeDemoKeys(commune: demo.commune, organization: "Ủy ban nhân dân xã Gia Cát",
                               signers: demo.users.filter { $0.roles.contains(.approver) })
        return keys
    }()

    /// A signed document whose signed PDF original the queue has made (from a small fixed PDF, not LibreOffice).
    func signedWithPDF() async throws -> Int64 {
        let id = try await document(in: "signed")
        let outcome = try await SignedOriginals(store: office.store, converter: FixedPDFConverter(), keys: Self.keys).workOne()
        guard case .signed(id, _)? = outcome else { throw HarnessFailure("no signed PDF: \(String(describing: outcome))") }
        return id
    }

    struct HarnessFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// A document of the demo commune in `state`, made through the office as the demo users.
    func document(in state: String) async throws -> Int64 {
        let id = try await office.createDraft(kind: "quyet-dinh-thanh-lap-cac-to", data: Self.sample, by: "canbo").document.id
        let path: [(String, WorkflowAction, String)] = [
            ("commune_review", .submit, "canbo"), ("approved", .approve, "chutich"), ("signed", .sign, "chutich"),
            ("archived", .archive, "vanthu"),
        ]
        for (reached, action, user) in path where state != "draft" {
            try await office.act(id, action, by: user)
            if reached == state { break }
        }
        return id
    }
}

extension HTTPFields {
    static func bearer(_ token: String, json: Bool = false) -> HTTPFields {
        var fields: HTTPFields = [.authorization: "Bearer \(token)"]
        if json { fields[.contentType] = "application/json" }
        return fields
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] ?? [:]
    }

    /// The `error.message` of a JSON error.
    func errorMessage() throws -> String? {
        (try json()["error"] as? [String: Any])?["message"] as? String
    }
}

extension ByteBuffer {
    static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
}
