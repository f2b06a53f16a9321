import Templating

/// Why a document did not become a PDF or page images: `description` is the Vietnamese sentence for the user,
/// `logDetail` the English detail for the server's log.
public enum ConversionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A program the conversion needs is not installed (`tool` is the command or module, `package` the Debian package).
    case notInstalled(tool: String, package: String)
    /// Every worker is busy and `limit` requests already wait.
    case queueFull(limit: Int)
    /// LibreOffice did not finish within the time limit; its worker was killed and is being restarted.
    case timedOut(seconds: Int, detail: String)
    /// LibreOffice died during the conversion (twice, when the request was retried); its worker is being restarted.
    case workerCrashed(detail: String)
    /// LibreOffice could not open or export this document (corrupt, or not of the format it claims).
    case unreadableDocument(format: DocumentFormat, detail: String)
    /// A LibreOffice worker could not be started.
    case workerStartFailed(detail: String)
    /// poppler could not read the PDF, or a page asked for is not in it.
    case unreadablePDF(detail: String)
    /// A page range outside the document.
    case pageOutOfRange(first: Int, last: Int, pageCount: Int)
    /// A resolution outside what a preview may ask for.
    case resolutionOutOfRange(Int, allowed: ClosedRange<Int>)
    /// The request's files could not be written to the temporary folder.
    case scratchSpace(detail: String)
    /// The pool was shut down before or during the request.
    case shutDown

    public var description: String {
        switch self {
        case .notInstalled(let tool, let package):
            tool == "soffice"
                ? "Cần LibreOffice để tạo PDF nhưng máy này chưa cài (không thấy lệnh soffice, gói \(package))."
                : "Cần \(tool) (gói \(package)) để xử lý PDF nhưng máy này chưa cài."
        case .queueFull(let limit):
            "Máy chủ đang bận chuyển sang PDF (đã có \(limit) văn bản chờ); vui lòng thử lại sau ít phút."
        case .timedOut(let seconds, _):
            "Không chuyển được văn bản sang PDF: LibreOffice chưa xong sau \(seconds) giây nên đã bị dừng. Văn bản có thể quá lớn hoặc bị hỏng."
        case .workerCrashed:
            "Không chuyển được văn bản sang PDF: LibreOffice dừng đột ngột (đã được khởi động lại). Vui lòng thử lại."
        case .unreadableDocument(let format, _):
            "Không chuyển được văn bản sang PDF: LibreOffice không mở được tệp \(format.rawValue.uppercased()) này (tệp hỏng hoặc không đúng định dạng)."
        case .workerStartFailed:
            "Không khởi động được LibreOffice để tạo PDF; người quản trị xem nhật ký của máy chủ."
        case .unreadablePDF:
            "Không đọc được tệp PDF để tạo ảnh trang (tệp hỏng hoặc không phải PDF)."
        case .pageOutOfRange(let first, let last, let pageCount):
            "Không có trang \(first == last ? "\(first)" : "\(first)–\(last)"): văn bản có \(pageCount) trang."
        case .resolutionOutOfRange(let resolution, let allowed):
            "Độ phân giải \(resolution) dpi không dùng được: chọn từ \(allowed.lowerBound) đến \(allowed.upperBound) dpi."
        case .scratchSpace:
            "Máy chủ không ghi được tệp tạm để tạo PDF (ổ đĩa có thể đã đầy); người quản trị xem nhật ký của máy chủ."
        case .shutDown:
            "Bộ chuyển PDF đã dừng (máy chủ đang tắt); vui lòng thử lại sau."
        }
    }

    /// The English detail for the log: what failed, in the terms of the tools.
    public var logDetail: String {
        switch self {
        case .notInstalled(let tool, let package): "\(tool) not found (install the Debian package \(package))"
        case .queueFull(let limit): "PDF queue full: \(limit) requests waiting"
        case .timedOut(let seconds, let detail): "LibreOffice timed out after \(seconds) s and was killed: \(detail)"
        case .workerCrashed(let detail): "LibreOffice worker crashed: \(detail)"
        case .unreadableDocument(let format, let detail): "LibreOffice could not convert the \(format.rawValue) document: \(detail)"
        case .workerStartFailed(let detail): "LibreOffice worker did not start: \(detail)"
        case .unreadablePDF(let detail): "poppler could not read the PDF: \(detail)"
        case .pageOutOfRange(let first, let last, let pageCount): "pages \(first)-\(last) asked of a \(pageCount)-page PDF"
        case .resolutionOutOfRange(let resolution, let allowed): "resolution \(resolution) outside \(allowed)"
        case .scratchSpace(let detail): "PDF scratch space: \(detail)"
        case .shutDown: "PDF pool shut down"
        }
    }
}
