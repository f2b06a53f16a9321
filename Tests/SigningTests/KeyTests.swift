import Crypto
import Foundation
import Signing
import Testing
import X509
import _CryptoExtras

@Suite struct KeyTests {
    let authority = Fixtures.parties.authority

    @Test func readsTraditionalRSAAndPKCS8PEM() async throws {
        guard case .rsa(let rsa) = Fixtures.parties.signer.key else { Issue.record("the default key is RSA"); return }
        let certificates = try Fixtures.parties.signer.certificate.pemString()
        let traditional = try KeySigner(privateKeyPEM: rsa.pemRepresentation, certificatesPEM: certificates)
        #expect(rsa.pemRepresentation.hasPrefix("-----BEGIN RSA PRIVATE KEY-----"))
        let pkcs8 = try KeySigner(privateKeyPEM: Fixtures.parties.signer.key.pkcs8PEM, certificatesPEM: certificates)
        #expect(traditional.algorithm == .rsaPKCS1v15SHA256)
        let digest = SHA256.hash(data: Array("văn bản".utf8))
        let signature = try await pkcs8.signature(forDigest: digest)
        #expect(rsa.publicKey.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: digest, padding: .insecurePKCS1v1_5))
    }

    @Test func readsECP256PEMAndSignsCMS() async throws {
        let signer = try authority.issue(to: .init(commonName: "Lý Thị Mai, Văn thư", organization: "UBND xã Gia Cát"), key: .generateP256())
        let reread = try KeySigner(privateKeyPEM: signer.key.pkcs8PEM, certificatesPEM: try signer.certificate.pemString())
        #expect(reread.algorithm == .ecdsaP256SHA256)
        let digest = SHA256.hash(data: Array("nội dung".utf8))
        let cms = try CMSSignature(der: try await CMSSigner.sign(contentDigest: digest, signer: reread))
        #expect(cms.problems(contentDigest: digest).isEmpty)
    }

    @Test func refusesAKeyThatIsNotTheCertificates() throws {
        #expect(throws: KeyError.keyDoesNotMatchCertificate) {
            try KeySigner(privateKeyPEM: Fixtures.parties.body.key.pkcs8PEM, certificatesPEM: try Fixtures.parties.signer.certificate.pemString())
        }
        #expect(KeyError.keyDoesNotMatchCertificate.description == "Khóa bí mật không khớp với chứng thư số (khóa công khai trong chứng thư khác).")
    }

    @Test func pkcs12RoundTripAndWrongPassword() throws {
        let party = Fixtures.parties.body
        let p12 = try PKCS12.export(key: party.key, certificates: [party.certificate] + party.chain, password: "mật-khẩu")
        let read = try PKCS12.signer(der: p12, password: "mật-khẩu")
        #expect(read.certificate == party.certificate)
        #expect(read.chain == party.chain)
        #expect(throws: KeyError.wrongPassword) { try PKCS12.signer(der: p12, password: "sai") }
        #expect(KeyError.wrongPassword.description == "Sai mật khẩu của tệp PKCS#12 (mã kiểm tra MAC không khớp).")
    }

    @Test(.enabled(if: Tools.shouldRun("openssl"))) func readsWhatOpenSSLExports() throws {
        let folder = try Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let party = Fixtures.parties.signer
        try party.key.pkcs8PEM.write(to: folder.appendingPathComponent("key.pem"), atomically: true, encoding: .utf8)
        try party.certificate.pemString().write(to: folder.appendingPathComponent("cert.pem"), atomically: true, encoding: .utf8)
        try authority.certificate.pemString().write(to: folder.appendingPathComponent("ca.pem"), atomically: true, encoding: .utf8)
        let p12 = folder.appendingPathComponent("signer.p12")
        let export = try Tools.run("openssl", ["pkcs12", "-export", "-inkey", folder.appendingPathComponent("key.pem").path,
                                               "-in", folder.appendingPathComponent("cert.pem").path,
                                               "-certfile", folder.appendingPathComponent("ca.pem").path, "-passout", "pass:gia-cat-2025", "-out", p12.path])
        #expect(export.status == 0)
        let signer = try PKCS12.load(file: p12, password: "gia-cat-2025")
        #expect(signer.certificate == party.certificate)
        #expect(signer.chain == [authority.certificate])
        #expect(throws: KeyError.wrongPassword) { try PKCS12.load(file: p12, password: "gia-cat-2024") }

        let legacy = folder.appendingPathComponent("legacy.p12")
        let legacyExport = try Tools.run("openssl", ["pkcs12", "-export", "-legacy", "-inkey", folder.appendingPathComponent("key.pem").path,
                                                     "-in", folder.appendingPathComponent("cert.pem").path, "-passout", "pass:x",
                                                     "-out", legacy.path])
        if legacyExport.status == 0 {
            #expect(throws: KeyError.unsupportedPKCS12Algorithm("MAC SHA-1")) { try PKCS12.load(file: legacy, password: "x") }
        }
    }
}
