import Crypto
import Foundation
import Signing
import Testing
import TestSupport

@Suite struct PAdESTests {
    let anchors = [Fixtures.parties.authority.certificate]

    @Test func signerThenBodyAreBothValid() async throws {
        let original = Fixtures.handwrittenPDF()
        let signed = try await Fixtures.twiceSigned(original)
        #expect(signed.starts(with: original), "an incremental update never rewrites earlier bytes")
        let report = try await PDFSignatureVerifier.verify(pdf: signed, trustAnchors: anchors)
        #expect(report.isValid, "\(report.verificationReport(file: "t.pdf").text)")
        #expect(report.signatures.map(\.signerName) == ["Nguyễn Văn A, Chủ tịch UBND xã Gia Cát", "Ủy ban nhân dân xã Gia Cát"])
        #expect(report.signatures.map(\.signingTime) == ["2025-08-14T16:31:45+07:00", "2025-08-14T16:32:45+07:00"])
        #expect(report.signatures.map(\.coversWholeFile) == [false, true])
        let text = report.verificationReport(file: "qd.pdf").text
        #expect(text.hasSuffix("Kết luận: HỢP LỆ (2 chữ ký, tệp còn nguyên như lúc ký)."))
        #expect(text.contains("Chữ ký 1 (Signature1): HỢP LỆ\n  Người ký: Nguyễn Văn A, Chủ tịch UBND xã Gia Cát — Ủy ban nhân dân xã Gia Cát"))
    }

    @Test func anUntrustedAnchorIsInvalidWithAReason() async throws {
        let other = try TestAuthority(name: "CA khác")
        let report = try await PDFSignatureVerifier.verify(pdf: try await Fixtures.twiceSigned(), trustAnchors: [other.certificate])
        #expect(!report.isValid)
        #expect(report.signatures.allSatisfy { $0.cmsValid && $0.problems.count == 1 })
        #expect(report.signatures[0].problems[0].hasPrefix("Chứng thư số của người ký không dẫn tới chứng thư gốc được tin cậy"))
        #expect(report.verificationReport(file: "x").exitCode == 1)
    }

    @Test func aWrongRecordedSHA256IsInvalid() async throws {
        let signed = try await Fixtures.twiceSigned()
        let right = Array(SHA256.hash(data: signed))
        #expect(try await PDFSignatureVerifier.verify(pdf: signed, trustAnchors: anchors, expectedSHA256: right).isValid)
        var wrong = right
        wrong[0] ^= 1
        let report = try await PDFSignatureVerifier.verify(pdf: signed, trustAnchors: anchors, expectedSHA256: wrong)
        #expect(!report.isValid)
        #expect(report.problems.count == 1 && report.problems[0].contains("khác SHA-256 ghi lúc ký"))
    }

    @Test func bytesAppendedAfterTheLastSignatureAreInvalid() async throws {
        let signed = try await Fixtures.twiceSigned()
        let report = try await PDFSignatureVerifier.verify(pdf: signed + Array("\n% thêm\n".utf8), trustAnchors: anchors)
        #expect(!report.isValid)
        #expect(report.problems.contains { $0.contains("không được chữ ký nào phủ") })
    }

    @Test func anUnsignedPDFIsInvalidAndGarbageIsUnusable() async throws {
        let report = try await PDFSignatureVerifier.verify(pdf: Fixtures.handwrittenPDF(), trustAnchors: anchors)
        #expect(!report.isValid && report.problems == ["Tệp không có chữ ký số nào."])
        await #expect(throws: PDFError.notPDF) { try await PDFSignatureVerifier.verify(pdf: Array("PK\u{3}\u{4} không phải PDF".utf8), trustAnchors: anchors) }
    }

    /// One flipped byte anywhere (header, objects, each ByteRange part, the /Contents hex and its padding, the
    /// trailers) is never valid: the verifier says invalid or the file is unusable.
    @Test func oneFlippedByteAnywhereIsNeverValid() async throws {
        let signed = try await Fixtures.twiceSigned()
        var positions = Set(stride(from: 0, to: signed.count, by: max(1, signed.count / 700)))
        // Every byte of the regions that matter most: the header, both signature dictionaries' edges, the tail.
        positions.formUnion(0..<16)
        positions.formUnion((signed.count - 200)..<signed.count)
        for range in try Self.contentsRanges(signed) {
            positions.formUnion((range.lowerBound - 40)..<(range.lowerBound + 40))
            positions.formUnion((range.upperBound - 40)..<(range.upperBound + 40))
        }
        var valid: [Int] = []
        for position in positions.sorted() {
            for mask: UInt8 in [0x01, 0x20, 0x80] {
                var copy = signed
                copy[position] ^= mask
                if let report = try? await PDFSignatureVerifier.verify(pdf: copy, trustAnchors: anchors), report.isValid { valid.append(position) }
            }
        }
        #expect(valid.isEmpty, "flipped bytes still valid at \(valid)")
        #expect(positions.count > 900)
    }

    static func contentsRanges(_ bytes: [UInt8]) throws -> [Range<Int>] {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.ranges(of: "/Contents<").map { range in
            let start = text.utf8.distance(from: text.startIndex, to: range.upperBound) - 1
            let end = bytes[start...].firstIndex(of: UInt8(ascii: ">"))! + 1
            return start..<end
        }
    }

    @Test(.enabled(if: Tools.shouldRun("pdfsig"))) func pdfsigSaysBothSignaturesAreValid() async throws {
        let folder = try Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("qd.pdf")
        try Data(try await Fixtures.twiceSigned()).write(to: file)
        try Self.expectPDFSigValid(file)
    }

    /// pdfsig always exits 0: its text says whether each signature is valid and which covers the whole file.
    static func expectPDFSigValid(_ file: URL) throws {
        let output = try Tools.run("pdfsig", [file.path]).output
        let signatures = output.components(separatedBy: "Signature #").dropFirst()
        #expect(signatures.count == 2, "\(output)")
        for signature in signatures {
            #expect(signature.contains("Signature Validation: Signature is Valid."), "\(output)")
            #expect(signature.contains("Signature Type: ETSI.CAdES.detached"))
        }
        #expect(signatures.first?.contains("Not total document signed") == true, "the signer's signature covers its own revision")
        #expect(signatures.last?.contains("\n  - Total document signed") == true, "\(output)")
    }

    @Test(.enabled(if: LibreOffice.shouldRun && Tools.shouldRun("pdfsig"))) func signsWhatLibreOfficePrints() async throws {
        let folder = try Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let odt = folder.appendingPathComponent("quyet-dinh.odt")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("templates/quyet-dinh-thanh-lap-to.odt"), to: odt)
        let pdf = try LibreOffice.convert([odt], to: "pdf", into: folder)[0]
        let signed = try await Fixtures.twiceSigned(Array(try Data(contentsOf: pdf)))
        let report = try await PDFSignatureVerifier.verify(pdf: signed, trustAnchors: anchors)
        #expect(report.isValid, "\(report.verificationReport(file: "lo.pdf").text)")
        let out = folder.appendingPathComponent("signed.pdf")
        try Data(signed).write(to: out)
        try Self.expectPDFSigValid(out)
    }
}
