import Foundation
import GRDB

/// A row of a running query, read in place by column name. GRDB's `Row.fetchOne` copies each row, and reading a row
/// by name walks its column names through the row's storage at every lookup; under the write lock a signing reads
/// four or five records, and the copies and lookups were about a fifth of the writer's CPU. This reads the values
/// straight from the statement, at positions found in the statement's own list of names (the first column of a
/// name, when a join repeats one).
struct QueryRow: RecordColumns {
    let row: Row
    let names: [String]

    func text(_ column: String) -> String { value(column) }
    func optionalText(_ column: String) -> String? { optionalValue(column) }
    func integer(_ column: String) -> Int64 { value(column) }
    func optionalInteger(_ column: String) -> Int64? { optionalValue(column) }
    func bytes(_ column: String) -> Data { value(column) }
    func optionalBytes(_ column: String) -> Data? { optionalValue(column) }
    func flag(_ column: String) -> Bool { value(column) }

    private func value<Value: DatabaseValueConvertible>(_ column: String) -> Value {
        if let position = names.firstIndex(of: column) { return row[position] }
        return row[column]
    }

    private func optionalValue<Value: DatabaseValueConvertible>(_ column: String) -> Value? {
        if let position = names.firstIndex(of: column) { return row[position] }
        return row[column]
    }
}

extension Statement {
    /// The first row of the query with `arguments`, decoded in place by `decode`; nil when there is none.
    func one<T>(_ arguments: StatementArguments, _ decode: (QueryRow) throws -> T) throws -> T? {
        let cursor = try Row.fetchCursor(self, arguments: arguments)
        let names = columnNames
        return try withExtendedLifetime(cursor) {
            try cursor.next().map { try decode(QueryRow(row: $0, names: names)) }
        }
    }

    /// Every row of the query with `arguments`, decoded in place by `decode`.
    func all<T>(_ arguments: StatementArguments, _ decode: (QueryRow) throws -> T) throws -> [T] {
        let cursor = try Row.fetchCursor(self, arguments: arguments)
        let names = columnNames
        var all: [T] = []
        while let row = try cursor.next() { all.append(try decode(QueryRow(row: row, names: names))) }
        return all
    }
}
