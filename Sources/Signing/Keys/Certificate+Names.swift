import SwiftASN1
import X509

extension Certificate {
    /// The subject's common name (`Nguyễn Văn A, Chủ tịch UBND xã Gia Cát`), if it has one.
    public var commonName: String? { subject.value(of: .RDNAttributeType.commonName) }

    /// The subject's organisation, if it has one.
    public var organizationName: String? { subject.value(of: .RDNAttributeType.organizationName) }
}

extension DistinguishedName {
    func value(of type: ASN1ObjectIdentifier) -> String? {
        for rdn in self {
            for attribute in rdn where attribute.type == type {
                if let text = String(attribute.value) { return text }
            }
        }
        return nil
    }
}

extension Certificate {
    /// The certificate as a PEM document (`-----BEGIN CERTIFICATE-----`).
    public func pemString() throws -> String { try serializeAsPEM().pemString }
}
