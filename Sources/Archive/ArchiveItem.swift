import Foundation

/// One signed document as the archive package takes it: its register facts (the metadata of Decree 30, Appendix VI),
/// the signed PDF with the SHA-256 recorded at signing, the native original and its history. Build it from the
/// store's records with `init(register:document:audit:pdf:pdfSHA256:native:…)` or field by field.
public struct ArchiveItem: Sendable {
    /// The number in the register: `5` in `05/QĐ-UBND` (CodeNumber).
    public var number: Int
    /// Number and code as written on the document: `05/QĐ-UBND`.
    public var notation: String
    /// The issuance date, ISO `2026-01-05` (IssuedDate).
    public var issuedOn: String
    /// "Quyết định", "Kế hoạch", … (TypeName).
    public var typeName: String
    /// The subject line, trích yếu (Subject).
    public var subject: String
    /// The issuing body (OrganName, OrganId).
    public var organ: Organ
    /// Who signed (SignerInfo).
    public var signer: SignerInfo
    /// The recipients, Nơi nhận (To), in the order the document lists them.
    public var recipients: [Organ]
    /// Pages of the signed PDF (PageAmount).
    public var pageCount: Int
    /// The document's language (Language): `vi`.
    public var language: String
    /// A note (Description).
    public var description: String?
    /// How urgent (Priority): "Thường", "Khẩn", "Thượng khẩn", "Hỏa tốc".
    public var priority: String?
    /// How many copies were issued (IssuedAmount).
    public var issuedAmount: Int?
    /// The deadline for handling it, ISO date (DueDate).
    public var dueDate: String?
    /// The legal electronic original: the PDF with the signer's and the body's signatures.
    public var signedPDF: [UInt8]
    /// The PDF's SHA-256 as recorded at signing, lowercase hex: the package refuses a PDF that differs.
    public var signedPDFSHA256: String
    /// The native original the PDF was printed from.
    public var native: NativeFile
    /// The document's history, oldest first.
    public var history: [HistoryEvent]

    public init(number: Int, notation: String, issuedOn: String, typeName: String, subject: String, organ: Organ,
                signer: SignerInfo, recipients: [Organ], pageCount: Int, language: String = "vi", description: String? = nil,
                priority: String? = nil, issuedAmount: Int? = nil, dueDate: String? = nil, signedPDF: [UInt8],
                signedPDFSHA256: String, native: NativeFile, history: [HistoryEvent]) {
        self.number = number
        self.notation = notation
        self.issuedOn = issuedOn
        self.typeName = typeName
        self.subject = subject
        self.organ = organ
        self.signer = signer
        self.recipients = recipients
        self.pageCount = pageCount
        self.language = language
        self.description = description
        self.priority = priority
        self.issuedAmount = issuedAmount
        self.dueDate = dueDate
        self.signedPDF = signedPDF
        self.signedPDFSHA256 = signedPDFSHA256
        self.native = native
        self.history = history
    }

    /// An issuing or receiving body: its code where it has one (OrganId) and its name (OrganName).
    public struct Organ: Sendable, Hashable {
        public var id: String?
        public var name: String

        public init(id: String? = nil, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// SignerInfo: the signer's position as the signature block writes it and their full name.
    public struct SignerInfo: Sendable, Hashable {
        public var position: String
        public var fullName: String

        public init(position: String, fullName: String) {
            self.position = position
            self.fullName = fullName
        }
    }

    /// The editable original: its bytes and format (`odt` or `docx`).
    public struct NativeFile: Sendable {
        public var bytes: [UInt8]
        public var format: String

        public init(bytes: [UInt8], format: String) {
            self.bytes = bytes
            self.format = format
        }
    }

    /// One line of the audit log: who, in which role, when (ISO 8601 with +07:00), from which state to which, the
    /// comment and the SHA-256 of the version after the change.
    public struct HistoryEvent: Sendable, Hashable {
        public var at: String
        public var userID: String
        public var userName: String
        public var role: String
        /// The action's code (`submit`, `sign`) and its Vietnamese name (“trình”, “ký ban hành”).
        public var action: String
        public var actionName: String
        public var fromState: String?
        public var toState: String
        public var comment: String
        public var versionSHA256: String

        public init(at: String, userID: String, userName: String, role: String, action: String, actionName: String,
                    fromState: String?, toState: String, comment: String, versionSHA256: String) {
            self.at = at
            self.userID = userID
            self.userName = userName
            self.role = role
            self.action = action
            self.actionName = actionName
            self.fromState = fromState
            self.toState = toState
            self.comment = comment
            self.versionSHA256 = versionSHA256
        }
    }

    /// The number as the notation writes it: `05` in `05/QĐ-UBND` (CodeNumber).
    public var codeNumber: String {
        notation.contains("/") ? String(notation.prefix { $0 != "/" }) : String(number)
    }

    /// The code after the number: `QĐ-UBND` in `05/QĐ-UBND` (CodeNotation).
    public var codeNotation: String {
        notation.firstIndex(of: "/").map { String(notation[notation.index(after: $0)...]) } ?? notation
    }

    /// When the document was signed: the time of its `sign` event, if its history has one.
    public var signedAt: String? { history.last { $0.action == "sign" }?.at }
}
