internal import CLibXML2

/// Reads XML from the package as a stream of events with libxml2's reader: no network, no DTD, no entity
/// expansion (a DOCTYPE is refused outright), so a hostile METS or metadata file costs no more than its size.
enum XMLEvents {
    enum Event {
        /// An element's local name and its attributes by qualified name (`xlink:href`).
        case start(String, [String: String])
        case end(String)
        case text(String)
    }

    static func scan(_ bytes: [UInt8], name: String, _ handle: (Event) throws(ArchiveFormatError) -> Void) throws(ArchiveFormatError) {
        if containsDeclaration(bytes) { throw ArchiveFormatError(file: name, reason: "có khai báo DOCTYPE/ENTITY, không được phép") }
        guard !bytes.isEmpty else { throw ArchiveFormatError(file: name, reason: "tệp rỗng") }
        let options = Int32(XML_PARSE_NONET.rawValue)
        let reader: OpaquePointer? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlReaderForMemory($0, Int32(buffer.count), nil, "UTF-8", options)
            }
        }
        guard let reader else { throw ArchiveFormatError(file: name, reason: "không đọc được XML") }
        defer { xmlFreeTextReader(reader) }
        // The reader points into `bytes`, which must stay alive while it reads.
        try withExtendedLifetime(bytes) { () throws(ArchiveFormatError) in
            while true {
                let status = xmlTextReaderRead(reader)
                if status == 0 { break }
                if status < 0 {
                    throw ArchiveFormatError(file: name, reason: "không phải XML hợp lệ (dòng \(xmlTextReaderGetParserLineNumber(reader)))")
                }
                switch xmlTextReaderNodeType(reader) {
                case 1:  // element
                    let element = String(cString: xmlTextReaderConstLocalName(reader))
                    let empty = xmlTextReaderIsEmptyElement(reader) == 1
                    var attributes: [String: String] = [:]
                    while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                        attributes[String(cString: xmlTextReaderConstName(reader))] = String(cString: xmlTextReaderConstValue(reader))
                    }
                    try handle(.start(element, attributes))
                    if empty { try handle(.end(element)) }
                case 15:  // end element
                    try handle(.end(String(cString: xmlTextReaderConstLocalName(reader))))
                case 3, 4:  // text, CDATA
                    if let value = xmlTextReaderConstValue(reader) { try handle(.text(String(cString: value))) }
                default:
                    break
                }
            }
        }
    }

    /// Whether the bytes declare a DTD or an entity anywhere.
    private static func containsDeclaration(_ bytes: [UInt8]) -> Bool {
        let doctype = Array("<!DOCTYPE".utf8), entity = Array("<!ENTITY".utf8)
        var index = bytes.startIndex
        while let found = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            let rest = bytes[found...]
            if rest.starts(with: doctype) || rest.starts(with: entity) { return true }
            index = found + 1
        }
        return false
    }
}

/// A file of the package that is not what the format says: which file and why, in Vietnamese.
struct ArchiveFormatError: Error, CustomStringConvertible {
    let file: String
    let reason: String
    var description: String { "Tệp “\(file)” \(reason)." }
}
