import Crypto
import Foundation
import SwiftASN1
import X509

/// Reading and writing PKCS#12 (`.p12`, `.pfx`) files: one private key, its certificate and the issuers.
///
/// Reads what OpenSSL 3's `openssl pkcs12 -export` writes by default (PBES2 with PBKDF2-HMAC-SHA256 and
/// AES-256-CBC, an HMAC-SHA256 integrity MAC) and checks the MAC before anything else; older algorithms (RC2,
/// 3DES, SHA-1 MACs) are refused with their name.
public enum PKCS12 {
    /// The signer in a PKCS#12 file.
    public static func load(file: URL, password: String) throws -> KeySigner {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: file)
        } catch {
            throw KeyError.unreadableFile(path: file.path, reason: (error as NSError).localizedDescription)
        }
        return try signer(der: Array(bytes), password: password)
    }

    /// The signer in PKCS#12 DER bytes: the key, the certificate whose public key is the key's, and the other
    /// certificates as its chain.
    public static func signer(der: [UInt8], password: String) throws -> KeySigner {
        let reader = DERReader(context: "Tệp PKCS#12")
        let pfx = try reader.sequence(try reader.parse(der), "PFX", minimum: 2)
        guard try reader.integer(pfx[0], "version") == 3 else { throw KeyError.malformedPKCS12("phiên bản khác 3") }
        let authSafe = try reader.sequence(pfx[1], "authSafe", minimum: 2)
        let authSafeType = try reader.oid(authSafe[0], "contentType")
        guard authSafeType == ObjectID.data else {
            throw KeyError.unsupportedPKCS12Algorithm("bảo vệ bằng khóa công khai (\(ObjectID.name(of: authSafeType)))")
        }
        let content = try reader.octets(try reader.explicit(authSafe[1], 0, "authSafe content"), "authSafe content")
        guard pfx.count > 2 else { throw KeyError.unsupportedPKCS12Algorithm("tệp không có MAC") }
        try checkMAC(pfx[2], content: content, password: password, reader: reader)

        var keys: [SigningKey] = []
        var certificates: [Certificate] = []
        for info in try reader.sequence(try reader.parse(content), "AuthenticatedSafe") {
            let parts = try reader.sequence(info, "ContentInfo", minimum: 2)
            let type = try reader.oid(parts[0], "contentType")
            let safeContents: [UInt8]
            switch type {
            case ObjectID.data:
                safeContents = try reader.octets(try reader.explicit(parts[1], 0, "data"), "data")
            case ObjectID.encryptedData:
                let encrypted = try reader.sequence(try reader.explicit(parts[1], 0, "EncryptedData"), "EncryptedData", minimum: 2)
                let contentInfo = try reader.sequence(encrypted[1], "EncryptedContentInfo", minimum: 3)
                let algorithm = try reader.algorithm(contentInfo[1], "contentEncryptionAlgorithm")
                let ciphertext = try reader.implicitPrimitive(contentInfo[2], 0, "encryptedContent")
                safeContents = try PKCS12Crypto.pbes2Decrypt(algorithm: algorithm.oid, parameters: algorithm.parameters,
                                                             ciphertext: ciphertext, password: password)
            default:
                throw KeyError.unsupportedPKCS12Algorithm("nội dung \(ObjectID.name(of: type))")
            }
            for bag in try reader.sequence(try reader.parse(safeContents), "SafeContents") {
                let bagParts = try reader.sequence(bag, "SafeBag", minimum: 2)
                let value = try reader.explicit(bagParts[1], 0, "bagValue")
                switch try reader.oid(bagParts[0], "bagId") {
                case ObjectID.keyBag:
                    keys.append(try SigningKey(pkcs8DER: Array(value.encodedBytes)))
                case ObjectID.pkcs8ShroudedKeyBag:
                    let shrouded = try reader.sequence(value, "EncryptedPrivateKeyInfo", minimum: 2)
                    let algorithm = try reader.algorithm(shrouded[0], "encryptionAlgorithm")
                    let plaintext = try PKCS12Crypto.pbes2Decrypt(algorithm: algorithm.oid, parameters: algorithm.parameters,
                                                                  ciphertext: try reader.octets(shrouded[1], "encryptedData"), password: password)
                    keys.append(try SigningKey(pkcs8DER: plaintext))
                case ObjectID.certBag:
                    let certBag = try reader.sequence(value, "CertBag", minimum: 2)
                    guard try reader.oid(certBag[0], "certId") == ObjectID.x509Certificate else { continue }
                    let certificateDER = try reader.octets(try reader.explicit(certBag[1], 0, "certValue"), "certValue")
                    do {
                        certificates.append(try Certificate(derEncoded: certificateDER))
                    } catch {
                        throw KeyError.unreadableCertificate("\(error)")
                    }
                default:
                    continue
                }
            }
        }
        guard let key = keys.first else { throw KeyError.malformedPKCS12("không có khóa bí mật") }
        guard let own = certificates.firstIndex(where: { $0.publicKey == key.publicKey }) else {
            throw certificates.isEmpty ? KeyError.noCertificate : KeyError.keyDoesNotMatchCertificate
        }
        var chain = certificates
        let certificate = chain.remove(at: own)
        return try KeySigner(key: key, certificate: certificate, chain: chain)
    }

    private static func checkMAC(_ node: ASN1Node, content: [UInt8], password: String, reader: DERReader) throws {
        let macData = try reader.sequence(node, "MacData", minimum: 2)
        let digestInfo = try reader.sequence(macData[0], "DigestInfo", minimum: 2)
        let algorithm = try reader.algorithm(digestInfo[0], "digestAlgorithm").oid
        guard algorithm == ObjectID.sha256 else { throw KeyError.unsupportedPKCS12Algorithm("MAC \(ObjectID.name(of: algorithm))") }
        let expected = try reader.octets(digestInfo[1], "digest")
        let salt = try reader.octets(macData[1], "macSalt")
        let iterations = macData.count > 2 ? try reader.integer(macData[2], "iterations") : 1
        guard (1...10_000_000).contains(iterations) else { throw KeyError.malformedPKCS12("số vòng MAC \(iterations) vượt giới hạn") }
        let actual = PKCS12Crypto.mac(password: password, salt: salt, iterations: iterations, over: content)
        guard actual.count == expected.count, zip(actual, expected).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else {
            throw KeyError.wrongPassword
        }
    }

    /// A PKCS#12 file holding `signer`'s key (in a shrouded key bag) and its certificates (encrypted), both with
    /// PBES2/PBKDF2-HMAC-SHA256/AES-256-CBC, and an HMAC-SHA256 MAC: the layout OpenSSL 3 writes.
    public static func export(key: SigningKey, certificates: [Certificate], password: String, iterations: Int = 2048) throws -> [UInt8] {
        let localKeyID = DERWriter.sequence([
            DERWriter.oid([1, 2, 840, 113549, 1, 9, 21]),
            DERWriter.set([DERWriter.octetString(Array(SHA256.hash(data: try DERWriter.serialize(certificates[0]))))]),
        ])
        let certificateBags = try certificates.enumerated().map { index, certificate in
            DERWriter.sequence([
                DERWriter.oid(ObjectID.certBag),
                DERWriter.contextConstructed(0, DERWriter.sequence([
                    DERWriter.oid(ObjectID.x509Certificate),
                    DERWriter.contextConstructed(0, DERWriter.octetString(try DERWriter.serialize(certificate))),
                ])),
            ] + (index == 0 ? [DERWriter.set([localKeyID])] : []))
        }
        let encryptedCertificates = try PKCS12Crypto.pbes2Encrypt(DERWriter.sequence(certificateBags), password: password, iterations: iterations)
        let certificatesInfo = DERWriter.sequence([
            DERWriter.oid(ObjectID.encryptedData),
            DERWriter.contextConstructed(0, DERWriter.sequence([
                DERWriter.integer(0),
                DERWriter.sequence([DERWriter.oid(ObjectID.data), encryptedCertificates.algorithm,
                                    DERWriter.tlv(0x80, encryptedCertificates.ciphertext)]),
            ])),
        ])
        let shroudedKey = try PKCS12Crypto.pbes2Encrypt(key.pkcs8DER, password: password, iterations: iterations)
        let keyBag = DERWriter.sequence([
            DERWriter.oid(ObjectID.pkcs8ShroudedKeyBag),
            DERWriter.contextConstructed(0, DERWriter.sequence([shroudedKey.algorithm, DERWriter.octetString(shroudedKey.ciphertext)])),
            DERWriter.set([localKeyID]),
        ])
        let keyInfo = DERWriter.sequence([
            DERWriter.oid(ObjectID.data), DERWriter.contextConstructed(0, DERWriter.octetString(DERWriter.sequence([keyBag]))),
        ])
        let authenticatedSafe = DERWriter.sequence([certificatesInfo, keyInfo])
        var generator = SystemRandomNumberGenerator()
        let macSalt = (0..<8).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let mac = PKCS12Crypto.mac(password: password, salt: macSalt, iterations: iterations, over: authenticatedSafe)
        return DERWriter.sequence([
            DERWriter.integer(3),
            DERWriter.sequence([DERWriter.oid(ObjectID.data), DERWriter.contextConstructed(0, DERWriter.octetString(authenticatedSafe))]),
            DERWriter.sequence([
                DERWriter.sequence([DERWriter.algorithm(ObjectID.sha256, nullParameters: true), DERWriter.octetString(mac)]),
                DERWriter.octetString(macSalt), DERWriter.integer(iterations),
            ]),
        ])
    }
}
