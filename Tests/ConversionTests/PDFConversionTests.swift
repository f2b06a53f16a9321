import Conversion
import Foundation
import Templating
import Testing
import TestSupport

@Suite("PDF through the warm LibreOffice pool", .enabled(if: LibreOffice.poolShouldRun, Comment(rawValue: LibreOffice.poolSkipReason)), .sharedPool)
struct PDFConversionTests {
    @Test("the sample decision becomes a PDF with its Vietnamese text, from ODT and from DOCX", arguments: DocumentFormat.allCases)
    func sampleDecision(format: DocumentFormat) async throws {
        let pdf = try await SharedPool.pool.pdf(from: try Samples.foundingDecision(format), format: format, options: PDFOptions())
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        let text = try PDFReader.text(of: pdf)
        for expected in ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                         "Đào Xuân Đông", "Danh sách ấn định 24 người./."] {
            #expect(text.contains(expected), "\(format): “\(expected)” missing from the PDF's text")
        }
        #expect(!String(decoding: pdf, as: UTF8.self).contains("pdfaid:part"), "plain PDF unless PDF/A is asked for")
    }

    @Test("PDF/A gives PDF/A-2b: the XMP identification, an output intent and every font embedded")
    func pdfA() async throws {
        let pdf = try await SharedPool.pool.pdf(from: try Samples.foundingDecision(.odt), format: .odt, options: PDFOptions(pdfA: true))
        let raw = String(decoding: pdf, as: UTF8.self)
        #expect(raw.contains("<pdfaid:part>2</pdfaid:part>"))
        #expect(raw.contains("<pdfaid:conformance>B</pdfaid:conformance>"))
        #expect(raw.contains("/GTS_PDFA1"))
        let fonts = try PDFReader.fonts(of: pdf).split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty)
        for font in fonts {
            let columns = font.split(separator: " ", omittingEmptySubsequences: true)
            #expect(columns.count >= 5 && columns[columns.count - 5] == "yes", "font not embedded: \(font)")
        }
        #expect(try PDFReader.text(of: pdf).contains("Đào Xuân Đông"))
    }

    @Test("eight requests at once on two workers all succeed, each with its own document's text")
    func concurrentRequests() async throws {
        let pool = try SharedPool.pool
        let documents = Array(try Samples.teamDecisions(.odt).prefix(6).map { ($0.leader, $0.document, DocumentFormat.odt) }
                              + Samples.teamDecisions(.docx).prefix(2).map { ($0.leader, $0.document, DocumentFormat.docx) })
        #expect(documents.count == 8)
        #expect(Set(documents.map(\.0)).count == 6)
        let texts = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for (index, document) in documents.enumerated() {
                group.addTask {
                    let pdf = try await pool.pdf(from: document.1, format: document.2, options: PDFOptions())
                    return (index, try PDFReader.text(of: pdf))
                }
            }
            var texts = [String](repeating: "", count: documents.count)
            for try await (index, text) in group { texts[index] = text }
            return texts
        }
        for (index, document) in documents.enumerated() {
            #expect(texts[index].contains(document.0), "request \(index) (\(document.2)) did not get its own PDF")
            for other in Set(documents.map(\.0)).subtracting([document.0]) {
                #expect(!texts[index].contains(other), "request \(index) got \(other)'s decision")
            }
        }
        #expect(await pool.status().running == 2)
    }

    @Test("a corrupt file gets a clear error and the pool goes on", arguments: [
        (DocumentFormat.odt, Data("PK\u{3}\u{4} not really a zip".utf8)),
        (DocumentFormat.docx, Data(repeating: 0x41, count: 4096)),
    ])
    func corruptInput(format: DocumentFormat, bytes: Data) async throws {
        let pool = try SharedPool.pool
        let error = await #expect(throws: ConversionError.self) {
            try await pool.pdf(from: bytes, format: format, options: PDFOptions())
        }
        #expect(error?.description == "Không chuyển được văn bản sang PDF: LibreOffice không mở được tệp \(format.rawValue.uppercased()) này (tệp hỏng hoặc không đúng định dạng).")
        #expect(error?.logDetail.hasPrefix("LibreOffice could not convert the \(format.rawValue) document") == true)
        let pdf = try await pool.pdf(from: try Samples.foundingDecision(format), format: format, options: PDFOptions())
        #expect(try PDFReader.text(of: pdf).contains("Đào Xuân Đông"))
    }

    @Test("page images are PNGs, one per page, of the page range asked for")
    func pageImages() async throws {
        let pdf = try await SharedPool.pool.pdf(from: try Samples.foundingDecision(.odt), format: .odt, options: PDFOptions())
        let renderer = try PDFPageRenderer()
        let count = try await renderer.pageCount(of: pdf)
        #expect(count >= 2)
        let all = try await renderer.pageImages(of: pdf, resolution: 48)
        #expect(all.count == count)
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        #expect(all.allSatisfy { $0.starts(with: png) })
        // A4 at 48 dpi is 397 pixels wide (IHDR width at bytes 16–19).
        let width = all[0][16..<20].reduce(0) { $0 << 8 | Int($1) }
        #expect((395...398).contains(width))
        let second = try await renderer.pageImages(of: pdf, resolution: 48, pages: 2...2)
        #expect(second == [all[1]])
        let error = await #expect(throws: ConversionError.self) {
            try await renderer.pageImages(of: pdf, resolution: 48, pages: 2...(count + 1))
        }
        #expect(error?.description == "Không có trang 2–\(count + 1): văn bản có \(count) trang.")
    }

    @Test("page images refuse a file that is not a PDF and a resolution out of range")
    func pageImageErrors() async throws {
        let renderer = try PDFPageRenderer()
        let notPDF = await #expect(throws: ConversionError.self) {
            try await renderer.pageImages(of: Data("not a pdf".utf8))
        }
        #expect(notPDF?.description == "Không đọc được tệp PDF để tạo ảnh trang (tệp hỏng hoặc không phải PDF).")
        let resolution = await #expect(throws: ConversionError.self) {
            try await renderer.pageImages(of: Data("%PDF-1.7".utf8), resolution: 2400)
        }
        #expect(resolution?.description == "Độ phân giải 2400 dpi không dùng được: chọn từ 24 đến 300 dpi.")
    }
}
