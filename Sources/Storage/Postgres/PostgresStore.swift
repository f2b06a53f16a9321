import Foundation
import PostgresNIO
import Synchronization
import VietnameseText
import Workflow

/// The server store: one PostgreSQL database that several VanBan processes share.
///
/// Every change runs in a READ COMMITTED transaction that locks what it reads before it decides: the document's row
/// (`SELECT … FOR UPDATE`) and, when the action may number the document, its register series' counter row. Signings
/// of one commune's series queue on its counter, which makes the numbers gapless. The changes of one process that
/// arrive while its last transaction runs share the next one (`GroupCommit`), so that one commit and one hold of
/// the counter lock serve several signings. A change the server gives up on (serialization failure, deadlock) or that
/// lost a race to store the same idempotency key is run again, a few times, so the caller sees the normal result or
/// the replay.
public final class PostgresStore: Store {
    let client: PostgresClient
    let logger: Logger
    let workflows = WorkflowVersions()
    /// The database, as its URL without the password.
    public let location: String
    private let running: Task<Void, Never>
    /// One write as the group commit runs it, on the batch's connection inside its transaction.
    struct Body: Sendable {
        /// The document a change concerns; nil for other writes. A change runs after the signings queued before
        /// it that concern its document or use its idempotency key are written (`PendingNumber`); another write,
        /// after all of them.
        let documentID: Int64?
        /// The change's user and idempotency key (`requestKey`), when it has one.
        let requestKey: String?
        /// What the write returns, or a `PendingNumber` when it is a signing that waits for its number.
        let run: @Sendable (PostgresSession) async throws -> any Sendable

        init(documentID: Int64? = nil, requestKey: String? = nil,
             _ run: @escaping @Sendable (PostgresSession) async throws -> any Sendable) {
            self.documentID = documentID
            self.requestKey = requestKey
            self.run = run
        }

        static func requestKey(userID: String, key: String) -> String { userID + "\u{0}" + key }

        /// Whether it must wait for `pending` to be written.
        func follows(_ pending: PendingNumber) -> Bool {
            documentID == nil || documentID == pending.documentID
                || (requestKey != nil && requestKey == pending.requestKey)
        }
    }

    /// The changes of this process that share a transaction (group commit).
    let batcher: GroupCommit<Body>
    /// How this process's signings were written (`PendingNumber`).
    let numbering: NumberingTally
    /// How this process's signings were written together, for tests.
    var numberingCounts: NumberingCounts { numbering.current }

    /// Enough for the conformance test's 8 concurrent signers and a reader besides.
    static let maximumConnections = 10
    /// How many times a change runs before a retryable failure reaches the caller.
    static let attempts = 5
    /// How many changes of this process share one transaction at most.
    static let maximumBatch = 32
    /// The advisory lock that lets one opening process at a time apply migrations.
    static let migrationLock: Int64 = 0x5661_6E42_616E_4D31  // "VanBanM1"

    private init(address: PostgresAddress, logger: Logger, maximumBatch: Int, settings: [(String, String)]) {
        let client = PostgresClient(
            configuration: address.clientConfiguration(maximumConnections: Self.maximumConnections, settings: settings),
            backgroundLogger: logger)
        self.client = client
        self.logger = logger
        let location = address.description
        self.location = location
        // Nothing is leased until run() is going; cancelling it closes the pool.
        running = Task { await client.run() }
        let numbering = NumberingTally()
        self.numbering = numbering
        batcher = GroupCommit(maximumBatch: maximumBatch) { bodies in
            try await Self.leased(client: client, logger: logger, location: location) { db in
                try await Self.together(bodies, in: db, tally: numbering)
            }
        }
    }

    deinit {
        running.cancel()
    }

    /// Connects to the database at `url` (`postgres://user[:password]@host[:port]/database`) and brings its schema up
    /// to date. The database must exist, unless `creatingDatabase` asks to create it when the server has none of
    /// that name (the user must be allowed to create databases).
    public static func open(url: String, creatingDatabase: Bool = false) async throws -> PostgresStore {
        let address = try PostgresAddress(parsing: url)
        if creatingDatabase { try await createIfMissing(address) }
        return try await open(address)
    }

    /// Creates the database `address` names, through the server's `postgres` database, unless it exists. Another
    /// process creating it at the same moment is no failure.
    static func createIfMissing(_ address: PostgresAddress) async throws {
        try await withConnection(to: address.with(database: "postgres"), logger: quietLogger) { db in
            guard try await db.row("SELECT 1 AS present FROM pg_database WHERE datname = \(address.database)") == nil else {
                return
            }
            let name = "\"" + address.database.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            do {
                try await db.run(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
            } catch where PostgresFailure.sqlState(of: error) == "42P04" {
                // Made meanwhile by another process: what was wanted.
            }
        }
    }

    /// `maximumBatch` 1 gives every change a transaction of its own (tests compare with it).
    static func open(_ address: PostgresAddress, maximumBatch: Int = maximumBatch) async throws -> PostgresStore {
        let logger = quietLogger
        let settings = try await withConnection(to: address, logger: logger) { db in
            try await migrate(db)
            return try await sessionSettings(db)
        }
        return PostgresStore(address: address, logger: logger, maximumBatch: maximumBatch, settings: settings)
    }

    /// What the pool's connections set when they start: LZ4 for the values PostgreSQL compresses, when the server
    /// has it (PostgreSQL 14 and later, built with LZ4). Each version stores a JSON file (6.5 KB, compressible) and
    /// a zip (38 KB, not); the default, pglz, took a sixth of the server's CPU time in a signing, mostly in failing
    /// to shrink the zip. The setting applies only to values these connections write, as they write them.
    static func sessionSettings(_ db: PostgresSession) async throws -> [(String, String)] {
        let lz4 = try await db.row("""
            SELECT 'lz4' = ANY(enumvals) AS present FROM pg_settings WHERE name = 'default_toast_compression'
            """)?.flag("present")
        return lz4 == true ? [("default_toast_compression", "lz4")] : []
    }

    /// Closes the pool's connections. The store must not be used afterwards.
    public func close() async {
        running.cancel()
        await running.value
    }

    /// postgres-nio logs at debug level; the store reports its failures itself.
    static var quietLogger: Logger {
        var logger = Logger(label: "vanban.postgres")
        logger.logLevel = .critical
        return logger
    }

    /// Runs `body` on a connection of its own, outside the pool; a server that cannot be reached or refuses the
    /// login is reported with the URL (without its password) and the cause.
    static func withConnection<T>(to address: PostgresAddress, logger: Logger,
                                  _ body: (PostgresSession) async throws -> T) async throws -> T {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                configuration: address.connectionConfiguration, id: 0, logger: logger)
        } catch {
            throw StoreError.database("cannot connect to \(address): \(PostgresFailure.describe(error))")
        }
        do {
            let result = try await body(PostgresSession(connection: connection, logger: logger))
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw PostgresFailure.translated(error)
        }
    }

    // MARK: Migrations

    /// Applies the migrations not yet applied, each statement on its own, all in one transaction under an advisory
    /// lock, so that processes opening the database together do not race. When everything is applied, it only reads.
    static func migrate(_ db: PostgresSession) async throws {
        let all = Set(Migration.all.map(\.id))
        if Set(try await applied(db).map(\.id)).isSuperset(of: all) { return }
        try await db.connection.withTransaction(logger: db.logger) { connection in
            let db = PostgresSession(connection: connection, logger: db.logger)
            try await db.run("SELECT pg_advisory_xact_lock(\(migrationLock))")
            try await db.run("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                  id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)
                """)
            let done = Set(try await applied(db).map(\.id))
            for migration in Migration.all where !done.contains(migration.id) {
                for statement in migration.postgresStatements {
                    try await db.run(PostgresQuery(unsafeSQL: statement))
                }
                try await db.run("""
                    INSERT INTO schema_migrations (id, name, applied_at)
                    VALUES (\(migration.id), \(migration.name), \(VietnamTime.iso8601(Date())))
                    """)
            }
        }
    }

    /// The migrations recorded in the database, oldest first; none before the first open.
    private static func applied(_ db: PostgresSession) async throws -> [(id: Int, name: String)] {
        let exists = try await db.row("SELECT to_regclass('schema_migrations') IS NOT NULL AS present")
        guard try exists?.flag("present") == true else { return [] }
        return try await db.rows("SELECT id, name FROM schema_migrations ORDER BY id").map {
            (try $0.int("id"), try $0.text("name"))
        }
    }

    /// The migrations applied to the database, oldest first, named as the SQLite store names them.
    public func appliedMigrations() async throws -> [String] {
        try await read { db in try await Self.applied(db).map { "\($0.id) \($0.name)" } }
    }

    // MARK: Transactions

    /// Runs `body` in a transaction, perhaps shared with other changes of this process, and again when the server
    /// gave up on it for a reason a new run solves; returns once it is committed. A `StoreError` thrown by `body`
    /// reaches the caller as it was; database failures become `StoreError.database`. `documentID` names the document
    /// a change concerns; a body that returns a `PendingNumber` gets the outcome of its signing.
    func write<T: Sendable>(documentID: Int64? = nil, requestKey: String? = nil,
                            _ body: @escaping @Sendable (PostgresSession) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                // The batcher hands back what `body` returned, or its signing's outcome, so the cast cannot fail.
                return try await batcher.perform(Body(documentID: documentID, requestKey: requestKey) { db in try await body(db) }) as! T
            } catch let error where attempt < Self.attempts && PostgresFailure.isRetryable(error) {
                attempt += 1
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...5) * attempt))
            } catch {
                throw PostgresFailure.translated(error)
            }
        }
    }

    /// Runs `bodies` in one transaction on `db` and returns each one's outcome, in order.
    ///
    /// Signings that wait for their numbers (`PendingNumber`) are numbered and written together at the end, or
    /// earlier when a later write concerns one of their documents or is not a document change, so that every write
    /// sees those queued before it.
    ///
    /// A body that throws (a refusal, a failed rendering, a statement the server refused) keeps nothing: the
    /// transaction is rolled back and run again without it, so the bodies before it run a second time, in a new
    /// transaction. Failures are the rare case, so this costs less than a savepoint around every body, which would be
    /// one more round trip each. When the statement that writes the signings together fails, the transaction runs
    /// again writing them one by one, to find the one that fails. Throws, and commits nothing, when BEGIN, ROLLBACK,
    /// COMMIT or a counter's lock fails.
    static func together(_ bodies: [Body], in db: PostgresSession, tally: NumberingTally? = nil) async throws
        -> [Result<any Sendable, any Error>] {
        var results = [Result<any Sendable, any Error>?](repeating: nil, count: bodies.count)
        var remaining = Array(bodies.indices)
        var writeTogether = true
        while !remaining.isEmpty {
            try await db.run("BEGIN")
            var done: [(index: Int, value: any Sendable)] = []
            var pending: [(index: Int, change: PendingNumber)] = []
            var failed: Int?
            var statementFailed = false
            /// Numbers and writes the waiting signings; false when the transaction must be rolled back.
            func flush() async throws -> Bool {
                guard !pending.isEmpty else { return true }
                switch try await number(pending, in: db, together: writeTogether, tally: tally) {
                case let .written(outcomes):
                    done += outcomes.map { ($0.index, $0.outcome as any Sendable) }
                    pending = []
                    return true
                case let .failed(index, error):
                    results[index] = .failure(error)
                    failed = index
                case let .statementFailed(error):
                    guard pending.count > 1 else {
                        results[pending[0].index] = .failure(error)
                        failed = pending[0].index
                        return false
                    }
                    statementFailed = true
                }
                return false
            }
            do {
                var going = true
                for index in remaining {
                    let body = bodies[index]
                    if pending.contains(where: { body.follows($0.change) }) {
                        going = try await flush()
                        if !going { break }
                    }
                    do {
                        let value = try await body.run(db)
                        if let change = value as? PendingNumber {
                            pending.append((index, change))
                        } else {
                            done.append((index, value))
                        }
                    } catch {
                        results[index] = .failure(error)
                        failed = index
                        going = false
                        break
                    }
                }
                if going { going = try await flush() }
                try await db.run(going ? "COMMIT" : "ROLLBACK")
            } catch {
                try? await db.run("ROLLBACK")
                throw error
            }
            if statementFailed {
                tally?.wroteOneByOne()
                writeTogether = false
                continue
            }
            guard let failed else {
                for (index, value) in done { results[index] = .success(value) }
                break
            }
            remaining.removeAll { $0 == failed }
        }
        return results.map { $0! }
    }

    /// Runs `body` on a pooled connection, each statement on its own.
    func read<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) async throws -> T) async throws -> T {
        do {
            return try await Self.leased(client: client, logger: logger, location: location, body)
        } catch {
            throw PostgresFailure.translated(error)
        }
    }

    /// How long a read or a change waits for a connection from the pool. postgres-nio's pool waits for ever while the
    /// server is gone (it keeps trying to connect), so the store bounds the wait; once leased, a statement on a dead
    /// connection fails by itself.
    static let connectionWait: Duration = .seconds(15)

    private enum Outcome<T: Sendable>: Sendable {
        case done(T)
        case waited
    }

    /// Whether the pool has handed the connection over yet.
    private final class LeaseFlag: Sendable {
        private let leased = Mutex(false)
        func set() { leased.withLock { $0 = true } }
        var isSet: Bool { leased.withLock { $0 } }
    }

    /// Runs `body` on a connection of `client`'s pool; `location` names the database when none comes in time.
    private static func leased<T: Sendable>(
        client: PostgresClient, logger: Logger, location: String,
        _ body: @escaping @Sendable (PostgresSession) async throws -> T
    ) async throws -> T {
        let lease = LeaseFlag()
        return try await withThrowingTaskGroup(of: Outcome<T>.self) { group in
            group.addTask {
                .done(try await client.withConnection { connection in
                    lease.set()
                    return try await body(PostgresSession(connection: connection, logger: logger))
                })
            }
            group.addTask {
                try await Task.sleep(for: Self.connectionWait)
                return .waited
            }
            while let outcome = try await group.next() {
                switch outcome {
                case let .done(value):
                    group.cancelAll()
                    return value
                case .waited where !lease.isSet:
                    group.cancelAll()
                    throw StoreError.database("no connection to \(location) within \(Self.connectionWait): the server "
                        + "cannot be reached, or all \(Self.maximumConnections) connections stayed busy")
                case .waited:
                    continue
                }
            }
            throw CancellationError()
        }
    }
}

// MARK: - Communes, users, workflows

extension PostgresStore {
    public func save(_ commune: CommuneRecord) async throws {
        try await write { db in
            try await db.run("""
                INSERT INTO communes (id, name, body_code, numbering, profile)
                VALUES (\(commune.id), \(commune.name), \(commune.bodyCode), \(commune.numbering.rawValue), \(commune.profile))
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, body_code = excluded.body_code,
                  numbering = excluded.numbering, profile = excluded.profile
                """)
        }
    }

    public func save(_ user: UserRecord) async throws {
        try await write { db in
            try await db.run("""
                INSERT INTO users (id, full_name, title, commune_id, roles)
                VALUES (\(user.id), \(user.fullName), \(user.title), \(user.communeID), \(RowDecoding.roles(user.roles)))
                ON CONFLICT (id) DO UPDATE SET full_name = excluded.full_name, title = excluded.title,
                  commune_id = excluded.commune_id, roles = excluded.roles
                """)
        }
    }

    public func commune(_ id: String) async throws -> CommuneRecord? {
        try await read { db in try await Self.commune(db, id) }
    }

    public func communes() async throws -> [CommuneRecord] {
        try await read { db in try await db.rows("SELECT * FROM communes ORDER BY id").map(RowDecoding.commune) }
    }

    public func user(_ id: String) async throws -> UserRecord? {
        try await read { db in try await Self.user(db, id) }
    }

    public func users(communeID: String) async throws -> [UserRecord] {
        try await read { db in
            try await db.rows("SELECT * FROM users WHERE commune_id = \(communeID) ORDER BY id").map(RowDecoding.user)
        }
    }

    /// A read answers when the version is known, so only a new version writes.
    public func register(workflow: WorkflowDefinition, source: String) async throws {
        var stored = try await read { db in try await Self.workflowHash(db, workflow) }
        if stored == nil {
            stored = try await write { db in
                // Another process may have registered it since the read; the first text stays.
                try await db.run("""
                    INSERT INTO workflow_definitions (id, version, sha256, source, registered_at)
                    VALUES (\(workflow.id), \(workflow.version), \(SHA256Hex.digest(Data(source.utf8))), \(source),
                            \(VietnamTime.iso8601(Date())))
                    ON CONFLICT (id, version) DO NOTHING
                    """)
                return try await Self.workflowHash(db, workflow)
            }
        }
        try WorkflowVersions.checkUnchanged(id: workflow.id, version: workflow.version, stored: stored, new: source)
    }

    private static func workflowHash(_ db: PostgresSession, _ workflow: WorkflowDefinition) async throws -> String? {
        try await db.row("""
            SELECT sha256 FROM workflow_definitions WHERE id = \(workflow.id) AND version = \(workflow.version)
            """)?.text("sha256")
    }

    public func workflow(id: String, version: Int) async throws -> WorkflowDefinition? {
        try await read { db in try await self.workflow(db, id: id, version: version) }
    }

    func workflow(_ db: PostgresSession, id: String, version: Int) async throws -> WorkflowDefinition? {
        try await workflows.definition(id: id, version: version) {
            try await db.row("SELECT source FROM workflow_definitions WHERE id = \(id) AND version = \(version)")?
                .text("source")
        }
    }

    static func commune(_ db: PostgresSession, _ id: String) async throws -> CommuneRecord? {
        try await db.row("SELECT * FROM communes WHERE id = \(id)").map(RowDecoding.commune)
    }

    static func user(_ db: PostgresSession, _ id: String) async throws -> UserRecord? {
        try await db.row("SELECT * FROM users WHERE id = \(id)").map(RowDecoding.user)
    }
}
