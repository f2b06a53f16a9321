import Foundation
import PostgresNIO

/// What a change reads about its document, in one statement that locks the document's row: the document, the acting
/// user, the document's commune, its latest version's id, its draft authors, its last audit line and the stored
/// idempotency key of the request. One round trip instead of seven: every change runs it.
struct LockedFacts {
    /// Nil when there is no such document.
    let document: DocumentRecord?
    let actor: UserRecord?
    let commune: CommuneRecord?
    let latestVersionID: Int64?
    let authors: Set<String>
    let lastChange: AuditEntry?
    let storedKey: StoredKey?

    /// `key` is nil when the request has none.
    ///
    /// A row lock that waits for another transaction gives the row as that one left it, but the rest of the
    /// statement reads what was committed when the statement began. So when the document changed meanwhile (its
    /// revision differs from the one read without the lock), the statement runs again, now holding the lock; the
    /// other rows of the document change only with its revision.
    static func read(_ db: PostgresSession, documentID: Int64, userID: String, key: String?) async throws -> LockedFacts {
        while true {
            let facts = try await readOnce(db, documentID: documentID, userID: userID, key: key)
            if facts.isConsistent { return facts }
        }
    }

    /// The document's revision as the statement's snapshot saw it, without the lock.
    private let snapshotRevision: Int?

    private var isConsistent: Bool { document == nil || document?.revision == snapshotRevision }

    private static func readOnce(_ db: PostgresSession, documentID: Int64, userID: String,
                                 key: String?) async throws -> LockedFacts {
        let row = try await db.rows(Statement(documentID: documentID, userID: userID, key: key)).first!
        return LockedFacts(
            document: try row.optionalInteger("d_id") == nil
                ? nil : try RowDecoding.document(PrefixedColumns(row: row, prefix: "d_")),
            actor: try row.optionalText("u_id") == nil ? nil : try RowDecoding.user(PrefixedColumns(row: row, prefix: "u_")),
            commune: try row.optionalText("c_id") == nil
                ? nil : try RowDecoding.commune(PrefixedColumns(row: row, prefix: "c_")),
            latestVersionID: try row.optionalInteger("latest_version_id"),
            authors: Set(try row["authors"].decode([String].self)),
            lastChange: try row.optionalInteger("document_id") == nil ? nil : try RowDecoding.audit(row),
            storedKey: try row.optionalInteger("k_document_id") == nil ? nil : try StoredKey(row),
            snapshotRevision: try row.optionalInteger("snapshot_revision").map(Int.init))
    }

    /// The statement, prepared once per connection: it runs once per change, and parsing and planning it anew each
    /// time was the top of the server's profile under concurrent signings. (It reads `a.*`: a migration that changes
    /// `audit_log` needs the processes restarted, as every migration does.)
    struct Statement: PostgresPreparedStatement {
        static let sql = """
            WITH d AS (SELECT * FROM documents WHERE id = $1 FOR UPDATE)
            SELECT \(documentColumns), \(userColumns), \(communeColumns),
              (SELECT revision FROM documents WHERE id = $1) AS snapshot_revision,
              (SELECT id FROM versions WHERE document_id = $1 ORDER BY seq DESC LIMIT 1) AS latest_version_id,
              ARRAY(SELECT DISTINCT author_id FROM versions WHERE document_id = $1 AND NOT final) AS authors,
              k.document_id AS k_document_id, k.action AS k_action, k.revision AS k_revision,
              a.*
            FROM (SELECT 1) AS one
              LEFT JOIN d ON true
              LEFT JOIN users u ON u.id = $2
              LEFT JOIN communes c ON c.id = d.commune_id
              LEFT JOIN idempotency_keys k ON k.user_id = $2 AND k.key = $3
              LEFT JOIN LATERAL (SELECT * FROM audit_log WHERE document_id = $1 ORDER BY revision DESC LIMIT 1) a ON true
            """

        /// Fixed when the statement is prepared, whatever the first execution binds (a missing key is NULL).
        static let bindingDataTypes: [PostgresDataType] = [.int8, .text, .text]

        let documentID: Int64
        let userID: String
        let key: String?

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 3)
            bindings.append(documentID)
            bindings.append(userID)
            bindings.append(key)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> PostgresRandomAccessRow { row.makeRandomAccess() }
    }

    static let userColumns = prefixed("u", ["id", "full_name", "title", "commune_id", "roles"])
    static let communeColumns = prefixed("c", ["id", "name", "body_code", "numbering", "profile"])
    /// A document's columns as `d_…`, for statements that read a document with other rows.
    static let documentColumns = prefixed("d", [
        "id", "commune_id", "kind", "type_code", "title", "workflow_id", "workflow_version", "state", "revision",
        "author_id", "created_at", "updated_at", "due_on", "replaces_id",
    ])

    /// `t.a AS t_a, t.b AS t_b`: the columns of the table aliased `table`, named so that they do not clash.
    private static func prefixed(_ table: String, _ columns: [String]) -> String {
        columns.map { "\(table).\($0) AS \(table)_\($0)" }.joined(separator: ", ")
    }
}

/// A register series' counter row: one per commune, series and year.
struct CounterKey: Hashable, Comparable, Sendable {
    let communeID: String
    let series: String
    let year: Int

    /// The order transactions lock counter rows in, so that two that lock the same rows do not deadlock.
    static func < (a: CounterKey, b: CounterKey) -> Bool {
        (a.communeID, a.series, a.year) < (b.communeID, b.series, b.year)
    }
}

/// An idempotency key as stored: the document, action and revision of the request that first used it.
struct StoredKey {
    let documentID: Int64
    let action: String
    let revision: Int

    /// From the columns `k_document_id`, `k_action`, `k_revision`.
    init(_ row: PostgresRandomAccessRow) throws {
        documentID = try row.integer("k_document_id")
        action = try row.text("k_action")
        revision = try row.int("k_revision")
    }
}

/// A row's columns named `prefix` + name, read as the records' own names.
struct PrefixedColumns: RecordColumns {
    let row: PostgresRandomAccessRow
    let prefix: String

    func text(_ column: String) throws -> String { try row.text(prefix + column) }
    func optionalText(_ column: String) throws -> String? { try row.optionalText(prefix + column) }
    func integer(_ column: String) throws -> Int64 { try row.integer(prefix + column) }
    func optionalInteger(_ column: String) throws -> Int64? { try row.optionalInteger(prefix + column) }
    func bytes(_ column: String) throws -> Data { try row.bytes(prefix + column) }
    func optionalBytes(_ column: String) throws -> Data? { try row.optionalBytes(prefix + column) }
    func flag(_ column: String) throws -> Bool { try row.flag(prefix + column) }
}
