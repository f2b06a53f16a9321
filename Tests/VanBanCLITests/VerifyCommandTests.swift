import Foundation
import Signing
import Storage
import Testing
import TestSupport

/// `vanban verify` tells the format from the content and answers 0 (valid), 1 (invalid) or 2 (unusable).
@Suite("vanban verify")
struct VerifyCommandTests {
    typealias CLI = CommandLineTests

    /// A test authority and two signers, its CA written to `ca.pem` in `dir`.
    static func parties(in dir: URL) throws -> (signer: KeySigner, body: KeySigner) {
        let authority = try TestAuthority(name: "CA thử nghiệm VanBan")
        try authority.certificate.pemString().write(to: dir.appendingPathComponent("ca.pem"), atomically: true, encoding: .utf8)
        let organization = "Ủy ban nhân dân xã Gia Cát"
        return (try authority.issue(to: .init(commonName: "Nguyễn Văn A, Chủ tịch UBND xã Gia Cát", organization: organization)),
                try authority.issue(to: .init(commonName: organization, organization: organization)))
    }

    static func verify(_ file: URL, in dir: URL, _ extra: [String] = []) throws -> CommandLineTests.Result {
        try CLI.run(["verify", file.path, "--trust", dir.appendingPathComponent("ca.pem").path] + extra)
    }

    @Test("a signed ODT is valid (0), whatever its name; changed it is invalid (1); a text file is unusable (2)")
    func odtExitCodes() async throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let parties = try Self.parties(in: dir)
        let odt = [UInt8](try Data(contentsOf: CLI.root.appendingPathComponent("templates/quyet-dinh-thanh-lap-to.odt")))
        let time = Date(timeIntervalSince1970: 1_755_163_905)
        let first = try await ODFSignature.sign(odt: odt, signer: parties.signer, info: .init(time: time))
        let signed = try await ODFSignature.sign(odt: first, signer: parties.body, info: .init(time: time.addingTimeInterval(60)))
        let good = dir.appendingPathComponent("qd.odt")
        try Data(signed).write(to: good)
        let valid = try Self.verify(good, in: dir)
        #expect(valid.status == 0, "\(valid.text)\(valid.stderr)")
        #expect(valid.text.hasPrefix("Tệp: \(good.path)\n  \(signed.count) byte, SHA-256 "))
        #expect(valid.text.contains("Chữ ký 2 (ID_"))
        // The template's ten files, its two placeholder pictures among them (the signature and the seal).
        #expect(valid.text.contains("  Thời gian ký: 2025-08-14T16:32:45+07:00\n  Phạm vi ký: 10 mục của gói ODF\n  Chữ ký XML-DSig: đúng\n"))
        #expect(valid.text.hasSuffix("Kết luận: HỢP LỆ (2 chữ ký, tệp còn nguyên như lúc ký).\n"))

        let misnamed = dir.appendingPathComponent("qd.pdf")
        try Data(signed).write(to: misnamed)
        #expect(try Self.verify(misnamed, in: dir).status == 0, "the content decides, not the extension")

        var wrong = Array(SHA256Hex.digest(Data(signed)))
        wrong[0] = wrong[0] == "0" ? "1" : "0"
        let other = try Self.verify(good, in: dir, ["--sha256", String(wrong)])
        #expect(other.status == 1 && other.text.contains("khác SHA-256 ghi lúc ký"))

        let unsigned = dir.appendingPathComponent("nhap.odt")
        try Data(odt).write(to: unsigned)
        let none = try Self.verify(unsigned, in: dir)
        #expect(none.status == 1 && none.text.hasSuffix("✗ Tệp không có chữ ký số nào.\nKết luận: KHÔNG HỢP LỆ (1 phần có lỗi).\n"), "\(none.text)")

        let text = dir.appendingPathComponent("ghi-chu.odt")
        try Data("Đây không phải văn bản đã ký.".utf8).write(to: text)
        let unusable = try Self.verify(text, in: dir)
        #expect(unusable.status == 2)
        #expect(unusable.stderr.contains("\(text.path): không kiểm tra được. Tệp không phải PDF hay văn bản OpenDocument (.odt)."), "\(unusable.stderr)")

        let zip = dir.appendingPathComponent("goi.odt")
        try Data([0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 40)).write(to: zip)
        #expect(try Self.verify(zip, in: dir).status == 2)
    }

    @Test("a damaged stored entry makes a signed ODT unusable (2); a renamed signatures file leaves it unsigned (1)")
    func tamperedODT() async throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let parties = try Self.parties(in: dir)
        let odt = [UInt8](try Data(contentsOf: CLI.root.appendingPathComponent("templates/quyet-dinh-thanh-lap-to.odt")))
        var signed = try await ODFSignature.sign(odt: odt, signer: parties.body, info: .init(time: Date()))
        // mimetype is stored, so its bytes sit in the clear right after its local header.
        let mimetype = 30 + "mimetype".utf8.count
        signed[mimetype + 5] ^= 0x01
        let file = dir.appendingPathComponent("qd.odt")
        try Data(signed).write(to: file)
        let result = try Self.verify(file, in: dir)
        #expect(result.status == 2, "a mimetype whose CRC fails is an unreadable package: \(result.text)\(result.stderr)")
        #expect(result.stderr.contains("không khớp mã kiểm tra CRC") || result.stderr.contains("không phải văn bản OpenDocument"), "\(result.stderr)")

        var changed = try await ODFSignature.sign(odt: odt, signer: parties.body, info: .init(time: Date()))
        changed = Self.renamingSignaturesFile(in: changed)
        try Data(changed).write(to: file)
        let renamed = try Self.verify(file, in: dir)
        #expect(renamed.status == 1, "\(renamed.text)")
        #expect(renamed.text.contains("✗ Tệp không có chữ ký số nào."))
    }

    /// The signatures file renamed in its local and central headers (same length, `X` for the last letter): a
    /// reader no longer finds any signature.
    static func renamingSignaturesFile(in bytes: [UInt8]) -> [UInt8] {
        let marker = Array("META-INF/documentsignatures.xml".utf8)
        var copy = bytes
        let positions = (0...(bytes.count - marker.count)).filter { bytes[$0..<($0 + marker.count)].elementsEqual(marker) }
        for position in positions { copy[position + marker.count - 1] = UInt8(ascii: "X") }
        return copy
    }

    @Test("a signed PDF is valid (0), with bytes appended invalid (1), and a PDF that is not one is unusable (2)",
          .enabled(if: LibreOffice.poolShouldRun, Comment(rawValue: LibreOffice.poolSkipReason)))
    func pdfExitCodes() async throws {
        let dir = try PDFCommandTests.demo()
        defer { try? FileManager.default.removeItem(at: dir) }
        let parties = try Self.parties(in: dir)
        let name = "quyet-dinh-thanh-lap-cac-to-xa-gia-cat"
        let converted = try CLI.run(["pdf", dir.appendingPathComponent("\(name).odt").path, "--out-dir", dir.path])
        #expect(converted.status == 0, "\(converted.stderr)")
        let pdf = [UInt8](try Data(contentsOf: dir.appendingPathComponent("\(name).pdf")))
        let info = PAdES.SignatureInfo(time: Date(timeIntervalSince1970: 1_755_163_905))
        let signed = try await PAdES.sign(pdf: try await PAdES.sign(pdf: pdf, signer: parties.signer, info: info), signer: parties.body, info: info)
        let file = dir.appendingPathComponent("qd.pdf")
        try Data(signed).write(to: file)
        let valid = try Self.verify(file, in: dir, ["--sha256", SHA256Hex.digest(Data(signed))])
        #expect(valid.status == 0, "\(valid.text)\(valid.stderr)")
        #expect(valid.text.hasSuffix("Kết luận: HỢP LỆ (2 chữ ký, tệp còn nguyên như lúc ký).\n"))

        try Data(signed + Array("\n% thêm\n".utf8)).write(to: file)
        let appended = try Self.verify(file, in: dir)
        #expect(appended.status == 1 && appended.text.contains("không được chữ ký nào phủ"), "\(appended.text)")

        try Data(Array("%PDF-1.7\nkhông có gì\n".utf8)).write(to: file)
        let broken = try Self.verify(file, in: dir)
        #expect(broken.status == 2 && broken.stderr.hasPrefix("\(file.path): không kiểm tra được."), "\(broken.stderr)")
    }
}
