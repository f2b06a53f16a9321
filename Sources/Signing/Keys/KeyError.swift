/// Why a key, certificate or PKCS#12 file could not be used; the text names the problem in Vietnamese.
public enum KeyError: Error, CustomStringConvertible, Equatable {
    case unreadableFile(path: String, reason: String)
    case unreadablePEM(String)
    case encryptedPEM
    case unsupportedKey(String)
    case noCertificate
    case unreadableCertificate(String)
    case keyDoesNotMatchCertificate
    case wrongPassword
    case unsupportedPKCS12Algorithm(String)
    case malformedPKCS12(String)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason): "Không đọc được tệp khóa “\(path)”: \(reason)."
        case .unreadablePEM(let reason): "Khóa bí mật không đọc được: \(reason)."
        case .encryptedPEM:
            "Khóa bí mật PEM đang được mã hóa bằng mật khẩu; hãy dùng tệp PKCS#12 (.p12) hoặc khóa PEM không mã hóa."
        case .unsupportedKey(let what): "Không hỗ trợ \(what); hãy dùng khóa RSA từ 2048 bit hoặc ECDSA P-256."
        case .noCertificate: "Không tìm thấy chứng thư số nào đi kèm khóa."
        case .unreadableCertificate(let reason): "Chứng thư số không đọc được: \(reason)."
        case .keyDoesNotMatchCertificate: "Khóa bí mật không khớp với chứng thư số (khóa công khai trong chứng thư khác)."
        case .wrongPassword: "Sai mật khẩu của tệp PKCS#12 (mã kiểm tra MAC không khớp)."
        case .unsupportedPKCS12Algorithm(let name):
            "Tệp PKCS#12 dùng thuật toán \(name), VanBan không hỗ trợ; hãy xuất lại bằng OpenSSL 3 (openssl pkcs12 -export, "
                + "mặc định PBES2/PBKDF2-HMAC-SHA256/AES-256-CBC với MAC SHA-256)."
        case .malformedPKCS12(let reason): "Tệp PKCS#12 hỏng: \(reason)."
        }
    }
}
