import Crypto
import SwiftASN1
import X509

/// Detached CMS SignedData (RFC 5652) for PAdES baseline B and CAdES: DER, SHA-256, signed attributes content-type,
/// message-digest and signing-certificate-v2 (RFC 5035), no signing-time (PAdES puts the time in the signature
/// dictionary), and the signer's certificate with its chain.
public enum CMSSigner {
    /// The DER `ContentInfo` of a detached SignedData over content whose SHA-256 is `contentDigest`.
    public static func sign(contentDigest: SHA256.Digest, signer: any Signer) async throws -> [UInt8] {
        let certificate = signer.certificate
        let certificateDER = try DERWriter.serialize(certificate)
        let issuer = try DERWriter.serialize(certificate.issuer)
        let serial = DERWriter.unsignedInteger(certificate.serialNumber.bytes)
        let essCertID = DERWriter.sequence([
            DERWriter.octetString(Array(SHA256.hash(data: certificateDER))),
            DERWriter.sequence([DERWriter.sequence([DERWriter.tlv(0xA4, issuer)]), serial]),
        ])
        let attributes = [
            attribute(ObjectID.contentType, DERWriter.oid(ObjectID.data)),
            attribute(ObjectID.messageDigest, DERWriter.octetString(Array(contentDigest))),
            attribute(ObjectID.signingCertificateV2, DERWriter.sequence([DERWriter.sequence([essCertID])])),
        ]
        let signedAttributes = DERWriter.set(attributes)
        let signatureValue = try await signer.signature(forDigest: SHA256.hash(data: signedAttributes))
        let signerInfo = DERWriter.sequence([
            DERWriter.integer(1),
            DERWriter.sequence([issuer, serial]),
            DERWriter.algorithm(ObjectID.sha256, nullParameters: false),
            [0xA0] + signedAttributes.dropFirst(),
            signatureAlgorithm(signer.algorithm),
            DERWriter.octetString(signatureValue),
        ])
        let certificates = try [certificateDER] + signer.chain.map { try DERWriter.serialize($0) }
        let signedData = DERWriter.sequence([
            DERWriter.integer(1),
            DERWriter.set([DERWriter.algorithm(ObjectID.sha256, nullParameters: false)]),
            DERWriter.sequence([DERWriter.oid(ObjectID.data)]),
            [0xA0] + DERWriter.set(certificates).dropFirst(),
            DERWriter.set([signerInfo]),
        ])
        return DERWriter.sequence([DERWriter.oid(ObjectID.signedData), DERWriter.contextConstructed(0, signedData)])
    }

    /// An upper bound of the DER size `sign` produces for `signer`, for reserving room in a PDF before signing.
    public static func estimatedSize(for signer: any Signer) throws -> Int {
        let certificates = try ([signer.certificate] + signer.chain).reduce(0) { $0 + (try DERWriter.serialize($1)).count }
        let issuer = try DERWriter.serialize(signer.certificate.issuer).count
        // Signature values: RSA up to 4096 bits is 512 bytes; ECDSA P-256 at most 72. Attributes and framing ~300.
        return certificates + 2 * issuer + 512 + 1024
    }

    private static func attribute(_ type: ASN1ObjectIdentifier, _ value: [UInt8]) -> [UInt8] {
        DERWriter.sequence([DERWriter.oid(type), DERWriter.set([value])])
    }

    private static func signatureAlgorithm(_ algorithm: SignatureAlgorithm) -> [UInt8] {
        switch algorithm {
        case .rsaPKCS1v15SHA256: DERWriter.algorithm(ObjectID.rsaEncryption, nullParameters: true)
        case .ecdsaP256SHA256: DERWriter.algorithm(ObjectID.ecdsaWithSHA256, nullParameters: false)
        }
    }
}
