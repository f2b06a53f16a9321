import CLibXML2
import Crypto
import Foundation
import X509

/// The checks of one `Signature` element of an ODF signatures file.
struct SignatureCheck {
    let element: xmlNodePtr
    let root: xmlNodePtr
    let xml: PackageXML
    let package: ODFPackage
    let digests: DigestCache

    private var problems: [String] = []

    init(element: xmlNodePtr, root: xmlNodePtr, xml: PackageXML, package: ODFPackage, digests: DigestCache) {
        self.element = element
        self.root = root
        self.xml = xml
        self.package = package
        self.digests = digests
    }

    private static let signatureChildren = ["SignedInfo", "SignatureValue", "KeyInfo", "Object"]

    consuming func run(trustAnchors: [Certificate]) async -> ODFSignatureReport.Signature {
        let id = XMLNames.attribute(element, "Id")
        let children = XMLNames.children(of: element)
        let names = children.map { XMLNames.matches($0, XMLNames.localName($0), XMLDSig.namespace) ? XMLNames.localName($0) : "?" }
        if names.contains(where: { !Self.signatureChildren.contains($0) }) || names.filter({ $0 == "SignedInfo" }).count != 1
            || names.filter({ $0 == "SignatureValue" }).count != 1 || names.filter({ $0 == "KeyInfo" }).count > 1 {
            problems.append("Phần tử Signature không có đúng cấu trúc SignedInfo, SignatureValue, KeyInfo, Object của XML-DSig.")
        }
        let certificates = readCertificates()
        let properties = qualifyingProperties(signatureID: id)
        var signer = certificates.first
        if let digest = properties.certificateDigest {
            signer = certificates.first { Array(SHA256.hash(data: (try? DERWriter.serialize($0)) ?? [])) == digest }
            if signer == nil { problems.append("Chứng thư số ghi trong SigningCertificateV2 không có trong KeyInfo.") }
        }
        if let signer, let issuerSerial = properties.issuerSerial, issuerSerial != (try? XMLDSig.issuerSerial(of: signer)) {
            problems.append("IssuerSerialV2 trong SigningCertificateV2 không khớp chứng thư số của người ký.")
        }
        if let signer, let issuerSerial = keyInfoIssuerSerial(),
           issuerSerial.name != signer.issuer.description || issuerSerial.serial != XMLDSig.decimal(signer.serialNumber.bytes[...]) {
            problems.append("X509IssuerSerial trong KeyInfo không khớp chứng thư số của người ký.")
        }
        if certificates.isEmpty { problems.append("Chữ ký không kèm chứng thư số của người ký (KeyInfo/X509Certificate).") }

        var covered = 0
        var valueValid = false
        if let signedInfo = XMLNames.child(of: element, "SignedInfo", XMLDSig.namespace) {
            let method = checkSignedInfo(signedInfo)
            covered = checkReferences(signedInfo, signedPropertiesID: properties.id)
            if let valueElement = XMLNames.child(of: element, "SignatureValue", XMLDSig.namespace),
               let value = XMLDSig.bytes(base64: XMLNames.text(of: valueElement)), let signer, let method,
               let canonical = try? xml.canonical(subtree: signedInfo) {
                valueValid = XMLDSig.isValid(value, method: method, over: canonical, certificate: signer)
            }
            if !valueValid {
                problems.append("Giá trị chữ ký (SignatureValue) không đúng với SignedInfo và khóa công khai trong chứng thư số: phần được ký đã bị thay đổi.")
            }
        }
        var chain: [String]?
        if let signer {
            let checked = await SignerCertificateCheck.check(signer, carried: certificates, trustAnchors: trustAnchors)
            chain = checked.chain
            problems += checked.problems
        }
        return ODFSignatureReport.Signature(
            id: id, signerName: signer?.commonName, signerOrganization: signer?.organizationName, signingTime: properties.signingTime,
            coveredEntries: covered, signatureValueValid: valueValid, trustedChain: chain, problems: problems)
    }

    /// The SignatureMethod algorithm when SignedInfo uses what VanBan checks (C14N 1.0, RSA or ECDSA with SHA-256).
    private mutating func checkSignedInfo(_ signedInfo: xmlNodePtr) -> String? {
        let c14n = XMLNames.child(of: signedInfo, "CanonicalizationMethod", XMLDSig.namespace).flatMap { XMLNames.attribute($0, "Algorithm") }
        if c14n != XMLDSig.c14n {
            problems.append("SignedInfo dùng cách chuẩn hóa “\(c14n ?? "(không có)")”, VanBan chỉ kiểm tra C14N 1.0.")
        }
        let method = XMLNames.child(of: signedInfo, "SignatureMethod", XMLDSig.namespace).flatMap { XMLNames.attribute($0, "Algorithm") }
        guard let method, method == XMLDSig.rsaSHA256 || method == XMLDSig.ecdsaSHA256 else {
            problems.append("Chữ ký dùng thuật toán “\(method ?? "(không có)")”, VanBan chỉ kiểm tra RSA-SHA256 và ECDSA-SHA256.")
            return nil
        }
        let unexpected = XMLNames.children(of: signedInfo).filter {
            !["CanonicalizationMethod", "SignatureMethod", "Reference"].contains(XMLNames.localName($0)) || $0.pointee.ns == nil
        }
        if !unexpected.isEmpty { problems.append("SignedInfo chứa phần tử lạ: \(unexpected.map(XMLNames.localName).joined(separator: ", ")).") }
        return method
    }

    /// Checks every Reference's digest and that the package streams are exactly the ones referenced; returns how
    /// many streams are covered.
    private mutating func checkReferences(_ signedInfo: xmlNodePtr, signedPropertiesID: String?) -> Int {
        var covered = Set<String>()
        var signedPropertiesReferenced = false
        for reference in XMLNames.children(of: signedInfo) where XMLNames.matches(reference, "Reference", XMLDSig.namespace) {
            guard let uri = XMLNames.attribute(reference, "URI") else {
                problems.append("Có Reference không có thuộc tính URI.")
                continue
            }
            let transforms = XMLNames.child(of: reference, "Transforms", XMLDSig.namespace).map {
                XMLNames.children(of: $0).map { XMLNames.attribute($0, "Algorithm") ?? "" }
            } ?? []
            let digestMethod = XMLNames.child(of: reference, "DigestMethod", XMLDSig.namespace).flatMap { XMLNames.attribute($0, "Algorithm") }
            let expected = XMLNames.child(of: reference, "DigestValue", XMLDSig.namespace).flatMap { XMLDSig.bytes(base64: XMLNames.text(of: $0)) }
            guard transforms.allSatisfy({ $0 == XMLDSig.c14n }), transforms.count <= 1 else {
                problems.append("Reference “\(uri)” dùng phép biến đổi \(transforms.joined(separator: ", ")), VanBan chỉ kiểm tra C14N 1.0.")
                continue
            }
            guard digestMethod == XMLDSig.sha256, let expected, expected.count == SHA256.byteCount else {
                problems.append("Reference “\(uri)” không dùng SHA-256 hoặc thiếu DigestValue.")
                continue
            }
            let actual: Result<[UInt8], ODFSignatureError>
            if uri.hasPrefix("#") {
                let id = String(uri.dropFirst())
                let targets = XMLNames.elements(withID: id, under: root)
                guard targets.count == 1, XMLNames.isAncestor(element, of: targets[0]) else {
                    problems.append("Reference “\(uri)” không chỉ tới đúng một phần tử trong chữ ký này.")
                    continue
                }
                if id == signedPropertiesID { signedPropertiesReferenced = true }
                actual = Result { () throws(ODFSignatureError) -> [UInt8] in Array(SHA256.hash(data: try xml.canonical(subtree: targets[0]))) }
            } else {
                guard let name = ReferenceURI.decode(uri) else {
                    problems.append("Reference “\(uri)” không phải đường dẫn tới một mục của gói.")
                    continue
                }
                guard name != ODFPackage.signaturesEntry, let entry = package.archive.entry(named: name), !entry.isDirectory else {
                    problems.append("Reference tới mục “\(name)” không có trong tệp (mục đã bị xóa hoặc đổi tên sau khi ký).")
                    continue
                }
                guard covered.insert(name).inserted else {
                    problems.append("Mục “\(name)” được tham chiếu nhiều lần.")
                    continue
                }
                actual = digests.digest(of: entry, canonical: !transforms.isEmpty)
            }
            switch actual {
            case .success(let digest) where digest == expected: break
            case .success: problems.append("Mã băm của “\(uri)” không khớp: nội dung đã bị thay đổi sau khi ký.")
            case .failure(let error): problems.append("Không tính được mã băm của “\(uri)”: \(error)")
            }
        }
        let uncovered = package.signedStreams.map(\.name).filter { !covered.contains($0) }
        if !uncovered.isEmpty {
            problems.append("Chữ ký không phủ \(uncovered.count) mục của gói: \(uncovered.joined(separator: ", ")) (mục được thêm hoặc đổi tên sau khi ký).")
        }
        if signedPropertiesID != nil && !signedPropertiesReferenced {
            problems.append("Thuộc tính XAdES (SignedProperties) không được SignedInfo tham chiếu nên không được ký.")
        }
        return covered.count
    }

    /// KeyInfo's X509IssuerSerial, which names the signer's certificate outside what is signed.
    private func keyInfoIssuerSerial() -> (name: String, serial: String)? {
        guard let keyInfo = XMLNames.child(of: element, "KeyInfo", XMLDSig.namespace) else { return nil }
        for data in XMLNames.children(of: keyInfo) where XMLNames.matches(data, "X509Data", XMLDSig.namespace) {
            if let issuerSerial = XMLNames.child(of: data, "X509IssuerSerial", XMLDSig.namespace) {
                let name = XMLNames.child(of: issuerSerial, "X509IssuerName", XMLDSig.namespace).map { XMLNames.text(of: $0) } ?? ""
                let serial = XMLNames.child(of: issuerSerial, "X509SerialNumber", XMLDSig.namespace).map { XMLNames.text(of: $0) } ?? ""
                return (name, serial)
            }
        }
        return nil
    }

    private mutating func readCertificates() -> [Certificate] {
        guard let keyInfo = XMLNames.child(of: element, "KeyInfo", XMLDSig.namespace) else { return [] }
        var certificates: [Certificate] = []
        for data in XMLNames.children(of: keyInfo) where XMLNames.matches(data, "X509Data", XMLDSig.namespace) {
            for node in XMLNames.children(of: data) where XMLNames.matches(node, "X509Certificate", XMLDSig.namespace) {
                guard let der = XMLDSig.bytes(base64: XMLNames.text(of: node)), let certificate = try? Certificate(derEncoded: der) else {
                    problems.append("Không đọc được một chứng thư số trong KeyInfo (bị hỏng).")
                    continue
                }
                certificates.append(certificate)
            }
        }
        return certificates
    }

    /// The XAdES SignedProperties of this signature, if it has them.
    private struct QualifyingProperties {
        var id: String?
        var signingTime: String?
        var certificateDigest: [UInt8]?
        var issuerSerial: [UInt8]?
    }

    private mutating func qualifyingProperties(signatureID: String?) -> QualifyingProperties {
        var result = QualifyingProperties()
        let objects = XMLNames.children(of: element).filter { XMLNames.matches($0, "Object", XMLDSig.namespace) }
        guard let qualifying = objects.lazy.compactMap({ XMLNames.child(of: $0, "QualifyingProperties", XMLDSig.xadesNamespace) }).first,
              let signed = XMLNames.child(of: qualifying, "SignedProperties", XMLDSig.xadesNamespace) else { return result }
        if signatureID == nil || XMLNames.attribute(qualifying, "Target") != "#" + (signatureID ?? "") {
            problems.append("QualifyingProperties không trỏ tới chữ ký này (Target sai).")
        }
        result.id = XMLNames.attribute(signed, "Id")
        if result.id == nil { problems.append("SignedProperties không có Id nên không thể được ký.") }
        guard let properties = XMLNames.child(of: signed, "SignedSignatureProperties", XMLDSig.xadesNamespace) else { return result }
        result.signingTime = XMLNames.child(of: properties, "SigningTime", XMLDSig.xadesNamespace).map { XMLNames.text(of: $0) }
        let signing = XMLNames.child(of: properties, "SigningCertificateV2", XMLDSig.xadesNamespace)
            ?? XMLNames.child(of: properties, "SigningCertificate", XMLDSig.xadesNamespace)
        guard let cert = signing.flatMap({ XMLNames.child(of: $0, "Cert", XMLDSig.xadesNamespace) }),
              let digest = XMLNames.child(of: cert, "CertDigest", XMLDSig.xadesNamespace) else { return result }
        let method = XMLNames.child(of: digest, "DigestMethod", XMLDSig.namespace).flatMap { XMLNames.attribute($0, "Algorithm") }
        let value = XMLNames.child(of: digest, "DigestValue", XMLDSig.namespace).flatMap { XMLDSig.bytes(base64: XMLNames.text(of: $0)) }
        if method == XMLDSig.sha256, let value {
            result.certificateDigest = value
        } else {
            problems.append("Chứng thư số của người ký trong SigningCertificate không được băm bằng SHA-256.")
        }
        result.issuerSerial = XMLNames.child(of: cert, "IssuerSerialV2", XMLDSig.xadesNamespace).flatMap { XMLDSig.bytes(base64: XMLNames.text(of: $0)) }
        return result
    }
}
