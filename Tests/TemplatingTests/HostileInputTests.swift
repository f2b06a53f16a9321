import Foundation
import OfficeZip
import Testing
@testable import Templating

/// Hostile packages are refused with a clear message, quickly, and without touching anything else.
@Suite("Hostile templates")
struct HostileInputTests {
    private func refusal(_ package: [UInt8]) -> String? {
        do {
            _ = try CompiledTemplate(bytes: package)
            return nil
        } catch {
            return error.description
        }
    }

    private func odtWithContent(_ content: String) -> [UInt8] {
        var writer = ZipWriter()
        writer.addStored(name: "mimetype", bytes: Array("application/vnd.oasis.opendocument.text".utf8))
        writer.addDeflated(name: "content.xml", bytes: Array(content.utf8))
        return writer.finish()
    }

    @Test("an external entity (XXE) is refused before parsing")
    func xxe() {
        let content = """
            <?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>&e; {{a}}</text:p></office:text></office:body></office:document-content>
            """
        let message = refusal(odtWithContent(content))
        #expect(message?.contains("content.xml: Phần content.xml chứa khai báo DOCTYPE/ENTITY") == true)
        #expect(message?.contains("root:") == false)
    }

    @Test("billion laughs is refused in bounded time")
    func billionLaughs() {
        var entities = "<!ENTITY l0 \"ha\">"
        for i in 1...10 { entities += "<!ENTITY l\(i) \"" + String(repeating: "&l\(i - 1);", count: 10) + "\">" }
        let content = "<?xml version=\"1.0\"?><!DOCTYPE x [\(entities)]><x>&l10; {{a}}</x>"
        let start = ContinuousClock.now
        #expect(refusal(odtWithContent(content))?.contains("DOCTYPE/ENTITY") == true)
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    @Test("a zip bomb is refused by its compression ratio without inflating it")
    func zipBomb() {
        var writer = ZipWriter()
        writer.addStored(name: "mimetype", bytes: Array("application/vnd.oasis.opendocument.text".utf8))
        writer.addDeflated(name: "content.xml", bytes: [UInt8](repeating: 0x20, count: 40 << 20), level: 9)
        let package = writer.finish()
        let start = ContinuousClock.now
        let message = refusal(package)
        #expect(message?.hasPrefix("Tệp bị từ chối") == true, "\(message ?? "accepted")")
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    @Test("an entry name escaping the package (zip slip) is refused")
    func zipSlip() {
        var writer = ZipWriter()
        writer.addStored(name: "mimetype", bytes: Array("application/vnd.oasis.opendocument.text".utf8))
        writer.addDeflated(name: "../../evil.xml", bytes: Array("<x/>".utf8))
        #expect(refusal(writer.finish())?.contains("../../evil.xml") == true)
    }

    @Test("invalid UTF-8 in a part is refused with the part's name")
    func invalidUTF8() {
        var writer = ZipWriter()
        writer.addStored(name: "mimetype", bytes: Array("application/vnd.oasis.opendocument.text".utf8))
        writer.addDeflated(name: "content.xml", bytes: Array("<x>{{a}} ".utf8) + [0xC3, 0x28, 0xFF] + Array("</x>".utf8))
        #expect(refusal(writer.finish()) == "content.xml: Phần content.xml không phải văn bản UTF-8 hợp lệ. [unreadable-part]\n1 lỗi trong mẫu văn bản.")
    }

    @Test("a file that is not a document is refused")
    func notADocument() {
        #expect(refusal(Array("hello".utf8)) == ZipError.notAZip.description)
        var writer = ZipWriter()
        writer.addDeflated(name: "readme.txt", bytes: Array("hi".utf8))
        #expect(refusal(writer.finish()) == "Tệp không phải văn bản ODT hay DOCX (không thấy “mimetype” của ODF hay “word/document.xml”).")
    }

    @Test("malformed XML names the part and the line")
    func malformedXML() {
        let message = refusal(odtWithContent("<?xml version=\"1.0\"?>\n<a>{{b}}\n<c></a>"))
        #expect(message?.hasPrefix("content.xml: Phần content.xml không phải XML hợp lệ:") == true, "\(message ?? "")")
    }
}
