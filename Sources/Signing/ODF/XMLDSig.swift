import Crypto
import _CryptoExtras
import Foundation
import SwiftASN1
import X509

/// The names XML-DSig and XAdES use, and conversions between their value forms and the ones Swift's crypto uses.
enum XMLDSig {
    static let namespace = "http://www.w3.org/2000/09/xmldsig#"
    static let xadesNamespace = "http://uri.etsi.org/01903/v1.3.2#"
    static let documentSignaturesNamespace = "urn:oasis:names:tc:opendocument:xmlns:digitalsignature:1.0"
    static let c14n = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
    static let sha256 = "http://www.w3.org/2001/04/xmlenc#sha256"
    static let rsaSHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
    static let ecdsaSHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
    static let signedPropertiesType = "http://uri.etsi.org/01903#SignedProperties"

    static func signatureMethod(_ algorithm: SignatureAlgorithm) -> String {
        switch algorithm {
        case .rsaPKCS1v15SHA256: rsaSHA256
        case .ecdsaP256SHA256: ecdsaSHA256
        }
    }

    /// XML-DSig writes an ECDSA value as r‖s, each 32 bytes for P-256 (RFC 4050); `Signer` returns DER.
    static func signatureValue(_ value: [UInt8], algorithm: SignatureAlgorithm) throws(ODFSignatureError) -> [UInt8] {
        switch algorithm {
        case .rsaPKCS1v15SHA256: return value
        case .ecdsaP256SHA256:
            guard let signature = try? P256.Signing.ECDSASignature(derRepresentation: value) else { throw .malformedSignatureValue }
            return Array(signature.rawRepresentation)
        }
    }

    /// Whether `value` (as written in SignatureValue) signs `signedInfo` (its canonical bytes) with `certificate`'s key.
    static func isValid(_ value: [UInt8], method: String, over signedInfo: [UInt8], certificate: Certificate) -> Bool {
        let digest = SHA256.hash(data: signedInfo)
        switch method {
        case rsaSHA256:
            guard let key = _RSA.Signing.PublicKey(certificate.publicKey) else { return false }
            return key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: value), for: digest, padding: .insecurePKCS1v1_5)
        case ecdsaSHA256:
            guard let key = P256.Signing.PublicKey(certificate.publicKey),
                  let signature = try? P256.Signing.ECDSASignature(rawRepresentation: value) else { return false }
            return key.isValidSignature(signature, for: digest)
        default:
            return false
        }
    }

    /// The DER IssuerSerial (RFC 5035) that XAdES' IssuerSerialV2 carries in base64.
    static func issuerSerial(of certificate: Certificate) throws -> [UInt8] {
        DERWriter.sequence([
            DERWriter.sequence([DERWriter.tlv(0xA4, try DERWriter.serialize(certificate.issuer))]),
            DERWriter.unsignedInteger(certificate.serialNumber.bytes),
        ])
    }

    /// A serial number in decimal, as X509SerialNumber is written.
    static func decimal(_ bytes: ArraySlice<UInt8>) -> String {
        var number = Array(bytes.drop { $0 == 0 })
        var digits: [UInt8] = []
        while !number.isEmpty {
            var remainder = 0
            var quotient: [UInt8] = []
            for byte in number {
                let value = remainder * 256 + Int(byte)
                let q = value / 10
                remainder = value % 10
                if !quotient.isEmpty || q != 0 { quotient.append(UInt8(q)) }
            }
            digits.append(UInt8(remainder) + 0x30)
            number = quotient
        }
        return digits.isEmpty ? "0" : String(decoding: digits.reversed(), as: UTF8.self)
    }

    /// Base64 without line breaks; reading accepts the line breaks other signers put in.
    static func base64(_ bytes: some Sequence<UInt8>) -> String { Data(bytes).base64EncodedString() }

    static func bytes(base64 text: String) -> [UInt8]? {
        Data(base64Encoded: text.filter { !$0.isWhitespace }).map(Array.init)
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\r": out += "&#xD;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
