import CLibXML2
import Crypto
import Foundation
import OfficeZip
import X509

/// XML-DSig signatures with XAdES properties in an OpenDocument package (ODF 1.2+ `META-INF/documentsignatures.xml`),
/// in the form LibreOffice accepts: one `Signature` per signer, a Reference to every stream but the signatures file
/// (mimetype and the manifest included), XML streams canonicalised (C14N 1.0) and the others digested raw, SHA-256,
/// RSA or ECDSA, the certificate and its chain in KeyInfo, and SignedProperties with the signing time (+07:00) and
/// SigningCertificateV2.
public enum ODFSignature {
    /// What a signature records besides the signer.
    public struct SignatureInfo: Sendable {
        /// The signing time, written as XAdES SigningTime in Vietnam time.
        public var time: Date

        public init(time: Date) {
            self.time = time
        }
    }

    /// `odt` with one more signature by `signer`. Signatures already there stay valid: the new one is appended to the
    /// signatures file, which no signature covers, and the manifest lists that file from the first signature on.
    /// Unchanged entries are copied still compressed; `mimetype` stays the first, stored entry.
    public static func sign(odt: [UInt8], signer: any Signer, info: SignatureInfo) async throws -> [UInt8] {
        let package = try ODFPackage(bytes: odt)
        let newManifest = try package.manifestListingSignatures()
        var references: [(uri: String, canonical: Bool, digest: [UInt8])] = []
        for entry in package.signedStreams {
            let canonical = package.isXML(entry.name)
            let bytes = try (entry.name == ODFPackage.manifestEntry ? newManifest : nil) ?? package.contents(of: entry)
            references.append((ReferenceURI.encode(entry.name), canonical, try ODFPackage.digest(of: bytes, name: entry.name, canonical: canonical)))
        }
        let existing = try package.archive.entry(named: ODFPackage.signaturesEntry).map { try package.contents(of: $0) }
        let signatures = try await SignatureWriter(signer: signer, time: info.time, references: references).appended(to: existing)

        var writer = ZipWriter(estimatedSize: odt.count + signatures.count + 4096)
        for entry in package.archive.entries {
            switch entry.name {
            case ODFPackage.signaturesEntry: writer.addDeflated(name: entry.name, bytes: signatures)
            case ODFPackage.manifestEntry where newManifest != nil: writer.addDeflated(name: entry.name, bytes: newManifest!)
            default: writer.addCopy(of: entry, from: package.archive)
            }
        }
        if existing == nil { writer.addDeflated(name: ODFPackage.signaturesEntry, bytes: signatures) }
        return writer.finish()
    }
}

/// Builds one `Signature` element and appends it to a signatures file.
private struct SignatureWriter {
    let signer: any Signer
    let time: Date
    let references: [(uri: String, canonical: Bool, digest: [UInt8])]
    let id = "ID_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    var propertiesID: String { "idSignedProperties_" + id.dropFirst(3) }

    static let digestValuePlaceholder = "<DigestValue>SIGNED-PROPERTIES</DigestValue>"
    static let signatureValuePlaceholder = "<SignatureValue>SIGNATURE-VALUE</SignatureValue>"

    /// The signatures file with this signature added: a new file, or `existing` with the element inserted before its
    /// root's end tag (so the earlier signatures keep their bytes).
    func appended(to existing: [UInt8]?) async throws -> [UInt8] {
        let element = Array(try signatureElement().utf8)
        var document: [UInt8]
        if let existing {
            let end = try Self.rootEndTag(existing)
            document = Array(existing[..<end]) + element + Array("\n".utf8) + Array(existing[end...])
        } else {
            document = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document-signatures xmlns=\"\(XMLDSig.documentSignaturesNamespace)\">\n".utf8)
                + element + Array("\n</document-signatures>\n".utf8)
        }
        // The SignedProperties digest goes into SignedInfo, then the canonical SignedInfo is what is signed; both
        // are canonicalised in place, with the namespaces they inherit in the finished file.
        let properties = try Self.canonicalElement(withID: propertiesID, in: document)
        document = Self.replacing(Self.digestValuePlaceholder, with: "<DigestValue>\(XMLDSig.base64(SHA256.hash(data: properties)))</DigestValue>", in: document)
        let signedInfo = try Self.canonicalSignedInfo(ofSignatureWithID: id, in: document)
        let value = try XMLDSig.signatureValue(try await signer.signature(forDigest: SHA256.hash(data: signedInfo)), algorithm: signer.algorithm)
        return Self.replacing(Self.signatureValuePlaceholder, with: "<SignatureValue>\(XMLDSig.base64(value))</SignatureValue>", in: document)
    }

    private func signatureElement() throws -> String {
        let certificate = signer.certificate
        let certificateDER = try DERWriter.serialize(certificate)
        var xml = "<Signature xmlns=\"\(XMLDSig.namespace)\" Id=\"\(id)\">\n<SignedInfo>\n"
        xml += "<CanonicalizationMethod Algorithm=\"\(XMLDSig.c14n)\"/>\n"
        xml += "<SignatureMethod Algorithm=\"\(XMLDSig.signatureMethod(signer.algorithm))\"/>\n"
        for reference in references {
            xml += "<Reference URI=\"\(XMLDSig.escape(reference.uri))\">"
            if reference.canonical { xml += "<Transforms><Transform Algorithm=\"\(XMLDSig.c14n)\"/></Transforms>" }
            xml += "<DigestMethod Algorithm=\"\(XMLDSig.sha256)\"/><DigestValue>\(XMLDSig.base64(reference.digest))</DigestValue></Reference>\n"
        }
        xml += "<Reference Type=\"\(XMLDSig.signedPropertiesType)\" URI=\"#\(propertiesID)\">"
        xml += "<Transforms><Transform Algorithm=\"\(XMLDSig.c14n)\"/></Transforms><DigestMethod Algorithm=\"\(XMLDSig.sha256)\"/>"
        xml += Self.digestValuePlaceholder + "</Reference>\n</SignedInfo>\n"
        xml += Self.signatureValuePlaceholder + "\n<KeyInfo>\n<X509Data>\n<X509IssuerSerial><X509IssuerName>\(XMLDSig.escape(certificate.issuer.description))</X509IssuerName>"
        xml += "<X509SerialNumber>\(XMLDSig.decimal(certificate.serialNumber.bytes[...]))</X509SerialNumber></X509IssuerSerial>\n"
        xml += "<X509Certificate>\(XMLDSig.base64(certificateDER))</X509Certificate>\n"
        for issuer in signer.chain { xml += "<X509Certificate>\(XMLDSig.base64(try DERWriter.serialize(issuer)))</X509Certificate>\n" }
        xml += "</X509Data>\n</KeyInfo>\n"
        xml += "<Object><xd:QualifyingProperties xmlns:xd=\"\(XMLDSig.xadesNamespace)\" Target=\"#\(id)\">"
        xml += "<xd:SignedProperties Id=\"\(propertiesID)\"><xd:SignedSignatureProperties>"
        xml += "<xd:SigningTime>\(ODFSignatureVerifier.vietnamTime(time))</xd:SigningTime>"
        xml += "<xd:SigningCertificateV2><xd:Cert><xd:CertDigest><DigestMethod Algorithm=\"\(XMLDSig.sha256)\"/>"
        xml += "<DigestValue>\(XMLDSig.base64(SHA256.hash(data: certificateDER)))</DigestValue></xd:CertDigest>"
        xml += "<xd:IssuerSerialV2>\(XMLDSig.base64(try XMLDSig.issuerSerial(of: certificate)))</xd:IssuerSerialV2></xd:Cert>"
        xml += "</xd:SigningCertificateV2></xd:SignedSignatureProperties></xd:SignedProperties></xd:QualifyingProperties></Object>\n</Signature>"
        return xml
    }

    /// Where the root element's end tag starts; only whitespace may follow it.
    private static func rootEndTag(_ bytes: [UInt8]) throws(ODFSignatureError) -> Int {
        let xml = try PackageXML(bytes: bytes, name: ODFPackage.signaturesEntry)
        guard let root = xml.root, XMLNames.matches(root, "document-signatures", XMLDSig.documentSignaturesNamespace) else {
            throw .malformedXML(entry: ODFPackage.signaturesEntry, detail: "phần tử gốc không phải document-signatures")
        }
        let lastTag = (0..<(bytes.count - 1)).last { bytes[$0] == UInt8(ascii: "<") && bytes[$0 + 1] == UInt8(ascii: "/") }
        guard let lastTag, let close = bytes[lastTag...].firstIndex(of: UInt8(ascii: ">")),
              bytes[(close + 1)...].allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
            throw .malformedXML(entry: ODFPackage.signaturesEntry, detail: "không tìm thấy thẻ đóng của phần tử gốc ở cuối tệp")
        }
        return lastTag
    }

    private static func canonicalElement(withID id: String, in document: [UInt8]) throws(ODFSignatureError) -> [UInt8] {
        let xml = try PackageXML(bytes: document, name: ODFPackage.signaturesEntry)
        guard let root = xml.root, let element = XMLNames.elements(withID: id, under: root).first else { throw .canonicalization }
        return try xml.canonical(subtree: element)
    }

    private static func canonicalSignedInfo(ofSignatureWithID id: String, in document: [UInt8]) throws(ODFSignatureError) -> [UInt8] {
        let xml = try PackageXML(bytes: document, name: ODFPackage.signaturesEntry)
        guard let root = xml.root, let signature = XMLNames.elements(withID: id, under: root).first,
              let signedInfo = XMLNames.child(of: signature, "SignedInfo", XMLDSig.namespace) else { throw .canonicalization }
        return try xml.canonical(subtree: signedInfo)
    }

    private static func replacing(_ placeholder: String, with value: String, in document: [UInt8]) -> [UInt8] {
        let needle = Array(placeholder.utf8)
        guard let start = (0...(document.count - needle.count)).last(where: { document[$0..<($0 + needle.count)].elementsEqual(needle) }) else {
            return document
        }
        return Array(document[..<start]) + Array(value.utf8) + Array(document[(start + needle.count)...])
    }
}
