import Foundation
import GRDB
@testable import Storage
import Testing
import Workflow

@Suite("Store: what is stored stays as it was")
struct StoredHistoryTests {
    @Test("the database itself refuses to change or delete versions, audit lines, register lines and signed PDFs and ODTs")
    func immutableRowsInSQLite() async throws {
        let h = try await StoreHarness(.sqlite)
        let id = try await h.document(in: "signed")
        try await h.store.finishSigning(SignedPDF(documentID: id, versionSHA256: "v", pdf: Data("%PDF".utf8), odt: Data("PK".utf8),
                                                  createdAt: "t"))
        let store = try #require(h.store as? SQLiteStore)
        for statement in Self.forbiddenChanges(of: id, bytes: "x'00'") {
            await #expect(throws: DatabaseError.self, "\(statement)") {
                try await store.writer.write { db in try db.execute(sql: statement) }
            }
        }
        #expect(try await h.store.versions(of: id).count == 2)
        #expect(try await h.store.history(of: id).count == 4)
    }

    /// Statements that change or delete a signed document's versions, audit lines and register lines; `bytes` is a
    /// byte string literal in the dialect.
    static func forbiddenChanges(of id: Int64, bytes: String) -> [String] {
        [
            "UPDATE versions SET bytes = \(bytes) WHERE document_id = \(id)",
            "DELETE FROM versions WHERE document_id = \(id)",
            "UPDATE audit_log SET comment = 'x' WHERE document_id = \(id)",
            "DELETE FROM audit_log WHERE document_id = \(id)",
            "UPDATE register SET number = 7",
            "DELETE FROM register",
            "UPDATE signed_pdfs SET pdf = \(bytes) WHERE document_id = \(id)",
            "DELETE FROM signed_pdfs WHERE document_id = \(id)",
            "UPDATE signed_odts SET odt = \(bytes) WHERE document_id = \(id)",
            "DELETE FROM signed_odts WHERE document_id = \(id)",
        ]
    }

    @Test("migrations run once, on start, in order")
    func migrations() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-mig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("a.sqlite").path
        let first = try SQLiteStore(path: path)
        let names = Migration.all.map { "\($0.id) \($0.name)" }
        #expect(try await first.appliedMigrations() == names)
        let reopened = try SQLiteStore(path: path)
        #expect(try await reopened.appliedMigrations() == names)
        let mode = try await reopened.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        // On the writer: only its commits need syncing, and GRDB resets it when it turns WAL on.
        let synchronous = try await reopened.writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(mode == "wal" && synchronous == 2)
    }

    @Test("under the lock, who wrote the drafts is read from an index, not from the version rows and their bytes")
    func authorsFromTheIndex() async throws {
        let h = try await StoreHarness(.sqlite)
        let store = try #require(h.store as? SQLiteStore)
        let plan = try await store.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT DISTINCT author_id FROM versions WHERE document_id = ? AND final = 0",
                             arguments: [1]).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("USING COVERING INDEX versions_authors") }, "\(plan)")
    }

    @Test("a document keeps the workflow version it started with; a changed text needs a new version",
          arguments: StoreBackend.available)
    func workflowVersions(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        let old = try await h.create().document.id
        let source = StoreHarness.workflows.sources["quyet-dinh-thanh-lap"]!
        let stricter = source.replacingOccurrences(of: "due_working_days: 3", with: "due_working_days: 1")
        do {
            try await h.store.register(workflow: h.definition, source: stricter)
            Issue.record("a changed definition kept its version")
        } catch let error as StoreError {
            #expect(error.description.hasPrefix("Workflow 'quyet-dinh-thanh-lap' version 1 changed but kept its version number"))
        }
        let bumped = stricter.replacingOccurrences(of: "version: 1", with: "version: 2")
        let second = try WorkflowDefinition.load(yaml: bumped, file: "quyet-dinh-thanh-lap.yaml")
        try await h.store.register(workflow: second, source: bumped)
        try await h.store.register(workflow: h.definition, source: source)
        let new = try await h.store.create(CreateDocument(
            userID: "lan", kind: "quyet-dinh-thanh-lap-to", typeCode: "QĐ", title: "Mới", workflow: second,
            firstVersion: StoreHarness.draft(), at: h.clock.now()))
        #expect(new.document.workflowVersion == 2)
        #expect(try await h.act(old, .submit, by: StoreHarness.clerk).document.dueOn?.iso == "2025-08-19")
        #expect(try await h.act(new.document.id, .submit, by: StoreHarness.clerk).document.dueOn?.iso == "2025-08-15")
    }
}
