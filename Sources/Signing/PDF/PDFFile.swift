/// A PDF read through its cross-reference sections (classic tables and xref streams, with object streams), newest
/// first, as ISO 32000-1 §7.5 describes; every offset is checked and /Prev loops are refused.
public struct PDFFile: Sendable {
    /// The whole file.
    public let bytes: [UInt8]
    /// Where each object is, after every update (the newest section wins).
    private(set) var entries: [Int: XrefEntry] = [:]
    /// The cross-reference sections, the newest first.
    private(set) var sections: [XrefSection] = []
    /// The offset `startxref` gives at the end of the file.
    let startxref: Int

    enum XrefEntry: Equatable {
        case free
        case offset(Int, generation: Int)
        case compressed(stream: Int, index: Int)
    }

    struct XrefSection {
        let offset: Int
        let isStream: Bool
        let trailer: PDFDictionary
    }

    /// The newest trailer (for an xref stream, its dictionary).
    var trailer: PDFDictionary { sections[0].trailer }

    /// Reads the cross-reference chain of `bytes`.
    public init(bytes: [UInt8]) throws {
        guard bytes.count <= PDFLimits.maximumFileSize else { throw PDFError.tooLarge(bytes.count) }
        guard let header = PDFParser.find("%PDF-", in: bytes, from: 0, to: min(bytes.count, 1024)) else { throw PDFError.notPDF }
        _ = header
        self.bytes = bytes
        guard let keyword = PDFParser.findLast("startxref", in: bytes, before: bytes.count, notBefore: max(0, bytes.count - 4096)) else {
            throw PDFError.malformed("không tìm thấy “startxref” ở cuối tệp", offset: bytes.count)
        }
        var parser = PDFParser(bytes: bytes, position: keyword + 9)
        startxref = try parser.readInteger()
        var next: Int? = startxref
        var visited = Set<Int>()
        while let offset = next {
            guard visited.insert(offset).inserted else { throw PDFError.malformed("chuỗi /Prev quay vòng về byte \(offset)", offset: offset) }
            guard visited.count <= PDFLimits.maximumRevisions else { throw PDFError.limitExceeded("hơn \(PDFLimits.maximumRevisions) lần cập nhật") }
            guard offset < bytes.count else { throw PDFError.malformed("bảng xref chỉ tới byte \(offset), ngoài tệp", offset: offset) }
            let section = try readSection(at: offset)
            sections.append(section)
            if let stream = section.trailer["XRefStm"]?.integer, !section.isStream, stream < bytes.count, !visited.contains(stream) {
                _ = try readStreamSection(at: stream, override: true)
            }
            next = section.trailer["Prev"]?.integer
        }
        guard trailer["Root"]?.reference != nil else { throw PDFError.malformed("trailer không có /Root", offset: startxref) }
    }

    private mutating func readSection(at offset: Int) throws -> XrefSection {
        var parser = PDFParser(bytes: bytes, position: offset)
        parser.skipWhitespace()
        guard parser.peekToken().elementsEqual("xref".utf8) else { return try readStreamSection(at: offset, override: false) }
        parser.position += 4
        var found: [(Int, XrefEntry)] = []
        while true {
            parser.skipWhitespace()
            if parser.peekToken().elementsEqual("trailer".utf8) {
                parser.position += 7
                break
            }
            let first = try parser.readInteger()
            let count = try parser.readInteger()
            guard first + count <= PDFLimits.maximumObjects, count * 18 <= bytes.count - parser.position else {
                throw PDFError.limitExceeded("bảng xref khai báo \(count) mục")
            }
            for number in first..<(first + count) {
                let position = try parser.readInteger()
                let generation = try parser.readInteger()
                parser.skipWhitespace()
                let kind = parser.peekToken()
                guard kind.count == 1 else { throw parser.error("mục xref phải kết thúc bằng n hoặc f") }
                parser.position += 1
                if kind.first == UInt8(ascii: "n") {
                    found.append((number, .offset(position, generation: generation)))
                } else if kind.first == UInt8(ascii: "f") {
                    found.append((number, .free))
                } else {
                    throw parser.error("mục xref phải kết thúc bằng n hoặc f")
                }
            }
        }
        guard case .dictionary(let trailer) = try parser.parseObject() else { throw parser.error("trailer không phải từ điển") }
        for (number, entry) in found where entries[number] == nil { entries[number] = entry }
        return XrefSection(offset: offset, isStream: false, trailer: trailer)
    }

    private mutating func readStreamSection(at offset: Int, override: Bool) throws -> XrefSection {
        var parser = PDFParser(bytes: bytes, position: offset)
        let object = try parser.parseIndirectObject(length: { $0.integer })
        guard let dictionary = object.object.dictionary, dictionary["Type"]?.name == "XRef", let range = object.stream else {
            throw PDFError.malformed("không có bảng xref hay luồng xref ở vị trí startxref/Prev chỉ", offset: offset)
        }
        let data = try decodeStream(dictionary, bytes[range])
        guard let widths = dictionary["W"]?.array?.compactMap(\.integer), widths.count == 3, widths.allSatisfy({ (0...8).contains($0) }) else {
            throw PDFError.malformed("/W của luồng xref không hợp lệ", offset: offset)
        }
        let size = dictionary["Size"]?.integer ?? 0
        guard size <= PDFLimits.maximumObjects else { throw PDFError.limitExceeded("/Size \(size)") }
        let index = dictionary["Index"]?.array?.compactMap(\.integer) ?? [0, size]
        guard index.count % 2 == 0 else { throw PDFError.malformed("/Index của luồng xref lẻ", offset: offset) }
        let rowLength = widths.reduce(0, +)
        guard rowLength > 0 else { throw PDFError.malformed("/W toàn số 0", offset: offset) }
        var row = 0
        for pair in stride(from: 0, to: index.count, by: 2) {
            let (first, count) = (index[pair], index[pair + 1])
            guard first >= 0, count >= 0, first + count <= PDFLimits.maximumObjects, (row + count) * rowLength <= data.count else {
                throw PDFError.malformed("luồng xref ngắn hơn /Index khai báo", offset: offset)
            }
            for number in first..<(first + count) {
                var fields = [0, 0, 0]
                var cursor = row * rowLength
                for (field, width) in widths.enumerated() {
                    for _ in 0..<width {
                        fields[field] = fields[field] << 8 | Int(data[cursor])
                        cursor += 1
                    }
                }
                if widths[0] == 0 { fields[0] = 1 }
                row += 1
                let entry: XrefEntry
                switch fields[0] {
                case 0: entry = .free
                case 1: entry = .offset(fields[1], generation: fields[2])
                case 2: entry = .compressed(stream: fields[1], index: fields[2])
                default: continue
                }
                if override || entries[number] == nil { entries[number] = entry }
            }
        }
        return XrefSection(offset: offset, isStream: true, trailer: dictionary)
    }

    /// The decoded data of a stream: no filter or /FlateDecode, with PNG predictors.
    func decodeStream(_ dictionary: PDFDictionary, _ raw: ArraySlice<UInt8>) throws -> [UInt8] {
        var filters: [String] = []
        switch dictionary["Filter"] {
        case .name(let name)?: filters = [name]
        case .array(let names)?: filters = names.compactMap(\.name)
        default: break
        }
        guard filters.count <= 1 else { throw PDFError.unsupported("luồng có nhiều bộ lọc") }
        guard let filter = filters.first else { return Array(raw) }
        guard filter == "FlateDecode" else { throw PDFError.unsupported("bộ lọc /\(filter) ở luồng xref hoặc luồng đối tượng") }
        var data = try FlateDecode.decode(raw)
        let parameters = dictionary["DecodeParms"]?.dictionary ?? dictionary["DecodeParms"]?.array?.first?.dictionary
        if let predictor = parameters?["Predictor"]?.integer, predictor >= 10 {
            data = try FlateDecode.unpredict(data, columns: parameters?["Columns"]?.integer ?? 1)
        } else if let predictor = parameters?["Predictor"]?.integer, predictor > 1 {
            throw PDFError.unsupported("/Predictor \(predictor)")
        }
        return data
    }

    // MARK: Objects

    /// The object a reference names (null for a free or unknown object, as the standard says).
    func object(_ reference: PDFReference) throws -> PDFObject {
        switch entries[reference.number] {
        case nil, .free?:
            return .null
        case .offset?:
            return try indirectObject(reference).object
        case .compressed(let stream, let index)?:
            return try compressedObject(reference, stream: stream, index: index)
        }
    }

    /// An object stored at an offset (not in an object stream), with its stream range.
    func indirectObject(_ reference: PDFReference) throws -> PDFIndirectObject {
        guard case .offset(let offset, _)? = entries[reference.number] else { throw PDFError.missingObject(reference) }
        guard offset < bytes.count else { throw PDFError.malformed("xref chỉ đối tượng \(reference.number) tới byte \(offset), ngoài tệp", offset: offset) }
        var parser = PDFParser(bytes: bytes, position: offset)
        let object = try parser.parseIndirectObject(length: { [self] in directLength($0) })
        guard object.reference.number == reference.number else {
            throw PDFError.malformed("xref chỉ đối tượng \(reference.number) nhưng ở đó là đối tượng \(object.reference.number)", offset: offset)
        }
        return object
    }

    /// A /Length that may be a reference to an integer object stored at an offset.
    private func directLength(_ object: PDFObject) -> Int? {
        if let value = object.integer { return value }
        guard let reference = object.reference, case .offset(let offset, _)? = entries[reference.number], offset < bytes.count else { return nil }
        var parser = PDFParser(bytes: bytes, position: offset)
        return (try? parser.parseIndirectObject(length: { _ in nil }))?.object.integer
    }

    private func compressedObject(_ reference: PDFReference, stream: Int, index: Int) throws -> PDFObject {
        let container = try indirectObject(PDFReference(stream))
        guard let dictionary = container.object.dictionary, dictionary["Type"]?.name == "ObjStm", let range = container.stream,
              let count = dictionary["N"]?.integer, let first = dictionary["First"]?.integer else {
            throw PDFError.malformed("luồng đối tượng \(stream) không hợp lệ", offset: 0)
        }
        let data = try decodeStream(dictionary, bytes[range])
        guard index < count, count <= PDFLimits.maximumObjects, first <= data.count else {
            throw PDFError.malformed("đối tượng \(reference.number) không có trong luồng đối tượng \(stream)", offset: 0)
        }
        var header = PDFParser(bytes: data, position: 0)
        for _ in 0..<index {
            _ = try header.readInteger()
            _ = try header.readInteger()
        }
        let number = try header.readInteger()
        let offset = try header.readInteger()
        guard number == reference.number, first + offset < data.count else {
            throw PDFError.malformed("luồng đối tượng \(stream) không chứa đối tượng \(reference.number) ở chỗ xref chỉ", offset: 0)
        }
        var parser = PDFParser(bytes: data, position: first + offset)
        return try parser.parseObject()
    }

    /// Follows references until a direct object (a bounded number of times).
    func resolve(_ object: PDFObject?) throws -> PDFObject {
        var current = object ?? .null
        for _ in 0..<32 {
            guard case .reference(let reference) = current else { return current }
            current = try self.object(reference)
        }
        throw PDFError.limitExceeded("chuỗi tham chiếu quá dài")
    }

    /// The catalog (/Root) and the reference that names it.
    func catalog() throws -> (reference: PDFReference, dictionary: PDFDictionary) {
        guard let reference = trailer["Root"]?.reference, let dictionary = try object(reference).dictionary else {
            throw PDFError.malformed("không đọc được danh mục /Root", offset: startxref)
        }
        return (reference, dictionary)
    }

    /// The number of pages, as the page tree's root (/Root /Pages /Count) states it.
    public func pageCount() throws -> Int {
        guard let pages = try catalog().dictionary["Pages"]?.reference, let tree = try object(pages).dictionary,
              let count = try resolve(tree["Count"]).integer, count >= 0 else {
            throw PDFError.malformed("cây trang không ghi số trang (/Count)", offset: 0)
        }
        return count
    }

    /// The first page: walks /Pages → /Kids down to the first /Page, refusing loops and deep trees.
    func firstPage() throws -> (reference: PDFReference, dictionary: PDFDictionary) {
        guard var node = try catalog().dictionary["Pages"]?.reference else { throw PDFError.malformed("danh mục không có /Pages", offset: 0) }
        var seen = Set<PDFReference>()
        while seen.insert(node).inserted, seen.count <= PDFLimits.maximumDepth {
            guard let dictionary = try object(node).dictionary else { throw PDFError.missingObject(node) }
            if dictionary["Type"]?.name == "Page" || dictionary["Kids"] == nil { return (node, dictionary) }
            guard let kid = try resolve(dictionary["Kids"]).array?.first?.reference else {
                throw PDFError.malformed("tài liệu không có trang nào", offset: 0)
            }
            node = kid
        }
        throw PDFError.malformed("cây trang quay vòng hoặc quá sâu", offset: 0)
    }
}
