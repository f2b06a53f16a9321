import Foundation
import PostgresNIO

/// One leased connection. Every statement's rows are read to the end before the next statement: postgres-nio
/// delivers an error raised while rows are produced only to the row sequence, and a transaction whose error was
/// never read is rolled back at COMMIT without a word (docs/postgres-nio.md, gotcha 1). Nothing else in the store
/// calls `query` or `execute`.
struct PostgresSession {
    let connection: PostgresConnection
    let logger: Logger

    @discardableResult
    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        try await connection.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
    }

    /// A statement prepared once per connection (postgres-nio keeps it by name), read to the end like the others.
    func rows<Statement: PostgresPreparedStatement>(_ statement: Statement) async throws -> [Statement.Row] {
        var rows: [Statement.Row] = []
        for try await row in try await connection.execute(statement, logger: logger) { rows.append(row) }
        return rows
    }

    func row(_ query: PostgresQuery) async throws -> PostgresRandomAccessRow? {
        try await rows(query).first
    }

    func run(_ query: PostgresQuery) async throws {
        try await rows(query)
    }
}

/// postgres-nio's rows as the shared record decoding reads them.
extension PostgresRandomAccessRow: RecordColumns {
    func text(_ column: String) throws -> String { try self[column].decode(String.self) }
    func optionalText(_ column: String) throws -> String? { try self[column].decode(String?.self) }
    func integer(_ column: String) throws -> Int64 { try self[column].decode(Int64.self) }
    func optionalInteger(_ column: String) throws -> Int64? { try self[column].decode(Int64?.self) }
    func bytes(_ column: String) throws -> Data { try self[column].decode(Data.self) }
    func optionalBytes(_ column: String) throws -> Data? { try self[column].decode(Data?.self) }
    func flag(_ column: String) throws -> Bool { try self[column].decode(Bool.self) }
}

/// What the store makes of postgres-nio's errors.
enum PostgresFailure {
    /// The error a transaction's closure, its BEGIN or its COMMIT threw, out of postgres-nio's wrapper.
    static func cause(of error: any Error) -> any Error {
        guard let wrapped = error as? PostgresTransactionError else { return error }
        return wrapped.closureError ?? wrapped.commitError ?? wrapped.beginError ?? wrapped.rollbackError ?? error
    }

    static func sqlState(of error: any Error) -> String? {
        (cause(of: error) as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// A serialization failure or a deadlock, or a concurrent retry that stored the same idempotency key first: the
    /// whole transaction is worth running again, and its second run sees what the other one committed.
    static func isRetryable(_ error: any Error) -> Bool {
        guard let error = cause(of: error) as? PSQLError, let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40001" || state == "40P01"
            || (state == "23505" && error.serverInfo?[.tableName] == "idempotency_keys")
    }

    /// A `StoreError` as it was thrown; a database error as `StoreError.database`; anything else unchanged.
    static func translated(_ error: any Error) -> any Error {
        let cause = cause(of: error)
        if let storeError = cause as? StoreError { return storeError }
        if let error = cause as? PSQLError { return StoreError.database(describe(error)) }
        return cause
    }

    /// The server's message, detail and SQLSTATE with the statement; for a client-side failure (connection, protocol)
    /// what failed and why. `"\(error)"` of a PSQLError says nothing useful.
    static func describe(_ error: any Error) -> String {
        guard let error = cause(of: error) as? PSQLError else { return String(describing: error) }
        if let info = error.serverInfo, let message = info[.message] {
            var text = message
            if let detail = info[.detail] { text += " (\(detail))" }
            text += " [SQLSTATE \(info[.sqlState] ?? "?")]"
            if let sql = error.query?.sql {
                text += " in: " + sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            }
            return text
        }
        var text = "\(error.code)"
        if let underlying = error.underlying { text += ": \(underlying)" }
        return text
    }
}
