import Foundation
import Hummingbird
import Storage
import VietnameseText
import Workflow

/// JSON responses with snake_case keys, sorted for stable output.
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The shapes the API answers with; `openapi.yaml` describes the same.
enum API {
    struct User: Encodable {
        let id: String
        let fullName: String
        let title: String
        let communeId: String
        let roles: [String]

        init(_ user: UserRecord) {
            id = user.id
            fullName = user.fullName
            title = user.title
            communeId = user.communeID
            roles = user.roles.sorted().map(\.rawValue)
        }
    }

    struct Action: Encodable {
        let action: String
        let name: String
        let commentRequired: Bool
    }

    struct Version: Encodable {
        let sequence: Int
        let format: String
        let sha256: String
        let isFinal: Bool
        let authorId: String
        let createdAt: String

        init(_ version: VersionSummary) {
            sequence = version.sequence
            format = version.format
            sha256 = version.sha256
            isFinal = version.isFinal
            authorId = version.authorID
            createdAt = version.createdAt
        }
    }

    struct Registered: Encodable {
        let number: Int
        let notation: String
        let issuedOn: String
        let year: Int
        let series: String
        let typeName: String
        let subject: String
        let signer: String
        let recipients: [String]

        init(_ entry: RegisterEntry) {
            number = entry.number
            notation = entry.notation
            issuedOn = entry.issuedOn
            year = entry.year
            series = entry.series
            typeName = entry.details.typeName
            subject = entry.details.subject
            signer = entry.details.signer
            recipients = entry.details.recipients
        }
    }

    struct Document: Encodable {
        let id: Int64
        let kind: String
        let typeCode: String
        let title: String
        let state: String
        let stateTitle: String
        let revision: Int
        let authorId: String
        let createdAt: String
        let updatedAt: String
        let dueOn: String?
        let overdue: Bool
        let workflowId: String
        let workflowVersion: Int
        let replacesId: Int64?
        /// Only on a single document: what this user may do now, the current version and the number.
        var actions: [Action]?
        var currentVersion: Version?
        var registered: Registered?
        var signedPdf: SignedOriginal?

        init(_ document: DocumentRecord, definition: WorkflowDefinition?, today: String) {
            id = document.id
            kind = document.kind
            typeCode = document.typeCode
            title = document.title
            state = document.state
            stateTitle = definition?.state(document.state)?.title ?? document.state
            revision = document.revision
            authorId = document.authorID
            createdAt = document.createdAt
            updatedAt = document.updatedAt
            dueOn = document.dueOn?.iso
            overdue = document.isOverdue(on: today)
            workflowId = document.workflowID
            workflowVersion = document.workflowVersion
            replacesId = document.replacesID
        }
    }

    /// The signed PDF original: `pending` while it is being made (with the last attempt's problem), then `stored`.
    struct SignedOriginal: Encodable {
        let status: String
        let sha256: String?
        /// The signed ODT's, when the signed version was an ODT.
        let odtSha256: String?
        let createdAt: String?
        let attempts: Int
        let lastError: String?

        init(_ original: Desk.SignedOriginal) {
            switch original {
            case let .stored(pdf):
                (status, sha256, odtSha256, createdAt, attempts, lastError) = ("stored", pdf.sha256, pdf.odtSHA256, pdf.createdAt, 0, nil)
            case let .waiting(job):
                (status, sha256, odtSha256, createdAt, attempts, lastError) =
                    ("pending", nil, nil, nil, job.attempts, job.lastError.isEmpty ? nil : job.lastError)
            }
        }
    }

    struct Outcome: Encodable {
        let document: Document
        let replayed: Bool
        let registered: Registered?
    }

    struct HistoryEntry: Encodable {
        let revision: Int
        let at: String
        let userId: String
        let userName: String
        let role: String
        let action: String
        let actionName: String
        let fromState: String?
        let toState: String
        let comment: String
        let versionSha256: String

        init(_ entry: AuditEntry) {
            revision = entry.revision
            at = entry.at
            userId = entry.userID
            userName = entry.userName
            role = entry.role.rawValue
            action = entry.action
            actionName = entry.actionName
            fromState = entry.fromState
            toState = entry.toState
            comment = entry.comment
            versionSha256 = entry.versionSHA256
        }
    }
}
