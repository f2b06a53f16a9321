import Crypto
import Foundation
import SwiftASN1
import X509

/// A `Signer` whose private key is in memory, read from PEM or PKCS#12 files or made by `TestAuthority`.
public struct KeySigner: Signer {
    public let key: SigningKey
    public let certificate: Certificate
    public let chain: [Certificate]

    public var algorithm: SignatureAlgorithm { key.algorithm }

    /// Pairs a key with its certificate; refuses a certificate whose public key is not the key's.
    public init(key: SigningKey, certificate: Certificate, chain: [Certificate] = []) throws {
        guard key.publicKey == certificate.publicKey else { throw KeyError.keyDoesNotMatchCertificate }
        self.key = key
        self.certificate = certificate
        self.chain = chain
    }

    public func signature(forDigest digest: SHA256.Digest) async throws -> [UInt8] {
        try key.signature(forDigest: digest)
    }

    /// Reads a private key PEM and a certificate PEM whose first certificate is the key's and whose others are its
    /// issuers (nearest first).
    public init(privateKeyPEM: String, certificatesPEM: String) throws {
        let certificates = try Self.certificates(pem: certificatesPEM)
        try self.init(key: try SigningKey(pem: privateKeyPEM), certificate: certificates[0], chain: Array(certificates.dropFirst()))
    }

    /// Reads the key and certificate files (PEM); `chainFile` adds issuers when the certificate file has none.
    public static func load(keyFile: URL, certificateFile: URL, chainFile: URL? = nil) throws -> KeySigner {
        var all = try certificates(pem: try text(of: certificateFile))
        if let chainFile { all += try certificates(pem: try text(of: chainFile)) }
        return try KeySigner(key: try SigningKey(pem: try text(of: keyFile)), certificate: all[0], chain: Array(all.dropFirst()))
    }

    /// Every certificate of a PEM text, in order.
    public static func certificates(pem: String) throws -> [Certificate] {
        let documents: [PEMDocument]
        do {
            documents = try PEMDocument.parseMultiple(pemString: pem)
        } catch {
            throw KeyError.unreadableCertificate("không tìm thấy khối PEM hợp lệ")
        }
        let certificates = try documents.filter { $0.discriminator == "CERTIFICATE" }.map { document in
            do {
                return try Certificate(derEncoded: document.derBytes)
            } catch {
                throw KeyError.unreadableCertificate("\(error)")
            }
        }
        guard !certificates.isEmpty else { throw KeyError.noCertificate }
        return certificates
    }

    static func text(of file: URL) throws -> String {
        do {
            return try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw KeyError.unreadableFile(path: file.path, reason: (error as NSError).localizedDescription)
        }
    }
}
