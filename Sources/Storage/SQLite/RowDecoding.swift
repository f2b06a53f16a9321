import Foundation
import GRDB
import VietnameseText
import Workflow

/// Records from SQLite rows, by column name.
enum RowDecoding {
    static func roles(_ roles: Set<Role>) -> String { roles.sorted().map(\.rawValue).joined(separator: ",") }

    static func roles(_ text: String) -> Set<Role> {
        Set(text.split(separator: ",").compactMap { Role(rawValue: String($0)) })
    }

    static func commune(_ row: Row) -> CommuneRecord {
        CommuneRecord(id: row["id"], name: row["name"], bodyCode: row["body_code"],
                      numbering: NumberingScheme(rawValue: row["numbering"]) ?? .perBody, profile: row["profile"])
    }

    static func user(_ row: Row) -> UserRecord {
        UserRecord(id: row["id"], fullName: row["full_name"], title: row["title"], communeID: row["commune_id"],
                   roles: roles(row["roles"] as String))
    }

    static func document(_ row: Row) -> DocumentRecord {
        DocumentRecord(
            id: row["id"], communeID: row["commune_id"], kind: row["kind"], typeCode: row["type_code"],
            title: row["title"], workflowID: row["workflow_id"], workflowVersion: row["workflow_version"],
            state: row["state"], revision: row["revision"], authorID: row["author_id"], createdAt: row["created_at"],
            updatedAt: row["updated_at"], dueOn: (row["due_on"] as String?).flatMap(VietnameseDate.init(parsing:)),
            replacesID: row["replaces_id"])
    }

    static func version(_ row: Row) -> VersionRecord {
        VersionRecord(
            id: row["id"], documentID: row["document_id"], sequence: row["seq"], format: row["format"],
            data: row["data"], bytes: row["bytes"], sha256: row["sha256"], authorID: row["author_id"],
            createdAt: row["created_at"], isFinal: row["final"])
    }

    static func audit(_ row: Row) -> AuditEntry {
        AuditEntry(
            documentID: row["document_id"], revision: row["revision"], at: row["at"], userID: row["user_id"],
            userName: row["user_name"], role: Role(rawValue: row["role"]) ?? .clerk, action: row["action"],
            fromState: row["from_state"], toState: row["to_state"], comment: row["comment"],
            versionSHA256: row["version_sha256"])
    }

    static func register(_ row: Row) throws -> RegisterEntry {
        RegisterEntry(
            communeID: row["commune_id"], series: row["series"], year: row["year"], number: row["number"],
            notation: row["notation"], issuedOn: row["issued_on"], documentID: row["document_id"],
            details: try JSONDecoder().decode(RegisterDetails.self, from: Data((row["details"] as String).utf8)))
    }

    static func detailsJSON(_ details: RegisterDetails) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(details), as: UTF8.self)
    }
}
