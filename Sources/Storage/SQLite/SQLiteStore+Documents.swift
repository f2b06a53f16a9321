import Foundation
import GRDB
import VietnameseText
import Workflow

// MARK: - Changes

extension SQLiteStore {
    public func create(_ request: CreateDocument) async throws -> ChangeOutcome {
        try await write { db in
            guard let actor = try Self.user(db, request.userID) else { throw StoreError.userNotFound(request.userID) }
            if let replay = try Self.replay(db, key: request.idempotencyKey, userID: actor.id, action: "create", documentID: nil) {
                return replay
            }
            let role = try ChangePlanner.checkCreation(by: actor, workflow: request.workflow)
            guard try self.workflow(db, id: request.workflow.id, version: request.workflow.version) != nil else {
                throw StoreError.workflowVersion("Workflow '\(request.workflow.id)' version \(request.workflow.version) is not registered.")
            }
            if let replaced = request.replacesID {
                try ChangePlanner.checkReplacement(
                    of: replaced, replaced: try Self.document(db, replaced),
                    notation: try String.fetchOne(db.cachedStatement(sql: "SELECT notation FROM register WHERE document_id = ?"), arguments: [replaced]),
                    replacements: try db.cachedStatement(sql: "SELECT * FROM documents WHERE replaces_id = ?")
                        .all([replaced], RowDecoding.document),
                    actor: actor)
            }
            let at = VietnamTime.iso8601(request.at)
            try db.cachedStatement(sql: """
                INSERT INTO documents (commune_id, kind, type_code, title, workflow_id, workflow_version, state,
                  revision, author_id, created_at, updated_at, replaces_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)
                """).execute(arguments: [actor.communeID, request.kind, request.typeCode, request.title, request.workflow.id,
                                 request.workflow.version, request.workflow.initialState, actor.id, at, at, request.replacesID])
            let id = db.lastInsertedRowID
            let document = try Self.document(db, id)!
            let entry = ChangePlanner.creationEntry(documentID: id, request: request, by: actor, role: role)
            try Self.insert(db, version: request.firstVersion, isFinal: false, documentID: id, authorID: actor.id, at: at)
            try Self.insert(db, entry: entry)
            try Self.remember(db, key: request.idempotencyKey, userID: actor.id, action: "create", document: document)
            return ChangeOutcome(document: document, entry: entry, registered: nil, replayed: false)
        }
    }

    public func revise(_ request: ReviseDraft) async throws -> ChangeOutcome {
        try await write { db in
            if let replay = try Self.replay(db, key: request.idempotencyKey, userID: request.userID, action: "edit",
                                            documentID: request.documentID) {
                return replay
            }
            let facts = try self.facts(db, documentID: request.documentID, userID: request.userID, at: request.at,
                                       numbering: false)
            let plan = try ChangePlanner.plan(request, facts: facts)
            return try Self.apply(db, plan: plan, key: request.idempotencyKey)
        }
    }

    public func act(_ request: ActOnDocument, finisher: any DocumentFinisher, calendar: WorkingCalendar) async throws -> ChangeOutcome {
        let (early, earlyFinal) = try await prepareEarly(request, finisher: finisher)
        let forecast = forecast
        var whenQueued: (@Sendable () -> Void)?
        if let earlyFinal { whenQueued = { earlyFinal.queued(in: forecast) } }
        return try await write(whenQueued: whenQueued) { db in
            if let replay = try Self.replay(db, key: request.idempotencyKey, userID: request.userID,
                                            action: request.action.rawValue, documentID: request.documentID) {
                return replay
            }
            let facts = try self.facts(db, documentID: request.documentID, userID: request.userID, at: request.at,
                                       numbering: true, known: early?.version)
            let plan = try ChangePlanner.plan(request, facts: facts, finisher: finisher, early: early?.prepared,
                                              earlyFinal: earlyFinal, calendar: calendar)
            if let earlyFinal, let number = plan.registered?.number {
                earlyFinal.settle(actual: number, in: forecast)
                self.earlyFinals.record(used: earlyFinal.wasUsed)
            }
            return try Self.apply(db, plan: plan, key: request.idempotencyKey)
        }
    }

    /// How many signings of this process used a final version rendered beside the write lock (`EarlyFinal`).
    public var earlyFinalCounts: EarlyFinalCounts { earlyFinals.current }

    /// Reads the document's current version from a snapshot, outside the write lock, and prepares it when the action
    /// will read it. When the action numbers the document, it also gets ready to render the final version beside the
    /// lock on the number the queue will foresee.
    private func prepareEarly(_ request: ActOnDocument, finisher: any DocumentFinisher) async throws
        -> (EarlyWork?, EarlyFinal?) {
        let snapshot = try await read { db -> Snapshot? in
            guard let document = try Self.document(db, request.documentID) else { return nil }
            let definition = try self.workflow(db, id: document.workflowID, version: document.workflowVersion)
            var snapshot = Snapshot(document: document, definition: definition, current: try Self.currentVersion(db, of: document.id))
            if let definition, definition.transition(request.action, from: document.state)?.effects.contains(.assignNumber) == true,
               let signer = try Self.user(db, request.userID), let commune = try Self.commune(db, document.communeID) {
                let key = ChangePlanner.numberKey(of: document, commune: commune, at: request.at)
                let floor = try Int.fetchOne(db.cachedStatement(sql: """
                    SELECT last_number FROM number_counters WHERE commune_id = ? AND series = ? AND year = ?
                    """), arguments: [commune.id, key.series, key.year]) ?? 0
                snapshot.numbering = (NumberForecast.Key(communeID: commune.id, series: key.series, year: key.year),
                                      floor, commune, signer)
            }
            return snapshot
        }
        guard let snapshot else { return (nil, nil) }
        let early = VersionWork.early(request.action, document: snapshot.document, definition: snapshot.definition,
                                      current: snapshot.current, finisher: finisher)
        guard let prepared = early?.prepared, prepared.problems.isEmpty,
              let (key, floor, commune, signer) = snapshot.numbering else { return (early, nil) }
        let document = snapshot.document, at = request.at
        return (early, EarlyFinal(key: key, floor: floor, prepared: prepared) { number in
            ChangePlanner.issue(number: number, of: document, commune: commune, signer: signer, at: at)
        })
    }

    private struct Snapshot: Sendable {
        let document: DocumentRecord
        let definition: WorkflowDefinition?
        let current: VersionRecord?
        var numbering: (key: NumberForecast.Key, floor: Int, commune: CommuneRecord, signer: UserRecord)?
    }

    /// Reads what a change needs; the IMMEDIATE transaction already holds the write lock, so nothing moves under it.
    /// `known` is a version read before the lock: when it is still the latest, its bytes are not read again.
    private func facts(_ db: Database, documentID: Int64, userID: String, at: Date, numbering: Bool,
                       known: VersionRecord? = nil) throws -> ChangeFacts {
        guard let document = try Self.document(db, documentID) else { throw StoreError.documentNotFound(documentID) }
        guard let actor = try Self.user(db, userID) else { throw StoreError.userNotFound(userID) }
        guard let commune = try Self.commune(db, document.communeID) else { throw StoreError.communeNotFound(document.communeID) }
        guard let definition = try workflow(db, id: document.workflowID, version: document.workflowVersion) else {
            throw StoreError.workflowVersion("Workflow '\(document.workflowID)' version \(document.workflowVersion) is missing.")
        }
        let latest = try Int64.fetchOne(db.cachedStatement(
            sql: "SELECT id FROM versions WHERE document_id = ? ORDER BY seq DESC LIMIT 1"), arguments: [documentID])
        let current = try known.flatMap { $0.id == latest ? $0 : nil } ?? Self.currentVersion(db, of: documentID)!
        let authors = try String.fetchAll(db.cachedStatement(sql: "SELECT DISTINCT author_id FROM versions WHERE document_id = ? AND final = 0"),
                                          arguments: [documentID])
        let lastChange = try db.cachedStatement(sql: "SELECT * FROM audit_log WHERE document_id = ? ORDER BY revision DESC LIMIT 1")
            .one([documentID], RowDecoding.audit)
        var lastNumber: Int?
        if numbering, definition.mayAssignNumber(from: document.state) {
            let key = ChangePlanner.numberKey(of: document, commune: commune, at: at)
            lastNumber = try Int.fetchOne(db.cachedStatement(sql: """
                SELECT last_number FROM number_counters WHERE commune_id = ? AND series = ? AND year = ?
                """), arguments: [commune.id, key.series, key.year]) ?? 0
        }
        return ChangeFacts(document: document, actor: actor, commune: commune, definition: definition, current: current,
                           authors: Set(authors), lastChange: lastChange, lastNumber: lastNumber)
    }

    private static func apply(_ db: Database, plan: ChangePlan, key: String?) throws -> ChangeOutcome {
        let document = plan.document
        try db.cachedStatement(sql: """
            UPDATE documents SET state = ?, revision = ?, updated_at = ?, due_on = ? WHERE id = ? AND revision = ?
            """).execute(arguments: [document.state, document.revision, document.updatedAt, document.dueOn?.iso, document.id,
                             document.revision - 1])
        guard db.changesCount == 1 else { throw StoreError.database("document \(document.id) changed during its transaction") }
        if let (version, isFinal) = plan.newVersion {
            try insert(db, version: version, isFinal: isFinal, documentID: document.id, authorID: plan.entry.userID,
                       at: plan.entry.at)
        }
        try insert(db, entry: plan.entry)
        if let line = plan.registered {
            try db.cachedStatement(sql: """
                INSERT INTO number_counters (commune_id, series, year, last_number) VALUES (?, ?, ?, ?)
                ON CONFLICT (commune_id, series, year) DO UPDATE SET last_number = excluded.last_number
                """).execute(arguments: [line.communeID, line.series, line.year, line.number])
            try db.cachedStatement(sql: """
                INSERT INTO register (commune_id, series, year, number, notation, issued_on, document_id, details)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [line.communeID, line.series, line.year, line.number, line.notation, line.issuedOn,
                                 line.documentID, try RowDecoding.detailsJSON(line.details)])
        }
        if let job = plan.signing {
            try db.cachedStatement(sql: """
                INSERT INTO signing_jobs (document_id, version_sha256, signed_at, signer_id, not_before) VALUES (?, ?, ?, ?, ?)
                """).execute(arguments: [job.documentID, job.versionSHA256, job.signedAt, job.signerID, job.notBefore])
        }
        try remember(db, key: key, userID: plan.entry.userID, action: plan.entry.action, document: document)
        return ChangeOutcome(document: document, entry: plan.entry, registered: plan.registered, replayed: false)
    }

    private static func insert(_ db: Database, version: NewVersion, isFinal: Bool, documentID: Int64, authorID: String,
                               at: String) throws {
        try db.cachedStatement(sql: """
            INSERT INTO versions (document_id, seq, format, data, bytes, sha256, author_id, created_at, final)
            VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM versions WHERE document_id = ?), ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [documentID, documentID, version.format, version.data, version.bytes, version.sha256,
                             authorID, at, isFinal])
    }

    private static func insert(_ db: Database, entry: AuditEntry) throws {
        try db.cachedStatement(sql: """
            INSERT INTO audit_log (document_id, revision, at, user_id, user_name, role, action, from_state, to_state,
              comment, version_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [entry.documentID, entry.revision, entry.at, entry.userID, entry.userName,
                             entry.role.rawValue, entry.action, entry.fromState, entry.toState, entry.comment,
                             entry.versionSHA256])
    }

    private static func remember(_ db: Database, key: String?, userID: String, action: String, document: DocumentRecord) throws {
        guard let key else { return }
        try db.cachedStatement(sql: """
            INSERT INTO idempotency_keys (user_id, key, document_id, action, revision) VALUES (?, ?, ?, ?, ?)
            """).execute(arguments: [userID, key, document.id, action, document.revision])
    }

    /// The first outcome of a request retried with the same key, or nil when the key is new.
    private static func replay(_ db: Database, key: String?, userID: String, action: String, documentID: Int64?) throws -> ChangeOutcome? {
        guard let key, let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM idempotency_keys WHERE user_id = ? AND key = ?"), arguments: [userID, key]) else { return nil }
        let storedDocument: Int64 = row["document_id"], revision: Int = row["revision"]
        guard row["action"] == action, documentID == nil || documentID == storedDocument else {
            throw StoreError.idempotencyKeyReused(key: key)
        }
        let entry = try db.cachedStatement(sql: "SELECT * FROM audit_log WHERE document_id = ? AND revision = ?")
            .one([storedDocument, revision], RowDecoding.audit)!
        let registered = try db.cachedStatement(sql: "SELECT * FROM register WHERE document_id = ?")
            .one([storedDocument], RowDecoding.register)
        return ChangePlanner.replayed(document: try document(db, storedDocument)!, entry: entry, registered: registered)
    }
}

// MARK: - Reads

extension SQLiteStore {
    static func document(_ db: Database, _ id: Int64) throws -> DocumentRecord? {
        try db.cachedStatement(sql: "SELECT * FROM documents WHERE id = ?").one([id], RowDecoding.document)
    }

    public func document(_ id: Int64) async throws -> DocumentRecord? {
        try await read { db in try Self.document(db, id) }
    }

    public func documents(_ filter: DocumentFilter) async throws -> [DocumentRecord] {
        let (whereClause, values) = filter.whereClause { _ in "?" }
        return try await read { db in
            try db.cachedStatement(sql: "SELECT * FROM documents\(whereClause) ORDER BY id")
                .all(StatementArguments(values), RowDecoding.document)
        }
    }

    static func currentVersion(_ db: Database, of documentID: Int64) throws -> VersionRecord? {
        try db.cachedStatement(sql: "SELECT * FROM versions WHERE document_id = ? ORDER BY seq DESC LIMIT 1")
            .one([documentID], RowDecoding.version)
    }

    public func currentVersion(of documentID: Int64) async throws -> VersionRecord? {
        try await read { db in try Self.currentVersion(db, of: documentID) }
    }

    public func versions(of documentID: Int64) async throws -> [VersionRecord] {
        try await read { db in
            try db.cachedStatement(sql: "SELECT * FROM versions WHERE document_id = ? ORDER BY seq")
                .all([documentID], RowDecoding.version)
        }
    }

    public func history(of documentID: Int64) async throws -> [AuditEntry] {
        try await read { db in
            try db.cachedStatement(sql: "SELECT * FROM audit_log WHERE document_id = ? ORDER BY revision")
                .all([documentID], RowDecoding.audit)
        }
    }

    public func register(communeID: String, year: Int) async throws -> [RegisterEntry] {
        try await read { db in
            try db.cachedStatement(sql: "SELECT * FROM register WHERE commune_id = ? AND year = ? ORDER BY series, number")
                .all([communeID, year], RowDecoding.register)
        }
    }

    public func registerEntry(of documentID: Int64) async throws -> RegisterEntry? {
        try await read { db in
            try db.cachedStatement(sql: "SELECT * FROM register WHERE document_id = ?")
                .one([documentID], RowDecoding.register)
        }
    }

    public func registerSpans(from: String, to: String) async throws -> [RegisterSpan] {
        try await read { db in
            try db.cachedStatement(sql: """
                SELECT r.commune_id AS commune_id, COUNT(*) AS documents, COUNT(*) - COUNT(p.document_id) AS without_pdf
                FROM register r LEFT JOIN signed_pdfs p ON p.document_id = r.document_id
                WHERE r.issued_on >= ? AND r.issued_on <= ? GROUP BY r.commune_id ORDER BY r.commune_id
                """).all([from, to], RowDecoding.registerSpan)
        }
    }

    public func registerPage(communeID: String, from: String, to: String, after: RegisterEntry?, limit: Int) async throws -> [RegisterEntry] {
        try await read { db in
            let start = after.map { ($0.issuedOn, $0.series, $0.year, $0.number) } ?? (from, "", Int.min, Int.min)
            return try db.cachedStatement(sql: """
                SELECT * FROM register WHERE commune_id = ? AND issued_on >= ? AND issued_on <= ?
                  AND (issued_on, series, year, number) > (?, ?, ?, ?)
                ORDER BY issued_on, series, year, number LIMIT ?
                """).all([communeID, from, to, start.0, start.1, start.2, start.3, limit], RowDecoding.register)
        }
    }

    public func currentVersionSummary(of documentID: Int64) async throws -> VersionSummary? {
        try await read { db in
            try db.cachedStatement(sql: """
                SELECT \(RowDecoding.versionSummaryColumns) FROM versions WHERE document_id = ? ORDER BY seq DESC LIMIT 1
                """).one([documentID], RowDecoding.versionSummary)
        }
    }
}
