/// A signature dictionary read at its place in the file, with the exact byte span of its /Contents string.
struct LocatedSignature {
    let offset: Int
    let dictionary: PDFDictionary
    /// From the `<` to just after the `>` of the /Contents hex string.
    let contents: Range<Int>

    init(_ reference: PDFReference, in file: PDFFile) throws {
        guard case .offset(let offset, _)? = file.entries[reference.number] else {
            throw PDFError.unsupported("từ điển chữ ký nằm trong luồng đối tượng, không xác định được vị trí /Contents")
        }
        guard offset < file.bytes.count else { throw PDFError.malformed("xref chỉ ra ngoài tệp", offset: offset) }
        var parser = PDFParser(bytes: file.bytes, position: offset)
        let number = try parser.readInteger()
        _ = try parser.readInteger()
        try parser.expectKeyword("obj")
        guard number == reference.number else { throw PDFError.malformed("xref chỉ sai đối tượng chữ ký", offset: offset) }
        parser.skipWhitespace()
        guard parser.position + 1 < file.bytes.count, file.bytes[parser.position] == UInt8(ascii: "<"),
              file.bytes[parser.position + 1] == UInt8(ascii: "<") else {
            throw PDFError.malformed("đối tượng chữ ký không phải từ điển", offset: parser.position)
        }
        parser.position += 2
        var dictionary = PDFDictionary()
        var contents: Range<Int>?
        while true {
            parser.skipWhitespace()
            guard parser.position + 1 < file.bytes.count else { throw parser.error("từ điển chữ ký không đóng") }
            if file.bytes[parser.position] == UInt8(ascii: ">"), file.bytes[parser.position + 1] == UInt8(ascii: ">") { break }
            guard file.bytes[parser.position] == UInt8(ascii: "/") else { throw parser.error("khóa của từ điển phải là một tên") }
            let key = try parser.parseName()
            parser.skipWhitespace()
            let start = parser.position
            let value = try parser.parseObject(depth: 1)
            guard dictionary[key] == nil else { throw parser.error("khóa /\(key) lặp lại trong từ điển chữ ký") }
            dictionary[key] = value
            if key == "Contents" { contents = start..<parser.position }
        }
        guard let contents, file.bytes[contents.lowerBound] == UInt8(ascii: "<") else {
            throw PDFError.malformed("/Contents của chữ ký không phải chuỗi hex", offset: offset)
        }
        self.offset = offset
        self.dictionary = dictionary
        self.contents = contents
    }

    /// The /Contents bytes, requiring the canonical form signers write: hex digits only, an even count, and one
    /// letter case throughout (so that changing the case of one digit, which leaves the value the same, is still
    /// seen as a change).
    func contentsBytes(in bytes: [UInt8]) throws -> [UInt8] {
        let digits = bytes[(contents.lowerBound + 1)..<(contents.upperBound - 1)]
        let hasLower = digits.contains { (0x61...0x66).contains($0) }
        let hasUpper = digits.contains { (0x41...0x46).contains($0) }
        guard digits.count % 2 == 0, !(hasLower && hasUpper), digits.allSatisfy({ PDFParser.hexValue($0) != nil }) else {
            throw PDFError.malformed("chuỗi /Contents của chữ ký không ở dạng hex chuẩn", offset: contents.lowerBound)
        }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        var index = digits.startIndex
        while index < digits.endIndex {
            out.append(PDFParser.hexValue(digits[index])! << 4 | PDFParser.hexValue(digits[index + 1])!)
            index += 2
        }
        return out
    }
}
