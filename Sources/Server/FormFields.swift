import Foundation
import Hummingbird
#if canImport(Glibc)
import Glibc
#endif

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

    /// Reads a `multipart/form-data` body (RFC 7578): the parts between `--boundary` delimiters, each with its
    /// headers, an empty line and its content. The delimiters are found with `memchr` and `memcmp` over the body's bytes, which
    /// arrive in one buffer (bodies are size-limited), so a form of hundreds of small fields costs a few passes of
    /// memory search rather than a per-byte state machine.
    static func multipart(_ body: ByteBuffer, boundary: String) throws -> FormFields {
        var form = FormFields()
        let delimiter = Array("--\(boundary)".utf8)
        let found = body.withUnsafeReadableBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return false }
            let count = raw.count
            func find(_ needle: [UInt8], from start: Int) -> Int? {
                guard start <= count else { return nil }
                // memchr for the first byte, memcmp for the rest (memmem is a GNU extension Swift's Glibc does not show).
                return needle.withUnsafeBytes { pattern -> Int? in
                    guard let first = pattern.first, let rest = pattern.baseAddress.map({ $0 + 1 }) else { return start }
                    var from = start
                    while count - from >= pattern.count, let hit = memchr(base + from, Int32(first), count - from - pattern.count + 1) {
                        let offset = base.distance(to: UnsafeRawPointer(hit))
                        if memcmp(base + offset + 1, rest, pattern.count - 1) == 0 { return offset }
                        from = offset + 1
                    }
                    return nil
                }
            }
            let bytes = raw.bindMemory(to: UInt8.self)
            // The body starts with the first delimiter (anything before it is a preamble, ignored); a body without
            // one is all preamble: no fields, which the form reading it then refuses.
            guard var at = find(delimiter, from: 0) else { return true }
            let closing = [UInt8(ascii: "\r"), UInt8(ascii: "\n")] + delimiter
            let headersEnd = Array("\r\n\r\n".utf8)
            while true {
                var i = at + delimiter.count
                if i + 1 < count, bytes[i] == UInt8(ascii: "-"), bytes[i + 1] == UInt8(ascii: "-") { return true }  // the last one
                while i < count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }  // transport padding
                guard i + 1 < count, bytes[i] == UInt8(ascii: "\r"), bytes[i + 1] == UInt8(ascii: "\n") else { return false }
                let headersStart = i + 2
                // A part with no headers starts straight with the empty line.
                let contentStart: Int
                let headers: UnsafeBufferPointer<UInt8>.SubSequence
                if headersStart + 1 < count, bytes[headersStart] == UInt8(ascii: "\r"), bytes[headersStart + 1] == UInt8(ascii: "\n") {
                    headers = bytes[headersStart..<headersStart]
                    contentStart = headersStart + 2
                } else {
                    guard let end = find(headersEnd, from: headersStart) else { return false }
                    headers = bytes[headersStart..<end]
                    contentStart = end + 4
                }
                // A delimiter is followed by "--" (the last) or by optional spaces and a line break; anything else
                // after "--boundary" is content that happens to start like one.
                func isDelimiter(_ at: Int) -> Bool {
                    var j = at + closing.count
                    if j + 1 < count, bytes[j] == UInt8(ascii: "-"), bytes[j + 1] == UInt8(ascii: "-") { return true }
                    while j < count, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t") { j += 1 }
                    return j + 1 < count && bytes[j] == UInt8(ascii: "\r") && bytes[j + 1] == UInt8(ascii: "\n")
                }
                var search = contentStart
                var next: Int?
                while let candidate = find(closing, from: search) {
                    if isDelimiter(candidate) {
                        next = candidate
                        break
                    }
                    search = candidate + 1
                }
                guard let next else { return false }
                add(headers: headers, content: bytes[contentStart..<next], to: &form)
                at = next + 2
            }
        }
        guard found else { throw unreadable }
        return form
    }

    /// Adds one part: a field, or a file when its disposition names a file.
    private static func add(headers: UnsafeBufferPointer<UInt8>.SubSequence, content: UnsafeBufferPointer<UInt8>.SubSequence,
                            to form: inout FormFields) {
        guard let disposition = header("content-disposition", in: headers), let name = parameter("name", in: disposition) else { return }
        if let fileName = parameter("filename", in: disposition) {
            // A file input left empty still sends a part, with an empty name and no bytes.
            if !fileName.isEmpty || !content.isEmpty { form.files[name] = File(name: fileName, bytes: Array(content)) }
        } else {
            form.fields.append((name, String(decoding: content, as: UTF8.self)))
        }
    }

    /// The value of header `name` (lower case) in a part's header lines.
    private static func header(_ name: String, in headers: UnsafeBufferPointer<UInt8>.SubSequence) -> String? {
        let key = Array(name.utf8)
        for line in headers.split(separator: UInt8(ascii: "\n")) {
            let line = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
            guard line.count > key.count, line[line.startIndex + key.count] == UInt8(ascii: ":"),
                  zip(line, key).allSatisfy({ ($0 | 0x20) == $1 || $0 == $1 }) else { continue }
            return String(decoding: line.dropFirst(key.count + 1), as: UTF8.self).trimmingCharacters(in: .whitespaces)
        }
        return nil
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
