import Foundation

/// Why a data file could not be read, said in Vietnamese with the path of the field (`to[2].thanh_vien[1].ho_ten`).
public struct DomainDataError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

extension CommuneTeams {
    /// Decodes a commune and its teams from JSON.
    public static func decode(json data: Data) throws(DomainDataError) -> CommuneTeams {
        try decodeDomain(CommuneTeams.self, from: data)
    }
}

/// Decodes a domain value from JSON, turning decoding errors into messages a clerk can act on.
///
/// Strict JSON that decodes is read by `StrictJSON`, which gives what `JSONDecoder` gives at a fraction of its cost;
/// everything else, errors included, goes through `JSONDecoder`, so values and messages are its own.
public func decodeDomain<T: Decodable>(_ type: T.Type, from data: Data) throws(DomainDataError) -> T {
    if let value = StrictJSON.decode(type, from: data) { return value }
    return try decodeDomainWithFoundation(type, from: data)
}

/// `decodeDomain` through Foundation's `JSONDecoder` alone: the reference the quick path must equal.
func decodeDomainWithFoundation<T: Decodable>(_ type: T.Type, from data: Data) throws(DomainDataError) -> T {
    do {
        return try JSONDecoder().decode(type, from: data)
    } catch {
        // Checked only on failure: the decoder reads UTF-8 itself, and most data is fine.
        guard String(data: data, encoding: .utf8) != nil else { throw DomainDataError(message: "Dữ liệu không phải văn bản UTF-8 hợp lệ.") }
        throw domainError(error)
    }
}

private func domainError(_ error: any Error) -> DomainDataError {
    if let error = error as? DecodingError { return DomainDataError(message: describe(error)) }
    return DomainDataError(message: "Dữ liệu JSON không hợp lệ: \(error.localizedDescription)")
}

private func describe(_ error: DecodingError) -> String {
    func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index + 1)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text.isEmpty ? "gốc" : text
    }
    switch error {
    case .keyNotFound(let key, let context):
        let parent = path(context.codingPath)
        return "Thiếu trường “\(key.stringValue)”" + (context.codingPath.isEmpty ? "." : " ở “\(parent)”.")
    case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
        return "Trường “\(path(context.codingPath))” sai kiểu: cần \(kindName(type))."
    case .dataCorrupted(let context):
        if context.codingPath.isEmpty {
            let detail = (context.underlyingError as NSError?)?.localizedDescription ?? context.debugDescription
            return "Dữ liệu JSON không hợp lệ: \(detail)"
        }
        return "Trường “\(path(context.codingPath))” có giá trị không hợp lệ (\(context.debugDescription))."
    @unknown default:
        return "Dữ liệu không hợp lệ: \(error)"
    }
}

private func kindName(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "chuỗi"
    case is Bool.Type: "true hoặc false"
    case is Int.Type, is Double.Type: "số"
    case is [Any].Type: "danh sách"
    default: "đối tượng"
    }
}
