import X509

/// What both verifiers check about a signer's certificate: that it may sign, that it chains to a trust anchor, and
/// that the certificates carried beside it (unsigned in both CMS and XML-DSig) are exactly that chain.
enum SignerCertificateCheck {
    /// The trusted chain (common names, signer first) when there is one, and the problems in Vietnamese.
    static func check(_ certificate: Certificate, carried: [Certificate], trustAnchors: [Certificate]) async -> (chain: [String]?, problems: [String]) {
        var problems: [String] = []
        if let usage = try? certificate.extensions.keyUsage, !usage.digitalSignature, !usage.nonRepudiation {
            problems.append("Chứng thư số của người ký không cho phép ký (thiếu digitalSignature và nonRepudiation).")
        }
        var verifier = Verifier(rootCertificates: CertificateStore(trustAnchors)) { RFC5280Policy() }
        switch await verifier.validate(leaf: certificate, intermediates: CertificateStore(carried)) {
        case .validCertificate(let validated):
            // A carried copy that is not exactly one of the checked chain is either damage or something slipped in,
            // and either way the file is not as it was signed.
            let checked = Set(validated)
            let stray = carried.filter { !checked.contains($0) }
            if !stray.isEmpty {
                problems.append("Chữ ký kèm \(stray.count) chứng thư số không thuộc chuỗi đã kiểm tra (bị hỏng hoặc bị chèn thêm).")
            }
            return (validated.map { $0.commonName ?? "\($0.subject)" }, problems)
        case .couldNotValidate(let failures):
            let reason = failures.first.map { "\($0.policyFailureReason)" } ?? "không tìm thấy chuỗi nào tới chứng thư gốc được tin cậy"
            problems.append("Chứng thư số của người ký không dẫn tới chứng thư gốc được tin cậy (\(reason)).")
            return (nil, problems)
        }
    }
}
