import OfficeZip
import Testing

@Suite("Error descriptions")
struct ErrorDescriptionTests {
    @Test("descriptions are exact Vietnamese sentences")
    func exactTexts() {
        #expect(ZipError.notAZip.description == "Tệp không phải là tài liệu hợp lệ: không đọc được cấu trúc ZIP.")
        #expect(ZipError.unsafeName("../evil.xml").description
            == "Tệp bị từ chối: mục “../evil.xml” trỏ ra ngoài gói tài liệu.")
        #expect(ZipError.tooLarge(150 << 20).description
            == "Tệp bị từ chối: tệp quá lớn (150 MB). Hãy giảm dung lượng tài liệu, ví dụ nén bớt hình ảnh, rồi tải lên lại.")
        #expect(ZipError.entryTooLarge(name: "word/document.xml", bytes: 3 << 19).description
            == "Tệp bị từ chối: mục “word/document.xml” quá lớn khi giải nén (1,5 MB).")
        #expect(ZipError.totalTooLarge(2048).description
            == "Tệp bị từ chối: tổng dung lượng sau khi giải nén quá lớn (2 KB).")
        #expect(ZipError.encrypted("content.xml").description
            == "Tệp đang được đặt mật khẩu (mục “content.xml”). Hãy gỡ mật khẩu của tài liệu rồi tải lên lại.")
    }

    @Test("errors thrown by the reader carry the documented description")
    func thrownDescription() {
        let zip = buildRawZip([RawEntry.stored("../evil.xml", [1])])
        do {
            _ = try ZipArchive(bytes: zip)
            Issue.record("a zip-slip name was accepted")
        } catch {
            #expect(String(describing: error) == "Tệp bị từ chối: mục “../evil.xml” trỏ ra ngoài gói tài liệu.")
        }
    }

    @Test("every case names its entry and reads as a full sentence", arguments: [
        ZipError.truncated, .tooManyEntries(9000), .suspiciousRatio(name: "n.xml", ratio: 1000), .duplicateName("n.xml"),
        .invalidName, .unsupportedMethod(name: "n.xml", method: 12), .zip64Unsupported, .crcMismatch("n.xml"),
        .sizeMismatch("n.xml"), .corruptData("n.xml"), .entryNotFound("n.xml"), .tooLarge(12), .totalTooLarge(7 << 30),
    ])
    func sentences(error: ZipError) {
        let text = error.description
        #expect(text.hasPrefix("Tệp") || text.hasPrefix("Tài liệu"))
        #expect(text.hasSuffix("."))
        if case .suspiciousRatio = error { #expect(text.contains("“n.xml”") && text.contains("1000")) }
        if case .unsupportedMethod = error { #expect(text.contains("“n.xml”") && text.contains("12")) }
        if case .crcMismatch = error { #expect(text.contains("“n.xml”")) }
        if case .sizeMismatch = error { #expect(text.contains("“n.xml”")) }
        if case .corruptData = error { #expect(text.contains("“n.xml”")) }
        if case .entryNotFound = error { #expect(text.contains("“n.xml”")) }
        if case .duplicateName = error { #expect(text.contains("“n.xml”")) }
        if case .tooManyEntries = error { #expect(text.contains("9000")) }
        if case .tooLarge = error { #expect(text.contains("12 byte")) }
        if case .totalTooLarge = error { #expect(text.contains("7168 MB")) }
    }
}
