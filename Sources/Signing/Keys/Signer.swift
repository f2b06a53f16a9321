import Crypto
import Foundation
import X509

/// Signs on behalf of one certificate holder. The key may live in memory (PEM, PKCS#12), on a hardware token or
/// behind a remote signing service: callers only hand over a SHA-256 digest and get the signature value back.
public protocol Signer: Sendable {
    /// The algorithm of the values `signature(forDigest:)` returns.
    var algorithm: SignatureAlgorithm { get }
    /// The signer's own certificate.
    var certificate: Certificate { get }
    /// The certificates that issued `certificate`, nearest first (the root may be left out).
    var chain: [Certificate] { get }
    /// The signature value over a SHA-256 digest: for RSA the PKCS#1 v1.5 block, for ECDSA the DER `Ecdsa-Sig-Value`.
    func signature(forDigest digest: SHA256.Digest) async throws -> [UInt8]
}

extension Signer {
    /// Signs `bytes`: hashes them with SHA-256 and signs the digest.
    public func signature(for bytes: some DataProtocol) async throws -> [UInt8] {
        try await signature(forDigest: SHA256.hash(data: bytes))
    }
}

/// The signature algorithms VanBan writes and verifies: SHA-256 with RSA PKCS#1 v1.5 (the default, which every PDF
/// reader and Vietnamese CA handles) or with ECDSA on P-256.
public enum SignatureAlgorithm: String, Sendable, Equatable, CaseIterable {
    case rsaPKCS1v15SHA256 = "RSA PKCS#1 v1.5 SHA-256"
    case ecdsaP256SHA256 = "ECDSA P-256 SHA-256"
}
