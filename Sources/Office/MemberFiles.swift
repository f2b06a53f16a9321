import Domain
import Templating

extension MemberImport {
    /// A member list file (Excel or CSV, told by its name) read into teams; a file that cannot be read at all is a
    /// `badData` error naming it. Row problems come back in the result.
    public static func members(fileName: String, bytes: [UInt8], defaultVillage: Village?) throws -> Result {
        do {
            return try members(from: try SpreadsheetTable.rows(fileName: fileName, bytes: bytes), defaultVillage: defaultVillage)
        } catch let error as SpreadsheetError {
            throw OfficeError.badData("\(fileName): \(error.message)")
        } catch let error as ImportError {
            throw OfficeError.badData("\(fileName): \(error.message)")
        }
    }
}
