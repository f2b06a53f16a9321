@testable import Domain
import Templating

extension MemberImport {
    /// A member file read as the command line and the server read it: spreadsheet rows (Templating), then members
    /// (Domain). A file that cannot be read at all is reported as an `ImportError` either way.
    static func read(fileName: String, bytes: [UInt8], defaultVillage: Village? = nil) throws(ImportError) -> Result {
        let rows: [[String]]
        do { rows = try SpreadsheetTable.rows(fileName: fileName, bytes: bytes) } catch { throw ImportError(message: error.message) }
        return try members(from: rows, defaultVillage: defaultVillage)
    }
}
