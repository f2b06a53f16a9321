import Conversion
import Foundation
import Templating

/// PDFs for tests that need one without LibreOffice.
public enum TestPDF {
    /// A one-page PDF with a classic xref table, written by hand with exact offsets.
    public static func handwritten(text: String = "Quyet dinh so 05/QD-UBND") -> [UInt8] {
        var out = Array("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        let content = "BT /F1 12 Tf 72 720 Td (\(text)) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var offsets: [Int] = []
        for (index, body) in objects.enumerated() {
            offsets.append(out.count)
            out += Array("\(index + 1) 0 obj\n\(body)\nendobj\n".utf8)
        }
        let xref = out.count
        out += Array("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n".utf8)
        for offset in offsets { out += Array(String(format: "%010d 00000 n \n", offset).utf8) }
        out += Array("trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        return out
    }
}

/// A converter that prints every document as the same small PDF: the signing queue without LibreOffice.
public struct FixedPDFConverter: PDFConverter {
    public init() {}

    public func pdf(from document: Data, format: DocumentFormat, options: PDFOptions) async throws -> Data {
        Data(TestPDF.handwritten(text: "Quyet dinh da ky"))
    }
}
