import VietnameseText

/// Where each file of a package lives (E-ARK CSIP folder structure): `METS.xml` at the root, metadata under
/// `metadata/`, and two representations of the same documents, the signed PDFs (`representations/pdf/data/`) and
/// the native originals (`representations/native/data/`). Each document's files share a stem made of its position
/// in the package and its notation: `00001-05-QD-UBND`.
enum PackageLayout {
    static let mets = "METS.xml"
    static let premis = "metadata/preservation/premis.xml"
    static let metsProfile = "https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml"
    static let pdfGroup = "Representations/pdf"
    static let nativeGroup = "Representations/native"

    /// The stem of a document's files: its ordinal (from 1) and its notation folded to ASCII letters, digits and dashes.
    static func stem(ordinal: Int, notation: String) -> String {
        let folded = AsciiFolding.fold(notation).unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-": Character(scalar)
            default: "-"
            }
        }
        let padded = String(repeating: "0", count: max(0, 5 - String(ordinal).count)) + String(ordinal)
        return padded + "-" + String(folded)
    }

    static func descriptive(_ stem: String) -> String { "metadata/descriptive/\(stem).xml" }
    static func history(_ stem: String) -> String { "metadata/preservation/history/\(stem).xml" }
    static func pdf(_ stem: String) -> String { "representations/pdf/data/\(stem).pdf" }
    static let nativeFolder = "representations/native/data/"
    static func native(_ stem: String, format: String) -> String { "\(nativeFolder)\(stem).\(format)" }

    /// The media type of a native original.
    static func mediaType(nativeFormat format: String) -> String {
        switch format {
        case "odt": "application/vnd.oasis.opendocument.text"
        case "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        default: "application/octet-stream"
        }
    }
}
