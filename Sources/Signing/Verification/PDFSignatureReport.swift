import Foundation

/// What `PDFSignatureVerifier` found in a PDF: each signature with its checks, and the checks of the whole file.
public struct PDFSignatureReport: Sendable {
    /// The file's size in bytes.
    public let fileSize: Int
    /// The file's SHA-256, lowercase hex.
    public let fileSHA256: String
    /// The signatures in the order they were added (by the end of the bytes they cover).
    public let signatures: [Signature]
    /// Problems of the whole file, in Vietnamese.
    public let problems: [String]

    /// Valid when there is a signature, every signature is valid and the file has no problem.
    public var isValid: Bool { !signatures.isEmpty && problems.isEmpty && signatures.allSatisfy(\.isValid) }

    /// One signature field and what was checked about it.
    public struct Signature: Sendable {
        /// The field's name (/T).
        public let fieldName: String
        /// The signer's certificate: common name and organisation.
        public let signerName: String?
        public let signerOrganization: String?
        /// The signing time from /M, as ISO 8601 with +07:00.
        public let signingTime: String?
        /// /ByteRange as written.
        public let byteRange: [Int]
        /// Whether the CMS is valid: digest of the covered bytes, signature value, signing-certificate-v2.
        public let cmsValid: Bool
        /// The trusted chain, signer first, when it reaches a trust anchor.
        public let trustedChain: [String]?
        /// Whether this signature covers the whole file.
        public let coversWholeFile: Bool
        /// Everything wrong with it, in Vietnamese.
        public let problems: [String]

        public var isValid: Bool { problems.isEmpty }
    }

    /// The report in the shared form `vanban verify` prints.
    public func verificationReport(file: String) -> VerificationReport {
        let items = signatures.enumerated().map { index, signature in
            var facts: [String] = []
            let name = [signature.signerName, signature.signerOrganization].compactMap { $0 }.joined(separator: " — ")
            facts.append("Người ký: \(name.isEmpty ? "(không rõ)" : name)")
            if let time = signature.signingTime { facts.append("Thời gian ký: \(time)") }
            if signature.byteRange.count == 4 {
                let r = signature.byteRange
                facts.append("Phạm vi ký: byte 0–\(r[1]) và \(r[2])–\(r[2] + r[3])"
                             + (signature.coversWholeFile ? " (toàn bộ tệp trừ chính chữ ký)" : " (các byte sau đó được chữ ký sau phủ)"))
            }
            facts.append("Chữ ký CMS: \(signature.cmsValid ? "đúng" : "sai")")
            if let chain = signature.trustedChain { facts.append("Chuỗi chứng thư tin cậy: \(chain.joined(separator: " ← "))") }
            return VerificationReport.Item(title: "Chữ ký \(index + 1) (\(signature.fieldName))", facts: facts, problems: signature.problems)
        }
        return VerificationReport(file: file, facts: ["\(fileSize) byte, SHA-256 \(fileSHA256)"], items: items, problems: problems)
    }
}
