import Foundation
import GRDB

/// GRDB's rows as the shared record decoding reads them.
extension Row: RecordColumns {
    func text(_ column: String) -> String { self[column] }
    func optionalText(_ column: String) -> String? { self[column] }
    func integer(_ column: String) -> Int64 { self[column] }
    func optionalInteger(_ column: String) -> Int64? { self[column] }
    func bytes(_ column: String) -> Data { self[column] }
    func flag(_ column: String) -> Bool { self[column] }
}
