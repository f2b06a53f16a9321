import GRDB

/// Group commit for SQLite: writes that arrive while a transaction is being written and synced wait, and then go
/// together in the next transaction, each in its own savepoint.
///
/// SQLite has one writer and syncs the WAL at every commit (`synchronous = FULL`), so one commit per signing makes
/// the disk's sync time the bound on signings per second. Sharing a commit keeps every promise a lone transaction
/// gives: each write sees the ones before it in the batch, a write that throws rolls back its savepoint only (a
/// failed signing still takes no number), and nobody hears of success before the commit is on disk. If the
/// transaction itself fails, every write in it gets the error.
actor WriteBatcher {
    typealias Body = @Sendable (Database) throws -> any Sendable

    private struct Waiting {
        let body: Body
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    /// Bounds how long one transaction holds the lock and how long the first writer in it waits.
    static let maximumBatch = 64

    private let writer: DatabasePool
    private var waiting: [Waiting] = []
    private var draining = false
    /// Transactions committed or tried, for tests that show writes were grouped.
    private(set) var transactions = 0

    init(writer: DatabasePool) {
        self.writer = writer
    }

    /// Runs `body` in a savepoint of the next transaction; returns when that transaction has committed.
    func perform(_ body: @escaping Body) async throws -> any Sendable {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append(Waiting(body: body, continuation: continuation))
            if !draining {
                draining = true
                Task { await drain() }
            }
        }
    }

    private func drain() async {
        while !waiting.isEmpty {
            let batch = Array(waiting.prefix(Self.maximumBatch))
            waiting.removeFirst(batch.count)
            transactions += 1
            let bodies = batch.map(\.body)
            let results: [Result<any Sendable, any Error>]
            do {
                results = try await writer.write { db in try Self.run(bodies, in: db) }
            } catch {
                results = Array(repeating: .failure(error), count: batch.count)
            }
            for (job, result) in zip(batch, results) { job.continuation.resume(with: result) }
        }
        draining = false
    }

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
