import Foundation
import PostgresNIO

/// The rows of any number of changes to existing documents, with the last numbers of the series they were numbered
/// in, written by one statement prepared once per connection.
///
/// Each change is one element of every array: its document's compare-and-set update (to the new revision, from the
/// one before), its new version, audit line, register line, signing job and idempotency key. A part a change does
/// not write is an empty text in the column that names it (`format`, `notation`, `job_version_sha256`) or false
/// (`has_key`). A change whose document is no longer at the revision before writes nothing, and the statement
/// returns only the ids of the documents it changed.
///
/// Why one prepared statement: under concurrent signings the series' counter lock is held while the waiting
/// signings are written, and a statement built for their number (a part per row) was parsed and planned anew every
/// time, a few milliseconds of the lock's hold. This one has the same text whatever the number of changes.
struct PlanWrites: PostgresPreparedStatement {
    static let sql = """
        WITH input AS (
          SELECT * FROM unnest(
            $1::int8[], $2::text[], $3::int8[], $4::text[], $5::text[], $6::text[], $7::bytea[], $8::bytea[],
            $9::text[], $10::bool[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[],
            $17::text[], $18::text[], $19::text[], $20::int8[], $21::text[], $22::text[], $23::int8[], $24::int8[],
            $25::text[], $26::text[], $27::text[], $28::text[], $29::text[], $30::text[], $31::text[], $32::text[],
            $33::bool[], $34::text[], $35::int8[])
          AS i(document_id, state, revision, updated_at, due_on, format, data, bytes,
               sha256, final, user_id, user_name, role, action, from_state, to_state,
               comment, version_sha256, at, audit_revision, commune_id, series, year, number,
               notation, issued_on, details, job_version_sha256, signed_at, signer_id, not_before, key,
               has_key, key_action, key_revision)),
        changed AS (
          UPDATE documents d SET state = i.state, revision = i.revision, updated_at = i.updated_at,
            due_on = NULLIF(i.due_on, '')
          FROM input i WHERE d.id = i.document_id AND d.revision = i.revision - 1 RETURNING d.id),
        kept AS (SELECT i.* FROM input i JOIN changed c ON c.id = i.document_id),
        new_version AS (
          INSERT INTO versions (document_id, seq, format, data, bytes, sha256, author_id, created_at, final)
          SELECT document_id, (SELECT COALESCE(MAX(v.seq), 0) + 1 FROM versions v WHERE v.document_id = kept.document_id),
            format, data, bytes, sha256, user_id, at, final
          FROM kept WHERE format <> ''),
        audit AS (
          INSERT INTO audit_log (document_id, revision, at, user_id, user_name, role, action, from_state, to_state,
            comment, version_sha256)
          SELECT document_id, audit_revision, at, user_id, user_name, role, action, NULLIF(from_state, ''), to_state,
            comment, version_sha256
          FROM kept),
        line AS (
          INSERT INTO register (commune_id, series, year, number, notation, issued_on, document_id, details)
          SELECT commune_id, series, year, number, notation, issued_on, document_id, details
          FROM kept WHERE notation <> ''),
        job AS (
          INSERT INTO signing_jobs (document_id, version_sha256, signed_at, signer_id, not_before)
          SELECT document_id, job_version_sha256, signed_at, signer_id, not_before
          FROM kept WHERE job_version_sha256 <> ''),
        remembered AS (
          INSERT INTO idempotency_keys (user_id, key, document_id, action, revision)
          SELECT user_id, key, document_id, key_action, key_revision
          FROM kept WHERE has_key),
        counter AS (
          UPDATE number_counters n SET last_number = c.last_number
          FROM unnest($36::text[], $37::text[], $38::int8[], $39::int8[]) AS c(commune_id, series, year, last_number)
          WHERE n.commune_id = c.commune_id AND n.series = c.series AND n.year = c.year)
        SELECT id FROM changed
        """

    static let bindingDataTypes: [PostgresDataType] = [
        .int8Array, .textArray, .int8Array, .textArray, .textArray, .textArray, .byteaArray, .byteaArray,
        .textArray, .boolArray, .textArray, .textArray, .textArray, .textArray, .textArray, .textArray,
        .textArray, .textArray, .textArray, .int8Array, .textArray, .textArray, .int8Array, .int8Array,
        .textArray, .textArray, .textArray, .textArray, .textArray, .textArray, .textArray, .textArray,
        .boolArray, .textArray, .int8Array,
        .textArray, .textArray, .int8Array, .int8Array,
    ]

    typealias Row = Int64

    private var documentID: [Int64] = [], state: [String] = [], revision: [Int] = [], updatedAt: [String] = []
    private var dueOn: [String] = [], format: [String] = [], data: [ByteBuffer] = [], bytes: [ByteBuffer] = []
    private var sha256: [String] = [], final: [Bool] = [], userID: [String] = [], userName: [String] = []
    private var role: [String] = [], action: [String] = [], fromState: [String] = [], toState: [String] = []
    private var comment: [String] = [], versionSHA256: [String] = [], at: [String] = [], auditRevision: [Int] = []
    private var communeID: [String] = [], series: [String] = [], year: [Int] = [], number: [Int] = []
    private var notation: [String] = [], issuedOn: [String] = [], details: [String] = []
    private var jobVersionSHA256: [String] = [], signedAt: [String] = [], signerID: [String] = [], notBefore: [String] = []
    private var key: [String] = [], hasKey: [Bool] = [], keyAction: [String] = [], keyRevision: [Int] = []
    private var counterCommune: [String] = [], counterSeries: [String] = [], counterYear: [Int] = []
    private var counterLast: [Int] = []

    /// `counters` are the last numbers of the series the plans were numbered in, whose rows the transaction locked.
    init(plans: [(plan: ChangePlan, key: String?)], counters: [CounterKey: Int]) throws {
        for (plan, requestKey) in plans {
            let document = plan.document, entry = plan.entry
            documentID.append(document.id)
            state.append(document.state)
            revision.append(document.revision)
            updatedAt.append(document.updatedAt)
            dueOn.append(document.dueOn?.iso ?? "")
            let version = plan.newVersion
            format.append(version?.version.format ?? "")
            data.append(ByteBuffer(bytes: version?.version.data ?? Data()))
            bytes.append(ByteBuffer(bytes: version?.version.bytes ?? Data()))
            sha256.append(version?.version.sha256 ?? "")
            final.append(version?.isFinal ?? false)
            userID.append(entry.userID)
            userName.append(entry.userName)
            role.append(entry.role.rawValue)
            action.append(entry.action)
            fromState.append(entry.fromState ?? "")
            toState.append(entry.toState)
            comment.append(entry.comment)
            versionSHA256.append(entry.versionSHA256)
            at.append(entry.at)
            auditRevision.append(entry.revision)
            let line = plan.registered
            communeID.append(line?.communeID ?? "")
            series.append(line?.series ?? "")
            year.append(line?.year ?? 0)
            number.append(line?.number ?? 0)
            notation.append(line?.notation ?? "")
            issuedOn.append(line?.issuedOn ?? "")
            details.append(try line.map { try RowDecoding.detailsJSON($0.details) } ?? "")
            let job = plan.signing
            jobVersionSHA256.append(job?.versionSHA256 ?? "")
            signedAt.append(job?.signedAt ?? "")
            signerID.append(job?.signerID ?? "")
            notBefore.append(job?.notBefore ?? "")
            key.append(requestKey ?? "")
            hasKey.append(requestKey != nil)
            keyAction.append(entry.action)
            keyRevision.append(document.revision)
        }
        for (counter, last) in counters.sorted(by: { $0.key < $1.key }) {
            counterCommune.append(counter.communeID)
            counterSeries.append(counter.series)
            counterYear.append(counter.year)
            counterLast.append(last)
        }
    }

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: Self.bindingDataTypes.count)
        bindings.append(documentID)
        bindings.append(state)
        bindings.append(revision)
        bindings.append(updatedAt)
        bindings.append(dueOn)
        bindings.append(format)
        bindings.append(data)
        bindings.append(bytes)
        bindings.append(sha256)
        bindings.append(final)
        bindings.append(userID)
        bindings.append(userName)
        bindings.append(role)
        bindings.append(action)
        bindings.append(fromState)
        bindings.append(toState)
        bindings.append(comment)
        bindings.append(versionSHA256)
        bindings.append(at)
        bindings.append(auditRevision)
        bindings.append(communeID)
        bindings.append(series)
        bindings.append(year)
        bindings.append(number)
        bindings.append(notation)
        bindings.append(issuedOn)
        bindings.append(details)
        bindings.append(jobVersionSHA256)
        bindings.append(signedAt)
        bindings.append(signerID)
        bindings.append(notBefore)
        bindings.append(key)
        bindings.append(hasKey)
        bindings.append(keyAction)
        bindings.append(keyRevision)
        bindings.append(counterCommune)
        bindings.append(counterSeries)
        bindings.append(counterYear)
        bindings.append(counterLast)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Int64 { try row.decode(Int64.self) }
}
