import Foundation

/// A value a template can show: the data of one document, usually decoded from JSON.
public enum TemplateValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case list([TemplateValue])
    case object(TemplateObject)
    /// Image bytes (PNG or JPEG) for a `{{%name}}` picture.
    case image([UInt8])

    /// Whether a section over this value is shown: false, null, an empty list, an empty string and an empty object are not.
    var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let b): b
        case .string(let s): !s.isEmpty
        case .list(let l): !l.isEmpty
        case .object(let o): !o.isEmpty
        case .int, .double, .image: true
        }
    }

    /// The field named `key` when this is an object that has it.
    @inline(__always)
    func field(_ key: String) -> TemplateValue? {
        guard case .object(let fields) = self, let position = fields.storage.position(of: key) else { return nil }
        return fields.storage.values[position]
    }

    /// The field named `key` when this is an object that has it; nil otherwise.
    public subscript(key: String) -> TemplateValue? { field(key) }

    /// The storage of an object's fields, or nil for any other value.
    var objectStorage: TemplateObject.Storage? {
        if case .object(let fields) = self { fields.storage } else { nil }
    }

    /// A short Vietnamese name of the value's kind, for error messages.
    var kindName: String {
        switch self {
        case .null: "rỗng (null)"
        case .bool: "đúng/sai"
        case .int, .double: "số"
        case .string: "chuỗi"
        case .list: "danh sách"
        case .object: "đối tượng"
        case .image: "ảnh"
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(TemplateObject(Dictionary(elements, uniquingKeysWith: { _, last in last })))
    }
}

extension TemplateValue: Decodable {
    /// Decodes any JSON value; integers that fit in 64 bits stay exact.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? container.decode(Int64.self) {
            self = .int(i)
        } else if let d = try? container.decode(Double.self) {
            self = .double(d)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let l = try? container.decode([TemplateValue].self) {
            self = .list(l)
        } else {
            self = .object(TemplateObject(try container.decode([String: TemplateValue].self)))
        }
    }
}

extension TemplateValue {
    /// Decodes the data of a document from JSON bytes, with a Vietnamese message on failure.
    public static func decodeJSON(_ data: Data) throws(DataError) -> TemplateValue {
        guard String(data: data, encoding: .utf8) != nil else { throw .invalidUTF8 }
        do {
            return try JSONDecoder().decode(TemplateValue.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw .invalidJSON(detail: (context.underlyingError as NSError?)?.localizedDescription ?? context.debugDescription)
        } catch {
            throw .invalidJSON(detail: String(describing: error))
        }
    }
}

/// A problem with the data given to a template (not with the template itself).
public enum DataError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidUTF8
    case invalidJSON(detail: String)

    public var description: String {
        switch self {
        case .invalidUTF8: "Dữ liệu không phải văn bản UTF-8 hợp lệ."
        case .invalidJSON(let detail): "Dữ liệu JSON không hợp lệ: \(detail)"
        }
    }
}
