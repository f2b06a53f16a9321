/// Reads a CSV file as Excel and LibreOffice save it: UTF-8 with or without a byte-order mark, comma or semicolon
/// separated (Excel in Vietnamese locales writes semicolons), fields quoted with `"` and `""` inside quotes.
enum CSVTable {
    static func rows(_ bytes: [UInt8]) throws(SpreadsheetError) -> [[String]] {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else {
            throw SpreadsheetError(message: "Tệp CSV không phải UTF-8. Trong Excel, hãy lưu lại bằng “CSV UTF-8 (Comma delimited)”; trong LibreOffice, chọn bộ ký tự Unicode (UTF-8).")
        }
        let separator = detectSeparator(text)
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let after = iterator.next() {
                        if after == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = after }
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty:
                quoted = true
            case separator:
                row.append(field)
                field = ""
            case "\r":
                if let after = iterator.next(), after != "\n" { pending = after }
                fallthrough
            case "\n":
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            default:
                field.unicodeScalars.append(c)
            }
        }
        if quoted { throw SpreadsheetError(message: "Tệp CSV có một ô mở dấu ngoặc kép mà không đóng (dòng \(rows.count + 1)).") }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }

    /// The separator of the first line: the more frequent of `;` and `,` outside quotes (comma when tied).
    static func detectSeparator(_ text: String) -> Unicode.Scalar {
        var commas = 0, semicolons = 0, quoted = false
        for c in text.unicodeScalars {
            if c == "\"" { quoted.toggle() }
            if quoted { continue }
            if c == "\n" || c == "\r" { break }
            if c == "," { commas += 1 }
            if c == ";" { semicolons += 1 }
        }
        return semicolons > commas ? ";" : ","
    }
}
