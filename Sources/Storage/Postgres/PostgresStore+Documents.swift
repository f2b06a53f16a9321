import Foundation
import PostgresNIO
import Synchronization
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
            if let replaced = request.replacesID {
                // The row lock makes two replacements of one document wait for each other, so the second sees the first.
                let document = try await db.row("SELECT * FROM documents WHERE id = \(replaced) FOR UPDATE").map(RowDecoding.document)
                try ChangePlanner.checkReplacement(
                    of: replaced, replaced: document,
                    notation: try await db.row("SELECT notation FROM register WHERE document_id = \(replaced)")?.text("notation"),
                    replacements: try await db.rows("SELECT * FROM documents WHERE replaces_id = \(replaced)").map(RowDecoding.document),
                    actor: actor)
            }
            let at = VietnamTime.iso8601(request.at)
            var change = ChangeStatement(head: """
                INSERT INTO documents (commune_id, kind, type_code, title, workflow_id, workflow_version, state,
                  revision, author_id, created_at, updated_at, replaces_id)
                VALUES (\(actor.communeID), \(request.kind), \(request.typeCode), \(request.title), \(request.workflow.id),
                  \(request.workflow.version), \(request.workflow.initialState), 1, \(actor.id), \(at), \(at),
                  \(request.replacesID))
                RETURNING *
                """)
            try change.addVersion(request.firstVersion, isFinal: false, authorID: actor.id, at: at)
            // The statement writes the audit line against the document it inserts; the id is known only after.
            change.addAudit(ChangePlanner.creationEntry(documentID: 0, request: request, by: actor, role: role))
            change.addKey(request.idempotencyKey, userID: actor.id, action: "create", revision: 1)
            let document = try RowDecoding.document(try await db.row(change.query)!)
            let entry = ChangePlanner.creationEntry(documentID: document.id, request: request, by: actor, role: role)
            return ChangeOutcome(document: document, entry: entry, registered: nil, replayed: false)
        }
    }

    public func revise(_ request: ReviseDraft) async throws -> ChangeOutcome {
        try await change(request.documentID, userID: request.userID, action: "edit", key: request.idempotencyKey,
                         at: request.at, numbering: false, seen: nil, known: nil) { facts in
            try ChangePlanner.plan(request, facts: facts)
        }
    }

    public func act(_ request: ActOnDocument, finisher: any DocumentFinisher, calendar: WorkingCalendar) async throws -> ChangeOutcome {
        let (seen, early) = try await prepareEarly(request, finisher: finisher)
        return try await change(request.documentID, userID: request.userID, action: request.action.rawValue,
                                key: request.idempotencyKey, at: request.at, numbering: true, seen: seen,
                                known: early?.version) { facts in
            try ChangePlanner.plan(request, facts: facts, finisher: finisher, early: early?.prepared, calendar: calendar)
        }
    }

    /// One change to an existing document: lock its row and read the facts under the lock, answer a retry with its
    /// first outcome, plan, apply. `seen` is the document as a snapshot before the transaction saw it, if one was
    /// read: it tells which counter row a signing will lock, so that the lock is taken with the facts.
    private func change(
        _ documentID: Int64, userID: String, action: String, key: String?, at: Date, numbering: Bool,
        seen: DocumentRecord?, known: VersionRecord?, plan: @escaping @Sendable (ChangeFacts) throws -> ChangePlan
    ) async throws -> ChangeOutcome {
        try await write { db in
            // The row lock comes first: a concurrent retry of the same request waits for it, then replays.
            let locked = try await LockedFacts.read(
                db, documentID: documentID, userID: userID, key: key,
                counter: try await self.expectedCounter(db, of: seen, numbering: numbering, at: at))
            if let stored = locked.storedKey, let key {
                return try await Self.replay(db, key: key, stored: stored, action: action, documentID: documentID)
            }
            guard let document = locked.document else { throw StoreError.documentNotFound(documentID) }
            let facts = try await self.facts(db, document: document, seen: locked, userID: userID, at: at,
                                             numbering: numbering, known: known)
            return try await Self.apply(db, plan: try plan(facts), key: key)
        }
    }

    /// Reads the document and its current version in one statement, from a snapshot, before the transaction, and
    /// prepares the version when the action will read it.
    private func prepareEarly(_ request: ActOnDocument, finisher: any DocumentFinisher) async throws
        -> (DocumentRecord?, EarlyWork?) {
        let snapshot = try await read { db -> (DocumentRecord, WorkflowDefinition?, VersionRecord?)? in
            guard let row = try await db.row("""
                SELECT \(unescaped: LockedFacts.documentColumns), v.*
                FROM documents d LEFT JOIN LATERAL (
                  SELECT * FROM versions WHERE document_id = d.id ORDER BY seq DESC LIMIT 1) v ON true
                WHERE d.id = \(request.documentID)
                """) else { return nil }
            let document = try RowDecoding.document(PrefixedColumns(row: row, prefix: "d_"))
            let current = try row.optionalInteger("id") == nil ? nil : try RowDecoding.version(row)
            return (document, try await self.workflow(db, id: document.workflowID, version: document.workflowVersion),
                    current)
        }
        guard let (document, definition, current) = snapshot else { return (nil, nil) }
        return (document, VersionWork.early(request.action, document: document, definition: definition,
                                            current: current, finisher: finisher))
    }

    /// The counter row the change will lock when it numbers the document, as far as it can be known before the
    /// document is locked: from the document as a snapshot saw it, and the commune's numbering scheme as this process
    /// last read it. `facts` checks it against what it read under the lock and locks the right row if it was not
    /// this one.
    private func expectedCounter(_ db: PostgresSession, of document: DocumentRecord?, numbering: Bool,
                                 at: Date) async throws -> CounterKey? {
        guard numbering, let document, let commune = communes.withLock({ $0[document.communeID] }),
              let definition = try await workflow(db, id: document.workflowID, version: document.workflowVersion),
              definition.mayAssignNumber(from: document.state) else { return nil }
        return CounterKey(document: document, commune: commune, at: at)
    }

    /// Reads what a change needs while the document's row is locked. When the action may number the document, the
    /// series' counter row is made if missing and locked too, so that concurrent signings take numbers one by one.
    /// `known` is a version read before the transaction: when it is still the latest, its bytes are not read again.
    private func facts(_ db: PostgresSession, document: DocumentRecord, seen: LockedFacts, userID: String, at: Date,
                       numbering: Bool, known: VersionRecord?) async throws -> ChangeFacts {
        guard let actor = seen.actor else { throw StoreError.userNotFound(userID) }
        guard let commune = seen.commune else { throw StoreError.communeNotFound(document.communeID) }
        communes.withLock { $0[commune.id] = commune }
        guard let definition = try await workflow(db, id: document.workflowID, version: document.workflowVersion) else {
            throw StoreError.workflowVersion("Workflow '\(document.workflowID)' version \(document.workflowVersion) is missing.")
        }
        let current: VersionRecord
        if let known, known.id == seen.latestVersionID {
            current = known
        } else {
            current = try await Self.currentVersion(db, of: document.id)!
        }
        var lastNumber: Int?
        if numbering, definition.mayAssignNumber(from: document.state) {
            let key = CounterKey(document: document, commune: commune, at: at)
            let counter: PostgresQuery = """
                SELECT last_number FROM number_counters
                WHERE commune_id = \(key.communeID) AND series = \(key.series) AND year = \(key.year) FOR UPDATE
                """
            // The row exists after the series' first signing of the year: then it was mostly locked with the facts.
            if let locked = seen.lockedCounter, locked.key == key {
                lastNumber = locked.lastNumber
            } else if let row = try await db.row(counter) {
                lastNumber = try row.int("last_number")
            } else {
                try await db.run("""
                    INSERT INTO number_counters (commune_id, series, year, last_number)
                    VALUES (\(key.communeID), \(key.series), \(key.year), 0) ON CONFLICT DO NOTHING
                    """)
                lastNumber = try await db.row(counter)!.int("last_number")
            }
        }
        return ChangeFacts(document: document, actor: actor, commune: commune, definition: definition, current: current,
                           authors: seen.authors, lastChange: seen.lastChange, lastNumber: lastNumber)
    }

    /// Writes a plan in one statement: the document's compare-and-set update and, only if it matched, the rest. One
    /// round trip instead of six matters because a signing holds its series' counter lock until it commits, so every
    /// trip to the server is time other signings of the series wait.
    private static func apply(_ db: PostgresSession, plan: ChangePlan, key: String?) async throws -> ChangeOutcome {
        let document = plan.document, entry = plan.entry
        var change = ChangeStatement(head: """
            UPDATE documents SET state = \(document.state), revision = \(document.revision),
              updated_at = \(document.updatedAt), due_on = \(document.dueOn?.iso)
            WHERE id = \(document.id) AND revision = \(document.revision - 1) RETURNING *
            """)
        if let (version, isFinal) = plan.newVersion {
            try change.addVersion(version, isFinal: isFinal, authorID: entry.userID, at: entry.at)
        }
        change.addAudit(entry)
        if let line = plan.registered { try change.addRegister(line) }
        if let job = plan.signing { change.addSigningJob(job) }
        change.addKey(key, userID: entry.userID, action: entry.action, revision: document.revision)
        guard try await db.rows(change.query).count == 1 else {
            throw StoreError.database("document \(document.id) changed during its transaction")
        }
        return ChangeOutcome(document: document, entry: entry, registered: plan.registered, replayed: false)
    }

    /// The first outcome of a request retried with the same key, or nil when the key is new.
    private static func replay(_ db: PostgresSession, key: String?, userID: String, action: String,
                               documentID: Int64?) async throws -> ChangeOutcome? {
        guard let key, let row = try await db.row("""
            SELECT document_id AS k_document_id, action AS k_action, revision AS k_revision
            FROM idempotency_keys WHERE user_id = \(userID) AND key = \(key)
            """) else { return nil }
        return try await replay(db, key: key, stored: try StoredKey(row), action: action, documentID: documentID)
    }

    /// The first outcome of the request that stored `key` as `stored`; refuses a key that named another request.
    private static func replay(_ db: PostgresSession, key: String, stored: StoredKey, action: String,
                               documentID: Int64?) async throws -> ChangeOutcome {
        guard stored.action == action, documentID == nil || documentID == stored.documentID else {
            throw StoreError.idempotencyKeyReused(key: key)
        }
        let entry = try await db.row("""
            SELECT * FROM audit_log WHERE document_id = \(stored.documentID) AND revision = \(stored.revision)
            """).map(RowDecoding.audit)!
        let registered = try await db.row("SELECT * FROM register WHERE document_id = \(stored.documentID)")
            .map(RowDecoding.register)
        return ChangePlanner.replayed(document: try await document(db, stored.documentID)!, entry: entry,
                                      registered: registered)
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

    public func registerEntry(of documentID: Int64) async throws -> RegisterEntry? {
        try await read { db in
            try await db.row("SELECT * FROM register WHERE document_id = \(documentID)").map(RowDecoding.register)
        }
    }

    public func registerSpans(from: String, to: String) async throws -> [RegisterSpan] {
        try await read { db in
            try await db.rows("""
                SELECT r.commune_id AS commune_id, COUNT(*) AS documents, COUNT(*) - COUNT(p.document_id) AS without_pdf
                FROM register r LEFT JOIN signed_pdfs p ON p.document_id = r.document_id
                WHERE r.issued_on >= \(from) AND r.issued_on <= \(to) GROUP BY r.commune_id ORDER BY r.commune_id
                """).map(RowDecoding.registerSpan)
        }
    }

    public func registerPage(communeID: String, from: String, to: String, after: RegisterEntry?, limit: Int) async throws -> [RegisterEntry] {
        let start = after.map { ($0.issuedOn, $0.series, $0.year, $0.number) } ?? (from, "", Int.min, Int.min)
        return try await read { db in
            try await db.rows("""
                SELECT * FROM register WHERE commune_id = \(communeID) AND issued_on >= \(from) AND issued_on <= \(to)
                  AND (issued_on, series, year, number) > (\(start.0), \(start.1), \(start.2), \(start.3))
                ORDER BY issued_on, series, year, number LIMIT \(limit)
                """).map(RowDecoding.register)
        }
    }

    public func currentVersionSummary(of documentID: Int64) async throws -> VersionSummary? {
        let query = PostgresQuery(unsafeSQL: """
            SELECT \(RowDecoding.versionSummaryColumns) FROM versions WHERE document_id = $1 ORDER BY seq DESC LIMIT 1
            """, binds: { var binds = PostgresBindings(); binds.append(documentID); return binds }())
        return try await read { db in try await db.row(query).map(RowDecoding.versionSummary) }
    }
}
