/// The roles a commune user can hold; a workflow says which of them may take each action.
public enum Role: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// Công chức văn hóa - xã hội or văn phòng: drafts documents and fixes returned drafts.
    case clerk
    /// Chủ tịch or Phó Chủ tịch UBND xã: reviews, returns, approves and signs.
    case approver
    /// Văn thư: registers, archives and exports signed originals.
    case archivist

    /// The role's name as a clerk reads it.
    public var vietnameseName: String {
        switch self {
        case .clerk: "Cán bộ soạn thảo"
        case .approver: "Lãnh đạo phê duyệt"
        case .archivist: "Văn thư"
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The actions a workflow may offer; a definition decides from which states and to which state each leads.
public enum WorkflowAction: String, Sendable, Hashable, CaseIterable, Codable {
    case submit
    case `return`
    case approve
    case sign
    case archive
    case withdraw

    /// The action's name as a clerk reads it ("trình", "ký ban hành", …).
    public var vietnameseName: String {
        switch self {
        case .submit: "trình"
        case .return: "trả lại"
        case .approve: "duyệt"
        case .sign: "ký ban hành"
        case .archive: "lưu trữ"
        case .withdraw: "thu hồi"
        }
    }
}

/// A condition a transition checks before it is taken.
public enum WorkflowGuard: String, Sendable, Hashable, CaseIterable, Codable {
    /// The document's data passes its kind's validation and its province policy.
    case policyValid = "policy_valid"
    /// The actor says why (a return must tell the clerk what to fix).
    case commentRequired = "comment_required"
    /// Nobody signs or approves what they wrote themselves.
    case signerNotAuthor = "signer_not_author"
}

/// Work a transition asks its caller to do inside the same transaction.
public enum WorkflowEffect: String, Sendable, Hashable, CaseIterable, Codable {
    /// Take the next number of the issuing body's register and date the document today.
    case assignNumber = "assign_number"
    /// Render the final document with its number and date and store it as a new, frozen version.
    case renderFinal = "render_final"
}
