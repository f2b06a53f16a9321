import Foundation
import VietnameseText
import Workflow

/// A commune (xã, phường or đặc khu) whose People's Committee issues documents.
public struct CommuneRecord: Sendable, Hashable, Codable {
    /// A stable slug such as `gia-cat`.
    public let id: String
    /// The commune's name without its kind: "Gia Cát".
    public let name: String
    /// The issuing body's abbreviation after the type code in a number: `UBND` in `05/QĐ-UBND`.
    public let bodyCode: String
    /// How the commune splits its register of outgoing documents into numbered series.
    public let numbering: NumberingScheme
    /// The commune's data as the templates want it (`xa`: name, kind, district, province), as JSON.
    public let profile: Data

    public init(id: String, name: String, bodyCode: String = "UBND", numbering: NumberingScheme = .perBody, profile: Data) {
        self.id = id
        self.name = name
        self.bodyCode = bodyCode
        self.numbering = numbering
        self.profile = profile
    }
}

/// One register per body, or one per document type: the head of the body chooses (DOMAIN.md §6).
public enum NumberingScheme: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every document the body issues takes the next number of one sequence.
    case perBody = "per_body"
    /// Decisions, plans, proposals and reports each have their own sequence.
    case perType = "per_type"

    /// The series a document of type `typeCode` is numbered in.
    public func series(forTypeCode typeCode: String) -> String {
        self == .perBody ? "" : typeCode
    }
}

/// A person who signs in and acts on documents of one commune.
public struct UserRecord: Sendable, Hashable, Codable {
    /// The log-in name.
    public let id: String
    public let fullName: String
    /// Their office, as a signature block writes it: "Chủ tịch", "Phó Chủ tịch", "Công chức Văn hóa - Xã hội".
    public let title: String
    public let communeID: String
    public let roles: Set<Role>

    public init(id: String, fullName: String, title: String, communeID: String, roles: Set<Role>) {
        self.id = id
        self.fullName = fullName
        self.title = title
        self.communeID = communeID
        self.roles = roles
    }

    /// The user as the workflow sees them.
    public var actor: Actor { Actor(id: id, name: fullName, communeID: communeID, roles: roles) }
}

/// A document as it moves through its workflow; its content lives in its versions.
public struct DocumentRecord: Sendable, Hashable {
    public let id: Int64
    public let communeID: String
    /// The document kind (`DocumentKind.id`): `quyet-dinh-thanh-lap-to`, …
    public let kind: String
    /// The type code of its number: `QĐ`, `KH`, `TTr`, `BC`.
    public let typeCode: String
    /// What the document is about, as lists show it.
    public let title: String
    public let workflowID: String
    /// The version of the workflow the document started with; it keeps it when the definition changes.
    public let workflowVersion: Int
    public var state: String
    /// Counts every change (edit or action); an action names the revision it was taken on.
    public var revision: Int
    public let authorID: String
    public let createdAt: String
    public var updatedAt: String
    /// The last day the document may wait in its current state, when that state has a due time.
    public var dueOn: VietnameseDate?
    /// The document this one corrects, when it is a replacement.
    public let replacesID: Int64?

    public init(
        id: Int64, communeID: String, kind: String, typeCode: String, title: String, workflowID: String,
        workflowVersion: Int, state: String, revision: Int, authorID: String, createdAt: String, updatedAt: String,
        dueOn: VietnameseDate?, replacesID: Int64?
    ) {
        self.id = id
        self.communeID = communeID
        self.kind = kind
        self.typeCode = typeCode
        self.title = title
        self.workflowID = workflowID
        self.workflowVersion = workflowVersion
        self.state = state
        self.revision = revision
        self.authorID = authorID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.dueOn = dueOn
        self.replacesID = replacesID
    }
}

/// One frozen version of a document's content: the data it was made from and the file rendered from it.
public struct VersionRecord: Sendable, Hashable {
    public let id: Int64
    public let documentID: Int64
    /// 1 for the first draft, then 2, 3, … in the order they were stored.
    public let sequence: Int
    /// The file's format: `odt` or `docx`.
    public let format: String
    /// The JSON the document was rendered from.
    public let data: Data
    /// The rendered file.
    public let bytes: Data
    /// SHA-256 of `bytes`, lower-case hex.
    public let sha256: String
    public let authorID: String
    public let createdAt: String
    /// Whether this is the signed version, with its number and date.
    public let isFinal: Bool
}

/// What lists and pages show of a version, without its data and file: reading those costs a document's page most of
/// its time.
public struct VersionSummary: Sendable, Hashable {
    public let id: Int64
    public let documentID: Int64
    public let sequence: Int
    public let format: String
    public let sha256: String
    public let authorID: String
    public let createdAt: String
    public let isFinal: Bool
}

/// One line of a document's history; the log only grows.
public struct AuditEntry: Sendable, Hashable, Codable {
    public let documentID: Int64
    /// The document's revision after this change.
    public let revision: Int
    /// ISO 8601 with the Vietnam offset: `2025-08-14T16:31:45+07:00`.
    public let at: String
    public let userID: String
    public let userName: String
    /// The role the user acted in.
    public let role: Role
    /// `create`, `edit`, or a workflow action.
    public let action: String
    /// The state before; nil for the creation.
    public let fromState: String?
    public let toState: String
    public let comment: String
    /// SHA-256 of the document's current version after the change.
    public let versionSHA256: String

    /// The action as a clerk reads it: a workflow action (“trình”, “ký ban hành”), “tạo” or “sửa dự thảo”.
    public var actionName: String {
        if let workflowAction = WorkflowAction(rawValue: action) { return workflowAction.vietnameseName }
        return action == "create" ? "tạo" : action == "edit" ? "sửa dự thảo" : action
    }
}

/// One line of the register of outgoing documents (sổ đăng ký văn bản đi, DOMAIN.md §6).
public struct RegisterEntry: Sendable, Hashable, Codable {
    public let communeID: String
    /// Empty for a per-body register, else the type code.
    public let series: String
    public let year: Int
    public let number: Int
    /// Number and code as written on the document: `05/QĐ-UBND`.
    public let notation: String
    /// The issuance date, ISO `2025-01-05`.
    public let issuedOn: String
    public let documentID: Int64
    public let details: RegisterDetails
}

/// How much of a commune's register falls in a date range, and how much of it has no signed PDF yet.
public struct RegisterSpan: Sendable, Hashable {
    public let communeID: String
    public let documents: Int
    public let withoutSignedPDF: Int

    public init(communeID: String, documents: Int, withoutSignedPDF: Int) {
        self.communeID = communeID
        self.documents = documents
        self.withoutSignedPDF = withoutSignedPDF
    }
}

/// What the register records about a document besides its number, taken from the document at signing.
public struct RegisterDetails: Sendable, Hashable, Codable {
    /// "Quyết định", "Kế hoạch", "Tờ trình", "Báo cáo".
    public let typeName: String
    /// The subject line (trích yếu).
    public let subject: String
    public let signer: String
    /// The recipients (Nơi nhận), one per line.
    public let recipients: [String]
    /// The unit that keeps the file copy ("Lưu: VT").
    public let fileUnit: String

    public init(typeName: String, subject: String, signer: String, recipients: [String], fileUnit: String) {
        self.typeName = typeName
        self.subject = subject
        self.signer = signer
        self.recipients = recipients
        self.fileUnit = fileUnit
    }
}
