/// Why a package could not be read, with enough context to tell the uploader what to fix.
public enum ZipError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No ZIP structure was found: the file is not an ODT/DOCX/XLSX package at all.
    case notAZip
    /// The package ends before its structure does, typically an interrupted upload.
    case truncated
    /// The whole file is larger than the archive limit; carries its size in bytes.
    case tooLarge(Int)
    /// The package declares more entries than allowed; carries the declared count.
    case tooManyEntries(Int)
    /// One entry declares more uncompressed bytes than allowed.
    case entryTooLarge(name: String, bytes: Int)
    /// The declared uncompressed sizes add up to more than allowed; carries the running total.
    case totalTooLarge(Int)
    /// A large entry compresses far better than real documents do, the mark of a zip bomb.
    case suspiciousRatio(name: String, ratio: Int)
    /// The entry name could escape the package when extracted (zip slip) or is otherwise malformed.
    case unsafeName(String)
    /// Two entries share a name, so different readers could see different documents.
    case duplicateName(String)
    /// An entry name is not valid UTF-8.
    case invalidName
    /// The entry is password-protected.
    case encrypted(String)
    /// The entry uses a compression method other than stored (0) or deflated (8).
    case unsupportedMethod(name: String, method: UInt16)
    /// The package uses Zip64 structures, which office documents never need.
    case zip64Unsupported
    /// The entry's data does not match its recorded CRC-32.
    case crcMismatch(String)
    /// The entry's data is not the size its header declares.
    case sizeMismatch(String)
    /// zlib could not decompress the entry's data.
    case corruptData(String)
    /// The package has no entry with this name.
    case entryNotFound(String)

    /// A Vietnamese sentence a non-technical clerk can act on, naming the entry where relevant.
    public var description: String {
        switch self {
        case .notAZip:
            return "Tệp không phải là tài liệu hợp lệ: không đọc được cấu trúc ZIP."
        case .truncated:
            return "Tệp bị hỏng hoặc chưa được tải lên hết: gói tài liệu bị cắt cụt. Hãy tải tệp lên lại."
        case .tooLarge(let bytes):
            return "Tệp bị từ chối: tệp quá lớn (\(Self.size(bytes))). Hãy giảm dung lượng tài liệu, ví dụ nén bớt hình ảnh, rồi tải lên lại."
        case .tooManyEntries(let count):
            return "Tệp bị từ chối: gói tài liệu chứa quá nhiều mục (\(count) mục)."
        case .entryTooLarge(let name, let bytes):
            return "Tệp bị từ chối: mục “\(name)” quá lớn khi giải nén (\(Self.size(bytes)))."
        case .totalTooLarge(let bytes):
            return "Tệp bị từ chối: tổng dung lượng sau khi giải nén quá lớn (\(Self.size(bytes)))."
        case .suspiciousRatio(let name, let ratio):
            return "Tệp bị từ chối: mục “\(name)” có tỉ lệ nén bất thường (gấp \(ratio) lần), có thể là tệp độc hại."
        case .unsafeName(let name):
            return "Tệp bị từ chối: mục “\(name)” trỏ ra ngoài gói tài liệu."
        case .duplicateName(let name):
            return "Tệp bị từ chối: mục “\(name)” xuất hiện nhiều lần trong gói tài liệu."
        case .invalidName:
            return "Tệp bị từ chối: gói tài liệu có tên mục không đọc được (không phải mã UTF-8)."
        case .encrypted(let name):
            return "Tệp đang được đặt mật khẩu (mục “\(name)”). Hãy gỡ mật khẩu của tài liệu rồi tải lên lại."
        case .unsupportedMethod(let name, let method):
            return "Tệp không dùng được: mục “\(name)” được nén theo kiểu chưa hỗ trợ (mã \(method)). Hãy mở tài liệu bằng Word hoặc LibreOffice, lưu lại rồi tải lên lại."
        case .zip64Unsupported:
            return "Tệp không dùng được: gói tài liệu dùng định dạng ZIP64 chưa được hỗ trợ. Hãy mở tài liệu bằng Word hoặc LibreOffice, lưu lại rồi tải lên lại."
        case .crcMismatch(let name):
            return "Tệp bị hỏng: dữ liệu của mục “\(name)” không khớp mã kiểm tra CRC. Hãy tải tệp lên lại."
        case .sizeMismatch(let name):
            return "Tệp bị từ chối: kích thước thực của mục “\(name)” khác với kích thước khai báo."
        case .corruptData(let name):
            return "Tệp bị hỏng: không giải nén được mục “\(name)”. Hãy tải tệp lên lại."
        case .entryNotFound(let name):
            return "Tài liệu thiếu mục “\(name)”, có thể không phải là tệp ODT/DOCX/XLSX hợp lệ."
        }
    }

    /// Formats a byte count the way Vietnamese readers expect (decimal comma, binary units).
    private static func size(_ bytes: Int) -> String {
        let kibibyte = 1 << 10
        let mebibyte = 1 << 20
        if bytes < kibibyte { return "\(bytes) byte" }
        if bytes < mebibyte { return "\((bytes + kibibyte / 2) / kibibyte) KB" }
        let tenths = (bytes * 10 + mebibyte / 2) / mebibyte
        return tenths % 10 == 0 ? "\(tenths / 10) MB" : "\(tenths / 10),\(tenths % 10) MB"
    }
}
