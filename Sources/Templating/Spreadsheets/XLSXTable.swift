import CLibXML2
import OfficeZip

/// Reads the first worksheet of an .xlsx workbook as rows of text, with the project's own zip reader and libxml2's
/// streaming reader (no network, no DTD: a document type declaration is refused before parsing).
enum XLSXTable {
    static func rows(_ bytes: [UInt8]) throws(SpreadsheetError) -> [[String]] {
        let archive: ZipArchive
        do { archive = try ZipArchive(bytes: bytes) } catch { throw SpreadsheetError(message: "Tệp Excel hỏng hoặc không phải .xlsx: \(error.description)") }
        func part(_ name: String) throws(SpreadsheetError) -> [UInt8]? {
            guard let entry = archive.entry(named: name) else { return nil }
            do { return try archive.contents(of: entry) } catch { throw SpreadsheetError(message: "Tệp Excel hỏng (\(name)): \(error.description)") }
        }
        guard let workbook = try part("xl/workbook.xml") else {
            throw SpreadsheetError(message: "Tệp không phải bảng tính Excel .xlsx (không thấy xl/workbook.xml).")
        }
        // The first sheet's relationship id, then its part name.
        var sheetRelationship: String?
        try scan(workbook, name: "xl/workbook.xml") { reader, element in
            if element == "sheet", sheetRelationship == nil { sheetRelationship = attribute(reader, "r:id") }
        }
        var sheetPath = "xl/worksheets/sheet1.xml"
        if let sheetRelationship, let rels = try part("xl/_rels/workbook.xml.rels") {
            try scan(rels, name: "xl/_rels/workbook.xml.rels") { reader, element in
                if element == "Relationship", attribute(reader, "Id") == sheetRelationship, let target = attribute(reader, "Target") {
                    sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
                }
            }
        }
        var shared: [String] = []
        if let strings = try part("xl/sharedStrings.xml") {
            var current = ""
            var inText = false, inPhonetic = false
            try scan(strings, name: "xl/sharedStrings.xml", text: { text in if inText { current += text } }) { _, element in
                switch element {
                case "si": current = ""
                case "t": inText = !inPhonetic
                case "/t": inText = false
                case "rPh": inPhonetic = true  // phonetic guides are not part of the text
                case "/rPh": inPhonetic = false
                case "/si": shared.append(current)
                default: break
                }
            }
        }
        guard let sheet = try part(sheetPath) else { throw SpreadsheetError(message: "Tệp Excel không có trang tính \(sheetPath).") }
        var rows: [[String]] = []
        var row: [String] = []
        var rowNumber = 0
        var column = 0, type = "", value = "", inValue = false
        try scan(sheet, name: sheetPath, text: { text in if inValue { value += text } }) { reader, element in
            switch element {
            case "row":
                rowNumber = attribute(reader, "r").flatMap(Int.init) ?? rowNumber + 1
                while rows.count < rowNumber - 1 { rows.append([]) }
                row = []
            case "/row":
                rows.append(row)
            case "c":
                column = attribute(reader, "r").map(columnIndex) ?? row.count
                type = attribute(reader, "t") ?? "n"
                value = ""
            case "v", "t": inValue = true
            case "/v", "/t": inValue = false
            case "/c":
                let text: String
                switch type {
                case "s": text = Int(value).flatMap { $0 >= 0 && $0 < shared.count ? shared[$0] : nil } ?? ""
                case "b": text = value == "1" ? "TRUE" : "FALSE"
                case "n": text = plainNumber(value)
                default: text = value
                }
                while row.count < column { row.append("") }
                if row.count == column { row.append(text) } else { row[column] = text }
            default: break
            }
        }
        return rows
    }

    /// `C12` → 2.
    static func columnIndex(_ reference: String) -> Int {
        var index = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            index = index * 26 + Int(scalar.value - 64)
        }
        return max(index - 1, 0)
    }

    /// Numbers as a person wrote them: `912345678` not `912345678.0`, `1.0E9` expanded.
    static func plainNumber(_ raw: String) -> String {
        guard let number = Double(raw) else { return raw }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return raw
    }

    /// Walks an XML part, calling `element` with each start tag's local-ish name (prefix kept) and `/name` at its end.
    private static func scan(_ bytes: [UInt8], name: String, text: (String) -> Void = { _ in },
                             element: (OpaquePointer, String) -> Void) throws(SpreadsheetError) {
        if XMLPartDocument.hasForbiddenDeclaration(bytes) {
            throw SpreadsheetError(message: "Tệp Excel chứa khai báo DOCTYPE/ENTITY không được phép (\(name)).")
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOBLANKS.rawValue)
        let reader: OpaquePointer? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { xmlReaderForMemory($0, Int32(buffer.count), nil, "UTF-8", options) }
            } ?? nil
        }
        guard let reader else { throw SpreadsheetError(message: "Tệp Excel hỏng: không đọc được \(name).") }
        defer { xmlFreeTextReader(reader) }
        // The reader points into `bytes`, which must stay alive while it reads.
        try withExtendedLifetime(bytes) { () throws(SpreadsheetError) in
            while true {
                let status = xmlTextReaderRead(reader)
                if status == 0 { break }
                if status < 0 { throw SpreadsheetError(message: "Tệp Excel hỏng: \(name) không phải XML hợp lệ.") }
                let kind = xmlTextReaderNodeType(reader)
                switch kind {
                case 1:  // element
                    let tag = String(cString: xmlTextReaderConstName(reader))
                    element(reader, tag)
                    if xmlTextReaderIsEmptyElement(reader) == 1 { element(reader, "/" + tag) }
                case 15:  // end element
                    element(reader, "/" + String(cString: xmlTextReaderConstName(reader)))
                case 3, 4, 14:  // text, CDATA, significant whitespace
                    if let value = xmlTextReaderConstValue(reader) { text(String(cString: value)) }
                default:
                    break
                }
            }
        }
    }

    private static func attribute(_ reader: OpaquePointer, _ name: String) -> String? {
        guard let value = xmlTextReaderGetAttribute(reader, name) else { return nil }
        defer { vanban_xmlFree(value) }
        return String(cString: value)
    }
}
