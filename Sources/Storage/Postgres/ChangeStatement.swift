import Foundation
import PostgresNIO

/// One statement that writes a whole change: a head that inserts or updates the document and returns its row
/// (`changed`), then data-modifying parts that write only when the head returned that row. The statement returns
/// the head's rows: none when a compare-and-set update did not match, and then nothing else was written.
///
/// A change is one round trip this way. That matters because a signing holds its series' counter lock until it
/// commits, so every trip to the server is time other signings of the series wait.
struct ChangeStatement {
    private var sql: String
    private var binds: PostgresBindings

    /// `head` is an `INSERT` or `UPDATE` on documents `RETURNING *`.
    init(head: PostgresQuery) {
        sql = "WITH changed AS (" + head.sql + ")"
        binds = head.binds
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql + " SELECT * FROM changed", binds: binds) }

    /// A new version of the changed document, numbered after its last one.
    mutating func addVersion(_ version: NewVersion, isFinal: Bool, authorID: String, at: String) throws {
        let values = [bind(version.format), try bind(version.data), try bind(version.bytes), bind(version.sha256),
                      bind(authorID), bind(at), bind(isFinal)]
        sql += """
            , new_version AS (INSERT INTO versions (document_id, seq, format, data, bytes, sha256, author_id,
              created_at, final) SELECT changed.id,
              (SELECT COALESCE(MAX(seq), 0) + 1 FROM versions WHERE versions.document_id = changed.id),
              \(values.joined(separator: ", ")) FROM changed)
            """
    }

    /// The audit line of the change, written against the changed document (`entry.documentID` is not read).
    mutating func addAudit(_ entry: AuditEntry) {
        let values = [bind(entry.revision), bind(entry.at), bind(entry.userID), bind(entry.userName),
                      bind(entry.role.rawValue), bind(entry.action), bind(entry.fromState), bind(entry.toState),
                      bind(entry.comment), bind(entry.versionSHA256)]
        sql += """
            , audit AS (INSERT INTO audit_log (document_id, revision, at, user_id, user_name, role, action, from_state,
              to_state, comment, version_sha256) SELECT changed.id, \(values.joined(separator: ", ")) FROM changed)
            """
    }

    /// The number taken, in its series' counter, and the register line.
    mutating func addRegister(_ line: RegisterEntry) throws {
        let key = [bind(line.communeID), bind(line.series), bind(line.year), bind(line.number)].joined(separator: ", ")
        let rest = [bind(line.notation), bind(line.issuedOn)].joined(separator: ", ")
        let details = bind(try RowDecoding.detailsJSON(line.details))
        sql += """
            , counter AS (INSERT INTO number_counters (commune_id, series, year, last_number) SELECT \(key) FROM changed
              ON CONFLICT (commune_id, series, year) DO UPDATE SET last_number = excluded.last_number)
            , line AS (INSERT INTO register (commune_id, series, year, number, notation, issued_on, document_id, details)
              SELECT \(key), \(rest), changed.id, \(details) FROM changed)
            """
    }

    /// The job that makes the signed PDF once the change is committed.
    mutating func addSigningJob(_ job: SigningJob) {
        let values = [bind(job.versionSHA256), bind(job.signedAt), bind(job.signerID), bind(job.notBefore)]
        sql += """
            , signing AS (INSERT INTO signing_jobs (document_id, version_sha256, signed_at, signer_id, not_before)
              SELECT changed.id, \(values.joined(separator: ", ")) FROM changed)
            """
    }

    /// The idempotency key of the request, when it has one.
    mutating func addKey(_ key: String?, userID: String, action: String, revision: Int) {
        guard let key else { return }
        let values = [bind(userID), bind(key)].joined(separator: ", ")
        let rest = [bind(action), bind(revision)].joined(separator: ", ")
        sql += """
            , remembered AS (INSERT INTO idempotency_keys (user_id, key, document_id, action, revision)
              SELECT \(values), changed.id, \(rest) FROM changed)
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
