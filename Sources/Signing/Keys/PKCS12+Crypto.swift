import Crypto
import Foundation
import SwiftASN1
import _CryptoExtras

/// The password-based primitives of PKCS#12 (RFC 7292) and PKCS#5 (RFC 8018) that OpenSSL 3 uses by default:
/// PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC for the bags, HMAC-SHA256 keyed by the PKCS#12 KDF for the MAC.
enum PKCS12Crypto {
    /// The PKCS#12 key derivation (RFC 7292 appendix B.2) with SHA-256; `id` 3 derives MAC keys.
    static func pkcs12KDF(password: String, salt: [UInt8], id: UInt8, iterations: Int, length: Int) -> [UInt8] {
        let u = 32, v = 64
        var passwordBytes: [UInt8] = []
        if !password.isEmpty {
            for unit in password.utf16 { passwordBytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
            passwordBytes += [0, 0]
        }
        func stretch(_ bytes: [UInt8]) -> [UInt8] {
            guard !bytes.isEmpty else { return [] }
            let count = v * ((bytes.count + v - 1) / v)
            return (0..<count).map { bytes[$0 % bytes.count] }
        }
        var i = stretch(salt) + stretch(passwordBytes)
        let d = [UInt8](repeating: id, count: v)
        var output: [UInt8] = []
        while output.count < length {
            var a = Array(SHA256.hash(data: d + i))
            for _ in 1..<max(iterations, 1) { a = Array(SHA256.hash(data: a)) }
            output += a
            let b = (0..<v).map { a[$0 % u] }
            for block in stride(from: 0, to: i.count, by: v) {
                var carry = 1
                for k in (0..<v).reversed() {
                    let sum = Int(i[block + k]) + Int(b[k]) + carry
                    i[block + k] = UInt8(sum & 0xFF)
                    carry = sum >> 8
                }
            }
        }
        return Array(output.prefix(length))
    }

    static func mac(password: String, salt: [UInt8], iterations: Int, over bytes: [UInt8]) -> [UInt8] {
        let key = SymmetricKey(data: pkcs12KDF(password: password, salt: salt, id: 3, iterations: iterations, length: 32))
        return Array(HMAC<SHA256>.authenticationCode(for: bytes, using: key))
    }

    /// Decrypts PBES2 content after checking that its parameters are the ones supported (`parameters` is the
    /// AlgorithmIdentifier's parameters node).
    static func pbes2Decrypt(algorithm: ASN1ObjectIdentifier, parameters: ASN1Node?, ciphertext: [UInt8], password: String) throws -> [UInt8] {
        let reader = DERReader(context: "Tệp PKCS#12")
        guard algorithm == ObjectID.pbes2 else { throw KeyError.unsupportedPKCS12Algorithm(ObjectID.name(of: algorithm)) }
        guard let parameters else { throw KeyError.malformedPKCS12("thiếu tham số PBES2") }
        let parts = try reader.sequence(parameters, "PBES2-params", minimum: 2)
        let kdf = try reader.algorithm(parts[0], "keyDerivationFunc")
        guard kdf.oid == ObjectID.pbkdf2 else { throw KeyError.unsupportedPKCS12Algorithm(ObjectID.name(of: kdf.oid)) }
        guard let kdfParameters = kdf.parameters else { throw KeyError.malformedPKCS12("thiếu tham số PBKDF2") }
        let pbkdf2 = try reader.sequence(kdfParameters, "PBKDF2-params", minimum: 2)
        let salt = try reader.octets(pbkdf2[0], "salt")
        let iterations = try reader.integer(pbkdf2[1], "iterationCount")
        var prf = ObjectID.hmacWithSHA1
        for node in pbkdf2.dropFirst(2) where node.identifier == .sequence {
            prf = try reader.algorithm(node, "prf").oid
        }
        guard prf == ObjectID.hmacWithSHA256 else { throw KeyError.unsupportedPKCS12Algorithm("PBKDF2 với \(ObjectID.name(of: prf))") }
        guard (1...10_000_000).contains(iterations) else { throw KeyError.malformedPKCS12("số vòng PBKDF2 \(iterations) vượt giới hạn") }
        let cipher = try reader.algorithm(parts[1], "encryptionScheme")
        guard cipher.oid == ObjectID.aes256CBC else { throw KeyError.unsupportedPKCS12Algorithm(ObjectID.name(of: cipher.oid)) }
        guard let ivNode = cipher.parameters else { throw KeyError.malformedPKCS12("thiếu IV của AES-256-CBC") }
        let iv = try reader.octets(ivNode, "IV")
        let key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(password.utf8), salt: salt, using: .sha256, outputByteCount: 32,
                                                     unsafeUncheckedRounds: iterations)
        do {
            return Array(try AES._CBC.decrypt(ciphertext, using: key, iv: try AES._CBC.IV(ivBytes: iv)))
        } catch {
            // The MAC already proved the password; a padding failure here means damaged content.
            throw KeyError.malformedPKCS12("không giải mã được nội dung AES-256-CBC")
        }
    }

    /// Encrypts with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) and returns the AlgorithmIdentifier and ciphertext.
    static func pbes2Encrypt(_ plaintext: [UInt8], password: String, iterations: Int) throws -> (algorithm: [UInt8], ciphertext: [UInt8]) {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<8).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let ivBytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let iv = try AES._CBC.IV(ivBytes: ivBytes)
        let key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(password.utf8), salt: salt, using: .sha256, outputByteCount: 32,
                                                     unsafeUncheckedRounds: iterations)
        let ciphertext = Array(try AES._CBC.encrypt(plaintext, using: key, iv: iv))
        let kdf = DERWriter.sequence([
            DERWriter.oid(ObjectID.pbkdf2),
            DERWriter.sequence([DERWriter.octetString(salt), DERWriter.integer(iterations),
                                DERWriter.algorithm(ObjectID.hmacWithSHA256, nullParameters: true)]),
        ])
        let cipher = DERWriter.sequence([DERWriter.oid(ObjectID.aes256CBC), DERWriter.octetString(ivBytes)])
        let algorithm = DERWriter.sequence([DERWriter.oid(ObjectID.pbes2), DERWriter.sequence([kdf, cipher])])
        return (algorithm, ciphertext)
    }
}
