import Archive
import Foundation
import Office
import OfficeZip
import Signing
import Storage
import Testing
import VietnameseText

/// The archive export from the store: the register read page by page, each signed document packaged with its signed
/// PDF, its signed ODT, its metadata and history; and what stops an export before it writes anything.
@Suite("Office: the archive export of signed documents")
struct ArchiveExportTests {
    typealias Setting = SignedOriginalsTests.Setting
    static let year2025 = (from: VietnameseDate(parsing: "2025-01-01")!, to: VietnameseDate(parsing: "2025-12-31")!)

    static func entries(of url: URL) throws -> [(name: String, bytes: [UInt8])] {
        let reader = try ZipFileReader(path: url.path, limits: ArchivePackageVerifier.limits)
        return try reader.entries.map { ($0.name, try reader.contents(of: $0)) }
    }

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("three signed documents read two at a time make a package that verifies, in number order, with the signed files")
    func exportsWhatWasSigned() async throws {
        let s = try await Setting()
        var ids: [Int64] = []
        for _ in 0..<3 {
            ids.append(try await s.signedDocument())
            try #require(try await s.originals.workOne() != nil)
        }
        let export = try await ArchiveExport.prepare(store: s.office.store, from: Self.year2025.from, to: Self.year2025.to,
                                                     communeID: nil, pageSize: 2)
        #expect(export.communeID == "gia-cat" && export.documentCount == 3)
        #expect(export.organ == ArchiveItem.Organ(id: "gia-cat", name: "Ủy ban nhân dân xã Gia Cát"))

        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("goi.zip")
        var progress: [Int] = []
        let summary = try await export.write(to: url) { done, total in
            #expect(total == 3)
            progress.append(done)
        }
        #expect(progress == [1, 2, 3])
        #expect(summary.documentCount == 3 && summary.fileCount == 14)

        let report = try await ArchivePackageVerifier.verify(package: url, trustAnchors: [try s.keys.trustAnchors()[0]])
        #expect(report.problems == [])
        #expect(report.isValid)
        // Two signatures on each PDF and two on each signed ODT.
        #expect(report.items.count == 12 && report.items.filter { $0.title.hasPrefix("Bản ODT representations/native/data/") }.count == 6,
                "\(report.items.map(\.title))")

        let entries = try Self.entries(of: url)
        #expect(entries.filter { $0.name.hasPrefix("representations/pdf/") }.map(\.name) == [
            "representations/pdf/data/00001-01-QD-UBND.pdf", "representations/pdf/data/00002-02-QD-UBND.pdf",
            "representations/pdf/data/00003-03-QD-UBND.pdf",
        ])
        for (index, id) in ids.enumerated() {
            let stem = String(format: "%05d-%02d-QD-UBND", index + 1, index + 1)
            let pdf = try #require(entries.first { $0.name == "representations/pdf/data/\(stem).pdf" })
            #expect(Data(pdf.bytes) == (try await s.office.store.signedPDF(of: id))?.pdf)
            let odt = try #require(entries.first { $0.name == "representations/native/data/\(stem).odt" })
            // The native original is the signed ODT, with its two XML-DSig signatures.
            #expect(Data(odt.bytes) == (try await s.office.store.signedPDF(of: id))?.odt)
            #expect(try await ODFSignatureVerifier.verify(odt: odt.bytes, trustAnchors: try s.keys.trustAnchors()).isValid)
            let metadata = String(decoding: try #require(entries.first { $0.name == "metadata/descriptive/\(stem).xml" }).bytes, as: UTF8.self)
            #expect(metadata.contains("<OrganName>Ủy ban nhân dân xã Gia Cát</OrganName>"))
            #expect(metadata.contains("<IssuedDate>2025-01-05</IssuedDate>"))
            #expect(metadata.contains("<FullName>Hoàng Văn Minh</FullName>"))
            #expect(metadata.contains("<PageAmount>1</PageAmount>"))
            #expect(metadata.contains("<To>") && !metadata.contains("Lưu:"), "the file copies are not an addressee")
            let history = String(decoding: try #require(entries.first { $0.name == "metadata/preservation/history/\(stem).xml" }).bytes, as: UTF8.self)
            #expect(history.contains("phochutich") && history.contains("commune_review"))
        }
    }

    @Test("an export waits while a document in the range has no signed PDF yet, and says how many")
    func waitsForSignedPDF() async throws {
        let s = try await Setting()
        _ = try await s.signedDocument()
        _ = try await s.originals.workOne()
        _ = try await s.signedDocument()
        await #expect(throws: ArchiveExportProblem.waitingForSignedPDF(count: 1, of: 2, commune: "Gia Cát")) {
            try await ArchiveExport.prepare(store: s.office.store, from: Self.year2025.from, to: Self.year2025.to, communeID: "gia-cat")
        }
        _ = try await s.originals.workOne()
        #expect(try await ArchiveExport.prepare(store: s.office.store, from: Self.year2025.from, to: Self.year2025.to,
                                                communeID: "gia-cat").documentCount == 2)
    }

    @Test("an empty range, a reversed range and an unknown commune are refused in Vietnamese, before anything is written")
    func refusals() async throws {
        let s = try await Setting()
        _ = try await s.signedDocument()
        _ = try await s.originals.workOne()
        let store = s.office.store
        let march = VietnameseDate(parsing: "2025-03-01")!
        await #expect(throws: ArchiveExportProblem.nothingIssued(from: march, to: Self.year2025.to, commune: nil)) {
            try await ArchiveExport.prepare(store: store, from: march, to: Self.year2025.to, communeID: nil)
        }
        await #expect(throws: ArchiveExportProblem.badRange(from: Self.year2025.to, to: march)) {
            try await ArchiveExport.prepare(store: store, from: Self.year2025.to, to: march, communeID: nil)
        }
        await #expect(throws: ArchiveExportProblem.unknownCommune("yen-hoa")) {
            try await ArchiveExport.prepare(store: store, from: Self.year2025.from, to: Self.year2025.to, communeID: "yen-hoa")
        }
        #expect(ArchiveExportProblem.nothingIssued(from: march, to: Self.year2025.to, commune: "Gia Cát").description
            == "Gia Cát không có văn bản nào ban hành từ ngày 01/03/2025 đến ngày 31/12/2025.")
        #expect(ArchiveExportProblem.waitingForSignedPDF(count: 1, of: 3, commune: "Gia Cát").description.hasPrefix(
            "1/3 văn bản của Gia Cát trong khoảng này chưa có bản PDF ký số"))
    }
}
