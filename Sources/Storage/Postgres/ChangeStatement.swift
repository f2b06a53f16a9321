import Foundation
import PostgresNIO

/// One statement that writes a document's creation: a head that inserts the document and returns its row, then
/// data-modifying parts that write against it (its first version, audit line and idempotency key). One round trip,
/// and the parts need the id only the head knows. Changes to existing documents are written by `PlanWrites`.
struct ChangeStatement {
    private var sql: String
    private var binds: PostgresBindings
    private let head = "c0"

    /// `head` is an `INSERT` on documents `RETURNING *`, with its own binds.
    init(head: PostgresQuery) {
        sql = "WITH c0 AS (" + head.sql + ")"
        binds = head.binds
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql + " SELECT * FROM c0", binds: binds) }

    /// A new version of the changed document, numbered after its last one.
    mutating func addVersion(_ version: NewVersion, isFinal: Bool, authorID: String, at: String) throws {
        let values = [bind(version.format), try bind(version.data), try bind(version.bytes), bind(version.sha256),
                      bind(authorID), bind(at), bind(isFinal)]
        sql += """
            , \(head)_version AS (INSERT INTO versions (document_id, seq, format, data, bytes, sha256, author_id,
              created_at, final) SELECT \(head).id,
              (SELECT COALESCE(MAX(seq), 0) + 1 FROM versions WHERE versions.document_id = \(head).id),
              \(values.joined(separator: ", ")) FROM \(head))
            """
    }

    /// The audit line of the change, written against the changed document (`entry.documentID` is not read).
    mutating func addAudit(_ entry: AuditEntry) {
        let values = [bind(entry.revision), bind(entry.at), bind(entry.userID), bind(entry.userName),
                      bind(entry.role.rawValue), bind(entry.action), bind(entry.fromState), bind(entry.toState),
                      bind(entry.comment), bind(entry.versionSHA256)]
        sql += """
            , \(head)_audit AS (INSERT INTO audit_log (document_id, revision, at, user_id, user_name, role, action,
              from_state, to_state, comment, version_sha256) SELECT \(head).id, \(values.joined(separator: ", "))
              FROM \(head))
            """
    }

    /// The idempotency key of the request, when it has one.
    mutating func addKey(_ key: String?, userID: String, action: String, revision: Int) {
        guard let key else { return }
        let values = [bind(userID), bind(key)].joined(separator: ", ")
        let rest = [bind(action), bind(revision)].joined(separator: ", ")
        sql += """
            , \(head)_key AS (INSERT INTO idempotency_keys (user_id, key, document_id, action, revision)
              SELECT \(values), \(head).id, \(rest) FROM \(head))
            """
    }

    private mutating func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    private mutating func bind(_ value: String?) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    private mutating func bind(_ value: some PostgresThrowingDynamicTypeEncodable) throws -> String {
        try binds.append(value)
        return "$\(binds.count)"
    }
}
