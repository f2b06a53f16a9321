/// Reads PDF objects from bytes (ISO 32000-1 §7.2–7.3): a cursor with bounded nesting and checked numbers.
struct PDFParser {
    let bytes: [UInt8]
    var position: Int

    init(bytes: [UInt8], position: Int) {
        self.bytes = bytes
        self.position = position
    }

    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C || byte == 0x00 }
    static func isDelimiter(_ byte: UInt8) -> Bool { "()<>[]{}/%".utf8.contains(byte) }
    static func isRegular(_ byte: UInt8) -> Bool { !isWhitespace(byte) && !isDelimiter(byte) }

    func error(_ what: String) -> PDFError { .malformed(what, offset: position) }

    mutating func skipWhitespace() {
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isWhitespace(byte) {
                position += 1
            } else if byte == UInt8(ascii: "%") {
                while position < bytes.count, bytes[position] != 0x0A, bytes[position] != 0x0D { position += 1 }
            } else {
                return
            }
        }
    }

    /// The next run of regular characters (a keyword or number), without consuming it.
    func peekToken() -> ArraySlice<UInt8> {
        var end = position
        while end < bytes.count, Self.isRegular(bytes[end]) { end += 1 }
        return bytes[position..<end]
    }

    mutating func expectKeyword(_ keyword: String) throws {
        skipWhitespace()
        guard peekToken().elementsEqual(keyword.utf8) else { throw error("thiếu từ khóa “\(keyword)”") }
        position += keyword.utf8.count
    }

    /// A non-negative integer token, refusing values beyond `PDFLimits.maximumInteger`.
    mutating func readInteger() throws -> Int {
        skipWhitespace()
        let token = peekToken()
        guard let value = Self.integer(token), value >= 0 else { throw error("cần một số nguyên") }
        position += token.count
        return value
    }

    static func integer(_ token: ArraySlice<UInt8>) -> Int? {
        var digits = token[...]
        var sign = 1
        if let first = digits.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            sign = first == UInt8(ascii: "-") ? -1 : 1
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.count <= 13 else { return nil }
        var value = 0
        for digit in digits {
            guard digit >= 0x30, digit <= 0x39 else { return nil }
            value = value * 10 + Int(digit - 0x30)
        }
        guard value <= PDFLimits.maximumInteger else { return nil }
        return sign * value
    }

    mutating func parseObject(depth: Int = 0) throws -> PDFObject {
        guard depth < PDFLimits.maximumDepth else { throw PDFError.limitExceeded("mảng hoặc từ điển lồng quá \(PDFLimits.maximumDepth) tầng") }
        skipWhitespace()
        guard position < bytes.count else { throw error("hết tệp giữa chừng một đối tượng") }
        switch bytes[position] {
        case UInt8(ascii: "/"):
            return .name(try parseName())
        case UInt8(ascii: "("):
            return .string(try parseLiteralString())
        case UInt8(ascii: "<"):
            if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "<") {
                return .dictionary(try parseDictionary(depth: depth))
            }
            return .string(try parseHexString())
        case UInt8(ascii: "["):
            position += 1
            var items: [PDFObject] = []
            while true {
                skipWhitespace()
                guard position < bytes.count else { throw error("mảng không đóng") }
                if bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    return .array(items)
                }
                items.append(try parseObject(depth: depth + 1))
            }
        default:
            return try parseKeywordOrNumber()
        }
    }

    mutating func parseDictionary(depth: Int) throws -> PDFDictionary {
        position += 2
        var dictionary = PDFDictionary()
        while true {
            skipWhitespace()
            guard position + 1 < bytes.count else { throw error("từ điển không đóng") }
            if bytes[position] == UInt8(ascii: ">"), bytes[position + 1] == UInt8(ascii: ">") {
                position += 2
                return dictionary
            }
            guard bytes[position] == UInt8(ascii: "/") else { throw error("khóa của từ điển phải là một tên") }
            let key = try parseName()
            dictionary[key] = try parseObject(depth: depth + 1)
        }
    }

    mutating func parseName() throws -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        while position < bytes.count, Self.isRegular(bytes[position]) {
            var byte = bytes[position]
            if byte == UInt8(ascii: "#"), position + 2 < bytes.count, let high = Self.hexValue(bytes[position + 1]),
               let low = Self.hexValue(bytes[position + 2]) {
                byte = high << 4 | low
                position += 2
            }
            scalars.append(Unicode.Scalar(byte))
            position += 1
        }
        return String(scalars)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    mutating func parseHexString() throws -> [UInt8] {
        let start = position
        position += 1
        var out: [UInt8] = []
        var pending: UInt8?
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: ">") {
                if let pending { out.append(pending << 4) }
                return out
            }
            if Self.isWhitespace(byte) { continue }
            guard let value = Self.hexValue(byte) else {
                position -= 1
                throw error("chuỗi hex có ký tự không phải hex")
            }
            if let high = pending {
                out.append(high << 4 | value)
                pending = nil
            } else {
                pending = value
            }
        }
        position = start
        throw error("chuỗi hex không đóng")
    }

    mutating func parseLiteralString() throws -> [UInt8] {
        let start = position
        position += 1
        var out: [UInt8] = []
        var nesting = 1
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "("):
                nesting += 1
                out.append(byte)
            case UInt8(ascii: ")"):
                nesting -= 1
                if nesting == 0 { return out }
                out.append(byte)
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { break }
                let escaped = bytes[position]
                position += 1
                switch escaped {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case 0x0D:
                    if position < bytes.count, bytes[position] == 0x0A { position += 1 }
                case 0x0A:
                    break
                case 0x30...0x37:
                    var value = Int(escaped - 0x30)
                    for _ in 0..<2 where position < bytes.count && (0x30...0x37).contains(bytes[position]) {
                        value = value * 8 + Int(bytes[position] - 0x30)
                        position += 1
                    }
                    out.append(UInt8(value & 0xFF))
                default:
                    out.append(escaped)
                }
            default:
                out.append(byte)
            }
        }
        position = start
        throw error("chuỗi không đóng")
    }

    mutating func parseKeywordOrNumber() throws -> PDFObject {
        let token = peekToken()
        guard !token.isEmpty else { throw error("ký tự không mong đợi “\(Unicode.Scalar(bytes[position]))”") }
        if token.elementsEqual("true".utf8) { position += 4; return .bool(true) }
        if token.elementsEqual("false".utf8) { position += 5; return .bool(false) }
        if token.elementsEqual("null".utf8) { position += 4; return .null }
        if let value = Self.integer(token) {
            position += token.count
            // `N G R`: look ahead for a generation and R without consuming them otherwise.
            if value >= 0 {
                let saved = position
                skipWhitespace()
                let generationToken = peekToken()
                if let generation = Self.integer(generationToken), generation >= 0, generation <= 65535 {
                    position += generationToken.count
                    skipWhitespace()
                    if peekToken().elementsEqual("R".utf8) {
                        position += 1
                        guard value < PDFLimits.maximumObjects else { throw PDFError.limitExceeded("số hiệu đối tượng \(value)") }
                        return .reference(PDFReference(value, generation))
                    }
                }
                position = saved
            }
            return .integer(value)
        }
        let isReal = token.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
        guard isReal, token.count <= 40 else { throw error("không hiểu “\(String(decoding: token.prefix(40), as: UTF8.self))”") }
        position += token.count
        return .real(String(decoding: token, as: UTF8.self))
    }

    /// `N G obj … endobj` at the cursor; a stream's data range is found from /Length (`length` resolves a
    /// reference) or, failing that, from the `endstream` keyword.
    mutating func parseIndirectObject(length: (PDFObject) -> Int?) throws -> PDFIndirectObject {
        let number = try readInteger()
        let generation = try readInteger()
        try expectKeyword("obj")
        guard number < PDFLimits.maximumObjects else { throw PDFError.limitExceeded("số hiệu đối tượng \(number)") }
        let object = try parseObject()
        skipWhitespace()
        var stream: Range<Int>?
        if case .dictionary(let dictionary) = object, peekToken().elementsEqual("stream".utf8) {
            position += 6
            if position < bytes.count, bytes[position] == 0x0D { position += 1 }
            if position < bytes.count, bytes[position] == 0x0A { position += 1 }
            let start = position
            if let declared = dictionary["Length"].flatMap(length), declared >= 0, start + declared <= bytes.count,
               Self.endstreamFollows(bytes, at: start + declared) {
                stream = start..<(start + declared)
            } else if let end = Self.find("endstream", in: bytes, from: start) {
                var dataEnd = end
                if dataEnd > start, bytes[dataEnd - 1] == 0x0A { dataEnd -= 1 }
                if dataEnd > start, bytes[dataEnd - 1] == 0x0D { dataEnd -= 1 }
                stream = start..<dataEnd
            } else {
                throw error("luồng không có “endstream”")
            }
            position = stream!.upperBound
            try expectKeyword("endstream")
        }
        try expectKeyword("endobj")
        return PDFIndirectObject(reference: PDFReference(number, generation), object: object, stream: stream)
    }

    static func endstreamFollows(_ bytes: [UInt8], at offset: Int) -> Bool {
        var parser = PDFParser(bytes: bytes, position: offset)
        parser.skipWhitespace()
        return parser.peekToken().elementsEqual("endstream".utf8)
    }

    /// The first offset of `needle` at or after `start`.
    static func find(_ needle: String, in bytes: [UInt8], from start: Int, to end: Int? = nil) -> Int? {
        let pattern = Array(needle.utf8)
        let limit = (end ?? bytes.count) - pattern.count
        guard start <= limit else { return nil }
        var index = start
        while index <= limit {
            if bytes[index] == pattern[0], bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }

    /// The last offset of `needle` that starts before `end`.
    static func findLast(_ needle: String, in bytes: [UInt8], before end: Int, notBefore start: Int = 0) -> Int? {
        let pattern = Array(needle.utf8)
        var index = min(end, bytes.count) - pattern.count
        while index >= start {
            if bytes[index] == pattern[0], bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index -= 1
        }
        return nil
    }
}
