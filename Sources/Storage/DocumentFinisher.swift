import Foundation
import VietnameseText

/// The document work a store needs inside a transaction, supplied by the layer that knows document kinds.
///
/// A store does not know templates; it asks this at the moments the workflow says: whether a version's data passes
/// validation (`policy_valid`) and, at signing, the final file with its number and date (`render_final`).
public protocol DocumentFinisher: Sendable {
    /// The problems that keep a document from moving on, in Vietnamese; empty when it may.
    func problems(of document: DocumentRecord, version: VersionRecord) -> [String]
    /// The signed version's content: the data with number and date filled in, rendered.
    func finalVersion(of document: DocumentRecord, version: VersionRecord, issue: Issue) throws -> FinalDocument
}

/// The number and date a document is given at signing, and who signs it.
public struct Issue: Sendable, Hashable {
    public let number: Int
    /// `05/QĐ-UBND`.
    public let notation: String
    public let date: VietnameseDate
    public let signer: UserRecord
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
