import Crypto
import Foundation
import OfficeZip
import Signing
import Testing

/// Any change to a signed ODT after signing makes it invalid (or, when the package itself is broken, unusable):
/// flipped bytes in any entry, in the signatures file, and entries added, removed or renamed.
@Suite struct ODFTamperingTests {
    let anchors = [Fixtures.parties.authority.certificate]

    func isValid(_ odt: [UInt8]) async -> Bool {
        (try? await ODFSignatureVerifier.verify(odt: odt, trustAnchors: anchors))?.isValid ?? false
    }

    /// Every entry's stored or compressed bytes, each flipped three ways at spread positions: the entry's CRC, its
    /// inflation or its digest catches every change of content. A few flips land on deflate bits that no decoder
    /// reads (the padding after the last block) and change no entry's content; the signature cannot see those, the
    /// SHA-256 recorded at signing does, so with it every flip is invalid.
    @Test func aFlippedByteInAnyEntryIsNeverValid() async throws {
        let signed = try await Fixtures.twiceSignedODT()
        #expect(await isValid(signed))
        let archive = try ZipArchive(bytes: signed)
        let contents = try archive.entries.map { try archive.contents(of: $0) }
        let recorded = Array(SHA256.hash(data: signed))
        var positions = Set<Int>()
        for entry in archive.entries where entry.compressedSize > 0 {
            let range = archive.compressedBytes(of: entry).indices
            positions.formUnion(stride(from: range.lowerBound, to: range.upperBound, by: max(1, range.count / 20)))
            positions.insert(range.upperBound - 1)
        }
        var changedButValid: [Int] = []
        var validDespiteRecordedHash: [Int] = []
        for position in positions.sorted() {
            for mask: UInt8 in [0x01, 0x20, 0x80] {
                var copy = signed
                copy[position] ^= mask
                if await isValid(copy) {
                    let flipped = try ZipArchive(bytes: copy)
                    if try flipped.entries.map({ try flipped.contents(of: $0) }) != contents { changedButValid.append(position) }
                }
                if (try? await ODFSignatureVerifier.verify(odt: copy, trustAnchors: anchors, expectedSHA256: recorded))?.isValid == true {
                    validDespiteRecordedHash.append(position)
                }
            }
        }
        #expect(changedButValid.isEmpty, "changed content still valid at \(changedButValid)")
        #expect(validDespiteRecordedHash.isEmpty)
        #expect(positions.count > 150)
    }

    /// The signatures file is rewritten with one byte flipped, at spread positions and across the first signature's
    /// SignedInfo, its KeyInfo and the XAdES properties: signed parts fail their digest or signature value, unsigned
    /// parts fail the shape checks.
    @Test func aFlippedByteInTheSignaturesFileIsNeverValid() async throws {
        let signed = try await Fixtures.twiceSignedODT()
        let archive = try ZipArchive(bytes: signed)
        let xml = try archive.contents(of: archive.entry(named: "META-INF/documentsignatures.xml")!)
        var positions = Set(stride(from: 0, to: xml.count, by: max(1, xml.count / 200)))
        let text = String(decoding: xml, as: UTF8.self)
        for marker in ["<SignedInfo>", "<SignatureValue>", "<KeyInfo>", "<xd:QualifyingProperties", "</Signature>"] {
            let offset = text.utf8.distance(from: text.startIndex, to: text.range(of: marker)!.lowerBound)
            positions.formUnion(max(0, offset - 30)..<min(xml.count, offset + 60))
        }
        var valid: [Int] = []
        for position in positions.sorted() {
            for mask: UInt8 in [0x01, 0x20, 0x80] {
                var changed = xml
                changed[position] ^= mask
                let copy = try ODFTampering.replacing("META-INF/documentsignatures.xml", with: { _ in changed }, in: signed)
                if await isValid(copy) { valid.append(position) }
            }
        }
        let context = valid.prefix(5).map { String(decoding: xml[max(0, $0 - 20)..<min(xml.count, $0 + 20)], as: UTF8.self) }
        #expect(valid.isEmpty, "flipped bytes still valid at \(valid): \(context)")
        #expect(positions.count > 400)
    }

    @Test func anEntryAddedRemovedOrRenamedIsInvalid() async throws {
        let signed = try await Fixtures.twiceSignedODT()
        let added = try await ODFSignatureVerifier.verify(odt: try ODFTampering.adding("Pictures/con-dau.png", [0x89, 0x50, 0x4E, 0x47], to: signed), trustAnchors: anchors)
        #expect(!added.isValid)
        #expect(added.signatures[1].problems == ["Chữ ký không phủ 1 mục của gói: Pictures/con-dau.png (mục được thêm hoặc đổi tên sau khi ký)."])

        let removed = try await ODFSignatureVerifier.verify(odt: try ODFTampering.removing("settings.xml", from: signed), trustAnchors: anchors)
        #expect(!removed.isValid)
        #expect(removed.signatures[0].problems == ["Reference tới mục “settings.xml” không có trong tệp (mục đã bị xóa hoặc đổi tên sau khi ký)."])

        let renamed = try await ODFSignatureVerifier.verify(odt: try ODFTampering.renaming("styles.xml", to: "styles2.xml", in: signed), trustAnchors: anchors)
        #expect(!renamed.isValid)
        #expect(renamed.signatures[0].problems == [
            "Reference tới mục “styles.xml” không có trong tệp (mục đã bị xóa hoặc đổi tên sau khi ký).",
            "Chữ ký không phủ 1 mục của gói: styles2.xml (mục được thêm hoặc đổi tên sau khi ký).",
        ])

        let withoutSignatures = try await ODFSignatureVerifier.verify(odt: try ODFTampering.removing("META-INF/documentsignatures.xml", from: signed), trustAnchors: anchors)
        #expect(withoutSignatures.problems == ["Tệp không có chữ ký số nào."])
    }

    @Test func aChangedStreamNamesItsEntry() async throws {
        let signed = try await Fixtures.twiceSignedODT()
        let changed = try ODFTampering.replacing("content.xml", with: {
            Array(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "Gia Cát", with: "Gia Cat").utf8)
        }, in: signed)
        let report = try await ODFSignatureVerifier.verify(odt: changed, trustAnchors: anchors)
        #expect(report.signatures.map(\.problems) == Array(repeating: ["Mã băm của “content.xml” không khớp: nội dung đã bị thay đổi sau khi ký."], count: 2))
        #expect(report.verificationReport(file: "qd.odt").text.hasSuffix("Kết luận: KHÔNG HỢP LỆ (2 phần có lỗi)."))
    }
}
