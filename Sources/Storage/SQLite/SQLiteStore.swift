import Foundation
import GRDB
import VietnameseText
import Workflow

/// The embedded store: one SQLite file in WAL mode, every commit synced to disk (synchronous = FULL).
///
/// Writes are serialised by SQLite itself (`BEGIN IMMEDIATE`), so several processes may share the file: a waiting
/// writer retries for up to 30 seconds before it gives up. Within a process, writes that arrive together share
/// one commit (`WriteBatcher`).
public struct SQLiteStore: Store {
    let writer: DatabasePool
    let batcher: GroupCommit<WriteBatcher.Body>
    let workflows = WorkflowVersions()
    /// The numbers this process's queued signings will likely get, and how often the early render was used.
    let forecast = NumberForecast()
    let earlyFinals = EarlyFinalTally()

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        do {
            let writer = try DatabasePool(path: path, configuration: configuration)
            self.writer = writer
            batcher = WriteBatcher.make(writer: writer)
            // GRDB sets NORMAL on the writer when it turns WAL on, after `prepareDatabase` has run, and NORMAL in
            // WAL mode does not sync at commit: a power cut could lose acknowledged signings. The pool keeps one
            // writer connection for its life, so setting FULL on it here holds.
            // Each write of a batch runs in its own savepoint, whose journal of changed pages SQLite keeps in memory
            // only up to 64 KiB and then in a temporary file: about seven extra file writes per signing, all under
            // the write lock. In memory they cost a copy; a batch is at most 64 writes of some tens of KB.
            try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY") }
            // Migrating takes the write lock even when there is nothing to do; most opens only read.
            let migrator = Self.migrator
            if try !writer.read({ db in try migrator.hasCompletedMigrations(db) }) {
                try migrator.migrate(writer)
            }
        } catch {
            throw StoreError.database("cannot open \(path): \(error)")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in Migration.all {
            migrator.registerMigration("\(migration.id) \(migration.name)") { db in
                try db.execute(sql: migration.sqlite)
            }
        }
        return migrator
    }

    /// The migrations applied to the file, oldest first.
    public func appliedMigrations() async throws -> [String] {
        try await writer.read { db in try Self.migrator.appliedMigrations(db) }
    }

    /// Runs `body` in a write transaction, perhaps shared with other writes (each in its own savepoint); returns
    /// once it is committed. Database failures become `StoreError.database`, other errors pass.
    /// `whenQueued` runs once the write has its place in the queue (`GroupCommit.perform`).
    func write<T: Sendable>(whenQueued: (@Sendable () -> Void)? = nil,
                            _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await Self.translatingDatabaseErrors {
            // The batcher hands back what `body` returned, so the cast cannot fail.
            try await batcher.perform(whenQueued: whenQueued) { db in try body(db) } as! T
        }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await Self.translatingDatabaseErrors { try await writer.read(body) }
    }

    private static func translatingDatabaseErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DatabaseError {
            throw StoreError.database("\(error.message ?? "\(error.resultCode)") (\(error.sql ?? "no SQL"))")
        }
    }
}

// MARK: - Communes, users, workflows

extension SQLiteStore {
    public func save(_ commune: CommuneRecord) async throws {
        try await write { db in
            try db.cachedStatement(sql: """
                INSERT INTO communes (id, name, body_code, numbering, profile) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, body_code = excluded.body_code,
                  numbering = excluded.numbering, profile = excluded.profile
                """).execute(arguments: [commune.id, commune.name, commune.bodyCode, commune.numbering.rawValue, commune.profile])
        }
    }

    public func save(_ user: UserRecord) async throws {
        try await write { db in
            try db.cachedStatement(sql: """
                INSERT INTO users (id, full_name, title, commune_id, roles) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET full_name = excluded.full_name, title = excluded.title,
                  commune_id = excluded.commune_id, roles = excluded.roles
                """).execute(arguments: [user.id, user.fullName, user.title, user.communeID, RowDecoding.roles(user.roles)])
        }
    }

    public func commune(_ id: String) async throws -> CommuneRecord? {
        try await read { db in try Self.commune(db, id) }
    }

    public func communes() async throws -> [CommuneRecord] {
        try await read { db in try db.cachedStatement(sql: "SELECT * FROM communes ORDER BY id")
            .all(StatementArguments(), RowDecoding.commune) }
    }

    public func user(_ id: String) async throws -> UserRecord? {
        try await read { db in try Self.user(db, id) }
    }

    public func users(communeID: String) async throws -> [UserRecord] {
        try await read { db in
            try db.cachedStatement(sql: "SELECT * FROM users WHERE commune_id = ? ORDER BY id")
                .all([communeID], RowDecoding.user)
        }
    }

    /// Every command opens the store and registers the workflows: a read answers when the version is known, so
    /// only a new version takes the write lock.
    public func register(workflow: WorkflowDefinition, source: String) async throws {
        let query = "SELECT sha256 FROM workflow_definitions WHERE id = ? AND version = ?"
        let arguments: StatementArguments = [workflow.id, workflow.version]
        var stored = try await read { db in try String.fetchOne(db, sql: query, arguments: arguments) }
        if stored == nil {
            stored = try await write { db in
                // Another process may have registered it since the read; the first text stays.
                try db.cachedStatement(sql: """
                    INSERT INTO workflow_definitions (id, version, sha256, source, registered_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (id, version) DO NOTHING
                    """).execute(arguments: [workflow.id, workflow.version, SHA256Hex.digest(Data(source.utf8)), source,
                                     VietnamTime.iso8601(Date())])
                return try String.fetchOne(db, sql: query, arguments: arguments)
            }
        }
        try WorkflowVersions.checkUnchanged(id: workflow.id, version: workflow.version, stored: stored, new: source)
    }

    public func workflow(id: String, version: Int) async throws -> WorkflowDefinition? {
        try await read { db in try self.workflow(db, id: id, version: version) }
    }

    func workflow(_ db: Database, id: String, version: Int) throws -> WorkflowDefinition? {
        try workflows.definition(id: id, version: version) {
            try String.fetchOne(db.cachedStatement(sql: "SELECT source FROM workflow_definitions WHERE id = ? AND version = ?"),
                                arguments: [id, version])
        }
    }

    static func commune(_ db: Database, _ id: String) throws -> CommuneRecord? {
        try db.cachedStatement(sql: "SELECT * FROM communes WHERE id = ?").one([id], RowDecoding.commune)
    }

    static func user(_ db: Database, _ id: String) throws -> UserRecord? {
        try db.cachedStatement(sql: "SELECT * FROM users WHERE id = ?").one([id], RowDecoding.user)
    }
}
