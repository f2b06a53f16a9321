import Foundation

/// A signed document waiting for its PDF original: written in the same transaction as the `sign` action that gave
/// the number, and worked off after the commit, so that a slow or failing LibreOffice or signing key never holds the
/// register's lock, and a crash between the two leaves a job that the next worker picks up.
public struct SigningJob: Sendable, Hashable {
    public let documentID: Int64
    /// The signed (final) version the PDF is made from.
    public let versionSHA256: String
    /// When the sign action was taken (ISO 8601, +07:00): the time the signatures carry.
    public let signedAt: String
    /// Who signed: their key signs first, then the commune's.
    public let signerID: String
    /// How many times a worker has taken the job, this time included.
    public let attempts: Int
    /// Why the last attempt failed, in Vietnamese; empty when none has.
    public let lastError: String
    /// The job is not taken again before this time.
    public let notBefore: String
    /// When the signed PDF was stored; nil while the job is pending.
    public let doneAt: String?
    /// The worker holding the job, if one took it and has not given it back (it may have died).
    public let leaseOwner: String?

    public init(documentID: Int64, versionSHA256: String, signedAt: String, signerID: String, attempts: Int = 0,
                lastError: String = "", notBefore: String, doneAt: String? = nil, leaseOwner: String? = nil) {
        self.documentID = documentID
        self.versionSHA256 = versionSHA256
        self.signedAt = signedAt
        self.signerID = signerID
        self.attempts = attempts
        self.lastError = lastError
        self.notBefore = notBefore
        self.doneAt = doneAt
        self.leaseOwner = leaseOwner
    }
}

/// The legal electronic original of a signed document: its PDF, digitally signed by the signer and by the body;
/// and, when the signed version is an ODT, that ODT with the same two digital signatures (XML-DSig). Stored once,
/// together, and never changed.
public struct SignedPDF: Sendable, Hashable {
    public let documentID: Int64
    /// The signed version it was printed from.
    public let versionSHA256: String
    public let pdf: Data
    public let sha256: String
    /// The signed version's ODT with its digital signatures; nil for a DOCX version.
    public let odt: Data?
    public let odtSHA256: String?
    /// When it was stored (ISO 8601, +07:00).
    public let createdAt: String

    public init(documentID: Int64, versionSHA256: String, pdf: Data, odt: Data? = nil, createdAt: String) {
        self.init(documentID: documentID, versionSHA256: versionSHA256, pdf: pdf, sha256: SHA256Hex.digest(pdf),
                  odt: odt, odtSHA256: odt.map(SHA256Hex.digest), createdAt: createdAt)
    }

    init(documentID: Int64, versionSHA256: String, pdf: Data, sha256: String, odt: Data?, odtSHA256: String?, createdAt: String) {
        self.documentID = documentID
        self.versionSHA256 = versionSHA256
        self.pdf = pdf
        self.sha256 = sha256
        self.odt = odt
        self.odtSHA256 = odtSHA256
        self.createdAt = createdAt
    }
}

/// A worker's hold on a job: another worker does not take it before `until`, unless the holder gives it back.
public struct SigningLease: Sendable, Hashable {
    /// Who holds it (a process and worker name, for the log and for `finishSigning`).
    public let owner: String
    /// Now, as the worker reads the clock (ISO 8601, +07:00).
    public let now: String
    /// The end of the hold.
    public let until: String

    public init(owner: String, now: String, until: String) {
        self.owner = owner
        self.now = now
        self.until = until
    }
}
