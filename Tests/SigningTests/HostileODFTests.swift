import Foundation
import OfficeZip
import Signing
import Testing
import TestSupport

/// Hostile packages get a clear error or an invalid report, quickly and with bounded memory: entities are never
/// expanded, zip bombs and zip-slip names are refused before anything is inflated.
@Suite struct HostileODFTests {
    let anchors = [Fixtures.parties.authority.certificate]

    static let billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
        <document-signatures xmlns="urn:oasis:names:tc:opendocument:xmlns:digitalsignature:1.0">&lol3;</document-signatures>
        """
    static let externalEntity = """
        <?xml version="1.0"?>
        <!DOCTYPE office:document-content [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">&xxe;</office:document-content>
        """

    @Test func entitiesInTheSignaturesFileAreRefused() async throws {
        let signed = try await Fixtures.twiceSignedODT()
        let hostile = try ODFTampering.replacing("META-INF/documentsignatures.xml", with: { _ in Array(Self.billionLaughs.utf8) }, in: signed)
        let report = try await ODFSignatureVerifier.verify(odt: hostile, trustAnchors: anchors)
        #expect(!report.isValid)
        #expect(report.problems == ["Không đọc được tệp chữ ký: Mục “META-INF/documentsignatures.xml” chứa khai báo DOCTYPE/ENTITY; "
                                    + "văn bản OpenDocument không dùng khai báo này nên tệp bị từ chối (phòng tấn công XXE và “billion laughs”)."])
    }

    @Test func anExternalEntityIsNeitherSignedNorVerified() async throws {
        let hostile = try ODFTampering.replacing("content.xml", with: { _ in Array(Self.externalEntity.utf8) }, in: Fixtures.decisionODT)
        await #expect(throws: ODFSignatureError.forbiddenMarkup(entry: "content.xml")) {
            try await ODFSignature.sign(odt: hostile, signer: Fixtures.parties.signer, info: .init(time: Fixtures.signingTime))
        }
        let signed = try await Fixtures.twiceSignedODT()
        let swapped = try ODFTampering.replacing("content.xml", with: { _ in Array(Self.externalEntity.utf8) }, in: signed)
        let report = try await ODFSignatureVerifier.verify(odt: swapped, trustAnchors: anchors)
        #expect(report.signatures.allSatisfy { $0.problems.first?.hasPrefix("Không tính được mã băm của “content.xml”: Mục “content.xml” chứa khai báo DOCTYPE/ENTITY") == true })
    }

    @Test func aZipBombAndAZipSlipNameAreUnusable() async throws {
        let bomb = try ODFTampering.adding("Pictures/bom.bin", Array(repeating: 0, count: 4 << 20), to: Fixtures.decisionODT)
        let error = await #expect(throws: ODFSignatureError.self) { try await ODFSignatureVerifier.verify(odt: bomb, trustAnchors: anchors) }
        guard case .package(.suspiciousRatio(name: "Pictures/bom.bin", _))? = error else {
            Issue.record("not refused as a zip bomb: \(String(describing: error))")
            return
        }
        let slip = try ODFTampering.adding("../../etc/cron.d/x", Array("* * * * * root sh".utf8), to: Fixtures.decisionODT)
        await #expect(throws: ODFSignatureError.package(.unsafeName("../../etc/cron.d/x"))) {
            try await ODFSignatureVerifier.verify(odt: slip, trustAnchors: anchors)
        }
    }

    /// Letters that do not compress much, so that size, not the compression ratio, is what is refused.
    static func noise(_ count: Int) -> [UInt8] {
        var random = SplitMix64(seed: 6)
        return (0..<count).map { _ in UInt8(ascii: "a") + UInt8(random.next() % 26) }
    }

    @Test func hugeAndDeepSignatureFilesAreRefused() async throws {
        let signed = try await Fixtures.twiceSignedODT()
        let huge = try ODFTampering.replacing("META-INF/documentsignatures.xml", with: { $0 + Self.noise(5 << 20) }, in: signed)
        let hugeReport = try await ODFSignatureVerifier.verify(odt: huge, trustAnchors: anchors)
        #expect(hugeReport.problems.count == 1 && hugeReport.problems[0].hasPrefix("Tệp chữ ký “META-INF/documentsignatures.xml” quá lớn"))

        let deep = "<document-signatures xmlns=\"urn:oasis:names:tc:opendocument:xmlns:digitalsignature:1.0\">"
            + String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000) + "</document-signatures>"
        let deepReport = try await ODFSignatureVerifier.verify(
            odt: try ODFTampering.replacing("META-INF/documentsignatures.xml", with: { _ in Array(deep.utf8) }, in: signed), trustAnchors: anchors)
        #expect(!deepReport.isValid && deepReport.problems.count == 1 && deepReport.problems[0].hasPrefix("Không đọc được tệp chữ ký: Mục “META-INF/documentsignatures.xml” không phải XML hợp lệ"))
    }
}
