/// Why a PDF cannot be read or signed, in Vietnamese, with the byte offset where it helps.
public enum PDFError: Error, Equatable, Sendable, CustomStringConvertible {
    case notPDF
    case tooLarge(Int)
    case malformed(String, offset: Int)
    case missingObject(PDFReference)
    case limitExceeded(String)
    case unsupported(String)
    case contentsTooSmall(needed: Int, reserved: Int)

    public var description: String {
        switch self {
        case .notPDF: "Tệp không phải PDF (không có đầu “%PDF-”)."
        case .tooLarge(let size): "Tệp PDF quá lớn (\(size) byte, tối đa \(PDFLimits.maximumFileSize) byte)."
        case .malformed(let what, let offset): "Tệp PDF hỏng tại byte \(offset): \(what)."
        case .missingObject(let reference): "Tệp PDF thiếu đối tượng \(reference.number) \(reference.generation) R."
        case .limitExceeded(let what): "Tệp PDF vượt giới hạn an toàn: \(what)."
        case .unsupported(let what): "Tệp PDF dùng tính năng VanBan chưa hỗ trợ: \(what)."
        case .contentsTooSmall(let needed, let reserved):
            "Chữ ký cần \(needed) byte nhưng chỉ dành chỗ \(reserved) byte trong /Contents."
        }
    }
}

/// Bounds that keep reading a hostile PDF cheap in time and memory.
public enum PDFLimits {
    /// The largest file read: 256 MB.
    public static let maximumFileSize = 256 << 20
    /// Nesting of arrays and dictionaries.
    static let maximumDepth = 64
    /// Incremental updates followed through /Prev.
    static let maximumRevisions = 4096
    /// Object numbers (and xref entries in one section).
    static let maximumObjects = 8_000_000
    /// Decoded stream size (object and xref streams).
    static let maximumDecodedStream = 64 << 20
    /// Integers: larger values are refused rather than overflowing offsets.
    static let maximumInteger = 1 << 40
}
