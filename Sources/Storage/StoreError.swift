import Workflow

/// Why a store refused or failed a request; the description is what the user reads, in Vietnamese.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case documentNotFound(Int64)
    case userNotFound(String)
    case communeNotFound(String)
    /// The workflow refused the action.
    case refused(Refusal)
    /// The document changed since the user looked at it.
    case staleRevision(expected: Int, current: Int, lastChange: AuditEntry?)
    /// An idempotency key already named a different request.
    case idempotencyKeyReused(key: String)
    /// Only drafts can be edited; anything else is changed by a new document that replaces it.
    case notEditable(state: String)
    /// A user may only create documents of their own commune and in a role that drafts.
    case cannotCreate(reason: String)
    /// The document named as the one a new document replaces cannot be replaced (not signed, or already replaced).
    case cannotReplace(reason: String)
    /// The workflow a document started with is not in the store, or a definition changed without a new version.
    case workflowVersion(String)
    /// Rendering the final version failed; nothing was stored and no number was taken.
    case finishingFailed(String)
    /// The database itself failed (disk, connection, constraint); the message is for the log.
    case database(String)

    public var description: String {
        switch self {
        case let .documentNotFound(id):
            "Không tìm thấy văn bản số hiệu \(id)."
        case let .userNotFound(id):
            "Không có người dùng “\(id)”."
        case let .communeNotFound(id):
            "Không có xã “\(id)”."
        case let .refused(refusal):
            refusal.description
        case let .staleRevision(expected, current, lastChange):
            if let lastChange {
                "Văn bản đã được \(lastChange.userName) thay đổi (\(lastChange.actionName)) lúc "
                    + "\(lastChange.at), sau lần bạn xem (lần sửa \(expected), nay là \(current)); hãy tải lại văn bản rồi làm lại."
            } else {
                "Văn bản đã thay đổi sau lần bạn xem (lần sửa \(expected), nay là \(current)); hãy tải lại văn bản rồi làm lại."
            }
        case let .idempotencyKeyReused(key):
            "Mã yêu cầu “\(key)” đã được dùng cho một yêu cầu khác; hãy gửi yêu cầu mới với mã mới."
        case let .notEditable(state):
            "Chỉ sửa được văn bản ở trạng thái dự thảo (văn bản đang ở “\(state)”); muốn đính chính văn bản đã ký, hãy lập văn bản thay thế."
        case let .cannotCreate(reason), let .cannotReplace(reason):
            reason
        case let .workflowVersion(message):
            message
        case let .finishingFailed(message):
            "Không tạo được bản ký ban hành, văn bản chưa được cấp số: \(message)"
        case let .database(message):
            "Lỗi cơ sở dữ liệu: \(message)"
        }
    }
}
