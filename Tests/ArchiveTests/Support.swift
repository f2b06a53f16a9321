import Archive
import Crypto
import Foundation
import OfficeZip
import Signing
import TestSupport

/// The test authority (P-256 keys: fast to make) with a commune chairman and the commune's body as signers.
enum Parties {
    static let authority = try! TestAuthority(name: "CA thử nghiệm lưu trữ", key: .generateP256())
    static let chairman = try! authority.issue(to: .init(commonName: "Đặng Đức Sơn, Chủ tịch UBND xã Gia Cát",
                                                         organization: "Ủy ban nhân dân xã Gia Cát"), key: .generateP256())
    static let body = try! authority.issue(to: .init(commonName: "Ủy ban nhân dân xã Gia Cát", organization: "Ủy ban nhân dân xã Gia Cát"),
                                           key: .generateP256())
}

enum Packages {
    static let organ = ArchiveItem.Organ(id: "H36.01", name: "Ủy ban nhân dân xã Gia Cát")

    static let info = ArchivePackageInfo(
        identifier: "vanban-gia-cat-2026", label: "Văn bản đi năm 2026 của UBND xã Gia Cát", organ: organ,
        fileCode: ArchiveFileCode(organID: "H36.01", fileCatalog: "1", fileNotation: "2026.VP.01"),
        createdAt: Date(timeIntervalSince1970: 1_767_600_000))

    /// A PDF of `pages` pages with one line of text each, its cross-reference table counted byte by byte.
    static func pdf(pages: Int, line: String) -> [UInt8] {
        var objects = ["<< /Type /Catalog /Pages 2 0 R >>",
                       "<< /Type /Pages /Kids [\((0..<pages).map { "\(4 + 2 * $0) 0 R" }.joined(separator: " "))] /Count \(pages) >>",
                       "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>"]
        for page in 0..<pages {
            let text = "BT /F1 13 Tf 56 780 Td (\(line) - trang \(page + 1)) Tj ET"
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents \(5 + 2 * page) 0 R >>")
            objects.append("<< /Length \(text.utf8.count) >>\nstream\n\(text)\nendstream")
        }
        var file = Array("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        let starts = objects.enumerated().map { number, body -> Int in
            defer { file += Array("\(number + 1) 0 obj\n\(body)\nendobj\n".utf8) }
            return file.count
        }
        let table = file.count
        file += Array("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n".utf8)
        file += starts.flatMap { Array((String(repeating: "0", count: 10 - String($0).count) + "\($0) 00000 n \n").utf8) }
        file += Array("trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(table)\n%%EOF\n".utf8)
        return file
    }

    /// The PDF signed by the chairman, then by the body, as signing does.
    static func signed(_ pdf: [UInt8], at time: Date) async throws -> [UInt8] {
        let first = try await PAdES.sign(pdf: pdf, signer: Parties.chairman, info: .init(time: time, reason: "Ký ban hành"))
        return try await PAdES.sign(pdf: first, signer: Parties.body, info: .init(time: time.addingTimeInterval(120), reason: "Văn thư đóng dấu"))
    }

    static func hex(_ bytes: [UInt8]) -> String { SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined() }

    /// A signed decision numbered `number`, issued on `day` (January 2026), with its history.
    static func item(number: Int, day: Int, subject: String? = nil) async throws -> ArchiveItem {
        let date = String(format: "2026-01-%02d", day)
        let notation = String(format: "%02d/QĐ-UBND", number)
        let pdf = try await signed(pdf(pages: 2, line: "Quyet dinh so \(number)"), at: Date(timeIntervalSince1970: 1_767_200_000 + Double(day) * 86_400))
        let native = Array("PK native ODT of \(notation)".utf8) + (0..<2000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ number) }
        return ArchiveItem(
            number: number, notation: notation, issuedOn: date, typeName: "Quyết định",
            subject: subject ?? "Về việc thành lập Tổ Công nghệ số cộng đồng thôn \(number)", organ: organ,
            signer: .init(position: "Chủ tịch", fullName: "Đặng Đức Sơn"),
            recipients: [.init(name: "UBND tỉnh Tây Ninh"), .init(id: "H36.01.02", name: "Thôn Kiến Mộc")], pageCount: 2,
            signedPDF: pdf, signedPDFSHA256: hex(pdf), native: .init(bytes: native, format: "odt"),
            history: [
                .init(at: "\(date)T08:00:00+07:00", userID: "canbo", userName: "Nguyễn Thị Hoa", role: "Cán bộ soạn thảo", action: "submit",
                      actionName: "trình", fromState: "draft", toState: "commune_review", comment: "", versionSHA256: String(repeating: "a", count: 64)),
                .init(at: "\(date)T10:15:00+07:00", userID: "chutich", userName: "Đặng Đức Sơn", role: "Lãnh đạo phê duyệt", action: "sign",
                      actionName: "ký ban hành", fromState: "commune_review", toState: "signed", comment: "Đồng ý & ban hành <ngay>",
                      versionSHA256: hex(native)),
            ])
    }

    /// Writes a package of `items` into `folder` and returns its URL.
    static func write(_ items: [ArchiveItem], in folder: URL, name: String = "goi.zip") async throws -> URL {
        let url = folder.appendingPathComponent(name)
        var remaining = items[...]
        try await ArchivePackageWriter(info: info).write(expectedCount: items.count, to: url) { remaining.popFirst() }
        return url
    }

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-archive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every entry of a package, in order, read back.
    static func entries(of url: URL) throws -> [(name: String, bytes: [UInt8])] {
        let reader = try ZipFileReader(path: url.path, limits: ArchivePackageVerifier.limits)
        return try reader.entries.map { ($0.name, try reader.contents(of: $0)) }
    }

    /// A copy of a package with its entries changed by `change` (entries in order; return the new list).
    static func rewrite(_ url: URL, as name: String, _ change: ([(name: String, bytes: [UInt8])]) -> [(name: String, bytes: [UInt8])]) throws -> URL {
        let target = url.deletingLastPathComponent().appendingPathComponent(name)
        let writer = try ZipFileWriter(path: target.path)
        for entry in change(try entries(of: url)) { try writer.add(name: entry.name, bytes: entry.bytes, compression: .deflated(level: 1)) }
        try writer.finish()
        return target
    }
}
