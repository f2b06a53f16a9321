import Foundation
import PostgresNIO
@testable import Storage
import Testing
import Workflow

@Suite("PostgreSQL store: opening, migrations and what the database refuses")
struct PostgresStoreTests {
    static let hasServer = StoreBackend.available.contains(.postgres)

    @Test("several stores opening a new database at once apply each migration exactly once",
          .enabled(if: hasServer))
    func concurrentOpens() async throws {
        let address = try await TestDatabase.fresh()
        let stores = try await withThrowingTaskGroup(of: PostgresStore.self) { group in
            for _ in 0..<4 { group.addTask { try await PostgresStore.open(address) } }
            return try await group.reduce(into: [PostgresStore]()) { $0.append($1) }
        }
        let names = Migration.all.map { "\($0.id) \($0.name)" }
        for store in stores {
            #expect(try await store.appliedMigrations() == names)
        }
        let reopened = try await PostgresStore.open(address)
        #expect(try await reopened.appliedMigrations() == names)
        let tables = try await reopened.read { db in
            try await db.rows("SELECT count(*) AS n FROM schema_migrations").first?.int("n")
        }
        #expect(tables == Migration.all.count)
        for store in stores + [reopened] { await store.close() }
    }

    @Test("the same signing sent from two processes at once acts once; the copies that waited for it replay it",
          .enabled(if: hasServer))
    func retriesFromTwoProcesses() async throws {
        let h = try await StoreHarness(.postgres)
        let first = try #require(h.store as? PostgresStore)
        // Another process: a pool and a group commit of its own on the same database. Its copies wait for the
        // document's lock while the first process's transaction signs, and must then see what it committed.
        let second = try await PostgresStore.open(PostgresAddress(parsing: first.location))
        var ids: [Int64] = []
        for _ in 0..<10 { ids.append(try await h.document(in: "approved")) }
        // One document at a time, so that the copies of one process wait for the other's lock on that document
        // and on nothing else (two documents at once would make them wait for each other, a deadlock the server
        // breaks by failing one side).
        for id in ids {
            let outcomes = try await withThrowingTaskGroup(of: ChangeOutcome.self) { group in
                for store in [first, second, first, second] {
                    group.addTask {
                        try await store.act(
                            ActOnDocument(documentID: id, action: .sign, userID: StoreHarness.chairman.id,
                                          idempotencyKey: "ky-\(id)", at: h.clock.now()),
                            finisher: StubFinisher(), calendar: StoreHarness.workflows.calendar)
                    }
                }
                return try await group.reduce(into: [ChangeOutcome]()) { $0.append($1) }
            }
            #expect(outcomes.filter { !$0.replayed }.count == 1, "document \(id)")
            #expect(Set(outcomes.map(\.registered)).count == 1, "document \(id)")
        }
        #expect(try await h.store.register(communeID: "gia-cat", year: 2025).map(\.number) == Array(1...10))
        await second.close()
    }

    @Test("the store's connections compress stored values with LZ4 when the server has it, else with pglz",
          .enabled(if: hasServer))
    func compression() async throws {
        let h = try await StoreHarness(.postgres)
        let store = try #require(h.store as? PostgresStore)
        // Large and repetitive enough for PostgreSQL to compress it (values above about 2 KB).
        let text = String(repeating: "Tổ Công nghệ số cộng đồng thôn Bắc Nga. ", count: 200)
        let created = try await store.create(CreateDocument(
            userID: StoreHarness.clerk.id, kind: "quyet-dinh-thanh-lap-to", typeCode: "QĐ", title: "Nén",
            workflow: h.definition, firstVersion: StoreHarness.draft(text), at: h.clock.now()))
        let row = try await store.read { db in
            try await db.row("""
                SELECT pg_column_compression(data) AS method,
                  (SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression') AS lz4
                FROM versions WHERE document_id = \(created.document.id)
                """)
        }
        let method = try #require(try row?.optionalText("method"), "the data was stored compressed")
        #expect(method == (try row?.flag("lz4") == true ? "lz4" : "pglz"))
        #expect(try await store.currentVersion(of: created.document.id)?.data == StoreHarness.draft(text).data)
    }

    @Test("the database itself refuses to change or delete versions, audit lines, register lines and signed PDFs and ODTs",
          .enabled(if: hasServer))
    func immutableRows() async throws {
        let h = try await StoreHarness(.postgres)
        let id = try await h.document(in: "signed")
        try await h.store.finishSigning(SignedPDF(documentID: id, versionSHA256: "v", pdf: Data("%PDF".utf8), odt: Data("PK".utf8),
                                                  createdAt: "t"))
        let store = try #require(h.store as? PostgresStore)
        for statement in StoredHistoryTests.forbiddenChanges(of: id, bytes: "'\\x00'::bytea") {
            do {
                try await store.write { db in try await db.run(PostgresQuery(unsafeSQL: statement)) }
                Issue.record("the database accepted: \(statement)")
            } catch let error as StoreError {
                #expect(error.description.contains("rows never change or go"), "\(statement): \(error)")
                #expect(error.description.contains("SQLSTATE P0001"), "\(statement): \(error)")
            }
        }
        #expect(try await h.store.versions(of: id).count == 2)
        #expect(try await h.store.history(of: id).count == 4)
        await store.close()
    }

    @Test("a store error thrown in a transaction reaches the caller as it was; times are stored as Vietnam time text",
          .enabled(if: hasServer))
    func errorsAndTimes() async throws {
        let h = try await StoreHarness(.postgres)
        let store = try #require(h.store as? PostgresStore)
        await #expect(throws: StoreError.self) {
            try await store.write { _ -> Int in throw StoreError.documentNotFound(42) }
        }
        do {
            try await h.act(4_242, .submit, by: StoreHarness.clerk)
            Issue.record("acted on a missing document")
        } catch let error as StoreError {
            #expect(error.description == "Không tìm thấy văn bản số hiệu 4242.")
        }
        let created = try await h.create()
        let stored = try await store.read { db in
            try await db.row("SELECT created_at, pg_typeof(created_at)::text AS type FROM documents WHERE id = \(created.document.id)")
        }
        #expect(try stored?.text("created_at") == "2025-08-14T09:00:00+07:00")
        #expect(try stored?.text("type") == "text")
        await store.close()
    }

    @Test("a script splits at the semicolons that end statements, not those in quotes, dollar quotes or comments")
    func statementSplitting() {
        let script = """
            CREATE TABLE a (x TEXT DEFAULT 'a;b''c'); -- a comment; still one
            CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN RAISE EXCEPTION 'no; never'; END $$;
            /* block; comment */ SELECT $1::int, $tag$ x; y $tag$, "odd;name" FROM a;
            ;
            """
        #expect(SQLStatements.split(script) == [
            "CREATE TABLE a (x TEXT DEFAULT 'a;b''c')",
            "-- a comment; still one\nCREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\n  BEGIN RAISE EXCEPTION 'no; never'; END $$",
            "/* block; comment */ SELECT $1::int, $tag$ x; y $tag$, \"odd;name\" FROM a",
        ])
        let migration = Migration.all[0].postgresStatements
        #expect(migration.count == 14)
        #expect(migration.filter { $0.hasPrefix("CREATE FUNCTION vanban_refuse_change()") }.count == 1)
    }

    @Test("a URL that is not a PostgreSQL one is refused with the reason, never with its password")
    func badURLs() async throws {
        for (url, reason) in [
            ("mysql://vanban:secret@127.0.0.1/vanban", "the scheme is “mysql”"),
            ("postgres://vanban:secret@127.0.0.1:5432/", "it names no database"),
            ("postgres://127.0.0.1/vanban", "it names no user"),
            ("postgresql://vanban:secret@127.0.0.1/vanban?sslmode=require", "options after “?”"),
            ("not a url", "it is not a URL"),
        ] {
            do {
                _ = try await PostgresStore.open(url: url)
                Issue.record("opened \(url)")
            } catch let error as StoreError {
                #expect(error.description.hasPrefix("Lỗi cơ sở dữ liệu: invalid PostgreSQL URL"), "\(error)")
                #expect(error.description.contains(reason), "\(error)")
                #expect(!error.description.contains("secret"), "\(error)")
            }
        }
    }

    @Test("a server that cannot be reached is named, without the password, with the cause")
    func unreachableServer() async throws {
        // Nothing listens on port 1 of the loopback address.
        do {
            _ = try await PostgresStore.open(url: "postgresql://vanban:secret@127.0.0.1:1/vanban_test")
            Issue.record("opened a store on port 1")
        } catch let error as StoreError {
            #expect(error.description.hasPrefix("Lỗi cơ sở dữ liệu: cannot connect to postgres://vanban@127.0.0.1:1/vanban_test: "),
                    "\(error)")
            #expect(error.description.localizedCaseInsensitiveContains("refused"), "\(error)")
            #expect(!error.description.contains("secret"), "\(error)")
        }
    }

    @Test("a database that does not exist is named with the server's message", .enabled(if: hasServer))
    func missingDatabase() async throws {
        let address = try TestDatabase.server().with(database: "vanban_no_such_database")
        do {
            _ = try await PostgresStore.open(address)
            Issue.record("opened a missing database")
        } catch let error as StoreError {
            #expect(error.description.contains("cannot connect to \(address)"), "\(error)")
            #expect(error.description.contains("does not exist") && error.description.contains("SQLSTATE 3D000"), "\(error)")
        }
    }
}
