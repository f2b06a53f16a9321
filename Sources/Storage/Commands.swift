import Foundation
import Workflow

/// A rendered file and the data it came from, about to become a version.
public struct NewVersion: Sendable, Hashable {
    public let format: String
    public let data: Data
    public let bytes: Data
    public let sha256: String

    public init(format: String, data: Data, bytes: Data) {
        self.format = format
        self.data = data
        self.bytes = bytes
        self.sha256 = SHA256Hex.digest(bytes)
    }
}

/// A clerk's request to start a document.
public struct CreateDocument: Sendable {
    public let userID: String
    public let kind: String
    public let typeCode: String
    public let title: String
    public let workflow: WorkflowDefinition
    public let firstVersion: NewVersion
    public let replacesID: Int64?
    public let idempotencyKey: String?
    public let at: Date

    public init(
        userID: String, kind: String, typeCode: String, title: String, workflow: WorkflowDefinition,
        firstVersion: NewVersion, replacesID: Int64? = nil, idempotencyKey: String? = nil, at: Date
    ) {
        self.userID = userID
        self.kind = kind
        self.typeCode = typeCode
        self.title = title
        self.workflow = workflow
        self.firstVersion = firstVersion
        self.replacesID = replacesID
        self.idempotencyKey = idempotencyKey
        self.at = at
    }
}

/// A clerk's new content for a draft.
public struct ReviseDraft: Sendable {
    public let documentID: Int64
    public let userID: String
    public let expectedRevision: Int?
    public let version: NewVersion
    public let idempotencyKey: String?
    public let at: Date

    public init(documentID: Int64, userID: String, expectedRevision: Int?, version: NewVersion,
                idempotencyKey: String? = nil, at: Date) {
        self.documentID = documentID
        self.userID = userID
        self.expectedRevision = expectedRevision
        self.version = version
        self.idempotencyKey = idempotencyKey
        self.at = at
    }
}

/// A workflow action on a document, as a user asked for it.
public struct ActOnDocument: Sendable {
    public let documentID: Int64
    public let action: WorkflowAction
    public let userID: String
    public let comment: String
    /// The revision the user saw; nil takes the action on whatever is current (the command line without --revision).
    public let expectedRevision: Int?
    /// Names the request so that a retry returns the first outcome instead of acting twice.
    public let idempotencyKey: String?
    public let at: Date

    public init(documentID: Int64, action: WorkflowAction, userID: String, comment: String = "",
                expectedRevision: Int? = nil, idempotencyKey: String? = nil, at: Date) {
        self.documentID = documentID
        self.action = action
        self.userID = userID
        self.comment = comment
        self.expectedRevision = expectedRevision
        self.idempotencyKey = idempotencyKey
        self.at = at
    }
}

/// What a change did.
public struct ChangeOutcome: Sendable, Hashable {
    public let document: DocumentRecord
    public let entry: AuditEntry
    /// The register line, when the change issued the document.
    public let registered: RegisterEntry?
    /// True when the request was a retry of one already done: nothing changed this time.
    public let replayed: Bool
}

/// Which documents a list shows.
extension DocumentRecord {
    /// Whether the document waits past its due day on `today` (ISO): the rule `DocumentFilter.overdueOn` applies
    /// in SQL.
    public func isOverdue(on today: String) -> Bool { dueOn.map { $0.iso < today } ?? false }
}

public struct DocumentFilter: Sendable, Hashable {
    public var communeID: String?
    public var state: String?
    /// Only documents past their due day on this day.
    public var overdueOn: String?
    /// Only the documents that replace this one.
    public var replaces: Int64?

    public init(communeID: String? = nil, state: String? = nil, overdueOn: String? = nil, replaces: Int64? = nil) {
        self.communeID = communeID
        self.state = state
        self.overdueOn = overdueOn
        self.replaces = replaces
    }

    /// The filter as SQL conditions (empty, or ` WHERE …`) and the values they compare with, in order; `placeholder`
    /// writes the nth parameter in the store's dialect.
    func whereClause(placeholder: (Int) -> String) -> (sql: String, values: [String]) {
        var conditions: [String] = [], values: [String] = []
        let columns = [("commune_id = ", communeID, ""), ("state = ", state, ""), ("due_on IS NOT NULL AND due_on < ", overdueOn, ""),
                       ("replaces_id = CAST(", replaces.map(String.init), " AS BIGINT)")]
        for (column, value, end) in columns {
            guard let value else { continue }
            values.append(value)
            conditions.append(column + placeholder(values.count) + end)
        }
        return (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "), values)
    }
}
