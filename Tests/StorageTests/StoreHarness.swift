import Foundation
import PostgresNIO
import Synchronization
@testable import Storage
import TestSupport
import VietnameseText
import Workflow

/// A store of one backend with a commune, its users and the shipped workflows, for the conformance tests.
struct StoreHarness {
    let store: any Store
    let definition: WorkflowDefinition
    let clock = TestClock(start: "2025-08-14T09:00:00+07:00")

    static let commune = CommuneRecord(id: "gia-cat", name: "Gia Cát", profile: Data(#"{"ten":"Gia Cát"}"#.utf8))
    static let otherCommune = CommuneRecord(id: "yen-hoa", name: "Yên Hòa", numbering: .perType, profile: Data("{}".utf8))
    static let clerk = UserRecord(id: "lan", fullName: "Nguyễn Thị Lan", title: "Công chức Văn hóa - Xã hội",
                                  communeID: "gia-cat", roles: [.clerk])
    static let chairman = UserRecord(id: "hung", fullName: "Hoàng Văn Hùng", title: "Chủ tịch", communeID: "gia-cat",
                                     roles: [.approver])
    static let viceChairman = UserRecord(id: "son", fullName: "Đặng Đức Sơn", title: "Phó Chủ tịch", communeID: "gia-cat",
                                         roles: [.approver])
    static let archivist = UserRecord(id: "mai", fullName: "Lý Thị Mai", title: "Văn thư", communeID: "gia-cat",
                                      roles: [.archivist])
    static let stranger = UserRecord(id: "tuan", fullName: "Trần Văn Tuấn", title: "Chủ tịch", communeID: "yen-hoa",
                                     roles: [.clerk, .approver, .archivist])
    static let everyone = [clerk, chairman, viceChairman, archivist, stranger]

    static let workflows = try! WorkflowCatalog.load(directory: repositoryRoot.appendingPathComponent("workflows"))

    init(_ backend: StoreBackend) async throws {
        store = try await backend.makeStore()
        definition = Self.workflows.definitions["quyet-dinh-thanh-lap"]!
        try await store.save(Self.commune)
        try await store.save(Self.otherCommune)
        for user in Self.everyone { try await store.save(user) }
        try await store.register(workflow: definition, source: Self.workflows.sources[definition.id]!)
    }

    static func draft(_ text: String = "Dự thảo 1") -> NewVersion {
        NewVersion(format: "odt", data: Data(#"{"noi_dung":"\#(text)"}"#.utf8), bytes: Data(text.utf8))
    }

    func create(by user: UserRecord = clerk, key: String? = nil, title: String = "Thành lập Tổ CNSCĐ thôn Bắc Nga")
        async throws -> ChangeOutcome {
        try await store.create(CreateDocument(
            userID: user.id, kind: "quyet-dinh-thanh-lap-to", typeCode: "QĐ", title: title, workflow: definition,
            firstVersion: Self.draft(), idempotencyKey: key, at: clock.now()))
    }

    @discardableResult
    func act(_ id: Int64, _ action: WorkflowAction, by user: UserRecord, comment: String = "", revision: Int? = nil,
             key: String? = nil, finisher: any DocumentFinisher = StubFinisher()) async throws -> ChangeOutcome {
        try await store.act(
            ActOnDocument(documentID: id, action: action, userID: user.id, comment: comment, expectedRevision: revision,
                          idempotencyKey: key, at: clock.now()),
            finisher: finisher, calendar: Self.workflows.calendar)
    }

    /// A new document moved to `state` along the usual path.
    func document(in state: String) async throws -> Int64 {
        let id = try await create().document.id
        let path: [(String, WorkflowAction, UserRecord, String)] = [
            ("commune_review", .submit, Self.clerk, ""), ("approved", .approve, Self.chairman, ""),
            ("signed", .sign, Self.chairman, ""), ("archived", .archive, Self.archivist, ""),
        ]
        if state == "withdrawn" {
            try await act(id, .withdraw, by: Self.clerk, comment: "Không cần nữa")
            return id
        }
        for (reached, action, user, comment) in path where state != "draft" {
            try await act(id, action, by: user, comment: comment)
            if reached == state { break }
        }
        return id
    }
}

/// A finisher that writes the number into the data instead of rendering a template: the seam's test double.
struct StubFinisher: DocumentFinisher {
    var problems: [String] = []
    var fails = false
    /// Gives the final version a format with a NUL character, which PostgreSQL refuses to store (SQLite keeps it).
    var poisonsFormat = false
    /// Counts the versions prepared, to show where a store does the document work.
    var prepared: PreparedCount? = nil
    /// When set, versions can be finished before their number (`finalAwaitingNumber`), and this counts how finals
    /// were made: filled in, or rendered with their number.
    var finals: FinalCount? = nil

    final class FinalCount: @unchecked Sendable {
        private let lock = NSLock()
        private var counts = (filled: 0, rendered: 0)
        func add(filled: Bool) { lock.withLock { if filled { counts.filled += 1 } else { counts.rendered += 1 } } }
        var filled: Int { lock.withLock { counts.filled } }
        var rendered: Int { lock.withLock { counts.rendered } }
    }

    struct Awaiting: FinalAwaitingNumber {
        let prepared: Prepared
        let issue: @Sendable (Int) -> Storage.Issue
        func final(number: Int) throws -> FinalDocument {
            prepared.finals?.add(filled: true)
            return try prepared.make(issue(number))
        }
    }

    struct Failure: Error, CustomStringConvertible { var description: String { "mẫu bị hỏng" } }

    final class PreparedCount: @unchecked Sendable {
        private let lock = NSLock()
        private var shas: [String] = []
        func add(_ sha: String) { lock.withLock { shas.append(sha) } }
        var all: [String] { lock.withLock { shas } }
    }

    struct Prepared: PreparedVersion {
        let document: DocumentRecord
        let version: VersionRecord
        let problems: [String]
        let fails: Bool
        let poisonsFormat: Bool
        var versionSHA256: String { version.sha256 }

        var finals: FinalCount? = nil

        func final(issue: Issue) throws -> FinalDocument {
            finals?.add(filled: false)
            return try make(issue)
        }

        func finalAwaitingNumber(_ issue: @escaping @Sendable (Int) -> Storage.Issue) -> (any FinalAwaitingNumber)? {
            finals == nil ? nil : Awaiting(prepared: self, issue: issue)
        }

        func make(_ issue: Issue) throws -> FinalDocument {
            if fails { throw Failure() }
            let text = "\(String(decoding: version.bytes, as: UTF8.self)) | Số: \(issue.notation) | \(issue.date.long) | \(issue.signer.fullName)"
            return FinalDocument(
                version: NewVersion(format: version.format + (poisonsFormat ? "\u{0}" : ""), data: version.data,
                                    bytes: Data(text.utf8)),
                details: RegisterDetails(typeName: "Quyết định", subject: document.title, signer: issue.signer.fullName,
                                         recipients: ["Như Điều 3", "Lưu: VT"], fileUnit: "VT"))
        }
    }

    func prepare(_ document: DocumentRecord, version: VersionRecord) -> any PreparedVersion {
        prepared?.add(version.sha256)
        return Prepared(document: document, version: version, problems: problems, fails: fails, poisonsFormat: poisonsFormat,
                        finals: finals)
    }
}

/// A clock the tests move by hand, so that dates, years and due days are known.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(start: String) {
        current = ISO8601DateFormatter().date(from: start)!
    }

    func now() -> Date { lock.withLock { current } }

    func set(_ iso: String) { lock.withLock { current = ISO8601DateFormatter().date(from: iso)! } }
}

/// The backends the conformance suite runs against: SQLite always, PostgreSQL when a database is given.
///
/// PostgreSQL runs when `VANBAN_TEST_DATABASE_URL` names a database of a server the tests may create databases on
/// (`scripts/postgres.sh start` prints one). Without it the PostgreSQL cases are left out with a note on stderr, except
/// in CI (`CI=true`), where they stay and fail, so that CI never passes without them.
enum StoreBackend: String, CustomStringConvertible, CaseIterable, Sendable {
    case sqlite
    case postgres

    var description: String { rawValue }

    static let databaseURL: String? = ProcessInfo.processInfo.environment["VANBAN_TEST_DATABASE_URL"]
        .flatMap { $0.isEmpty ? nil : $0 }

    static let available: [StoreBackend] = {
        if databaseURL != nil || ProcessInfo.processInfo.environment["CI"] == "true" { return [.sqlite, .postgres] }
        FileHandle.standardError.write(Data(
            "PostgreSQL conformance tests skipped: VANBAN_TEST_DATABASE_URL is not set (scripts/postgres.sh start prints one)\n".utf8))
        return [.sqlite]
    }()

    func makeStore() async throws -> any Store {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-store-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return try SQLiteStore(path: folder.appendingPathComponent("vanban.sqlite").path)
        case .postgres:
            return try await PostgresStore.open(TestDatabase.fresh())
        }
    }
}

/// Databases of their own for the PostgreSQL tests, made on the server `VANBAN_TEST_DATABASE_URL` names.
enum TestDatabase {
    struct NotConfigured: Error, CustomStringConvertible {
        var description: String {
            "CI=true but VANBAN_TEST_DATABASE_URL is not set: the PostgreSQL conformance tests cannot run. "
                + "scripts/test.sh starts a private cluster (scripts/postgres.sh start) and sets it."
        }
    }

    /// The server and user of `VANBAN_TEST_DATABASE_URL`.
    static func server() throws -> PostgresAddress {
        guard let url = StoreBackend.databaseURL else { throw NotConfigured() }
        return try PostgresAddress(parsing: url)
    }

    /// A new, empty database `vanban_t_<seconds since 1970>_<random>`. The first one a test process makes also drops
    /// the test databases more than an hour old, which earlier runs left behind.
    static func fresh() async throws -> PostgresAddress {
        let server = try server()
        let now = Int(Date().timeIntervalSince1970)
        let name = "vanban_t_\(now)_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        try await PostgresStore.withConnection(to: server, logger: PostgresStore.quietLogger) { db in
            if sweep.withLock({ pending in defer { pending = false }; return pending }) {
                for row in try await db.rows("SELECT datname FROM pg_database WHERE datname LIKE 'vanban\\_t\\_%'") {
                    let old = try row.text("datname"), parts = old.split(separator: "_")
                    guard parts.count == 4, let made = Int(parts[2]), made < now - 3_600 else { continue }
                    try await db.run(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(old) WITH (FORCE)"))
                }
            }
            try await db.run(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        return server.with(database: name)
    }

    private static let sweep = Mutex(true)
}
