import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// A private key held in memory: RSA (2048 bits or more) or ECDSA P-256.
public enum SigningKey: Sendable {
    case rsa(_RSA.Signing.PrivateKey)
    case p256(P256Key)

    /// A new RSA key, the default kind: 2048 bits unless told otherwise.
    public static func generateRSA(bits: Int = 2048) throws -> SigningKey {
        .rsa(try _RSA.Signing.PrivateKey(keySize: .init(bitCount: bits)))
    }

    /// A new ECDSA P-256 key.
    public static func generateP256() -> SigningKey { .p256(P256Key(P256.Signing.PrivateKey())) }

    /// The algorithm this key signs with.
    public var algorithm: SignatureAlgorithm {
        switch self {
        case .rsa: .rsaPKCS1v15SHA256
        case .p256: .ecdsaP256SHA256
        }
    }

    /// The key as swift-certificates wants it for issuing certificates.
    public var certificateKey: Certificate.PrivateKey {
        switch self {
        case .rsa(let key): Certificate.PrivateKey(key)
        case .p256(let key): Certificate.PrivateKey(key.key)
        }
    }

    /// The public half, as it appears in a certificate.
    public var publicKey: Certificate.PublicKey { certificateKey.publicKey }

    /// The key as an unencrypted PKCS#8 PEM document (`-----BEGIN PRIVATE KEY-----`).
    public var pkcs8PEM: String {
        switch self {
        case .rsa(let key): key.pkcs8PEMRepresentation
        case .p256(let key): key.key.pemRepresentation
        }
    }

    /// The PKCS#8 `PrivateKeyInfo` DER bytes.
    public var pkcs8DER: [UInt8] {
        switch self {
        case .rsa(let key):
            DERWriter.sequence([DERWriter.integer(0), DERWriter.algorithm(ObjectID.rsaEncryption, nullParameters: true),
                                DERWriter.octetString(Array(key.derRepresentation))])
        case .p256(let key): Array(key.key.derRepresentation)
        }
    }

    /// The signature over a SHA-256 digest.
    public func signature(forDigest digest: SHA256.Digest) throws -> [UInt8] {
        switch self {
        case .rsa(let key): Array(try key.signature(for: digest, padding: .insecurePKCS1v1_5).rawRepresentation)
        case .p256(let key): Array(try key.key.signature(for: digest).derRepresentation)
        }
    }

    /// Reads a private key from a PEM document: PKCS#8 (`PRIVATE KEY`), traditional RSA (`RSA PRIVATE KEY`) or
    /// SEC1 EC (`EC PRIVATE KEY`) on P-256.
    public init(pem: String) throws {
        let document: PEMDocument
        do {
            document = try PEMDocument(pemString: pem)
        } catch {
            throw KeyError.unreadablePEM("không tìm thấy khối PEM hợp lệ")
        }
        switch document.discriminator {
        case "RSA PRIVATE KEY":
            self = try Self.rsa(der: document.derBytes)
        case "EC PRIVATE KEY":
            self = try Self.p256(der: document.derBytes)
        case "PRIVATE KEY":
            self = try SigningKey(pkcs8DER: document.derBytes)
        case "ENCRYPTED PRIVATE KEY":
            throw KeyError.encryptedPEM
        default:
            throw KeyError.unreadablePEM("khối “\(document.discriminator)” không phải khóa bí mật")
        }
    }

    /// Reads a PKCS#8 `PrivateKeyInfo` (RSA or EC P-256).
    public init(pkcs8DER der: [UInt8]) throws {
        let reader = DERReader(context: "Khóa PKCS#8")
        let parts = try reader.sequence(try reader.parse(der), "PrivateKeyInfo", minimum: 3)
        let algorithm = try reader.algorithm(parts[1], "privateKeyAlgorithm")
        switch algorithm.oid {
        case ObjectID.rsaEncryption:
            self = try Self.rsa(der: der)
        case ObjectID.ecPublicKey:
            guard let curve = algorithm.parameters, (try? ASN1ObjectIdentifier(derEncoded: curve)) == ObjectID.secp256r1 else {
                throw KeyError.unsupportedKey("khóa EC không dùng đường cong P-256")
            }
            self = try Self.p256(der: der)
        default:
            throw KeyError.unsupportedKey("thuật toán khóa \(ObjectID.name(of: algorithm.oid))")
        }
    }

    private static func rsa(der: [UInt8]) throws -> SigningKey {
        let key: _RSA.Signing.PrivateKey
        do {
            key = try _RSA.Signing.PrivateKey(derRepresentation: der)
        } catch {
            throw KeyError.unreadablePEM("khóa RSA không đọc được")
        }
        guard key.keySizeInBits >= 2048 else { throw KeyError.unsupportedKey("khóa RSA \(key.keySizeInBits) bit (cần từ 2048 bit)") }
        return .rsa(key)
    }

    private static func p256(der: [UInt8]) throws -> SigningKey {
        do {
            return .p256(P256Key(try P256.Signing.PrivateKey(derRepresentation: der)))
        } catch {
            throw KeyError.unsupportedKey("khóa EC không đọc được hoặc không dùng đường cong P-256")
        }
    }
}

/// An ECDSA P-256 private key. swift-crypto 3.12 does not mark `P256.Signing.PrivateKey` Sendable although it is an
/// immutable value whose BoringSSL key is never changed after creation; this box states that.
public struct P256Key: @unchecked Sendable {
    public let key: P256.Signing.PrivateKey

    public init(_ key: P256.Signing.PrivateKey) { self.key = key }
}
