import GRDB

/// SQLite's group commit (`GroupCommit`): the writes of a batch run in one transaction, each in its own savepoint.
enum WriteBatcher {
    typealias Body = @Sendable (Database) throws -> any Sendable

    /// Bounds how long one transaction holds the lock and how long the first writer in it waits.
    static let maximumBatch = 64

    static func make(writer: DatabasePool) -> GroupCommit<Body> {
        GroupCommit(maximumBatch: maximumBatch) { bodies in try await writer.write { db in try run(bodies, in: db) } }
    }

    /// A write that throws rolls back its savepoint only; the others of the batch are kept.
    private static func run(_ bodies: [Body], in db: Database) throws -> [Result<any Sendable, any Error>] {
        var results: [Result<any Sendable, any Error>] = []
        results.reserveCapacity(bodies.count)
        for body in bodies {
            var value: (any Sendable)?
            do {
                try db.inSavepoint {
                    value = try body(db)
                    return .commit
                }
                results.append(.success(value!))
            } catch {
                // SQLite may have rolled the whole transaction back (a full disk, an I/O error): then nothing in
                // this batch can be kept, and the error goes to all of it.
                guard db.isInsideTransaction else { throw error }
                results.append(.failure(error))
            }
        }
        return results
    }
}
