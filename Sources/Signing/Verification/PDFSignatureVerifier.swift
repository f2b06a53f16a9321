import Crypto
import Foundation
import X509

/// Checks every signature of a PDF: the CMS over its /ByteRange, the chain to the given trust anchors, that each
/// /ByteRange starts at 0 and leaves out exactly its own /Contents string, that only later signatures' updates
/// follow a signature, that the last one covers the whole file, and optionally the SHA-256 recorded at signing.
public enum PDFSignatureVerifier {
    /// The report for `pdf`; throws `PDFError` only when the file cannot be read as a PDF at all.
    /// Certificates are checked for expiry at the current time.
    public static func verify(pdf: [UInt8], trustAnchors: [Certificate], expectedSHA256: [UInt8]? = nil) async throws -> PDFSignatureReport {
        let file = try PDFFile(bytes: pdf)
        let fileHash = Array(SHA256.hash(data: pdf))
        var problems: [String] = []
        if let expectedSHA256, expectedSHA256 != fileHash {
            problems.append("SHA-256 của tệp (\(hex(fileHash))) khác SHA-256 ghi lúc ký (\(hex(expectedSHA256))): đây không phải bản đã ký.")
        }
        var found: [(end: Int, signature: PDFSignatureReport.Signature, offset: Int?)] = []
        for field in try signatureFields(of: file) {
            let checked = await check(field, in: file, trustAnchors: trustAnchors)
            found.append(checked)
        }
        found.sort { $0.end < $1.end }
        if found.isEmpty {
            problems.append("Tệp không có chữ ký số nào.")
        } else {
            let lastEnd = found[found.count - 1].end
            if lastEnd != pdf.count {
                problems.append("Có \(pdf.count - max(lastEnd, 0)) byte ở cuối tệp không được chữ ký nào phủ: tệp đã bị thêm nội dung sau khi ký.")
            }
            // Between two signatures lies exactly one incremental update, and it holds the later signature.
            for (earlier, later) in zip(found, found.dropFirst()) where earlier.end > 0 {
                let sections = file.sections.filter { $0.offset >= earlier.end && $0.offset < later.end }
                let holdsSignature = later.offset.map { $0 >= earlier.end && $0 < later.end } ?? false
                if sections.count != 1 || !holdsSignature {
                    problems.append("Giữa “\(earlier.signature.fieldName)” và “\(later.signature.fieldName)” có \(sections.count) lần cập nhật"
                                    + (holdsSignature ? "" : " không chứa chữ ký sau") + ": chỉ được thêm đúng một chữ ký.")
                }
            }
        }
        return PDFSignatureReport(fileSize: pdf.count, fileSHA256: hex(fileHash), signatures: found.map(\.signature), problems: problems)
    }

    struct SignatureField {
        let name: String
        let value: PDFObject?
    }

    /// The signature fields of the form (/FT /Sig, possibly inherited), walking /Kids with bounds.
    static func signatureFields(of file: PDFFile) throws -> [SignatureField] {
        guard let acroForm = try file.resolve(file.catalog().dictionary["AcroForm"]).dictionary else { return [] }
        var result: [SignatureField] = []
        var seen = Set<PDFReference>()
        func walk(_ object: PDFObject, inheritedType: String?, prefix: String, depth: Int) throws {
            guard depth < PDFLimits.maximumDepth, seen.count < 100_000 else { throw PDFError.limitExceeded("cây trường biểu mẫu quá sâu") }
            if let reference = object.reference, !seen.insert(reference).inserted { return }
            guard let field = try file.resolve(object).dictionary else { return }
            let partial = field["T"]?.string.map(PDFObject.decodeText)
            let name = [prefix, partial ?? ""].filter { !$0.isEmpty }.joined(separator: ".")
            let type = field["FT"]?.name ?? inheritedType
            if let kids = try file.resolve(field["Kids"]).array, kids.contains(where: { (try? file.resolve($0).dictionary?["T"]) != nil }) {
                for kid in kids { try walk(kid, inheritedType: type, prefix: name, depth: depth + 1) }
            } else if type == "Sig" {
                result.append(SignatureField(name: name.isEmpty ? "(không tên)" : name, value: field["V"]))
            }
        }
        for field in try file.resolve(acroForm["Fields"]).array ?? [] { try walk(field, inheritedType: nil, prefix: "", depth: 0) }
        return result
    }

    private static func check(_ field: SignatureField, in file: PDFFile, trustAnchors: [Certificate]) async -> (end: Int, signature: PDFSignatureReport.Signature, offset: Int?) {
        var problems: [String] = []
        func report(_ byteRange: [Int] = [], end: Int = -1, cms: CMSSignature? = nil, cmsValid: Bool = false, chain: [String]? = nil,
                    time: String? = nil, offset: Int? = nil) -> (Int, PDFSignatureReport.Signature, Int?) {
            (end, PDFSignatureReport.Signature(
                fieldName: field.name, signerName: cms?.signerCertificate?.commonName, signerOrganization: cms?.signerCertificate?.organizationName,
                signingTime: time, byteRange: byteRange, cmsValid: cmsValid, trustedChain: chain, coversWholeFile: end == file.bytes.count,
                problems: problems), offset)
        }
        guard let reference = field.value?.reference else {
            problems.append(field.value == nil ? "Trường chữ ký chưa được ký." : "Từ điển chữ ký không phải đối tượng gián tiếp.")
            return report()
        }
        let located: LocatedSignature
        do {
            located = try LocatedSignature(reference, in: file)
        } catch {
            problems.append("Không đọc được từ điển chữ ký: \(error)")
            return report()
        }
        let time = located.dictionary["M"]?.string.flatMap { pdfDateToISO(PDFObject.decodeText($0)) }
        let subFilter = located.dictionary["SubFilter"]?.name
        if subFilter != "ETSI.CAdES.detached" && subFilter != "adbe.pkcs7.detached" {
            problems.append("/SubFilter là “\(subFilter ?? "(không có)")”, không phải ETSI.CAdES.detached.")
        }
        guard let range = located.dictionary["ByteRange"]?.array?.compactMap(\.integer), range.count == 4,
              located.dictionary["ByteRange"]?.array?.count == 4 else {
            problems.append("/ByteRange không phải bốn số nguyên.")
            return report(time: time, offset: located.offset)
        }
        let size = file.bytes.count
        let end = range[2] + range[3]
        guard range[0] == 0, range[1] >= 0, range[2] >= range[1], range[3] >= 0, end <= size else {
            problems.append("/ByteRange \(range) không bắt đầu từ byte 0 hoặc vượt ra ngoài tệp (\(size) byte).")
            return report(range, time: time, offset: located.offset)
        }
        if range[1] != located.contents.lowerBound || range[2] != located.contents.upperBound {
            problems.append("/ByteRange chừa ra byte \(range[1])–\(range[2]), không đúng chuỗi /Contents của chữ ký "
                            + "(byte \(located.contents.lowerBound)–\(located.contents.upperBound)).")
        }
        var digest = SHA256()
        digest.update(data: file.bytes[0..<range[1]])
        digest.update(data: file.bytes[range[2]..<end])
        let cms: CMSSignature
        do {
            cms = try CMSSignature(der: try located.contentsBytes(in: file.bytes))
        } catch {
            problems.append("\(error)")
            return report(range, end: end, time: time, offset: located.offset)
        }
        let cmsProblems = cms.problems(contentDigest: digest.finalize())
        problems += cmsProblems.map { "Chữ ký CMS: \($0)." }
        var chain: [String]?
        if let certificate = cms.signerCertificate {
            let checked = await SignerCertificateCheck.check(certificate, carried: cms.certificates, trustAnchors: trustAnchors)
            chain = checked.chain
            problems += checked.problems
        }
        return report(range, end: end, cms: cms, cmsValid: cmsProblems.isEmpty, chain: chain, time: time, offset: located.offset)
    }

    /// `D:20250814163145+07'00'` as `2025-08-14T16:31:45+07:00`.
    static func pdfDateToISO(_ text: String) -> String? {
        let digits = Array(text.hasPrefix("D:") ? text.dropFirst(2) : Substring(text))
        guard digits.count >= 14, digits.prefix(14).allSatisfy(\.isNumber) else { return nil }
        let s = String(digits.prefix(14))
        func part(_ from: Int, _ length: Int) -> Substring { s.dropFirst(from).prefix(length) }
        var zone = "Z"
        let rest = String(digits.dropFirst(14))
        if let sign = rest.first, sign == "+" || sign == "-" {
            let numbers = rest.dropFirst().filter(\.isNumber)
            if numbers.count >= 4 { zone = "\(sign)\(numbers.prefix(2)):\(numbers.dropFirst(2).prefix(2))" }
        }
        return "\(part(0, 4))-\(part(4, 2))-\(part(6, 2))T\(part(8, 2)):\(part(10, 2)):\(part(12, 2))\(zone)"
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}
