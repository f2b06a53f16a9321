/// Why a spreadsheet could not be read at all, in Vietnamese.
public struct SpreadsheetError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// The cells of a spreadsheet file as rows of text: the first worksheet of an .xlsx workbook (read with the
/// project's zip reader and libxml2, like templates), or a CSV file as Excel and LibreOffice save it.
public enum SpreadsheetTable {
    /// Reads a `.xlsx` or `.csv` file, chosen by its name.
    public static func rows(fileName: String, bytes: [UInt8]) throws(SpreadsheetError) -> [[String]] {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".xlsx") { return try XLSXTable.rows(bytes) }
        if lower.hasSuffix(".csv") || lower.hasSuffix(".txt") { return try CSVTable.rows(bytes) }
        if lower.hasSuffix(".xls") {
            throw SpreadsheetError(message: "Tệp .xls (Excel 97–2003) chưa đọc được; hãy lưu lại thành .xlsx hoặc CSV UTF-8.")
        }
        throw SpreadsheetError(message: "Chỉ nhận tệp .xlsx hoặc .csv (tệp đã gửi: \(fileName)).")
    }
}
