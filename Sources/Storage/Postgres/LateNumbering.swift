import Foundation
import PostgresNIO
import Synchronization

/// A signing decided under its document's lock in a shared transaction, waiting for its number.
///
/// Signings of a series queue on its counter row's lock, held until the transaction commits, so the time a
/// transaction holds it bounds signings per second across all processes. Every change of a transaction therefore
/// first locks its document and decides (the refusals, the guards, the rule checks) without it; then the transaction
/// locks each series' counter once, renders the waiting signings' final versions side by side, and writes them all in
/// one statement (`PostgresStore.number`). Before, the first signing locked the counter with its facts, and every
/// later change of the transaction read, rendered and wrote one round trip after another while holding it.
struct PendingNumber: Sendable {
    let decided: DecidedAction
    let counter: CounterKey
    /// The request's idempotency key.
    let key: String?
    /// The final version being rendered but for its number, beside the transaction, when it can be
    /// (`FinalAwaitingNumber`): the number is then filled in under the lock instead of rendered there.
    let awaiting: Task<(any FinalAwaitingNumber)?, Never>?

    init(decided: DecidedAction, counter: CounterKey, key: String?) {
        self.decided = decided
        self.counter = counter
        self.key = key
        awaiting = decided.numberKey == nil ? nil : Task.detached { decided.finalAwaitingNumber() }
    }

    var documentID: Int64 { decided.document.id }
    /// The key as `PostgresStore.Body.requestKey` names it.
    var requestKey: String? { key.map { PostgresStore.Body.requestKey(userID: decided.request.userID, key: $0) } }
}

/// How the signings of this process were written: how many statements wrote how many signings together, and how
/// often a transaction ran again writing them one by one because such a statement failed.
struct NumberingCounts: Sendable, Equatable {
    var statements = 0
    var signings = 0
    var oneByOne = 0
}

final class NumberingTally: Sendable {
    private let counts = Mutex(NumberingCounts())
    var current: NumberingCounts { counts.withLock { $0 } }
    func wrote(_ signings: Int) { counts.withLock { $0.statements += 1; $0.signings += signings } }
    func wroteOneByOne() { counts.withLock { $0.oneByOne += 1 } }
}

extension PostgresStore {
    /// How a transaction's waiting signings end.
    enum Numbering {
        /// All written; each one's outcome.
        case written([(index: Int, outcome: ChangeOutcome)])
        /// The signing at `index` failed (its render); the transaction must be rolled back and run without it.
        case failed(index: Int, error: any Error)
        /// The statement that writes them together failed, for a reason none of them can be singled out for.
        case statementFailed(any Error)
    }

    /// Gives the waiting signings their numbers, in the order they were queued: locks each series' counter row
    /// (making it at the series' first signing of the year), renders the final versions side by side, and writes
    /// them, in one statement when `together`, else one statement each, so that a failure names its signing.
    static func number(_ pending: [(index: Int, change: PendingNumber)], in db: PostgresSession,
                       together: Bool, tally: NumberingTally?) async throws -> Numbering {
        // The renders made beside the transaction are awaited before the lock, which is held for filling them in.
        var awaiting: [(any FinalAwaitingNumber)?] = []
        for (_, change) in pending { awaiting.append(await change.awaiting?.value) }
        var last: [CounterKey: Int] = [:]
        // Rows are locked in one order in every transaction, so that two transactions do not deadlock on them.
        for key in Set(pending.map(\.change.counter)).sorted() {
            last[key] = try await lockCounter(key, in: db)
        }
        var numbered: [(index: Int, change: PendingNumber, lastNumber: Int)] = []
        for (index, change) in pending {
            numbered.append((index, change, last[change.counter]!))
            last[change.counter]! += 1
        }
        let plans = await withTaskGroup(of: (Int, Result<ChangePlan, StoreError>).self) { group in
            for (position, item) in numbered.enumerated() {
                let early = awaiting[position]
                group.addTask {
                    (position, Result { () throws(StoreError) in
                        try item.change.decided.plan(lastNumber: item.lastNumber, awaiting: early)
                    })
                }
            }
            var plans = [Result<ChangePlan, StoreError>?](repeating: nil, count: numbered.count)
            for await (position, plan) in group { plans[position] = plan }
            return plans.map { $0! }
        }
        var ready: [(plan: ChangePlan, key: String?)] = []
        for (item, plan) in zip(numbered, plans) {
            switch plan {
            case let .success(plan): ready.append((plan, item.change.key))
            case let .failure(error): return .failed(index: item.index, error: error)
            }
        }
        if together {
            do {
                let outcomes = try await apply(db, plans: ready, counters: last)
                tally?.wrote(ready.count)
                return .written(zip(numbered, outcomes).map { ($0.index, $1) })
            } catch where !PostgresFailure.isRetryable(error) {
                return .statementFailed(error)
            }
        }
        var written: [(index: Int, outcome: ChangeOutcome)] = []
        for (item, plan) in zip(numbered, ready) {
            do {
                let counter = [item.change.counter: item.lastNumber + 1]
                written.append((item.index, try await apply(db, plans: [plan], counters: counter)[0]))
            } catch where !PostgresFailure.isRetryable(error) {
                return .failed(index: item.index, error: error)
            }
        }
        return .written(written)
    }

    /// Locks a series' counter row, made if missing, and returns its last number (0 before the first).
    private static func lockCounter(_ key: CounterKey, in db: PostgresSession) async throws -> Int {
        let select: PostgresQuery = """
            SELECT last_number FROM number_counters
            WHERE commune_id = \(key.communeID) AND series = \(key.series) AND year = \(key.year) FOR UPDATE
            """
        if let row = try await db.row(select) { return try row.int("last_number") }
        try await db.run("""
            INSERT INTO number_counters (commune_id, series, year, last_number)
            VALUES (\(key.communeID), \(key.series), \(key.year), 0) ON CONFLICT DO NOTHING
            """)
        return try await db.row(select)!.int("last_number")
    }
}
