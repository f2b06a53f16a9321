import Foundation
import VietnameseText
import Workflow

/// What a store read, under lock, about the document a request concerns.
struct ChangeFacts: Sendable {
    let document: DocumentRecord
    let actor: UserRecord
    let commune: CommuneRecord
    let definition: WorkflowDefinition
    let current: VersionRecord
    /// Everyone who stored a draft version.
    let authors: Set<String>
    let lastChange: AuditEntry?
    /// The last number taken in the document's series this year (0 before the first), read only when the
    /// document's state has a transition that numbers it.
    let lastNumber: Int?
}

/// The rows one change writes; the store applies them in the transaction it read the facts in.
struct ChangePlan: Sendable {
    let document: DocumentRecord
    let newVersion: (version: NewVersion, isFinal: Bool)?
    let entry: AuditEntry
    let registered: RegisterEntry?
    /// The PDF original to make after the commit, when the change gave a number.
    var signing: SigningJob? = nil
}

/// Decides changes from facts without doing I/O, so that both stores apply exactly the same rules.
enum ChangePlanner {
    /// The register series and year a document signed at `at` is numbered in.
    static func numberKey(of document: DocumentRecord, commune: CommuneRecord, at: Date) -> (series: String, year: Int) {
        (commune.numbering.series(forTypeCode: document.typeCode), VietnamTime.date(of: at).year)
    }

    /// The number, notation (`05/QĐ-UBND`), date and signer a document signed at `at` is given.
    static func issue(number: Int, of document: DocumentRecord, commune: CommuneRecord, signer: UserRecord, at: Date) -> Issue {
        let notation = LegalNumbering.documentNumber(number) + "/" + document.typeCode + "-" + commune.bodyCode
        return Issue(number: number, notation: notation, date: VietnamTime.date(of: at), signer: signer, at: at)
    }

    /// Checks who may start a document: a user with a drafting role (one that may submit from the initial state).
    static func checkCreation(by actor: UserRecord, workflow: WorkflowDefinition) throws(StoreError) -> Role {
        let drafting = workflow.draftingRoles
        guard let role = drafting.intersection(actor.roles).min() else {
            let roles = drafting.sorted().map(\.vietnameseName).joined(separator: " hoặc ")
            throw .cannotCreate(reason: "Chỉ \(roles) mới được lập văn bản mới.")
        }
        return role
    }

    /// The audit line of a document's creation.
    static func creationEntry(documentID: Int64, request: CreateDocument, by actor: UserRecord, role: Role) -> AuditEntry {
        AuditEntry(
            documentID: documentID, revision: 1, at: VietnamTime.iso8601(request.at), userID: actor.id,
            userName: actor.fullName, role: role, action: "create", fromState: nil,
            toState: request.workflow.initialState, comment: "", versionSHA256: request.firstVersion.sha256)
    }

    /// What a retried request returns: its first outcome, with the register line only if that was the signing.
    static func replayed(document: DocumentRecord, entry: AuditEntry, registered: RegisterEntry?) -> ChangeOutcome {
        ChangeOutcome(document: document, entry: entry,
                      registered: entry.action == WorkflowAction.sign.rawValue ? registered : nil, replayed: true)
    }

    static func checkRevision(_ expected: Int?, facts: ChangeFacts) throws(StoreError) {
        if let expected, expected != facts.document.revision {
            throw .staleRevision(expected: expected, current: facts.document.revision, lastChange: facts.lastChange)
        }
    }

    /// A new draft version: only in the initial state, only by a drafting user of the commune.
    static func plan(_ request: ReviseDraft, facts: ChangeFacts) throws(StoreError) -> ChangePlan {
        guard facts.actor.communeID == facts.document.communeID else { throw .refused(.otherCommune) }
        let role = try checkCreation(by: facts.actor, workflow: facts.definition)
        try checkRevision(request.expectedRevision, facts: facts)
        guard facts.document.state == facts.definition.initialState else {
            throw .notEditable(state: facts.definition.state(facts.document.state)?.title ?? facts.document.state)
        }
        var document = facts.document
        document.revision += 1
        document.updatedAt = VietnamTime.iso8601(request.at)
        let entry = AuditEntry(
            documentID: document.id, revision: document.revision, at: document.updatedAt, userID: facts.actor.id,
            userName: facts.actor.fullName, role: role, action: "edit", fromState: document.state,
            toState: document.state, comment: "", versionSHA256: request.version.sha256)
        return ChangePlan(document: document, newVersion: (request.version, false), entry: entry, registered: nil)
    }

    /// Whether a new document may replace `id`: a signed document of the actor's commune that no other live
    /// document (any state but withdrawn) replaces yet. A correction is a new document; the one it corrects keeps
    /// its number and its place in the register.
    static func checkReplacement(of id: Int64, replaced: DocumentRecord?, notation: String?, replacements: [DocumentRecord],
                                 actor: UserRecord) throws(StoreError) {
        guard let replaced, replaced.communeID == actor.communeID else { throw .documentNotFound(id) }
        guard let notation else {
            throw .cannotReplace(reason: "Văn bản \(id) chưa được ký ban hành nên không cần văn bản thay thế; hãy sửa chính văn bản đó.")
        }
        if let live = replacements.first(where: { $0.state != "withdrawn" }) {
            throw .cannotReplace(reason: "Văn bản \(notation) đã có văn bản thay thế (số hiệu \(live.id)); mỗi văn bản chỉ có một văn bản thay thế còn hiệu lực.")
        }
    }

    /// A workflow action and its effects. `early` is the version the store prepared before it locked, used only if
    /// it is still the current one.
    ///
    /// `earlyFinal` is the final version rendered beside the lock on a forecast number (`EarlyFinal`), used only if
    /// it was made from the current version for the very issue this signing gets.
    static func plan(
        _ request: ActOnDocument, facts: ChangeFacts, finisher: any DocumentFinisher,
        early: (any PreparedVersion)? = nil, earlyFinal: EarlyFinal? = nil, calendar: WorkingCalendar
    ) throws(StoreError) -> ChangePlan {
        try decide(request, facts: facts, finisher: finisher, early: early, calendar: calendar)
            .plan(lastNumber: facts.lastNumber ?? 0, earlyFinal: earlyFinal)
    }

    /// Everything of a workflow action but its number: who may take it, on which revision, whether the guards hold,
    /// the new state. A store that takes numbers late (PostgreSQL, where the series' counter lock is what signings
    /// queue on) decides under the document's lock and locks the counter only for `DecidedAction.plan`.
    static func decide(
        _ request: ActOnDocument, facts: ChangeFacts, finisher: any DocumentFinisher,
        early: (any PreparedVersion)? = nil, calendar: WorkingCalendar
    ) throws(StoreError) -> DecidedAction {
        let machine = WorkflowStateMachine(definition: facts.definition)
        let situation = DocumentSituation(
            state: facts.document.state, communeID: facts.document.communeID, authorIDs: facts.authors)
        // The commune is checked before the revision, so that a stranger learns nothing about the document.
        guard facts.actor.communeID == facts.document.communeID else { throw .refused(.otherCommune) }
        try checkRevision(request.expectedRevision, facts: facts)
        var work = VersionWork(finisher: finisher, document: facts.document, current: facts.current, early: early)
        let decision = machine.decide(
            ActionRequest(action: request.action, actor: facts.actor.actor, comment: request.comment),
            on: situation, validate: { work.version().problems })
        let move: Move
        switch decision {
        case let .refuse(refusal): throw .refused(refusal)
        case let .move(allowed): move = allowed
        }
        let today = VietnamTime.date(of: request.at)
        var document = facts.document
        document.state = move.to
        document.revision += 1
        document.updatedAt = VietnamTime.iso8601(request.at)
        document.dueOn = move.dueWorkingDays.map { calendar.due(after: today, workingDays: $0) }
        return DecidedAction(request: request, facts: facts, move: move, document: document, work: work)
    }
}

/// A workflow action its store has decided to carry out, waiting only for the series' last number when it takes one.
struct DecidedAction: Sendable {
    let request: ActOnDocument
    let facts: ChangeFacts
    let move: Move
    /// The document as the change leaves it.
    let document: DocumentRecord
    fileprivate var work: VersionWork

    /// The register series the action numbers the document in, when it does.
    var numberKey: (series: String, year: Int)? {
        move.effects.contains(.assignNumber)
            ? ChangePlanner.numberKey(of: document, commune: facts.commune, at: request.at) : nil
    }

    /// The issue the action gives for each number: the signer, the instant and the date do not depend on it.
    func issue(number: Int) -> Issue {
        ChangePlanner.issue(number: number, of: document, commune: facts.commune, signer: facts.actor, at: request.at)
    }

    /// The final version rendered but for its number, when the action numbers the document and the version can be
    /// made that way (`PreparedVersion.finalAwaitingNumber`).
    func finalAwaitingNumber() -> (any FinalAwaitingNumber)? {
        guard numberKey != nil, move.effects.contains(.renderFinal) else { return nil }
        var work = work
        let decided = self
        return work.version().finalAwaitingNumber { decided.issue(number: $0) }
    }

    /// The rows to write, given the last number taken in the document's series (read only when `numberKey` is
    /// not nil). Renders the final version, so it may take a while and may fail with `finishingFailed`; with
    /// `awaiting` (made by `finalAwaitingNumber`) it only fills the number in.
    func plan(lastNumber: Int, earlyFinal: EarlyFinal? = nil,
              awaiting: (any FinalAwaitingNumber)? = nil) throws(StoreError) -> ChangePlan {
        var work = work
        var newVersion: (NewVersion, Bool)?
        var registered: RegisterEntry?
        if let key = numberKey {
            let number = lastNumber + 1
            let issue = issue(number: number)
            let final: FinalDocument
            if let made = earlyFinal?.final(for: issue, versionSHA256: facts.current.sha256) {
                final = made
            } else if let made = try? awaiting?.final(number: number) {
                final = made
            } else {
                do {
                    final = try work.version().final(issue: issue)
                } catch {
                    throw .finishingFailed(String(describing: error))
                }
            }
            if move.effects.contains(.renderFinal) { newVersion = (final.version, true) }
            registered = RegisterEntry(
                communeID: document.communeID, series: key.series, year: key.year, number: number, notation: issue.notation,
                issuedOn: VietnamTime.date(of: request.at).iso, documentID: document.id, details: final.details)
        }
        let entry = AuditEntry(
            documentID: document.id, revision: document.revision, at: document.updatedAt, userID: facts.actor.id,
            userName: facts.actor.fullName, role: move.role, action: request.action.rawValue, fromState: move.from,
            toState: move.to, comment: request.comment, versionSHA256: newVersion?.0.sha256 ?? facts.current.sha256)
        let signing = registered.map { _ in
            SigningJob(documentID: document.id, versionSHA256: entry.versionSHA256, signedAt: entry.at,
                       signerID: facts.actor.id, notBefore: entry.at)
        }
        return ChangePlan(document: document, newVersion: newVersion, entry: entry, registered: registered, signing: signing)
    }
}
