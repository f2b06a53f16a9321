import Archive
import Foundation
import OfficeZip
import Signing
import Testing

/// A package changed after export: every change is found and named precisely.
@Suite("Archive package: tampering")
struct TamperTests {
    let folder: URL
    let package: URL

    init() async throws {
        folder = try Packages.folder()
        package = try await Packages.write([try await Packages.item(number: 1, day: 5), try await Packages.item(number: 2, day: 6)], in: folder)
    }

    func verify(_ url: URL) async throws -> VerificationReport {
        try await ArchivePackageVerifier.verify(package: url, trustAnchors: [Parties.authority.certificate])
    }

    @Test("one changed byte in any file of the package is found, and the file is named")
    func changedByteInEachFile() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = try Packages.entries(of: package).map(\.name)
        for (index, name) in names.enumerated() where name != "METS.xml" {
            var original: [UInt8] = []
            let changed = try Packages.rewrite(package, as: "changed-\(index).zip") { entries in
                entries.map { entry -> (name: String, bytes: [UInt8]) in
                    guard entry.name == name else { return entry }
                    original = entry.bytes
                    var bytes = entry.bytes
                    bytes[bytes.count / 2] ^= 0x01
                    return (entry.name, bytes)
                }
            }
            var flipped = original
            flipped[flipped.count / 2] ^= 0x01
            let report = try await verify(changed)
            #expect(!report.isValid && report.exitCode == 1, "\(name)")
            #expect(report.problems.contains(
                "Tệp “\(name)” có SHA-256 \(Packages.hex(flipped)), khác SHA-256 ghi trong METS (\(Packages.hex(original))): tệp đã bị thay đổi."),
                "\(name): \(report.problems)")
        }
    }

    @Test("bytes flipped anywhere in the zip never leave it valid")
    func flippedBytesAcrossTheZip() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = try [UInt8](Data(contentsOf: package))
        let target = folder.appendingPathComponent("flipped.zip")
        // The first local header's time field: no zip reader looks at it, the layout check does.
        var timeFlipped = bytes
        timeFlipped[10] ^= 0x01
        try Data(timeFlipped).write(to: target)
        #expect(try await verify(target).problems
                == ["Cấu trúc ZIP của gói khác với lúc xuất, từ byte 10: gói đã bị sửa hoặc được nén lại bằng công cụ khác."])
        for position in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 150)) {
            var copy = bytes
            copy[position] ^= 0x04
            try Data(copy).write(to: target)
            // Either the zip cannot be read at all (exit 2) or the report is invalid (exit 1).
            let report = try? await verify(target)
            #expect(report?.isValid != true, "flipping byte \(position) went unnoticed")
        }
    }

    @Test("a changed byte inside a stored PDF is caught by the zip's CRC and named")
    func changedStoredBytes() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        var bytes = try [UInt8](Data(contentsOf: package))
        let name = Array("representations/pdf/data/00002-02-QD-UBND.pdf".utf8)
        // The first occurrence is the local header's name; the PDF's bytes follow it.
        let header = try #require(bytes.firstRange(of: name))
        bytes[header.upperBound + 500] ^= 0x10
        let target = folder.appendingPathComponent("crc.zip")
        try Data(bytes).write(to: target)
        #expect(try await verify(target).problems == [
            "Tệp “representations/pdf/data/00002-02-QD-UBND.pdf” bị hỏng: dữ liệu không khớp mã kiểm tra CRC của gói zip, tệp đã bị thay đổi sau khi xuất.",
        ])
    }

    @Test("a missing file is named")
    func missingFile() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let changed = try Packages.rewrite(package, as: "missing.zip") { $0.filter { $0.name != "representations/native/data/00002-02-QD-UBND.odt" } }
        let report = try await verify(changed)
        #expect(report.problems == ["Thiếu tệp “representations/native/data/00002-02-QD-UBND.odt”: METS liệt kê nhưng gói không có."])
        #expect(report.exitCode == 1)
    }

    @Test("an extra file is named")
    func extraFile() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let changed = try Packages.rewrite(package, as: "extra.zip") { entries in
            entries + [(name: "representations/pdf/data/00003-03-QD-UBND.pdf", bytes: Array("%PDF-1.7".utf8))]
        }
        let report = try await verify(changed)
        #expect(report.problems == ["Tệp “representations/pdf/data/00003-03-QD-UBND.pdf” có trong gói nhưng không có trong METS: gói đã bị thêm tệp."])
    }

    @Test("a METS whose checksum was changed, or that drops a file, is caught")
    func changedMETS() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let pdf = try Packages.entries(of: package).first { $0.name == "representations/pdf/data/00001-01-QD-UBND.pdf" }!
        let sha = Packages.hex(pdf.bytes)
        let forged = String(repeating: "0", count: 64)
        let changed = try Packages.rewrite(package, as: "mets.zip") { entries in
            entries.map { entry -> (name: String, bytes: [UInt8]) in
                guard entry.name == "METS.xml" else { return entry }
                return (entry.name, Array(String(decoding: entry.bytes, as: UTF8.self).replacingOccurrences(of: sha, with: forged).utf8))
            }
        }
        let report = try await verify(changed)
        #expect(report.problems == [
            "Tệp “representations/pdf/data/00001-01-QD-UBND.pdf” có SHA-256 \(sha), khác SHA-256 ghi trong METS (\(forged)): tệp đã bị thay đổi.",
        ])
        let dropped = try Packages.rewrite(package, as: "mets-dropped.zip") { entries in
            entries.map { entry -> (name: String, bytes: [UInt8]) in
                guard entry.name == "METS.xml" else { return entry }
                let text = String(decoding: entry.bytes, as: UTF8.self)
                let start = text.range(of: "<digiprovMD ID=\"history-00002\"")!.lowerBound
                let end = text.range(of: "</digiprovMD>", range: start..<text.endIndex)!.upperBound
                return (entry.name, Array(text.replacingCharacters(in: start..<end, with: "").utf8))
            }
        }
        #expect(try await verify(dropped).problems == [
            "Tệp “metadata/preservation/history/00002-02-QD-UBND.xml” có trong gói nhưng không có trong METS: gói đã bị thêm tệp.",
        ])
    }

    @Test("signatures that do not chain to the given trust anchor make the package invalid")
    func untrustedSigner() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let stranger = try TestAuthority(name: "CA lạ", key: .generateP256())
        let report = try await ArchivePackageVerifier.verify(package: package, trustAnchors: [stranger.certificate])
        #expect(!report.isValid)
        #expect(report.items.count == 4 && report.items.allSatisfy { $0.problems.contains { $0.hasPrefix("Chứng thư số của người ký không dẫn tới chứng thư gốc được tin cậy") } })
    }

    @Test("a zip bomb is refused from its declared sizes, before anything is inflated")
    func zipBomb() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("bomb.zip")
        let writer = try ZipFileWriter(path: target.path)
        try writer.add(name: "METS.xml", bytes: [UInt8](repeating: 0x20, count: 20 << 20), compression: .deflated(level: 9))
        try writer.finish()
        let error = await #expect(throws: ZipError.self) { try await verify(target) }
        guard case .suspiciousRatio(name: "METS.xml", let ratio)? = error else { Issue.record("not refused as a zip bomb: \(String(describing: error))"); return }
        #expect(ratio > 200)
    }

    @Test("a zip-slip name makes the package unusable before anything is read")
    func zipSlip() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = try [UInt8](Data(contentsOf: package))
        // Renaming the first entry in the central directory to a same-length escaping name.
        let original = Array("metadata/descriptive/00001-01-QD-UBND.xml".utf8)
        let escaping = Array("../../../../../../../../../../../evil.xml".utf8)
        #expect(original.count == escaping.count)
        var copy = bytes
        let central = copy.lastRange(of: original)!
        copy.replaceSubrange(central, with: escaping)
        let target = folder.appendingPathComponent("slip.zip")
        try Data(copy).write(to: target)
        await #expect(throws: ZipError.unsafeName(String(decoding: escaping, as: UTF8.self))) { try await verify(target) }
    }
}

extension Array where Element == UInt8 {
    /// The last occurrence of `pattern`.
    func lastRange(of pattern: [UInt8]) -> Range<Int>? {
        guard pattern.count <= count else { return nil }
        for start in stride(from: count - pattern.count, through: 0, by: -1) where self[start..<(start + pattern.count)].elementsEqual(pattern) {
            return start..<(start + pattern.count)
        }
        return nil
    }
}
