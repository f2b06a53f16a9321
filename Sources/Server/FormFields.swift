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
        let body = try await request.buffer(context: context)
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
    /// quoted or not. Browsers escape a quote in a file name as `%22`, so a quoted value ends at the next quote and
    /// may hold `;`. Called for every part of a form, so it walks the text once without Foundation.
    static func parameter(_ key: String, in header: String) -> String? {
        let bytes = Array(header.utf8)
        let keyBytes = Array(key.utf8)
        let (space, tab, semicolon, equals, quote) = (UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ";"),
                                                      UInt8(ascii: "="), UInt8(ascii: "\""))
        func skipSpaces(_ i: inout Int) { while i < bytes.count, bytes[i] == space || bytes[i] == tab { i += 1 } }
        guard var i = bytes.firstIndex(of: semicolon) else { return nil }
        i += 1
        while i < bytes.count {
            skipSpaces(&i)
            let nameStart = i
            while i < bytes.count, bytes[i] != equals, bytes[i] != semicolon { i += 1 }
            var nameEnd = i
            while nameEnd > nameStart, bytes[nameEnd - 1] == space || bytes[nameEnd - 1] == tab { nameEnd -= 1 }
            guard i < bytes.count, bytes[i] == equals else {
                i += 1
                continue
            }
            i += 1
            skipSpaces(&i)
            var value: ArraySlice<UInt8>
            if i < bytes.count, bytes[i] == quote {
                let start = i + 1
                i = start
                while i < bytes.count, bytes[i] != quote { i += 1 }
                value = bytes[start..<i]
            } else {
                let start = i
                while i < bytes.count, bytes[i] != semicolon { i += 1 }
                var end = i
                while end > start, bytes[end - 1] == space || bytes[end - 1] == tab { end -= 1 }
                value = bytes[start..<end]
            }
            let name = bytes[nameStart..<nameEnd]
            if name.count == keyBytes.count,
               zip(name, keyBytes).allSatisfy({ ($0 | 0x20) == ($1 | 0x20) && (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || $0 == $1) }) {
                return String(decoding: value, as: UTF8.self)
            }
            while i < bytes.count, bytes[i] != semicolon { i += 1 }
            i += 1
        }
        return nil
    }
}
