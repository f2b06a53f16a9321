/// What the package keeps about each file once its bytes are written: enough for METS and PREMIS, about 200 bytes.
struct PackagedFile {
    let id: String
    let path: String
    let size: Int
    let sha256: String
    let mediaType: String
}

/// What the package keeps about each document once its files are written.
struct PackagedDocument {
    let ordinal: Int
    let notation: String
    let issuedOn: String
    let signedAt: String?
    let signerName: String
    let descriptive: PackagedFile
    let history: PackagedFile
    let pdf: PackagedFile
    let native: PackagedFile

    var files: [PackagedFile] { [descriptive, history, pdf, native] }

    /// The suffix of the document's METS identifiers: `00001`.
    static func key(_ ordinal: Int) -> String {
        String(repeating: "0", count: max(0, 5 - String(ordinal).count)) + String(ordinal)
    }
}
