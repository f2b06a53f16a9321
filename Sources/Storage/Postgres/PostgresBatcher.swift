import PostgresNIO

/// Group commit for PostgreSQL: changes that arrive while this process's last transaction is still running wait,
/// and then go together in the next one (`PostgresStore.together`).
///
/// Every signing of a series holds the series' counter row lock until its commit is on disk, so one transaction
/// per signing makes the commit's sync, and the round trips before it, the bound on signings per second across
/// every process. Sharing a transaction keeps the promises of a lone one: each change sees those before it in the
/// batch, a change that throws keeps nothing (a failed signing still takes no number), and nobody hears of success
/// before the COMMIT has returned. If the transaction itself fails (BEGIN, COMMIT, a lost connection), every change
/// in it gets that error, and nothing of it was kept.
actor PostgresBatcher {
    typealias Body = @Sendable (PostgresSession) async throws -> any Sendable
    /// Runs bodies in one transaction and returns each one's outcome, in order; throws when the transaction failed.
    typealias Transaction = @Sendable ([Body]) async throws -> [Result<any Sendable, any Error>]

    private struct Waiting {
        let body: Body
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    /// How many changes one transaction takes at most: it bounds how long the counter lock is held for one batch,
    /// and keeps the subtransactions of a batch within the 64 that PostgreSQL tracks per backend without spilling.
    let maximumBatch: Int
    private let transaction: Transaction
    private var waiting: [Waiting] = []
    private var draining = false
    /// Transactions committed or tried, for tests that show changes were grouped.
    private(set) var transactions = 0

    init(maximumBatch: Int, transaction: @escaping Transaction) {
        precondition(maximumBatch >= 1)
        self.maximumBatch = maximumBatch
        self.transaction = transaction
    }

    /// Runs `body` in the next transaction; returns what it returned once that transaction has committed.
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
            let batch = Array(waiting.prefix(maximumBatch))
            waiting.removeFirst(batch.count)
            transactions += 1
            let results: [Result<any Sendable, any Error>]
            do {
                results = try await transaction(batch.map(\.body))
            } catch {
                results = Array(repeating: .failure(error), count: batch.count)
            }
            for (job, result) in zip(batch, results) { job.continuation.resume(with: result) }
        }
        draining = false
    }
}
