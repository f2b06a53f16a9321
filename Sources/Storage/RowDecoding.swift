import Foundation
import VietnameseText
import Workflow

/// A result row read by column name. Each store adapts its driver's row to it, so that records are built from rows in
/// one place for both.
protocol RecordColumns {
    func text(_ column: String) throws -> String
    func optionalText(_ column: String) throws -> String?
    func integer(_ column: String) throws -> Int64
    func optionalInteger(_ column: String) throws -> Int64?
    func bytes(_ column: String) throws -> Data
    func optionalBytes(_ column: String) throws -> Data?
    func flag(_ column: String) throws -> Bool
}

extension RecordColumns {
    func int(_ column: String) throws -> Int { Int(try integer(column)) }
}

/// Records from rows, by column name, and the text forms of the values stored as text.
enum RowDecoding {
    static func roles(_ roles: Set<Role>) -> String { roles.sorted().map(\.rawValue).joined(separator: ",") }

    static func roles(_ text: String) -> Set<Role> {
        Set(text.split(separator: ",").compactMap { Role(rawValue: String($0)) })
    }

    static func commune(_ row: some RecordColumns) throws -> CommuneRecord {
        CommuneRecord(id: try row.text("id"), name: try row.text("name"), bodyCode: try row.text("body_code"),
                      numbering: NumberingScheme(rawValue: try row.text("numbering")) ?? .perBody,
                      profile: try row.bytes("profile"))
    }

    static func registerSpan(_ row: some RecordColumns) throws -> RegisterSpan {
        RegisterSpan(communeID: try row.text("commune_id"), documents: try row.int("documents"), withoutSignedPDF: try row.int("without_pdf"))
    }

    static func user(_ row: some RecordColumns) throws -> UserRecord {
        UserRecord(id: try row.text("id"), fullName: try row.text("full_name"), title: try row.text("title"),
                   communeID: try row.text("commune_id"), roles: roles(try row.text("roles")))
    }

    static func document(_ row: some RecordColumns) throws -> DocumentRecord {
        DocumentRecord(
            id: try row.integer("id"), communeID: try row.text("commune_id"), kind: try row.text("kind"),
            typeCode: try row.text("type_code"), title: try row.text("title"), workflowID: try row.text("workflow_id"),
            workflowVersion: try row.int("workflow_version"), state: try row.text("state"),
            revision: try row.int("revision"), authorID: try row.text("author_id"),
            createdAt: try row.text("created_at"), updatedAt: try row.text("updated_at"),
            dueOn: try row.optionalText("due_on").flatMap(VietnameseDate.init(parsing:)),
            replacesID: try row.optionalInteger("replaces_id"))
    }

    static func version(_ row: some RecordColumns) throws -> VersionRecord {
        VersionRecord(
            id: try row.integer("id"), documentID: try row.integer("document_id"), sequence: try row.int("seq"),
            format: try row.text("format"), data: try row.bytes("data"), bytes: try row.bytes("bytes"),
            sha256: try row.text("sha256"), authorID: try row.text("author_id"), createdAt: try row.text("created_at"),
            isFinal: try row.flag("final"))
    }

    static func versionSummary(_ row: some RecordColumns) throws -> VersionSummary {
        VersionSummary(
            id: try row.integer("id"), documentID: try row.integer("document_id"), sequence: try row.int("seq"),
            format: try row.text("format"), sha256: try row.text("sha256"), authorID: try row.text("author_id"),
            createdAt: try row.text("created_at"), isFinal: try row.flag("final"))
    }

    /// The columns of a `VersionSummary`.
    static let versionSummaryColumns = "id, document_id, seq, format, sha256, author_id, created_at, final"

    static func audit(_ row: some RecordColumns) throws -> AuditEntry {
        AuditEntry(
            documentID: try row.integer("document_id"), revision: try row.int("revision"), at: try row.text("at"),
            userID: try row.text("user_id"), userName: try row.text("user_name"),
            role: Role(rawValue: try row.text("role")) ?? .clerk, action: try row.text("action"),
            fromState: try row.optionalText("from_state"), toState: try row.text("to_state"),
            comment: try row.text("comment"), versionSHA256: try row.text("version_sha256"))
    }

    static func register(_ row: some RecordColumns) throws -> RegisterEntry {
        RegisterEntry(
            communeID: try row.text("commune_id"), series: try row.text("series"), year: try row.int("year"),
            number: try row.int("number"), notation: try row.text("notation"), issuedOn: try row.text("issued_on"),
            documentID: try row.integer("document_id"),
            details: try JSONDecoder().decode(RegisterDetails.self, from: Data(try row.text("details").utf8)))
    }

    static func signingJob(_ row: some RecordColumns) throws -> SigningJob {
        SigningJob(
            documentID: try row.integer("document_id"), versionSHA256: try row.text("version_sha256"),
            signedAt: try row.text("signed_at"), signerID: try row.text("signer_id"), attempts: try row.int("attempts"),
            lastError: try row.text("last_error"), notBefore: try row.text("not_before"),
            doneAt: try row.optionalText("done_at"), leaseOwner: try row.optionalText("lease_owner"))
    }

    static func signedPDF(_ row: some RecordColumns) throws -> SignedPDF {
        SignedPDF(documentID: try row.integer("document_id"), versionSHA256: try row.text("version_sha256"),
                  pdf: try row.bytes("pdf"), sha256: try row.text("sha256"), odt: try row.optionalBytes("odt"),
                  odtSHA256: try row.optionalText("odt_sha256"), createdAt: try row.text("created_at"))
    }

    /// What `JSONEncoder` with sorted keys and unescaped slashes writes for `details`, written directly: every
    /// signing writes it under the store's write lock.
    static func detailsJSON(_ details: RegisterDetails) throws -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("fileUnit")
        writer.string(details.fileUnit)
        writer.key("recipients")
        writer.strings(details.recipients)
        writer.key("signer")
        writer.string(details.signer)
        writer.key("subject")
        writer.string(details.subject)
        writer.key("typeName")
        writer.string(details.typeName)
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
