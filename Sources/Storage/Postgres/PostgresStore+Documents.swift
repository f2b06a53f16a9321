import Foundation
import PostgresNIO
import VietnameseText
import Workflow

// MARK: - Changes

extension PostgresStore {
    public func create(_ request: CreateDocument) async throws -> ChangeOutcome {
        try await write { db in
            guard let actor = try await Self.user(db, request.userID) else { throw StoreError.userNotFound(request.userID) }
            // A concurrent retry that stores the key first makes this one fail on the key; run again, it replays.
            if let replay = try await Self.replay(db, key: request.idempotencyKey, userID: actor.id, action: "create",
                                                  documentID: nil) {
                return replay
            }
            let role = try ChangePlanner.checkCreation(by: actor, workflow: request.workflow)
            guard try await self.workflow(db, id: request.workflow.id, version: request.workflow.version) != nil else {
                throw StoreError.workflowVersion("Workflow '\(request.workflow.id)' version \(request.workflow.version) is not registered.")
            }
            let at = VietnamTime.iso8601(request.at)
            let inserted = try await db.row("""
                INSERT INTO documents (commune_id, kind, type_code, title, workflow_id, workflow_version, state,
                  revision, author_id, created_at, updated_at, replaces_id)
                VALUES (\(actor.communeID), \(request.kind), \(request.typeCode), \(request.title), \(request.workflow.id),
                  \(request.workflow.version), \(request.workflow.initialState), 1, \(actor.id), \(at), \(at),
                  \(request.replacesID))
                RETURNING *
                """)
            let document = try RowDecoding.document(inserted!)
            let entry = ChangePlanner.creationEntry(of: document, by: actor, role: role, version: request.firstVersion)
            try await Self.insert(db, version: request.firstVersion, isFinal: false, documentID: document.id,
                                  authorID: actor.id, at: at)
            try await Self.insert(db, entry: entry)
            try await Self.remember(db, key: request.idempotencyKey, userID: actor.id, action: "create", document: document)
            return ChangeOutcome(document: document, entry: entry, registered: nil, replayed: false)
        }
    }

    public func revise(_ request: ReviseDraft) async throws -> ChangeOutcome {
        try await change(request.documentID, userID: request.userID, action: "edit", key: request.idempotencyKey,
                         at: request.at, numbering: false, known: nil) { facts in
            try ChangePlanner.plan(request, facts: facts)
        }
    }

    public func act(_ request: ActOnDocument, finisher: any DocumentFinisher, calendar: WorkingCalendar) async throws -> ChangeOutcome {
        let early = try await prepareEarly(request, finisher: finisher)
        return try await change(request.documentID, userID: request.userID, action: request.action.rawValue,
                                key: request.idempotencyKey, at: request.at, numbering: true, known: early?.version) { facts in
            try ChangePlanner.plan(request, facts: facts, finisher: finisher, early: early?.prepared, calendar: calendar)
        }
    }

    /// One change to an existing document: lock its row, answer a retry with its first outcome, read the facts under
    /// the lock, plan, apply.
    private func change(
        _ documentID: Int64, userID: String, action: String, key: String?, at: Date, numbering: Bool,
        known: VersionRecord?, plan: @escaping @Sendable (ChangeFacts) throws -> ChangePlan
    ) async throws -> ChangeOutcome {
        try await write { db in
            // The row lock comes first: a concurrent retry of the same request waits here, then replays.
            let locked = try await db.row("SELECT * FROM documents WHERE id = \(documentID) FOR UPDATE")
                .map(RowDecoding.document)
            if let replay = try await Self.replay(db, key: key, userID: userID, action: action, documentID: documentID) {
                return replay
            }
            guard let document = locked else { throw StoreError.documentNotFound(documentID) }
            let facts = try await self.facts(db, document: document, userID: userID, at: at, numbering: numbering,
                                             known: known)
            return try await Self.apply(db, plan: try plan(facts), key: key)
        }
    }

    /// Reads the document's current version from a snapshot, before the transaction, and prepares it when the action
    /// will read it.
    private func prepareEarly(_ request: ActOnDocument, finisher: any DocumentFinisher) async throws -> EarlyWork? {
        let snapshot = try await read { db -> (DocumentRecord, WorkflowDefinition?, VersionRecord?)? in
            guard let document = try await Self.document(db, request.documentID) else { return nil }
            return (document, try await self.workflow(db, id: document.workflowID, version: document.workflowVersion),
                    try await Self.currentVersion(db, of: document.id))
        }
        guard let (document, definition, current) = snapshot else { return nil }
        return VersionWork.early(request.action, document: document, definition: definition, current: current,
                                 finisher: finisher)
    }

    /// Reads what a change needs while the document's row is locked. When the action may number the document, the
    /// series' counter row is made if missing and locked too, so that concurrent signings take numbers one by one.
    /// `known` is a version read before the transaction: when it is still the latest, its bytes are not read again.
    private func facts(_ db: PostgresSession, document: DocumentRecord, userID: String, at: Date,
                       numbering: Bool, known: VersionRecord?) async throws -> ChangeFacts {
        guard let actor = try await Self.user(db, userID) else { throw StoreError.userNotFound(userID) }
        guard let commune = try await Self.commune(db, document.communeID) else {
            throw StoreError.communeNotFound(document.communeID)
        }
        guard let definition = try await workflow(db, id: document.workflowID, version: document.workflowVersion) else {
            throw StoreError.workflowVersion("Workflow '\(document.workflowID)' version \(document.workflowVersion) is missing.")
        }
        let latest = try await db.row("SELECT id FROM versions WHERE document_id = \(document.id) ORDER BY seq DESC LIMIT 1")?
            .integer("id")
        let current: VersionRecord
        if let known, known.id == latest { current = known } else { current = try await Self.currentVersion(db, of: document.id)! }
        let authors = try await db.rows("""
            SELECT DISTINCT author_id FROM versions WHERE document_id = \(document.id) AND NOT final
            """).map { try $0.text("author_id") }
        let lastChange = try await db.row("""
            SELECT * FROM audit_log WHERE document_id = \(document.id) ORDER BY revision DESC LIMIT 1
            """).map(RowDecoding.audit)
        var lastNumber: Int?
        if numbering, definition.mayAssignNumber(from: document.state) {
            let key = ChangePlanner.numberKey(of: document, commune: commune, at: at)
            try await db.run("""
                INSERT INTO number_counters (commune_id, series, year, last_number)
                VALUES (\(commune.id), \(key.series), \(key.year), 0) ON CONFLICT DO NOTHING
                """)
            lastNumber = try await db.row("""
                SELECT last_number FROM number_counters
                WHERE commune_id = \(commune.id) AND series = \(key.series) AND year = \(key.year) FOR UPDATE
                """)!.int("last_number")
        }
        return ChangeFacts(document: document, actor: actor, commune: commune, definition: definition, current: current,
                           authors: Set(authors), lastChange: lastChange, lastNumber: lastNumber)
    }

    private static func apply(_ db: PostgresSession, plan: ChangePlan, key: String?) async throws -> ChangeOutcome {
        let document = plan.document
        let updated = try await db.rows("""
            UPDATE documents SET state = \(document.state), revision = \(document.revision),
              updated_at = \(document.updatedAt), due_on = \(document.dueOn?.iso)
            WHERE id = \(document.id) AND revision = \(document.revision - 1) RETURNING id
            """)
        guard updated.count == 1 else { throw StoreError.database("document \(document.id) changed during its transaction") }
        if let (version, isFinal) = plan.newVersion {
            try await insert(db, version: version, isFinal: isFinal, documentID: document.id, authorID: plan.entry.userID,
                             at: plan.entry.at)
        }
        try await insert(db, entry: plan.entry)
        if let line = plan.registered {
            try await db.run("""
                INSERT INTO number_counters (commune_id, series, year, last_number)
                VALUES (\(line.communeID), \(line.series), \(line.year), \(line.number))
                ON CONFLICT (commune_id, series, year) DO UPDATE SET last_number = excluded.last_number
                """)
            try await db.run("""
                INSERT INTO register (commune_id, series, year, number, notation, issued_on, document_id, details)
                VALUES (\(line.communeID), \(line.series), \(line.year), \(line.number), \(line.notation),
                  \(line.issuedOn), \(line.documentID), \(try RowDecoding.detailsJSON(line.details)))
                """)
        }
        try await remember(db, key: key, userID: plan.entry.userID, action: plan.entry.action, document: document)
        return ChangeOutcome(document: document, entry: plan.entry, registered: plan.registered, replayed: false)
    }

    private static func insert(_ db: PostgresSession, version: NewVersion, isFinal: Bool, documentID: Int64,
                               authorID: String, at: String) async throws {
        try await db.run("""
            INSERT INTO versions (document_id, seq, format, data, bytes, sha256, author_id, created_at, final)
            VALUES (\(documentID), (SELECT COALESCE(MAX(seq), 0) + 1 FROM versions WHERE document_id = \(documentID)),
              \(version.format), \(version.data), \(version.bytes), \(version.sha256), \(authorID), \(at), \(isFinal))
            """)
    }

    private static func insert(_ db: PostgresSession, entry: AuditEntry) async throws {
        try await db.run("""
            INSERT INTO audit_log (document_id, revision, at, user_id, user_name, role, action, from_state, to_state,
              comment, version_sha256)
            VALUES (\(entry.documentID), \(entry.revision), \(entry.at), \(entry.userID), \(entry.userName),
              \(entry.role.rawValue), \(entry.action), \(entry.fromState), \(entry.toState), \(entry.comment),
              \(entry.versionSHA256))
            """)
    }

    private static func remember(_ db: PostgresSession, key: String?, userID: String, action: String,
                                 document: DocumentRecord) async throws {
        guard let key else { return }
        try await db.run("""
            INSERT INTO idempotency_keys (user_id, key, document_id, action, revision)
            VALUES (\(userID), \(key), \(document.id), \(action), \(document.revision))
            """)
    }

    /// The first outcome of a request retried with the same key, or nil when the key is new.
    private static func replay(_ db: PostgresSession, key: String?, userID: String, action: String,
                               documentID: Int64?) async throws -> ChangeOutcome? {
        guard let key, let row = try await db.row(
            "SELECT * FROM idempotency_keys WHERE user_id = \(userID) AND key = \(key)") else { return nil }
        let storedDocument = try row.integer("document_id"), revision = try row.int("revision")
        guard try row.text("action") == action, documentID == nil || documentID == storedDocument else {
            throw StoreError.idempotencyKeyReused(key: key)
        }
        let entry = try await db.row("""
            SELECT * FROM audit_log WHERE document_id = \(storedDocument) AND revision = \(revision)
            """).map(RowDecoding.audit)!
        let registered = try await db.row("SELECT * FROM register WHERE document_id = \(storedDocument)")
            .map(RowDecoding.register)
        return ChangePlanner.replayed(document: try await document(db, storedDocument)!, entry: entry, registered: registered)
    }
}

// MARK: - Reads

extension PostgresStore {
    static func document(_ db: PostgresSession, _ id: Int64) async throws -> DocumentRecord? {
        try await db.row("SELECT * FROM documents WHERE id = \(id)").map(RowDecoding.document)
    }

    public func document(_ id: Int64) async throws -> DocumentRecord? {
        try await read { db in try await Self.document(db, id) }
    }

    public func documents(_ filter: DocumentFilter) async throws -> [DocumentRecord] {
        let (whereClause, values) = filter.whereClause { "$\($0)" }
        var binds = PostgresBindings()
        for value in values { binds.append(value) }
        let query = PostgresQuery(unsafeSQL: "SELECT * FROM documents\(whereClause) ORDER BY id", binds: binds)
        return try await read { db in try await db.rows(query).map(RowDecoding.document) }
    }

    static func currentVersion(_ db: PostgresSession, of documentID: Int64) async throws -> VersionRecord? {
        try await db.row("SELECT * FROM versions WHERE document_id = \(documentID) ORDER BY seq DESC LIMIT 1")
            .map(RowDecoding.version)
    }

    public func currentVersion(of documentID: Int64) async throws -> VersionRecord? {
        try await read { db in try await Self.currentVersion(db, of: documentID) }
    }

    public func versions(of documentID: Int64) async throws -> [VersionRecord] {
        try await read { db in
            try await db.rows("SELECT * FROM versions WHERE document_id = \(documentID) ORDER BY seq").map(RowDecoding.version)
        }
    }

    public func history(of documentID: Int64) async throws -> [AuditEntry] {
        try await read { db in
            try await db.rows("SELECT * FROM audit_log WHERE document_id = \(documentID) ORDER BY revision")
                .map(RowDecoding.audit)
        }
    }

    public func register(communeID: String, year: Int) async throws -> [RegisterEntry] {
        try await read { db in
            try await db.rows("""
                SELECT * FROM register WHERE commune_id = \(communeID) AND year = \(year) ORDER BY series, number
                """).map(RowDecoding.register)
        }
    }
}
