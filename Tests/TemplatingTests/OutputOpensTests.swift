import TestSupport
import Foundation
import Testing
@testable import Templating

/// Proves that generated documents open: LibreOffice converts each to PDF and the extracted text is checked.
@Suite("Output opens in LibreOffice", .serialized)
struct OutputOpensTests {
    @Test("the sample founding decision, DOCX and ODT, converts to PDF with every member and the number and date lines",
          .enabled(if: LibreOffice.shouldRun, "LibreOffice or pdftotext is not installed (scripts/install-deps.sh installs them)"))
    func sampleDecision() throws {
        let data = try TemplateValue.decodeJSON(Data(contentsOf: repositoryRoot.appendingPathComponent("samples/gia-cat.json")))
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-opens-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var files: [URL] = []
        for format in ["docx", "odt"] {
            let template = try CompiledTemplate(contentsOf: repositoryRoot.appendingPathComponent("templates/quyet-dinh-thanh-lap-cac-to.\(format)"))
            var signed = data
            if case .object(var fields) = signed {
                fields["so_van_ban"] = "05"
                fields["ngay_ban_hanh"] = "2021-10-08"
                signed = .object(fields)
            }
            let url = work.appendingPathComponent("quyet-dinh-\(format).\(format)")
            let bytes: [UInt8] = try template.render(signed)
            try Data(bytes).write(to: url)
            files.append(url)
        }
        let texts = try LibreOffice.pdfTexts(of: files)
        for file in files {
            let text = try #require(texts[file]).precomposedStringWithCanonicalMapping
            let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(flat.contains("Số: 05/QĐ-UBND"), "\(file.lastPathComponent)")
            #expect(flat.contains("Gia Cát, ngày 08 tháng 10 năm 2021"), "\(file.lastPathComponent)")
            #expect(flat.contains("UBND HUYỆN CAO LỘC"), "\(file.lastPathComponent)")
            #expect(flat.contains("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ GIA CÁT"), "\(file.lastPathComponent)")
            #expect(flat.contains("Danh sách ấn định 24 người./."), "\(file.lastPathComponent)")
            for name in ["Đào Xuân Đông", "Hứa Thị Chia", "Hoàng Văn Páo", "Đặng Đức Sơn"] {
                #expect(flat.contains(name), "\(name) in \(file.lastPathComponent)")
            }
            #expect(!text.contains("{{"), "no tag left in \(file.lastPathComponent)")
        }
    }
}
