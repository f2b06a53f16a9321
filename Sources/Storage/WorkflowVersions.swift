import Foundation
import Synchronization
import Workflow

/// Parsed workflow versions a store has read, kept because a stored version's text never changes.
final class WorkflowVersions: Sendable {
    private let parsed = Mutex<[String: WorkflowDefinition]>([:])

    /// The definition stored as `source` for `id` and `version`, parsed once.
    func definition(id: String, version: Int, source: () throws -> String?) throws -> WorkflowDefinition? {
        let key = "\(id)@\(version)"
        if let known = parsed.withLock({ $0[key] }) { return known }
        guard let text = try source() else { return nil }
        let definition: WorkflowDefinition
        do {
            definition = try WorkflowDefinition.load(yaml: text, file: "\(id) version \(version)")
        } catch {
            throw StoreError.workflowVersion("Quy trình “\(id)” phiên bản \(version) lưu trong cơ sở dữ liệu không đọc được: \(error)")
        }
        parsed.withLock { $0[key] = definition }
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
