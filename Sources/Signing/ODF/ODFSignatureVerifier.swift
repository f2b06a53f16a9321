import CLibXML2
import Crypto
import Foundation
import OfficeZip
import X509

/// Checks every signature of an OpenDocument file: each Reference digest, that the References of every signature
/// cover every stream of the package (xmlsec1 does not check this), the signature value over the canonical
/// SignedInfo, the XAdES signing certificate, the chain to the given trust anchors, that nothing unsigned was slipped
/// into the signatures file, and optionally the SHA-256 recorded at signing.
public enum ODFSignatureVerifier {
    /// Tighter than OfficeZip's defaults: every XML stream is parsed, so its size bounds the memory a check takes.
    static let limits = ZipLimits(maxArchiveBytes: 100 << 20, maxEntries: 5_000, maxEntryUncompressedBytes: 64 << 20,
                                  maxTotalUncompressedBytes: 256 << 20)
    /// The largest signatures file accepted (a few KB per signature).
    static let maximumSignaturesBytes = 4 << 20

    /// The report for `odt`; throws only when the file cannot be read as an OpenDocument package at all.
    /// Certificates are checked for expiry at the current time.
    public static func verify(odt: [UInt8], trustAnchors: [Certificate], expectedSHA256: [UInt8]? = nil) async throws(ODFSignatureError) -> ODFSignatureReport {
        let package = try ODFPackage(bytes: odt, limits: limits)
        let fileHash = Array(SHA256.hash(data: odt))
        var problems: [String] = []
        func report(_ signatures: [ODFSignatureReport.Signature] = []) -> ODFSignatureReport {
            ODFSignatureReport(fileSize: odt.count, fileSHA256: PDFSignatureVerifier.hex(fileHash), signatures: signatures, problems: problems)
        }
        if let expectedSHA256, expectedSHA256 != fileHash {
            problems.append("SHA-256 của tệp (\(PDFSignatureVerifier.hex(fileHash))) khác SHA-256 ghi lúc ký (\(PDFSignatureVerifier.hex(expectedSHA256))): đây không phải bản đã ký.")
        }
        guard let entry = package.archive.entry(named: ODFPackage.signaturesEntry) else {
            problems.append("Tệp không có chữ ký số nào.")
            return report()
        }
        guard entry.uncompressedSize <= maximumSignaturesBytes else {
            problems.append("Tệp chữ ký “\(ODFPackage.signaturesEntry)” quá lớn (\(entry.uncompressedSize) byte).")
            return report()
        }
        let xml: PackageXML
        do {
            xml = try PackageXML(bytes: try package.contents(of: entry), name: ODFPackage.signaturesEntry)
        } catch {
            problems.append("Không đọc được tệp chữ ký: \(error)")
            return report()
        }
        guard let root = xml.root, XMLNames.matches(root, "document-signatures", XMLDSig.documentSignaturesNamespace) else {
            problems.append("Phần tử gốc của “\(ODFPackage.signaturesEntry)” không phải document-signatures của ODF.")
            return report()
        }
        problems += SignaturesFileShape.problems(of: xml, root: root)
        let elements = XMLNames.children(of: root)
        let digests = DigestCache(package: package)
        var signatures: [ODFSignatureReport.Signature] = []
        let strangers = elements.filter { !XMLNames.matches($0, "Signature", XMLDSig.namespace) }
        if !strangers.isEmpty {
            problems.append("Tệp chữ ký có \(strangers.count) phần tử không phải chữ ký XML-DSig (bị sửa hoặc bị chèn thêm).")
        }
        for element in elements where XMLNames.matches(element, "Signature", XMLDSig.namespace) {
            signatures.append(await SignatureCheck(element: element, root: root, xml: xml, package: package, digests: digests)
                .run(trustAnchors: trustAnchors))
        }
        if signatures.isEmpty { problems.append("Tệp không có chữ ký số nào.") }
        return report(signatures)
    }

    /// `date` as ISO 8601 in Vietnam time (`2025-08-14T16:31:45+07:00`).
    static func vietnamTime(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        return formatter.string(from: date)
    }
}

/// Digests of package streams, computed once for all signatures of a file.
final class DigestCache {
    let package: ODFPackage
    private var results: [String: Result<[UInt8], ODFSignatureError>] = [:]

    init(package: ODFPackage) { self.package = package }

    func digest(of entry: ZipEntry, canonical: Bool) -> Result<[UInt8], ODFSignatureError> {
        let key = (canonical ? "c14n:" : "raw:") + entry.name
        if let known = results[key] { return known }
        let result = Result { () throws(ODFSignatureError) -> [UInt8] in
            try ODFPackage.digest(of: try package.contents(of: entry), name: entry.name, canonical: canonical)
        }
        results[key] = result
        return result
    }
}

/// The parts of the signatures file that no signature covers must hold nothing but the signatures: no text between
/// elements, no comments or processing instructions, an XML 1.0 UTF-8 declaration, and each `Id` only once.
enum SignaturesFileShape {
    static func problems(of xml: PackageXML, root: xmlNodePtr) -> [String] {
        var problems: [String] = []
        let version = xml.doc.pointee.version.map { String(cString: $0) }
        let encoding = xml.doc.pointee.encoding.map { String(cString: $0) }
        if version != "1.0" || (encoding != nil && encoding != "UTF-8") {
            problems.append("Khai báo XML của tệp chữ ký không phải version=\"1.0\" encoding=\"UTF-8\".")
        }
        var strayText = 0
        var otherNodes = 0
        var ids: [String: Int] = [:]
        func walk(_ node: xmlNodePtr) {
            if let id = XMLNames.attribute(node, "Id") { ids[id, default: 0] += 1 }
            let hasElementChildren = !XMLNames.children(of: node).isEmpty
            var child = node.pointee.children
            while let current = child {
                switch current.pointee.type {
                case XML_ELEMENT_NODE: walk(current)
                case XML_TEXT_NODE:
                    if hasElementChildren, !XMLNames.text(of: current).allSatisfy(\.isWhitespace) { strayText += 1 }
                default: otherNodes += 1
                }
                child = current.pointee.next
            }
        }
        walk(root)
        if strayText > 0 { problems.append("Tệp chữ ký có \(strayText) đoạn chữ nằm ngoài các phần tử chữ ký (bị sửa hoặc bị chèn thêm).") }
        if otherNodes > 0 { problems.append("Tệp chữ ký có \(otherNodes) ghi chú hoặc chỉ thị xử lý không thuộc chữ ký nào.") }
        let repeated = ids.filter { $0.value > 1 }.keys.sorted()
        if !repeated.isEmpty { problems.append("Tệp chữ ký dùng lặp lại Id: \(repeated.joined(separator: ", ")).") }
        return problems
    }
}
