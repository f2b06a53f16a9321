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
                         known: nil) { facts in
            .plan(try ChangePlanner.plan(request, facts: facts))
        }
    }

    public func act(_ request: ActOnDocument, finisher: any DocumentFinisher, calendar: WorkingCalendar) async throws -> ChangeOutcome {
        let early = try await prepareEarly(request, finisher: finisher)
        return try await change(request.documentID, userID: request.userID, action: request.action.rawValue,
                                key: request.idempotencyKey, known: early?.version) { facts in
            let decided = try ChangePlanner.decide(request, facts: facts, finisher: finisher, early: early?.prepared,
                                                   calendar: calendar)
            guard let key = decided.numberKey else { return .plan(try decided.plan(lastNumber: 0)) }
            return .numbered(PendingNumber(
                decided: decided, counter: CounterKey(communeID: decided.document.communeID, series: key.series,
                                                      year: key.year),
                key: request.idempotencyKey))
        }
    }

    /// What a change does once it has read its facts: write its plan now, or wait in the transaction for its number.
    enum Step {
        case plan(ChangePlan)
        case numbered(PendingNumber)
    }

    /// One change to an existing document: lock its row and read the facts under the lock, answer a retry with its
    /// first outcome, decide. A change that takes no number writes at once; a signing hands its decision back to the
    /// transaction (`together`), which locks the series' counter once for all the signings it runs.
    private func change(
        _ documentID: Int64, userID: String, action: String, key: String?, known: VersionRecord?,
        decide: @escaping @Sendable (ChangeFacts) throws -> Step
    ) async throws -> ChangeOutcome {
        let requestKey = key.map { Body.requestKey(userID: userID, key: $0) }
        let outcome = try await write(documentID: documentID, requestKey: requestKey) { db -> any Sendable in
            // The row lock comes first: a concurrent retry of the same request waits for it, then replays.
            let locked = try await LockedFacts.read(db, documentID: documentID, userID: userID, key: key)
            if let stored = locked.storedKey, let key {
                return try await Self.replay(db, key: key, stored: stored, action: action, documentID: documentID)
            }
            guard let document = locked.document else { throw StoreError.documentNotFound(documentID) }
            let facts = try await self.facts(db, document: document, seen: locked, userID: userID, known: known)
            switch try decide(facts) {
            case let .plan(plan): return try await Self.apply(db, plans: [(plan, key)], counters: [:]).first!
            case let .numbered(pending): return pending
            }
        }
        // A signing's pending decision comes back as its outcome (`together`).
        return outcome as! ChangeOutcome
    }

    /// Reads the document and its current version in one statement, from a snapshot, before the transaction, and
    /// prepares the version when the action will read it.
    private func prepareEarly(_ request: ActOnDocument, finisher: any DocumentFinisher) async throws -> EarlyWork? {
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
        guard let (document, definition, current) = snapshot else { return nil }
        return VersionWork.early(request.action, document: document, definition: definition, current: current,
                                 finisher: finisher)
    }

    /// Reads what a change needs while the document's row is locked. `known` is a version read before the
    /// transaction: when it is still the latest, its bytes are not read again.
    private func facts(_ db: PostgresSession, document: DocumentRecord, seen: LockedFacts, userID: String,
                       known: VersionRecord?) async throws -> ChangeFacts {
        guard let actor = seen.actor else { throw StoreError.userNotFound(userID) }
        guard let commune = seen.commune else { throw StoreError.communeNotFound(document.communeID) }
        guard let definition = try await workflow(db, id: document.workflowID, version: document.workflowVersion) else {
            throw StoreError.workflowVersion("Workflow '\(document.workflowID)' version \(document.workflowVersion) is missing.")
        }
        let current: VersionRecord
        if let known, known.id == seen.latestVersionID {
            current = known
        } else {
            current = try await Self.currentVersion(db, of: document.id)!
        }
        return ChangeFacts(document: document, actor: actor, commune: commune, definition: definition, current: current,
                           authors: seen.authors, lastChange: seen.lastChange, lastNumber: nil)
    }

    /// Writes plans in one prepared statement (`PlanWrites`): for each, the document's compare-and-set update and,
    /// only if it matched, the rest; then the last number of each series in `counters`, whose rows the transaction
    /// has locked.
    static func apply(_ db: PostgresSession, plans: [(plan: ChangePlan, key: String?)],
                      counters: [CounterKey: Int]) async throws -> [ChangeOutcome] {
        let changed = try await db.rows(try PlanWrites(plans: plans, counters: counters)).count
        guard changed == plans.count else {
            throw StoreError.database("\(plans.count - changed) of \(plans.count) documents changed during their transaction")
        }
        return plans.map {
            ChangeOutcome(document: $0.plan.document, entry: $0.plan.entry, registered: $0.plan.registered, replayed: false)
        }
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
