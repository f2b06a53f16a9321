/// What `ODFSignatureVerifier` found in an OpenDocument file: each signature with its checks, and the checks of the
/// whole file.
public struct ODFSignatureReport: Sendable {
    /// The file's size in bytes.
    public let fileSize: Int
    /// The file's SHA-256, lowercase hex.
    public let fileSHA256: String
    /// The signatures in the order of the signatures file.
    public let signatures: [Signature]
    /// Problems of the whole file, in Vietnamese.
    public let problems: [String]

    /// Valid when there is a signature, every signature is valid and the file has no problem.
    public var isValid: Bool { !signatures.isEmpty && problems.isEmpty && signatures.allSatisfy(\.isValid) }

    /// One `Signature` element and what was checked about it.
    public struct Signature: Sendable {
        /// Its `Id` attribute.
        public let id: String?
        /// The signer's certificate: common name and organisation.
        public let signerName: String?
        public let signerOrganization: String?
        /// XAdES SigningTime as written (ISO 8601).
        public let signingTime: String?
        /// How many package entries its References cover.
        public let coveredEntries: Int
        /// Whether SignatureValue verifies over the canonical SignedInfo with the signer's key.
        public let signatureValueValid: Bool
        /// The trusted chain, signer first, when it reaches a trust anchor.
        public let trustedChain: [String]?
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
            facts.append("Phạm vi ký: \(signature.coveredEntries) mục của gói ODF")
            facts.append("Chữ ký XML-DSig: \(signature.signatureValueValid ? "đúng" : "sai")")
            if let chain = signature.trustedChain { facts.append("Chuỗi chứng thư tin cậy: \(chain.joined(separator: " ← "))") }
            return VerificationReport.Item(title: "Chữ ký \(index + 1)" + (signature.id.map { " (\($0))" } ?? ""), facts: facts, problems: signature.problems)
        }
        return VerificationReport(file: file, facts: ["\(fileSize) byte, SHA-256 \(fileSHA256)"], items: items, problems: problems)
    }
}
