import Foundation
import VietnameseText
import Workflow

/// The document work a store needs for a workflow action, supplied by the layer that knows document kinds.
///
/// A store does not know templates. It asks for a version to be prepared once: read its data, find what blocks it
/// (`policy_valid`) and get ready to finish it. Stores call `prepare` before they take the write lock whenever
/// the action's transition needs it, so the slow part (decoding the data, checking it against the rules) does not
/// hold other writers up; under the lock only `PreparedVersion.final(issue:)` runs, which fills in the number,
/// date and signer and renders.
public protocol DocumentFinisher: Sendable {
    /// Reads a version once. Never throws: a version that cannot be read reports why in `problems`, and its
    /// `final(issue:)` throws.
    func prepare(_ document: DocumentRecord, version: VersionRecord) -> any PreparedVersion
}

/// One version's data, read and checked, ready to be signed.
public protocol PreparedVersion: Sendable {
    /// The SHA-256 of the version it was prepared from; a store uses it only while that is still the current one.
    var versionSHA256: String { get }
    /// The problems that keep the document from moving on, in Vietnamese; empty when it may.
    var problems: [String] { get }
    /// The signed version's content: the data with number, date and signer filled in, rendered.
    func final(issue: Issue) throws -> FinalDocument

    /// The signed version made before its number is known, for the issues `issue` gives each number (the same date,
    /// signer and instant); nil when this version cannot be made that way, and then `final(issue:)` renders it.
    /// A store that learns the number only under its series' lock renders this before it locks.
    func finalAwaitingNumber(_ issue: @escaping @Sendable (Int) -> Issue) -> (any FinalAwaitingNumber)?
}

extension PreparedVersion {
    public func finalAwaitingNumber(_ issue: @escaping @Sendable (Int) -> Issue) -> (any FinalAwaitingNumber)? { nil }
}

/// A signed version rendered but for its number (`PreparedVersion.finalAwaitingNumber`).
public protocol FinalAwaitingNumber: Sendable {
    /// What `PreparedVersion.final(issue:)` makes for the issue of `number`, in content: the same data and register
    /// details, a package whose entries hold the same bytes (the package itself may be compressed differently).
    /// Costs a copy, not a render.
    func final(number: Int) throws -> FinalDocument
}

/// The number and date a document is given at signing, and who signs it.
public struct Issue: Sendable, Hashable {
    public let number: Int
    /// `05/QĐ-UBND`.
    public let notation: String
    public let date: VietnameseDate
    public let signer: UserRecord
    /// The instant of signing, for the signature stamp text (`2025-08-14T16:31:45+07:00`).
    public let at: Date
}

/// The signed version and what the register records about it.
public struct FinalDocument: Sendable, Hashable {
    public let version: NewVersion
    public let details: RegisterDetails

    public init(version: NewVersion, details: RegisterDetails) {
        self.version = version
        self.details = details
    }
}

/// The document work of one change: the version prepared before the write lock, when the store foresaw the need,
/// or prepared under the lock on first use when the early one is missing or no longer current.
struct VersionWork: Sendable {
    private let finisher: any DocumentFinisher
    private let document: DocumentRecord
    private let current: VersionRecord
    private var prepared: (any PreparedVersion)?

    init(finisher: any DocumentFinisher, document: DocumentRecord, current: VersionRecord, early: (any PreparedVersion)?) {
        self.finisher = finisher
        self.document = document
        self.current = current
        prepared = early?.versionSHA256 == current.sha256 ? early : nil
    }

    /// The current version, prepared at most once.
    mutating func version() -> any PreparedVersion {
        if let prepared { return prepared }
        let made = finisher.prepare(document, version: current)
        prepared = made
        return made
    }

    /// Whether an action's transition from `document`'s state reads the version's data (a policy guard, a number, a
    /// final render), so that the store prepares it before it locks.
    static func isForeseen(_ action: WorkflowAction, document: DocumentRecord, definition: WorkflowDefinition) -> Bool {
        guard let transition = definition.transition(action, from: document.state) else { return false }
        return transition.guards.contains(.policyValid) || !transition.effects.isEmpty
    }

    /// What to do before the lock: keep the current version a snapshot saw, and prepare it when the action will
    /// read it. A guess, checked again under the lock.
    static func early(_ action: WorkflowAction, document: DocumentRecord, definition: WorkflowDefinition?,
                      current: VersionRecord?, finisher: any DocumentFinisher) -> EarlyWork? {
        guard let current else { return nil }
        guard let definition, isForeseen(action, document: document, definition: definition) else {
            return EarlyWork(version: current, prepared: nil)
        }
        return EarlyWork(version: current, prepared: finisher.prepare(document, version: current))
    }
}

/// What a store read and did before it took the write lock for an action.
struct EarlyWork: Sendable {
    /// The document's current version as a snapshot saw it. Versions never change, so under the lock the store
    /// only checks that it is still the latest instead of reading its bytes again.
    let version: VersionRecord
    /// That version prepared, when the action's transition reads its data.
    let prepared: (any PreparedVersion)?
}
