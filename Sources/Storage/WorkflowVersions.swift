import Foundation
import Synchronization
import Workflow

/// Parsed workflow versions a store has read, kept because a stored version's text never changes.
final class WorkflowVersions: Sendable {
    private let parsed = Mutex<[String: WorkflowDefinition]>([:])

    /// The definition stored as `source` for `id` and `version`, parsed once.
    func definition(id: String, version: Int, source: () throws -> String?) throws -> WorkflowDefinition? {
        if let known = known(id: id, version: version) { return known }
        return try parse(id: id, version: version, text: try source())
    }

    /// The same, for a store whose reads are asynchronous.
    func definition(id: String, version: Int, loading source: () async throws -> String?) async throws -> WorkflowDefinition? {
        if let known = known(id: id, version: version) { return known }
        return try parse(id: id, version: version, text: try await source())
    }

    private func known(id: String, version: Int) -> WorkflowDefinition? {
        parsed.withLock { $0["\(id)@\(version)"] }
    }

    private func parse(id: String, version: Int, text: String?) throws -> WorkflowDefinition? {
        guard let text else { return nil }
        let definition: WorkflowDefinition
        do {
            definition = try WorkflowDefinition.load(yaml: text, file: "\(id) version \(version)")
        } catch {
            throw StoreError.workflowVersion("Quy trình “\(id)” phiên bản \(version) lưu trong cơ sở dữ liệu không đọc được: \(error)")
        }
        parsed.withLock { $0["\(id)@\(version)"] = definition }
        return definition
    }

    /// Refuses to record a changed text under a version that documents may already follow.
    static func checkUnchanged(id: String, version: Int, stored: String?, new: String) throws {
        if let stored, stored != SHA256Hex.digest(Data(new.utf8)) {
            throw StoreError.workflowVersion(
                "Workflow '\(id)' version \(version) changed but kept its version number; documents started on it "
                    + "must keep the text they started with: give the changed definition version \(version + 1).")
        }
    }
}
