#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A system call on an archive file failed: what was being done, to which file, and the `errno` it returned.
public struct FileIOError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was being done, in Vietnamese: “ghi”, “đọc”, “mở”.
    public let operation: String
    public let path: String
    public let code: Int32

    public init(operation: String, path: String, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    /// A sentence a clerk can act on: a full disk or a missing permission is named, anything else carries the code.
    public var description: String {
        let reason = switch code {
        case ENOSPC, EDQUOT: "ổ đĩa đã đầy; hãy giải phóng dung lượng rồi làm lại"
        case EACCES, EPERM: "không có quyền truy cập"
        case ENOENT: "không tìm thấy tệp hoặc thư mục"
        case EISDIR: "đây là một thư mục, không phải tệp"
        case EROFS: "ổ đĩa chỉ cho phép đọc"
        default: "lỗi hệ thống \(code) (\(String(cString: strerror(code))))"
        }
        return "Không \(operation) được tệp “\(path)”: \(reason)."
    }
}
