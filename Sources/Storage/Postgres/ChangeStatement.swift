import Foundation
import PostgresNIO

/// One statement that writes whole changes: for each, a head that inserts or updates the document and returns its
/// row, then data-modifying parts that write only when the head returned that row. The statement returns the heads'
/// rows: fewer than the changes when a compare-and-set update did not match, and then that change wrote nothing else.
///
/// A change is one round trip this way, and the signings of a transaction that wait for their numbers are one round
/// trip together. That matters because signings hold their series' counter lock from the moment they take their
/// numbers until they commit, so every trip to the server then is time other signings of the series wait.
struct ChangeStatement {
    private var sql = "WITH "
    private var binds = PostgresBindings()
    /// The name of each change's head, in order.
    private var heads: [String] = []

    /// An empty statement; `addUpdate` starts each change.
    init() {}

    /// One change whose `head` is an `INSERT` or `UPDATE` on documents `RETURNING *`, with its own binds.
    init(head: PostgresQuery) {
        sql += "c0 AS (" + head.sql + ")"
        binds = head.binds
        heads = ["c0"]
    }

    /// How many changes it writes.
    var changes: Int { heads.count }

    var query: PostgresQuery {
        PostgresQuery(unsafeSQL: sql + " " + heads.map { "SELECT * FROM \($0)" }.joined(separator: " UNION ALL "),
                      binds: binds)
    }

    /// The head that starts a change of an existing document: moves it to `document`'s state and revision if it is
    /// still at the revision before.
    mutating func addUpdate(of document: DocumentRecord) {
        let values = [bind(document.state), bind(document.revision), bind(document.updatedAt), bind(document.dueOn?.iso),
                      bind(document.id), bind(document.revision - 1)]
        let head = "c\(heads.count)"
        sql += (heads.isEmpty ? "" : ", ") + """
            \(head) AS (UPDATE documents SET state = \(values[0]), revision = \(values[1]), updated_at = \(values[2]),
              due_on = \(values[3]) WHERE id = \(values[4]) AND revision = \(values[5]) RETURNING *)
            """
        heads.append(head)
    }

    /// The head of the change the next parts belong to.
    private var head: String { heads.last! }

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

    /// The register line. The series' counter is written apart (`setCounter`): a statement may write a row once.
    mutating func addRegister(_ line: RegisterEntry) throws {
        let values = [bind(line.communeID), bind(line.series), bind(line.year), bind(line.number), bind(line.notation),
                      bind(line.issuedOn)]
        let details = bind(try RowDecoding.detailsJSON(line.details))
        sql += """
            , \(head)_line AS (INSERT INTO register (commune_id, series, year, number, notation, issued_on, document_id,
              details) SELECT \(values.joined(separator: ", ")), \(head).id, \(details) FROM \(head))
            """
    }

    /// The last number taken in a series, which the transaction has locked.
    mutating func setCounter(_ key: CounterKey, lastNumber: Int) {
        let values = [bind(lastNumber), bind(key.communeID), bind(key.series), bind(key.year)]
        sql += """
            , counter\(values[0].dropFirst()) AS (UPDATE number_counters SET last_number = \(values[0])
              WHERE commune_id = \(values[1]) AND series = \(values[2]) AND year = \(values[3]))
            """
    }

    /// The job that makes the signed PDF once the change is committed.
    mutating func addSigningJob(_ job: SigningJob) {
        let values = [bind(job.versionSHA256), bind(job.signedAt), bind(job.signerID), bind(job.notBefore)]
        sql += """
            , \(head)_signing AS (INSERT INTO signing_jobs (document_id, version_sha256, signed_at, signer_id,
              not_before) SELECT \(head).id, \(values.joined(separator: ", ")) FROM \(head))
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
