/// The metadata file of one document (`metadata/descriptive/…xml`): the fields of Decree 30/2020, Appendix VI, under
/// their names there (FileCode, DocOrdinal, TypeName, CodeNumber, CodeNotation, IssuedDate, OrganName, Subject,
/// Language, PageAmount, Description, SignerInfo, To, Priority, IssuedAmount, DueDate), then `SignedOriginal`: the
/// PDF's path in the package and the SHA-256 recorded at signing, which the verifier checks the PDF against.
enum DocumentMetadata {
    static let namespace = "urn:vanban:archive:nd30-metadata:1"

    static func xml(for item: ArchiveItem, ordinal: Int, file: ArchiveFileCode, pdfPath: String) -> [UInt8] {
        var xml = XMLText()
        xml.start("Document", [("xmlns", namespace)])
        xml.start("FileCode")
        xml.element("OrganId", file.organID)
        xml.element("FileCatalog", file.fileCatalog)
        xml.element("FileNotation", file.fileNotation)
        xml.end()
        xml.element("DocOrdinal", String(ordinal))
        xml.element("TypeName", item.typeName)
        xml.element("CodeNumber", item.codeNumber)
        xml.element("CodeNotation", item.codeNotation)
        xml.element("IssuedDate", item.issuedOn)
        xml.element("OrganName", item.organ.name)
        xml.element("Subject", item.subject)
        xml.element("Language", item.language)
        xml.element("PageAmount", String(item.pageCount))
        xml.element("Description", item.description)
        xml.start("SignerInfo")
        xml.element("Position", item.signer.position)
        xml.element("FullName", item.signer.fullName)
        xml.end()
        for recipient in item.recipients {
            xml.start("To")
            xml.element("OrganId", recipient.id)
            xml.element("OrganName", recipient.name)
            xml.end()
        }
        xml.element("Priority", item.priority)
        xml.element("IssuedAmount", item.issuedAmount.map(String.init))
        xml.element("DueDate", item.dueDate)
        xml.start("SignedOriginal")
        xml.element("Path", pdfPath)
        xml.element("SHA256", item.signedPDFSHA256)
        xml.element("SignedAt", item.signedAt)
        xml.end()
        xml.end()
        return Array(xml.text.utf8)
    }

    /// What the verifier needs back from a metadata file.
    struct Facts {
        var notation: String?
        var issuedDate: String?
        var pdfPath: String?
        var signedSHA256: String?
    }

    /// Reads a metadata file back (`XMLEvents` refuses DTDs and entities).
    static func facts(from bytes: [UInt8], name: String) throws(ArchiveFormatError) -> Facts {
        var facts = Facts()
        var number: String?, code: String?
        var path: [String] = []
        try XMLEvents.scan(bytes, name: name) { event in
            switch event {
            case .start(let element, _): path.append(element)
            case .end: path.removeLast()
            case .text(let text):
                switch path {
                case ["Document", "CodeNumber"]: number = text
                case ["Document", "CodeNotation"]: code = text
                case ["Document", "IssuedDate"]: facts.issuedDate = text
                case ["Document", "SignedOriginal", "Path"]: facts.pdfPath = text
                case ["Document", "SignedOriginal", "SHA256"]: facts.signedSHA256 = text
                default: break
                }
            }
        }
        if let number, let code { facts.notation = "\(number)/\(code)" }
        return facts
    }
}

/// The hồ sơ (archival file) the package's documents belong to, FileCode in Decree 30: the archive's code of the
/// organ, the catalogue number and the file's notation.
public struct ArchiveFileCode: Sendable, Hashable {
    public var organID: String
    public var fileCatalog: String
    public var fileNotation: String

    public init(organID: String, fileCatalog: String, fileNotation: String) {
        self.organID = organID
        self.fileCatalog = fileCatalog
        self.fileNotation = fileNotation
    }
}
