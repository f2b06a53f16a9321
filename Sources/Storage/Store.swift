import Foundation
import Workflow

/// Where communes, users, documents, their frozen versions, the audit log and the number register live.
///
/// Two implementations keep the same promises and pass the same conformance tests: `SQLiteStore` (one file, the
/// embedded default) and `PostgresStore` (several server processes sharing one database). Every change happens in
/// one transaction: a document's state, its new version, its audit line, its number and its register line are
/// stored together or not at all.
public protocol Store: Sendable {
    // MARK: Communes, users, workflows

    /// Adds or replaces a commune.
    func save(_ commune: CommuneRecord) async throws
    /// Adds or replaces a user.
    func save(_ user: UserRecord) async throws
    func commune(_ id: String) async throws -> CommuneRecord?
    /// Every commune, by id.
    func communes() async throws -> [CommuneRecord]
    func user(_ id: String) async throws -> UserRecord?
    func users(communeID: String) async throws -> [UserRecord]
    /// Records a workflow version so that documents started on it keep it; refuses a changed text under a known version.
    func register(workflow: WorkflowDefinition, source: String) async throws
    /// The definition a document started with.
    func workflow(id: String, version: Int) async throws -> WorkflowDefinition?

    // MARK: Accounts

    /// Sets a user's password hash (bcrypt, made by the caller); the store never sees a password.
    func setPasswordHash(_ hash: String, of userID: String, at: Date) async throws
    /// The user's password hash, or nil when they have none and cannot sign in.
    func passwordHash(of userID: String) async throws -> String?
    /// Starts a session.
    func save(_ session: SessionRecord) async throws
    /// The session whose token has this SHA-256, expired or not; the caller checks `expiresAt`.
    func session(tokenSHA256: String) async throws -> SessionRecord?
    /// The session whose token has this SHA-256 with its user, in one read (every request asks); nil when either is
    /// missing. The caller checks `expiresAt`.
    func sessionWithUser(tokenSHA256: String) async throws -> (session: SessionRecord, user: UserRecord)?
    /// Ends a session (log-out); ending one that does not exist does nothing.
    func deleteSession(tokenSHA256: String) async throws
    /// Ends every session of a user (a new password signs them out everywhere).
    func deleteSessions(of userID: String) async throws
    /// Ends every session that expired at or before `time` (ISO 8601, +07:00); returns how many.
    @discardableResult
    func deleteSessions(expiredBy time: String) async throws -> Int

    // MARK: Documents

    /// Starts a document in its workflow's initial state with its first version.
    func create(_ request: CreateDocument) async throws -> ChangeOutcome
    /// Stores new content for a draft.
    func revise(_ request: ReviseDraft) async throws -> ChangeOutcome
    /// Takes a workflow action, with its effects, in one transaction.
    func act(_ request: ActOnDocument, finisher: any DocumentFinisher, calendar: WorkingCalendar) async throws -> ChangeOutcome
    func document(_ id: Int64) async throws -> DocumentRecord?
    func documents(_ filter: DocumentFilter) async throws -> [DocumentRecord]
    /// The document's latest version.
    func currentVersion(of documentID: Int64) async throws -> VersionRecord?
    /// The document's latest version without its data and file.
    func currentVersionSummary(of documentID: Int64) async throws -> VersionSummary?
    /// Every version of a document, oldest first.
    func versions(of documentID: Int64) async throws -> [VersionRecord]
    /// The document's audit log, oldest first.
    func history(of documentID: Int64) async throws -> [AuditEntry]

    // MARK: Register

    /// The register of outgoing documents of a commune for a year, in number order per series.
    func register(communeID: String, year: Int) async throws -> [RegisterEntry]
    /// The register line of a signed document, or nil while it has no number.
    func registerEntry(of documentID: Int64) async throws -> RegisterEntry?
    /// Per commune, how many documents were issued from `from` to `to` (ISO dates, both included) and how many of
    /// them still wait for their signed PDF; communes without any are left out. In commune order.
    func registerSpans(from: String, to: String) async throws -> [RegisterSpan]
    /// Up to `limit` register lines of `communeID` issued from `from` to `to` (ISO dates, both included), in
    /// issuance order (date, series, year, number), after the line `after` when given: an export reads the register
    /// page by page, holding one page at a time.
    func registerPage(communeID: String, from: String, to: String, after: RegisterEntry?, limit: Int) async throws -> [RegisterEntry]

    // MARK: Signed originals

    /// Takes the oldest signing job that is due and not held by another worker, holding it until `lease.until`
    /// and counting the attempt; nil when no job is waiting.
    func claimSigningJob(_ lease: SigningLease) async throws -> SigningJob?
    /// Stores the signed PDF and closes its job, in one transaction. A PDF already stored for the document (a second
    /// worker that was slower) is kept and the new one dropped: a signed original never changes.
    func finishSigning(_ pdf: SignedPDF) async throws
    /// Gives a job back after a failed attempt: it is taken again from `retryAt`, and `error` says why it failed.
    func failSigning(documentID: Int64, error: String, retryAt: String) async throws
    /// Every job still waiting for its PDF, oldest first.
    func pendingSigningJobs() async throws -> [SigningJob]
    /// Gives back a job held by `owner` (a worker known to be dead), so that it is taken at once, not when the lease ends.
    func releaseSigningLease(documentID: Int64, owner: String) async throws
    /// The document's signing job, pending or done; nil when it was never signed.
    func signingJob(of documentID: Int64) async throws -> SigningJob?
    /// The document's signed PDF, once made.
    func signedPDF(of documentID: Int64) async throws -> SignedPDF?

    /// Lets go of connections; the store must not be used afterwards.
    func close() async
}

extension Store {
    public func close() async {}
}
