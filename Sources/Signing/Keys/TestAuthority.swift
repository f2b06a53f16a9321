import Crypto
import Foundation
import SwiftASN1
import X509

/// A certification authority of its own, for tests and the demo commune: a self-signed root that issues signing
/// certificates to people and bodies with full Vietnamese names (UTF8String).
public struct TestAuthority: Sendable {
    /// The root's key.
    public let key: SigningKey
    /// The self-signed root certificate: the trust anchor a verifier is given.
    public let certificate: Certificate

    /// A new root CA named `name` (`CA thử nghiệm VanBan`), valid from a day before `now` for `years` years.
    public init(name: String, organization: String = "VanBan", now: Date = Date(), years: Int = 10, key: SigningKey? = nil) throws {
        let key = try key ?? SigningKey.generateRSA()
        let subject = try DistinguishedName {
            CountryName("VN")
            OrganizationName(organization)
            CommonName(name)
        }
        self.key = key
        self.certificate = try Certificate(
            version: .v3, serialNumber: Self.newSerialNumber(), publicKey: key.publicKey,
            notValidBefore: now.addingTimeInterval(-86_400), notValidAfter: now.addingTimeInterval(Double(years) * 365 * 86_400),
            issuer: subject, subject: subject, signatureAlgorithm: Self.signatureAlgorithm(of: key),
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: key.publicKey)
            },
            issuerPrivateKey: key.certificateKey)
    }

    /// An authority from its key and certificate (read back from the files `vanban keys demo` wrote).
    public init(key: SigningKey, certificate: Certificate) throws {
        guard key.publicKey == certificate.publicKey else { throw KeyError.keyDoesNotMatchCertificate }
        self.key = key
        self.certificate = certificate
    }

    /// Who a signing certificate is for.
    public struct Holder: Sendable {
        /// The common name: a person with their title (`Nguyễn Văn A, Chủ tịch UBND xã Gia Cát`) or a body.
        public var commonName: String
        /// The organisation (`Ủy ban nhân dân xã Gia Cát`).
        public var organization: String
        /// The province or city, if any.
        public var province: String?

        public init(commonName: String, organization: String, province: String? = nil) {
            self.commonName = commonName
            self.organization = organization
            self.province = province
        }
    }

    /// Issues a signing certificate (digitalSignature and nonRepudiation) to `holder` for a new key (RSA 2048 by
    /// default), valid from a day before `now` for `years` years, and returns the signer with this root as its chain.
    public func issue(to holder: Holder, key: SigningKey? = nil, now: Date = Date(), years: Int = 3) throws -> KeySigner {
        let key = try key ?? SigningKey.generateRSA()
        let subject = try DistinguishedName {
            CountryName("VN")
            if let province = holder.province { StateOrProvinceName(province) }
            OrganizationName(holder.organization)
            CommonName(holder.commonName)
        }
        let notAfter = min(now.addingTimeInterval(Double(years) * 365 * 86_400), certificate.notValidAfter)
        let issued = try Certificate(
            version: .v3, serialNumber: Self.newSerialNumber(), publicKey: key.publicKey,
            notValidBefore: now.addingTimeInterval(-86_400), notValidAfter: notAfter,
            issuer: certificate.subject, subject: subject, signatureAlgorithm: Self.signatureAlgorithm(of: self.key),
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, nonRepudiation: true))
                SubjectKeyIdentifier(hash: key.publicKey)
                AuthorityKeyIdentifier(keyIdentifier: try certificate.extensions.subjectKeyIdentifier?.keyIdentifier)
            },
            issuerPrivateKey: self.key.certificateKey)
        return try KeySigner(key: key, certificate: issued, chain: [certificate])
    }

    /// A random positive serial number of 16 bytes whose DER encoding needs no leading zero. swift-certificates'
    /// default draws 20 bytes, which half the time encode as 21 with the sign byte; NSS (and so pdfsig) then fails
    /// to match the signer's certificate with "Unknown Validation Failure".
    static func newSerialNumber() -> Certificate.SerialNumber {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[0] = bytes[0] & 0x7F | 0x40
        return Certificate.SerialNumber(bytes: bytes)
    }

    static func signatureAlgorithm(of key: SigningKey) -> Certificate.SignatureAlgorithm {
        switch key {
        case .rsa: .sha256WithRSAEncryption
        case .p256: .ecdsaWithSHA256
        }
    }
}

extension SubjectKeyIdentifier {
    /// The key identifier of RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits, here SHA-256 cut to
    /// 20 bytes, which the RFC allows as "other methods".
    init(hash publicKey: Certificate.PublicKey) {
        self.init(keyIdentifier: ArraySlice(SHA256.hash(data: Array(publicKey.subjectPublicKeyInfoBytes)).prefix(20)))
    }
}
