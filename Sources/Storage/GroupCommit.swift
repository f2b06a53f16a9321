/// Group commit: writes that arrive while the store's last transaction is still running wait, and then go together
/// in the next one. Both stores use it (`SQLiteStore`, `PostgresStore`); each says how to run a batch in one
/// transaction.
///
/// Why: SQLite syncs the WAL at every commit, and on PostgreSQL every signing of a series holds the series' counter
/// row lock until its commit is on disk. One transaction per signing makes the sync (and on PostgreSQL the round trips
/// before it) the bound on signings per second. Sharing a transaction keeps the promises of a lone one, which the
/// store's `Transaction` must keep: each write sees those before it in the batch, a write that throws keeps nothing
/// (a failed signing still takes no number), and nobody hears of success before the commit is on disk. If the
/// transaction itself fails, every write in it gets that error.
actor GroupCommit<Body: Sendable> {
    /// Runs bodies in one transaction and returns each one's outcome, in order; throws when the transaction failed.
    typealias Transaction = @Sendable ([Body]) async throws -> [Result<any Sendable, any Error>]

    private struct Waiting {
        let body: Body
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    /// How many writes one transaction takes at most: it bounds how long one batch holds the locks and how long its
    /// first writer waits.
    let maximumBatch: Int
    private let transaction: Transaction
    private var waiting: [Waiting] = []
    private var draining = false
    /// Transactions committed or tried, for tests that show writes were grouped.
    private(set) var transactions = 0

    init(maximumBatch: Int, transaction: @escaping Transaction) {
        precondition(maximumBatch >= 1)
        self.maximumBatch = maximumBatch
        self.transaction = transaction
    }

    /// Runs `body` in the next transaction; returns what it returned once that transaction has committed.
    /// `whenQueued` runs once the body has its place in the queue, before any later write is queued: writes run in
    /// that order, which is what lets a signing foresee its number (`NumberForecast`).
    func perform(whenQueued: (@Sendable () -> Void)? = nil, _ body: Body) async throws -> any Sendable {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append(Waiting(body: body, continuation: continuation))
            whenQueued?()
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
