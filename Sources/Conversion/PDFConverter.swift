import Foundation
import Templating

/// Turns an office document into a PDF. A protocol so that a test double or a remote converter can stand in for
/// the LibreOffice pool.
public protocol PDFConverter: Sendable {
    /// The PDF of `document`, an ODT or DOCX package of `format`.
    func pdf(from document: Data, format: DocumentFormat, options: PDFOptions) async throws -> Data
}

/// How a PDF is written.
public struct PDFOptions: Sendable, Hashable {
    /// PDF/A-2b (ISO 19005-2, level B) instead of plain PDF: the archival form. Part 2 rather than part 1 because
    /// it keeps transparency (the signer's signature and the seal are transparent PNGs, which PDF/A-1 flattens or
    /// forbids) and allows the incremental updates PAdES signatures add; level B (visual appearance) is what
    /// LibreOffice's export guarantees.
    public var pdfA: Bool

    /// Plain PDF unless `pdfA`.
    public init(pdfA: Bool = false) {
        self.pdfA = pdfA
    }

    /// LibreOffice's `SelectPdfVersion` export setting: 0 for its default PDF, 2 for PDF/A-2b.
    var libreOfficePDFVersion: Int { pdfA ? 2 : 0 }
}

extension DocumentFormat {
    /// The LibreOffice import filter for the format, named so that a file is never sniffed as another format.
    var libreOfficeFilter: String {
        switch self {
        case .odt: "writer8"
        case .docx: "MS Word 2007 XML"
        }
    }
}

/// Finds the programs the conversion runs.
enum Tools {
    /// The full path of `name` on PATH, or nil.
    static func executable(_ name: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        (path ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The full path of `name` on PATH, or a `notInstalled` error naming its Debian package.
    static func require(_ name: String, package: String) throws -> String {
        guard let found = executable(name) else { throw ConversionError.notInstalled(tool: name, package: package) }
        return found
    }
}
