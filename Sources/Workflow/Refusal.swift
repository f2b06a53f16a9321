/// Why a workflow refused an action, told to the user in Vietnamese.
public enum Refusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// The user belongs to another commune than the document.
    case otherCommune
    /// The workflow has no such action from the document's state.
    case notAvailable(action: WorkflowAction, stateTitle: String, available: [WorkflowAction])
    /// The action exists but the user holds none of the roles that may take it.
    case roleNotAllowed(action: WorkflowAction, allowed: [Role])
    /// The action must say why (a return tells the clerk what to fix).
    case commentRequired(action: WorkflowAction)
    /// The user wrote the document and may not approve or sign it.
    case authorCannotAct(action: WorkflowAction)
    /// The document does not pass its validation.
    case validationFailed(problems: [String])

    public var description: String {
        switch self {
        case .otherCommune:
            return "Văn bản này thuộc xã khác; bạn không có quyền thao tác trên nó."
        case let .notAvailable(action, stateTitle, available):
            let options = available.isEmpty
                ? "không còn thao tác nào"
                : "chỉ có thể " + available.map { "“\($0.vietnameseName)”" }.joined(separator: ", ")
            return "Không thể “\(action.vietnameseName)” văn bản đang ở trạng thái “\(stateTitle)”; lúc này \(options)."
        case let .roleNotAllowed(action, allowed):
            let roles = allowed.map(\.vietnameseName).joined(separator: " hoặc ")
            return "Chỉ \(roles) mới được “\(action.vietnameseName)” văn bản này."
        case let .commentRequired(action):
            return "Cần ghi ý kiến khi “\(action.vietnameseName)” văn bản, để người soạn biết phải sửa gì."
        case let .authorCannotAct(action):
            return "Người soạn thảo văn bản không được tự “\(action.vietnameseName)” văn bản của mình."
        case let .validationFailed(problems):
            return "Văn bản chưa đạt yêu cầu:\n" + problems.map { "- \($0)" }.joined(separator: "\n")
        }
    }
}
