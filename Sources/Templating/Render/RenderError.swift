/// Why a document could not be rendered from its data; every message is Vietnamese and names the field's full path.
public enum RenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A value tag's field is absent (strict mode).
    case missingField(path: String, tag: String, location: ProblemLocation)
    /// A list or object where a single value is expected.
    case notAValue(path: String, kind: String, tag: String, location: ProblemLocation)
    /// A formatter cannot handle the value.
    case formatter(path: String, tag: String, message: String, location: ProblemLocation)
    /// A picture's data is missing or not an image.
    case image(path: String, tag: String, message: String, location: ProblemLocation)
    /// A loop or the output grew beyond the configured limits.
    case limitExceeded(message: String)

    public var description: String {
        switch self {
        case .missingField(let path, let tag, let location):
            "\(location): thiếu dữ liệu cho trường “\(path)” (thẻ \(tag))."
        case .notAValue(let path, let kind, let tag, let location):
            "\(location): trường “\(path)” là \(kind), không in trực tiếp được bằng thẻ \(tag); danh sách cần thẻ mục {{#…}}…{{/…}}, đối tượng cần tên trường con như “\(path).ten”."
        case .formatter(let path, let tag, let message, let location):
            "\(location): trường “\(path)” (thẻ \(tag)): \(message)"
        case .image(let path, let tag, let message, let location):
            "\(location): ảnh “\(path)” (thẻ \(tag)): \(message)"
        case .limitExceeded(let message):
            message
        }
    }
}

/// Options for one render.
public struct RenderOptions: Sendable {
    /// When true, a missing field renders empty instead of failing.
    public var lenient: Bool
    /// The most items all loops of one document may produce together (a guard against unbounded data).
    public var maxLoopItems: Int
    /// The most bytes one rendered part may have.
    public var maxPartBytes: Int
    /// zlib level for the parts that changed (1 fastest … 9 smallest).
    public var compressionLevel: Int32

    /// Strict, 200,000 loop items, 256 MiB per part, zlib level 1 (4× faster than level 6 for ~7% larger parts).
    public init(lenient: Bool = false, maxLoopItems: Int = 200_000, maxPartBytes: Int = 256 << 20, compressionLevel: Int32 = 1) {
        self.lenient = lenient
        self.maxLoopItems = maxLoopItems
        self.maxPartBytes = maxPartBytes
        self.compressionLevel = compressionLevel
    }
}
