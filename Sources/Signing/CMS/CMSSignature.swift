import Crypto
import SwiftASN1
import X509
import _CryptoExtras

/// A parsed detached CMS SignedData with one signer, as found in a PDF signature's /Contents.
public struct CMSSignature: Sendable {
    /// Every certificate the signature carries.
    public let certificates: [Certificate]
    /// The certificate the signer info names (issuer and serial number, or subject key identifier), if present.
    public let signerCertificate: Certificate?
    /// The digest algorithm of the signer info.
    let digestAlgorithm: ASN1ObjectIdentifier
    let signatureAlgorithm: ASN1ObjectIdentifier
    let signatureValue: [UInt8]
    /// The signed attributes as DER `SET OF`, the bytes the signature covers.
    let signedAttributes: [UInt8]?
    let contentType: ASN1ObjectIdentifier?
    let messageDigest: [UInt8]?
    /// The SHA-256 certificate hash and issuer/serial of the signing-certificate-v2 attribute, when present.
    let signingCertificateHash: [UInt8]?
    let signingCertificateIssuerSerial: [UInt8]?
    let signingCertificateHashAlgorithm: ASN1ObjectIdentifier?
    /// Whether a signing-time attribute is present (PAdES B-B forbids it).
    public let hasSigningTime: Bool

    /// Parses DER `bytes`; zero bytes after the structure (a PDF /Contents placeholder's padding) are allowed, any
    /// other trailing byte is an error.
    public init(der bytes: [UInt8]) throws {
        let reader = DERReader(context: "Chữ ký CMS")
        let length = try Self.encodedLength(bytes)
        guard bytes[length...].allSatisfy({ $0 == 0 }) else { throw reader.fail("có dữ liệu lạ sau cấu trúc chữ ký") }
        let contentInfo = try reader.sequence(try reader.parse(bytes[..<length]), "ContentInfo", minimum: 2)
        guard try reader.oid(contentInfo[0], "contentType") == ObjectID.signedData else { throw reader.fail("không phải SignedData") }
        let signedData = try reader.sequence(try reader.explicit(contentInfo[1], 0, "SignedData"), "SignedData", minimum: 4)
        // The parts outside the signed attributes are checked strictly: nothing the signature does not cover may vary.
        guard [1, 3].contains(try reader.integer(signedData[0], "version")) else { throw reader.fail("phiên bản SignedData lạ") }
        let digestAlgorithms = try reader.set(signedData[1], "digestAlgorithms").map { try reader.algorithm($0, "digestAlgorithm") }
        guard digestAlgorithms.count == 1, digestAlgorithms[0].oid == ObjectID.sha256, digestAlgorithms[0].parameters == nil
                || digestAlgorithms[0].parameters?.identifier == .null else {
            throw reader.fail("digestAlgorithms của SignedData phải đúng một SHA-256")
        }
        let encapsulated = try reader.sequence(signedData[2], "EncapsulatedContentInfo", minimum: 1)
        guard encapsulated.count == 1 else { throw reader.fail("chữ ký không tách rời (có nội dung bên trong)") }
        guard try reader.oid(encapsulated[0], "eContentType") == ObjectID.data else { throw reader.fail("eContentType không phải id-data") }
        var certificates: [Certificate] = []
        var signerInfos: [ASN1Node] = []
        for node in signedData.dropFirst(3) {
            if node.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
                guard case .constructed(let children) = node.content else { throw reader.fail("certificates") }
                for child in children where child.identifier == .sequence {
                    do {
                        certificates.append(try Certificate(derEncoded: Array(child.encodedBytes)))
                    } catch {
                        throw reader.fail("chứng thư số kèm theo không đọc được")
                    }
                }
            } else if node.identifier == .set {
                signerInfos = try reader.set(node, "signerInfos")
            } else {
                throw reader.fail("SignedData có phần lạ (CRL hoặc thẻ \(node.identifier))")
            }
        }
        guard signerInfos.count == 1 else { throw reader.fail("cần đúng một SignerInfo, có \(signerInfos.count)") }
        let info = try reader.sequence(signerInfos[0], "SignerInfo", minimum: 5)
        guard [1, 3].contains(try reader.integer(info[0], "version")) else { throw reader.fail("phiên bản SignerInfo lạ") }
        let signerIdentifier = info[1]
        digestAlgorithm = try reader.algorithm(info[2], "digestAlgorithm").oid
        var index = 3
        var signedAttributes: [UInt8]?
        var attributes: [ASN1ObjectIdentifier: [ASN1Node]] = [:]
        if info[index].identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
            signedAttributes = [0x31] + info[index].encodedBytes.dropFirst()
            guard case .constructed(let nodes) = info[index].content else { throw reader.fail("signedAttrs") }
            for node in nodes {
                let parts = try reader.sequence(node, "Attribute", minimum: 2)
                let type = try reader.oid(parts[0], "attrType")
                guard attributes[type] == nil else { throw reader.fail("thuộc tính \(ObjectID.name(of: type)) lặp lại") }
                attributes[type] = try reader.set(parts[1], "attrValues")
            }
            index += 1
        }
        guard info.count > index + 1 else { throw reader.fail("SignerInfo thiếu chữ ký") }
        signatureAlgorithm = try reader.algorithm(info[index], "signatureAlgorithm").oid
        signatureValue = try reader.octets(info[index + 1], "signature")
        self.signedAttributes = signedAttributes
        contentType = try attributes[ObjectID.contentType]?.first.map { try reader.oid($0, "content-type") }
        messageDigest = try attributes[ObjectID.messageDigest]?.first.map { try reader.octets($0, "message-digest") }
        hasSigningTime = attributes[ObjectID.signingTime] != nil
        if let value = attributes[ObjectID.signingCertificateV2]?.first {
            let certs = try reader.sequence(try reader.sequence(value, "SigningCertificateV2", minimum: 1)[0], "certs", minimum: 1)
            var parts = try reader.sequence(certs[0], "ESSCertIDv2", minimum: 1)
            var hashAlgorithm = ObjectID.sha256
            if parts[0].identifier == .sequence {
                hashAlgorithm = try reader.algorithm(parts.removeFirst(), "hashAlgorithm").oid
            }
            guard !parts.isEmpty else { throw reader.fail("ESSCertIDv2 thiếu certHash") }
            signingCertificateHashAlgorithm = hashAlgorithm
            signingCertificateHash = try reader.octets(parts[0], "certHash")
            signingCertificateIssuerSerial = parts.count > 1 ? Array(parts[1].encodedBytes) : nil
        } else {
            signingCertificateHashAlgorithm = nil
            signingCertificateHash = nil
            signingCertificateIssuerSerial = nil
        }
        self.certificates = certificates
        signerCertificate = try Self.find(signerIdentifier, in: certificates, reader: reader)
    }

    /// The length of the DER TLV at the start of `bytes`, checked against the buffer.
    static func encodedLength(_ bytes: [UInt8]) throws -> Int {
        let fail = DERReader(context: "Chữ ký CMS").fail("độ dài không hợp lệ")
        guard bytes.count >= 2, bytes[0] == 0x30 else { throw fail }
        var length = Int(bytes[1])
        var header = 2
        if length & 0x80 != 0 {
            let count = length & 0x7F
            guard (1...4).contains(count), bytes.count >= 2 + count else { throw fail }
            length = bytes[2..<(2 + count)].reduce(0) { $0 << 8 | Int($1) }
            header += count
        }
        guard header + length <= bytes.count else { throw fail }
        return header + length
    }

    private static func find(_ identifier: ASN1Node, in certificates: [Certificate], reader: DERReader) throws -> Certificate? {
        if identifier.identifier == .sequence {
            let parts = try reader.sequence(identifier, "IssuerAndSerialNumber", minimum: 2)
            return try certificates.first { certificate in
                try Array(parts[0].encodedBytes) == DERWriter.serialize(certificate.issuer)
                    && Array(parts[1].encodedBytes) == DERWriter.unsignedInteger(certificate.serialNumber.bytes)
            }
        }
        let keyIdentifier = try reader.implicitPrimitive(identifier, 0, "SubjectKeyIdentifier")
        return certificates.first { certificate in
            (try? certificate.extensions.subjectKeyIdentifier).flatMap { $0 }.map { Array($0.keyIdentifier) } == keyIdentifier
        }
    }
}

extension CMSSignature {
    /// What is wrong with this signature over content whose SHA-256 is `contentDigest`; empty when it is valid.
    public func problems(contentDigest: SHA256.Digest) -> [CMSProblem] {
        guard digestAlgorithm == ObjectID.sha256 else { return [.unsupportedDigest(ObjectID.name(of: digestAlgorithm))] }
        guard let signedAttributes else { return [.noSignedAttributes] }
        guard let certificate = signerCertificate else { return [.signerCertificateMissing] }
        var problems: [CMSProblem] = []
        if contentType != ObjectID.data { problems.append(.wrongContentType) }
        if messageDigest != Array(contentDigest) { problems.append(.digestMismatch) }
        if !isValidSignature(by: certificate, over: signedAttributes) { problems.append(.badSignature) }
        if let hash = signingCertificateHash {
            let certificateDER = (try? DERWriter.serialize(certificate)) ?? []
            let issuerSerial = try? DERWriter.sequence([
                DERWriter.sequence([DERWriter.tlv(0xA4, DERWriter.serialize(certificate.issuer))]),
                DERWriter.unsignedInteger(certificate.serialNumber.bytes),
            ])
            if signingCertificateHashAlgorithm != ObjectID.sha256 || hash != Array(SHA256.hash(data: certificateDER))
                || (signingCertificateIssuerSerial != nil && signingCertificateIssuerSerial != issuerSerial) {
                problems.append(.signingCertificateMismatch)
            }
        } else {
            problems.append(.signingCertificateMissing)
        }
        if hasSigningTime { problems.append(.signingTimePresent) }
        return problems
    }

    private func isValidSignature(by certificate: Certificate, over signedAttributes: [UInt8]) -> Bool {
        let digest = SHA256.hash(data: signedAttributes)
        switch signatureAlgorithm {
        case ObjectID.rsaEncryption, ObjectID.sha256WithRSAEncryption:
            guard let key = _RSA.Signing.PublicKey(certificate.publicKey) else { return false }
            return key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signatureValue), for: digest, padding: .insecurePKCS1v1_5)
        case ObjectID.ecdsaWithSHA256:
            guard let key = P256.Signing.PublicKey(certificate.publicKey),
                  let signature = try? P256.Signing.ECDSASignature(derRepresentation: signatureValue) else { return false }
            return key.isValidSignature(signature, for: digest)
        default:
            return false
        }
    }
}

/// Why a CMS signature is not valid, in Vietnamese.
public enum CMSProblem: Error, Equatable, Sendable, CustomStringConvertible {
    case unsupportedDigest(String)
    case noSignedAttributes
    case signerCertificateMissing
    case wrongContentType
    case digestMismatch
    case badSignature
    case signingCertificateMissing
    case signingCertificateMismatch
    case signingTimePresent

    public var description: String {
        switch self {
        case .unsupportedDigest(let name): "dùng hàm băm \(name), VanBan chỉ kiểm tra SHA-256"
        case .noSignedAttributes: "chữ ký CMS không có thuộc tính ký (signedAttrs)"
        case .signerCertificateMissing: "chữ ký không kèm chứng thư số của người ký"
        case .wrongContentType: "thuộc tính content-type không phải id-data"
        case .digestMismatch: "mã băm của các đoạn được ký không khớp mã băm đã ký: nội dung đã bị thay đổi sau khi ký"
        case .badSignature: "giá trị chữ ký không đúng với khóa công khai trong chứng thư số"
        case .signingCertificateMissing: "thiếu thuộc tính signing-certificate-v2 (PAdES yêu cầu)"
        case .signingCertificateMismatch: "thuộc tính signing-certificate-v2 không khớp chứng thư số của người ký"
        case .signingTimePresent: "có thuộc tính signing-time (PAdES B-B đặt thời gian ký trong từ điển chữ ký, không trong CMS)"
        }
    }
}
