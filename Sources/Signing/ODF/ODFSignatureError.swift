import OfficeZip

/// Why an ODF document could not be signed or checked at all, in Vietnamese.
public enum ODFSignatureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The package could not be read (not a zip, zip bomb, zip-slip name, damaged entry).
    case package(ZipError)
    /// The package has no `mimetype` entry naming an OpenDocument type.
    case notODF
    /// A stream declares a DOCTYPE or ENTITY.
    case forbiddenMarkup(entry: String)
    /// A stream that must be XML is not.
    case malformedXML(entry: String, detail: String)
    /// libxml2 could not canonicalise a stream.
    case canonicalization
    /// `META-INF/manifest.xml` has no closing tag to insert the signatures entry before.
    case malformedManifest
    /// The signer's signature value has the wrong form for its algorithm.
    case malformedSignatureValue

    public var description: String {
        switch self {
        case .package(let error): "\(error)"
        case .notODF: "Tệp không phải văn bản OpenDocument (.odt): thiếu mục “mimetype” ghi kiểu application/vnd.oasis.opendocument."
        case .forbiddenMarkup(let entry):
            "Mục “\(entry)” chứa khai báo DOCTYPE/ENTITY; văn bản OpenDocument không dùng khai báo này nên tệp bị từ chối (phòng tấn công XXE và “billion laughs”)."
        case .malformedXML(let entry, let detail): "Mục “\(entry)” không phải XML hợp lệ: \(detail)."
        case .canonicalization: "Không chuẩn hóa (C14N) được nội dung XML để tính mã băm."
        case .malformedManifest: "Mục “META-INF/manifest.xml” không có thẻ đóng </manifest:manifest>."
        case .malformedSignatureValue: "Thiết bị ký trả về giá trị chữ ký không đúng dạng của thuật toán."
        }
    }
}
