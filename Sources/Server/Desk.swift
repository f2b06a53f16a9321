import Documents
import Foundation
import Office
import Storage
import VietnameseText
import Workflow

/// What one signed-in user may see and do: every read is limited to their commune, and a document of another
/// commune answers as if it did not exist, so that its number tells a stranger nothing.
struct Desk: Sendable {
    let office: CommuneOffice
    let user: UserRecord

    func documents(state: String? = nil, overdue: Bool = false) async throws -> [DocumentRecord] {
        try await office.store.documents(DocumentFilter(
            communeID: user.communeID, state: state, overdueOn: overdue ? office.today : nil))
    }

    func document(_ id: Int64) async throws -> DocumentRecord {
        guard let document = try await office.store.document(id), document.communeID == user.communeID else {
            throw StoreError.documentNotFound(id)
        }
        return document
    }

    func definition(of document: DocumentRecord) async throws -> WorkflowDefinition {
        if let current = office.workflows.definitions[document.workflowID], current.version == document.workflowVersion {
            return current
        }
        guard let stored = try await office.store.workflow(id: document.workflowID, version: document.workflowVersion) else {
            throw StoreError.workflowVersion("Workflow '\(document.workflowID)' version \(document.workflowVersion) is missing.")
        }
        return stored
    }

    /// The actions this user's roles allow from the document's state. The store still checks every guard when one
    /// is taken; this only decides which buttons to show.
    func actions(on document: DocumentRecord, definition: WorkflowDefinition) -> [WorkflowAction] {
        definition.transitions(from: document.state).filter { !$0.roles.isDisjoint(with: user.roles) }.map(\.action)
    }

    func version(of id: Int64, sequence: Int?) async throws -> VersionRecord {
        _ = try await document(id)
        let versions = try await office.store.versions(of: id)
        guard let chosen = sequence.map({ wanted in versions.first { $0.sequence == wanted } }) ?? versions.last else {
            throw ServerError.notFound("Văn bản \(id) không có phiên bản \(sequence.map(String.init) ?? "nào").")
        }
        return chosen
    }

    func history(of id: Int64) async throws -> [AuditEntry] {
        _ = try await document(id)
        return try await office.store.history(of: id)
    }

    func register(year: Int) async throws -> [RegisterEntry] {
        try await office.store.register(communeID: user.communeID, year: year)
    }

    func registered(_ id: Int64) async throws -> RegisterEntry? {
        _ = try await document(id)
        return try await office.store.registerEntry(of: id)
    }
}
