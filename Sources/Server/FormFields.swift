import Foundation
import Hummingbird
import MultipartKit

/// The fields of a posted form in the order the browser sent them, repeated names included, with the files of a
/// `multipart/form-data` form. Tables are posted as repeated names (`ho_ten`, `ho_ten`, …), one per row.
struct FormFields: Sendable {
    struct File: Sendable {
        let name: String
        let bytes: [UInt8]
    }

    private(set) var fields: [(name: String, value: String)] = []
    private(set) var files: [String: File] = [:]

    func values(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }
    func value(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// Reads a request's form, multipart or URL-encoded; anything else is a bad request.
    static func read(_ request: Request, context: VanBanContext) async throws -> FormFields {
        let contentType = request.headers[.contentType] ?? ""
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let lowered = contentType.lowercased()
        if lowered.hasPrefix("multipart/form-data") {
            guard let boundary = parameter("boundary", in: contentType), !boundary.isEmpty, boundary.count <= 200 else {
                throw unreadable
            }
            return try multipart(body, boundary: boundary)
        }
        if lowered.hasPrefix("application/x-www-form-urlencoded") {
            return urlEncoded(String(buffer: body))
        }
        throw unreadable
    }

    static let unreadable = ServerError.badRequest("Biểu mẫu gửi lên không đọc được; hãy tải lại trang rồi làm lại.")

    static func urlEncoded(_ body: String) -> FormFields {
        var form = FormFields()
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            form.fields.append((decode(parts[0]), parts.count > 1 ? decode(parts[1]) : ""))
        }
        return form
    }

    static func multipart(_ body: ByteBuffer, boundary: String) throws -> FormFields {
        let parser = MultipartParser(boundary: boundary)
        var form = FormFields()
        var disposition: String?
        var content: [UInt8] = []
        parser.onHeader = { name, value in
            if name.lowercased() == "content-disposition" { disposition = value }
        }
        parser.onBody = { chunk in content += chunk.readableBytesView }
        parser.onPartComplete = {
            defer {
                disposition = nil
                content = []
            }
            guard let disposition, let name = parameter("name", in: disposition) else { return }
            if let fileName = parameter("filename", in: disposition) {
                // A file input left empty still sends a part, with an empty name and no bytes.
                if !fileName.isEmpty || !content.isEmpty { form.files[name] = File(name: fileName, bytes: content) }
            } else {
                form.fields.append((name, String(decoding: content, as: UTF8.self)))
            }
        }
        do {
            try parser.execute(body)
        } catch {
            throw unreadable
        }
        return form
    }

    /// A parameter of a header value such as `form-data; name="ho_ten"` or `multipart/form-data; boundary=x`,
    /// quoted or not. Browsers escape a quote in a file name as `%22`, so a quoted value ends at the next quote.
    static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let part = piece.trimmingCharacters(in: .whitespaces)
            guard let equals = part.firstIndex(of: "="),
                  part[..<equals].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var value = part[part.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\"") {
                value.removeFirst()
                if let end = value.firstIndex(of: "\"") { value = String(value[..<end]) }
            }
            return value
        }
        return nil
    }
}
