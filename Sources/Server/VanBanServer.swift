import Foundation
import Hummingbird
import NIOCore
import Logging
import Office
import Storage

/// The HTTP service: the JSON API under `/api/v1` and the web pages, on one router.
public enum VanBanServer {
    /// The router with every route and middleware, ready to serve or to test.
    /// Without `previews`, previews answer that LibreOffice is not there.
    public static func router(office: CommuneOffice, sessions: Sessions, settings: ServerSettings,
                              templates: URL, previews: Previews? = nil) async throws -> Router<VanBanContext> {
        let pages = try await Pages.load()
        let router = Router(context: VanBanContext.self)
        let previews = previews ?? Previews(converter: UnavailableConverter(.notInstalled(tool: "soffice", package: "libreoffice-writer-nogui")))
        router.add(middleware: FailureMiddleware(pages: pages))
        router.add(middleware: SessionMiddleware(sessions: sessions))
        APIRoutes(office: office, sessions: sessions, settings: settings, templatesFolder: templates, previews: previews).add(to: router)
        Web(office: office, sessions: sessions, settings: settings, pages: pages, previews: previews).add(to: router)
        return router
    }

    /// The application on `settings.host:settings.port`.
    public static func application(office: CommuneOffice, sessions: Sessions, settings: ServerSettings, templates: URL,
                                   previews: Previews? = nil, logger: Logger,
                                   onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in })
        async throws -> some ApplicationProtocol {
        Application(
            router: try await router(office: office, sessions: sessions, settings: settings, templates: templates, previews: previews),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "VanBan"),
            onServerRunning: onServerRunning,
            logger: logger)
    }
}

/// The demo commune's accounts: one per role, each with a random password made the first time and kept in the data
/// folder, so that a newcomer can sign in and read them again.
public struct DemoAccounts: Sendable {
    public struct Login: Sendable, Hashable {
        public let user: UserRecord
        public let password: String
    }

    /// Installs the demo commune where missing and gives every demo user without a password a new one, written to
    /// `file`. Returns the log-ins `file` knows, in the demo's order.
    public static func ensure(_ demo: DemoCommune, in store: any Store, sessions: Sessions, file: URL) async throws -> [Login] {
        try await demo.install(in: store)
        var known = read(file)
        for user in demo.users where try await store.passwordHash(of: user.id) == nil {
            let password = generatePassword()
            try await sessions.setPassword(password, of: user.id)
            known[user.id] = password
        }
        let lines = demo.users.compactMap { user in known[user.id].map { "\(user.id) \($0)" } }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        return demo.users.compactMap { user in known[user.id].map { Login(user: user, password: $0) } }
    }

    /// Gives a demo commune with no documents yet one draft of the sample decision, written by its clerk, so that a
    /// newcomer's dashboard has something to open, submit and sign. Returns its id, or nil when there were documents.
    @discardableResult
    public static func ensureSampleDraft(_ demo: DemoCommune, office: CommuneOffice, root: URL) async throws -> Int64? {
        guard try await office.store.documents(DocumentFilter(communeID: demo.commune.id)).isEmpty,
              let clerk = demo.users.first(where: { $0.roles.contains(.clerk) }) else { return nil }
        let data = try Data(contentsOf: root.appendingPathComponent(DemoCommune.sample))
        return try await office.createDraft(kind: "quyet-dinh-thanh-lap-cac-to", data: data, by: clerk.id,
                                            idempotencyKey: "demo-sample-draft").document.id
    }

    static func read(_ file: URL) -> [String: String] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [:] }
        var pairs: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2 { pairs[String(parts[0])] = String(parts[1]) }
        }
        return pairs
    }

    /// Twelve characters without look-alikes (no 0/O, 1/l/I).
    static func generatePassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<12).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
