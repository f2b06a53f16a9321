import Foundation
@testable import Office
import Signing
import Storage
import Testing

/// Keys as Vietnamese CAs hand them out, PKCS#12 files with a password, beside the PEM layout.
@Suite("Office: PKCS#12 keys in the key folder")
struct KeyFolderTests {
    static let password = "mật khẩu khóa 2026"

    /// A key folder whose deputy chairman and body keys are PKCS#12 files, with `ca.pem`.
    static func pkcs12Folder() throws -> (folder: URL, signer: KeySigner, body: KeySigner) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-p12-\(UUID().uuidString)")
        let users = folder.appendingPathComponent("gia-cat/users")
        try FileManager.default.createDirectory(at: users, withIntermediateDirectories: true)
        let authority = try TestAuthority(name: "CA thử nghiệm PKCS#12")
        try Data(try authority.certificate.pemString().utf8).write(to: folder.appendingPathComponent("ca.pem"))
        let signer = try authority.issue(to: .init(commonName: "Hoàng Văn Minh, Phó Chủ tịch UBND xã Gia Cát",
                                                   organization: "Ủy ban nhân dân xã Gia Cát"))
        let body = try authority.issue(to: .init(commonName: "Ủy ban nhân dân xã Gia Cát", organization: "Ủy ban nhân dân xã Gia Cát"))
        try Data(try PKCS12.export(key: signer.key, certificates: [signer.certificate, authority.certificate], password: password))
            .write(to: users.appendingPathComponent("phochutich.p12"))
        try Data(try PKCS12.export(key: body.key, certificates: [body.certificate, authority.certificate], password: password))
            .write(to: folder.appendingPathComponent("gia-cat/body.p12"))
        return (folder, signer, body)
    }

    static func failure(_ body: () throws -> Any?) -> String {
        do {
            _ = try body()
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test("a PKCS#12 file opens with the password; without it, or with a wrong one, the message says what to do")
    func opens() throws {
        let (folder, signer, body) = try Self.pkcs12Folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let keys = KeyFolder(folder: folder, pkcs12Password: Self.password)
        #expect(try keys.signer(userID: "phochutich", communeID: "gia-cat")?.certificate == signer.certificate)
        #expect(try keys.body(communeID: "gia-cat")?.certificate == body.certificate)
        #expect(try keys.signer(userID: "chutich", communeID: "gia-cat") == nil, "no file, no key")

        let noPassword = Self.failure { try KeyFolder(folder: folder, pkcs12Password: nil).body(communeID: "gia-cat") }
        #expect(noPassword.contains("là tệp PKCS#12 có mật khẩu") && noPassword.contains("VANBAN_KEY_PASSWORD"), "\(noPassword)")
        let wrong = Self.failure { try KeyFolder(folder: folder, pkcs12Password: "sai").body(communeID: "gia-cat") }
        #expect(wrong.contains("Không mở được khóa ký số") && wrong.contains("body.p12"), "\(wrong)")
    }

    @Test("the signing queue signs with PKCS#12 keys: the PDF verifies against the folder's authority")
    func signsWithPKCS12() async throws {
        let (folder, _, _) = try Self.pkcs12Folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let s = try await SignedOriginalsTests.Setting(keys: false)
        let id = try await s.signedDocument()
        let keys = KeyFolder(folder: folder, pkcs12Password: Self.password)
        let originals = SignedOriginals(store: s.office.store, converter: s.converter, keys: keys, owner: "p12")
        guard case .signed? = try await originals.workOne() else {
            Issue.record("not signed with the PKCS#12 keys")
            return
        }
        let stored = try #require(try await s.office.store.signedPDF(of: id))
        let report = try await PDFSignatureVerifier.verify(pdf: Array(stored.pdf), trustAnchors: try keys.trustAnchors())
        #expect(report.isValid && report.verificationReport(file: "p12.pdf").items.count == 2)
    }
}
