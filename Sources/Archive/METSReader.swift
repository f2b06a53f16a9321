/// What the verifier reads from a package's METS.xml: every file it lists (fileSec files and mdRef metadata files)
/// with its size and SHA-256, and the documents of the structMap's PDF representation, in order.
struct METSContents {
    struct ListedFile {
        let id: String
        let path: String
        let size: Int?
        let sha256: String?
        let checksumType: String?
    }

    /// One document division: its order, label (the notation), descriptive metadata and the PDF file it points to.
    struct Document {
        let order: Int?
        let label: String
        let descriptiveID: String?
        let fileID: String?
    }

    var identifier: String?
    var files: [ListedFile] = []
    var documents: [Document] = []
    /// dmdSec ID → the mdRef file ID inside it.
    var descriptiveFiles: [String: String] = [:]

    init(bytes: [UInt8]) throws(ArchiveFormatError) {
        var stack: [String] = []
        var file: (id: String, size: Int?, sha: String?, type: String?)?
        var dmdSection: String?
        var inPDFGroup = false
        var division: (order: Int?, label: String, dmd: String?, file: String?)?
        var sawRoot = false
        var parsed = self
        try XMLEvents.scan(bytes, name: PackageLayout.mets) { event throws(ArchiveFormatError) in
            switch event {
            case .start(let name, let attributes):
                if stack.isEmpty {
                    guard name == "mets" else { throw ArchiveFormatError(file: PackageLayout.mets, reason: "không có phần tử gốc <mets>") }
                    sawRoot = true
                    parsed.identifier = attributes["OBJID"]
                }
                switch name {
                case "dmdSec": dmdSection = attributes["ID"]
                case "mdRef":
                    let id = attributes["ID"] ?? attributes["xlink:href"] ?? ""
                    if let href = attributes["xlink:href"] {
                        parsed.files.append(ListedFile(id: id, path: href, size: attributes["SIZE"].flatMap { Int($0) },
                                                       sha256: attributes["CHECKSUM"], checksumType: attributes["CHECKSUMTYPE"]))
                    }
                    if let dmdSection { parsed.descriptiveFiles[dmdSection] = id }
                case "file":
                    file = (attributes["ID"] ?? "", attributes["SIZE"].flatMap { Int($0) }, attributes["CHECKSUM"], attributes["CHECKSUMTYPE"])
                case "FLocat":
                    if let current = file, let href = attributes["xlink:href"] {
                        parsed.files.append(ListedFile(id: current.id, path: href, size: current.size, sha256: current.sha, checksumType: current.type))
                    }
                case "div" where stack.last == "div" && attributes["LABEL"] == PackageLayout.pdfGroup:
                    inPDFGroup = true
                case "div" where inPDFGroup:
                    division = (attributes["ORDER"].flatMap { Int($0) }, attributes["LABEL"] ?? "", attributes["DMDID"], nil)
                case "fptr" where division != nil:
                    division?.file = attributes["FILEID"]
                default: break
                }
                stack.append(name)
            case .end(let name):
                stack.removeLast()
                switch name {
                case "dmdSec": dmdSection = nil
                case "file": file = nil
                case "div" where division != nil:
                    if let division {
                        parsed.documents.append(Document(order: division.order, label: division.label, descriptiveID: division.dmd, fileID: division.file))
                    }
                    division = nil
                case "div" where inPDFGroup:
                    inPDFGroup = false
                default: break
                }
            case .text: break
            }
        }
        guard sawRoot else { throw ArchiveFormatError(file: PackageLayout.mets, reason: "không có phần tử gốc <mets>") }
        self = parsed
    }
}
