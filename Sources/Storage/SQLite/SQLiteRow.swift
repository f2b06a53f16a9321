import Foundation
import GRDB

/// GRDB's rows as the shared record decoding reads them.
extension Row: RecordColumns {
    func text(_ column: String) -> String { value(column) }
    func optionalText(_ column: String) -> String? { optionalValue(column) }
    func integer(_ column: String) -> Int64 { value(column) }
    func optionalInteger(_ column: String) -> Int64? { optionalValue(column) }
    func bytes(_ column: String) -> Data { value(column) }
    func optionalBytes(_ column: String) -> Data? { optionalValue(column) }
    func flag(_ column: String) -> Bool { value(column) }

    private func value<Value: DatabaseValueConvertible>(_ column: String) -> Value {
        if let position = exactPosition(column) { return self[position] }
        return self[column]
    }

    private func optionalValue<Value: DatabaseValueConvertible>(_ column: String) -> Value? {
        if let position = exactPosition(column) { return self[position] }
        return self[column]
    }

    /// Where a column spelt exactly as `column` is. Queries name columns as the schema writes them, so this finds
    /// them without GRDB's case-insensitive search, which lower-cases names at every lookup; any other spelling is
    /// left to that search.
    private func exactPosition(_ column: String) -> Int? {
        var position = 0
        for name in columnNames {
            if name == column { return position }
            position += 1
        }
        return nil
    }
}
