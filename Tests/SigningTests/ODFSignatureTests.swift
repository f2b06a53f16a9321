import Crypto
import Foundation
import OfficeZip
import Signing
import Testing
import TestSupport

@Suite struct ODFSignatureTests {
    let anchors = [Fixtures.parties.authority.certificate]

    @Test func signerThenBodyAreBothValid() async throws {
        let signed = try await Fixtures.twiceSignedODT()
        let report = try await ODFSignatureVerifier.verify(odt: signed, trustAnchors: anchors)
        let text = report.verificationReport(file: "qd.odt").text
        #expect(report.isValid, "\(text)")
        #expect(report.signatures.map(\.signerName) == ["Nguyễn Văn A, Chủ tịch UBND xã Gia Cát", "Ủy ban nhân dân xã Gia Cát"])
        #expect(report.signatures.map(\.signingTime) == ["2025-08-14T16:31:45+07:00", "2025-08-14T16:32:45+07:00"])
        let streams = try ZipArchive(bytes: Fixtures.decisionODT).entries.filter { !$0.isDirectory }.count
        #expect(report.signatures.map(\.coveredEntries) == [streams, streams], "every stream of the original, the manifest included")
        #expect(text.hasSuffix("Kết luận: HỢP LỆ (2 chữ ký, tệp còn nguyên như lúc ký)."))
        #expect(text.contains("HỢP LỆ\n  Người ký: Nguyễn Văn A, Chủ tịch UBND xã Gia Cát — Ủy ban nhân dân xã Gia Cát\n  Thời gian ký: 2025-08-14T16:31:45+07:00"))
        #expect(text.contains("Chuỗi chứng thư tin cậy: Ủy ban nhân dân xã Gia Cát ← CA thử nghiệm VanBan"))
    }

    @Test func thePackageKeepsItsShapeAndUnchangedEntries() async throws {
        let original = try ZipArchive(bytes: Fixtures.decisionODT)
        let signed = try ZipArchive(bytes: try await Fixtures.twiceSignedODT())
        #expect(signed.entries.first?.name == "mimetype" && signed.entries.first?.method == 0, "mimetype stays first and stored")
        #expect(signed.entries.map(\.name) == original.entries.map(\.name) + ["META-INF/documentsignatures.xml"])
        for entry in original.entries where entry.name != "META-INF/manifest.xml" {
            #expect(signed.compressedBytes(of: signed.entry(named: entry.name)!) == original.compressedBytes(of: entry), "\(entry.name) copied")
        }
        let manifest = String(decoding: try signed.contents(of: signed.entry(named: "META-INF/manifest.xml")!), as: UTF8.self)
        #expect(manifest.hasSuffix(" <manifest:file-entry manifest:full-path=\"META-INF/documentsignatures.xml\" manifest:media-type=\"text/xml\"/>\n</manifest:manifest>"))
        #expect(manifest.components(separatedBy: "documentsignatures.xml").count == 2, "listed once, by the first signature")
        let signatures = String(decoding: try signed.contents(of: signed.entry(named: "META-INF/documentsignatures.xml")!), as: UTF8.self)
        #expect(signatures.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document-signatures xmlns=\"urn:oasis:names:tc:opendocument:xmlns:digitalsignature:1.0\">\n<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\" Id=\"ID_"))
        #expect(signatures.components(separatedBy: "<Signature ").count == 3)
        #expect(signatures.contains("<Reference URI=\"mimetype\"><DigestMethod"), "mimetype is digested raw")
        #expect(signatures.contains("<Reference URI=\"content.xml\"><Transforms><Transform Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"/></Transforms>"))
        #expect(!signatures.contains("URI=\"META-INF/documentsignatures.xml\""))
    }

    @Test func ecdsaSignaturesVerify() async throws {
        let signer = try Fixtures.parties.authority.issue(to: .init(commonName: "Lý Thị Mai", organization: "Ủy ban nhân dân xã Gia Cát"), key: .generateP256())
        let signed = try await ODFSignature.sign(odt: Fixtures.decisionODT, signer: signer, info: .init(time: Fixtures.signingTime))
        #expect(String(decoding: signed, as: UTF8.self).isEmpty == false)
        let report = try await ODFSignatureVerifier.verify(odt: signed, trustAnchors: anchors)
        #expect(report.isValid, "\(report.verificationReport(file: "p256.odt").text)")
    }

    @Test func anUntrustedAnchorIsInvalidWithAReason() async throws {
        let other = try TestAuthority(name: "CA khác")
        let report = try await ODFSignatureVerifier.verify(odt: try await Fixtures.twiceSignedODT(), trustAnchors: [other.certificate])
        #expect(!report.isValid)
        #expect(report.signatures.allSatisfy { $0.signatureValueValid && $0.problems.count == 1 })
        #expect(report.signatures[0].problems[0].hasPrefix("Chứng thư số của người ký không dẫn tới chứng thư gốc được tin cậy"))
    }

    @Test func aWrongRecordedSHA256IsInvalid() async throws {
        let signed = try await Fixtures.twiceSignedODT()
        let right = Array(SHA256.hash(data: signed))
        #expect(try await ODFSignatureVerifier.verify(odt: signed, trustAnchors: anchors, expectedSHA256: right).isValid)
        var wrong = right
        wrong[31] ^= 1
        let report = try await ODFSignatureVerifier.verify(odt: signed, trustAnchors: anchors, expectedSHA256: wrong)
        #expect(!report.isValid && report.problems.count == 1 && report.problems[0].contains("khác SHA-256 ghi lúc ký"))
    }

    @Test func anUnsignedODTIsInvalidAndOtherFilesAreUnusable() async throws {
        let report = try await ODFSignatureVerifier.verify(odt: Fixtures.decisionODT, trustAnchors: anchors)
        #expect(!report.isValid && report.problems == ["Tệp không có chữ ký số nào."])
        await #expect(throws: ODFSignatureError.package(.notAZip)) {
            try await ODFSignatureVerifier.verify(odt: Array("%PDF-1.7 không phải ODT".utf8), trustAnchors: anchors)
        }
        var writer = ZipWriter()
        writer.addStored(name: "mimetype", bytes: Array("application/zip".utf8))
        await #expect(throws: ODFSignatureError.notODF) { try await ODFSignatureVerifier.verify(odt: writer.finish(), trustAnchors: anchors) }
    }
}
