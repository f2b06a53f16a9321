import Dispatch
import Synchronization

/// Signing's final render made beside the write lock, on a forecast of the number.
///
/// Under the write lock a signing takes its number and renders the final version. That render (mostly deflating
/// `content.xml`) was about half of the time a signing held SQLite's write lock, and the lock is what bounds signings
/// per second. Within one process the group commit runs writes in the order they were queued, so the number a
/// signing will get is foreseeable when it is queued: the series' last number plus the signings of the series queued
/// before it. The render with that number starts when the signing is queued and runs beside the lock.
///
/// Under the lock the store takes the number from the counter as always, and uses the early render only when it was
/// made from the current version for an equal issue (number, notation, date, signer, instant); otherwise it renders
/// as before. A wrong forecast costs time, never correctness.
final class NumberForecast: Sendable {
    struct Key: Hashable, Sendable {
        let communeID: String
        let series: String
        let year: Int
    }

    /// A forecast handed to one signing. `correction` is how far the series' forecasts had been moved when it was
    /// taken, so that a difference learnt from an earlier ticket is not counted twice.
    struct Ticket: Sendable, Equatable {
        let key: Key
        let number: Int
        let correction: Int
    }

    private struct Series {
        var last = 0
        var correction = 0
    }

    private let series = Mutex<[Key: Series]>([:])

    /// The number a signing queued now will likely get: the one after the last forecast of its series, or after
    /// `floor` (the series' last number as a snapshot saw it) when that is higher.
    func take(_ key: Key, floor: Int) -> Ticket {
        series.withLock { all in
            var entry = all[key] ?? Series()
            entry.last = max(entry.last, floor) + 1
            all[key] = entry
            return Ticket(key: key, number: entry.last, correction: entry.correction)
        }
    }

    /// Learns the number a ticket's signing really got. A difference the ticket could not know of (a signing queued
    /// before it failed, another process signed in the series) moves the later forecasts by as much.
    func settle(_ ticket: Ticket, actual: Int) {
        series.withLock { all in
            guard var entry = all[ticket.key] else { return }
            let unexplained = (actual - ticket.number) - (entry.correction - ticket.correction)
            guard unexplained != 0 else { return }
            entry.last += unexplained
            entry.correction += unexplained
            all[ticket.key] = entry
        }
    }
}

/// One signing's early render: made by whoever comes first, a task beside the lock or the store under the lock,
/// never by both. The store waits only for a render already under way, which ends sooner than a new one would.
final class EarlyFinal: Sendable {
    private enum Phase {
        /// Not queued yet, or queued and nobody renders yet.
        case waiting
        /// Rendering beside the lock.
        case rendering
        case made(FinalDocument?)
        /// The store came first and renders under the lock itself.
        case skipped
    }

    private struct Slot {
        var ticket: NumberForecast.Ticket?
        var issue: Issue?
        var phase = Phase.waiting
        var used = false
    }

    private let key: NumberForecast.Key
    private let floor: Int
    private let makeIssue: @Sendable (Int) -> Issue
    private let prepared: any PreparedVersion
    private let slot = Mutex(Slot())
    private let finished = DispatchSemaphore(value: 0)

    /// `floor` is the series' last number as a snapshot saw it; `makeIssue` gives the issue of a number.
    init(key: NumberForecast.Key, floor: Int, prepared: any PreparedVersion, makeIssue: @escaping @Sendable (Int) -> Issue) {
        self.key = key
        self.floor = floor
        self.prepared = prepared
        self.makeIssue = makeIssue
    }

    /// Called when the signing has its place in the write queue: takes the forecast and starts the render.
    func queued(in forecast: NumberForecast) {
        foresee(in: forecast)
        Task.detached { self.render() }
    }

    /// Takes the forecast number and the issue it would give.
    func foresee(in forecast: NumberForecast) {
        let ticket = forecast.take(key, floor: floor)
        slot.withLock {
            $0.ticket = ticket
            $0.issue = makeIssue(ticket.number)
        }
    }

    /// Renders beside the lock, unless the store has already begun the signing.
    func render() {
        let issue = slot.withLock { slot -> Issue? in
            guard case .waiting = slot.phase, let issue = slot.issue else { return nil }
            slot.phase = .rendering
            return issue
        }
        guard let issue else { return }
        let made = try? prepared.final(issue: issue)
        slot.withLock { $0.phase = .made(made) }
        finished.signal()
    }

    /// Under the lock: the early render when it was made from `versionSHA256` for `issue`; nil when the store must
    /// render. Either way, no render starts beside the lock after this.
    func final(for issue: Issue, versionSHA256: String) -> FinalDocument? {
        let fits = versionSHA256 == prepared.versionSHA256
        let phase = slot.withLock { slot -> Phase in
            if case .waiting = slot.phase { slot.phase = .skipped }
            return slot.issue == issue && fits ? slot.phase : .skipped
        }
        let final: FinalDocument?
        switch phase {
        case .waiting, .skipped:
            final = nil
        case .made(let made):
            final = made
        case .rendering:
            finished.wait()
            if case .made(let made) = slot.withLock({ $0.phase }) { final = made } else { final = nil }
        }
        slot.withLock { $0.used = final != nil }
        return final
    }

    /// Whether `final(for:versionSHA256:)` gave the early render.
    var wasUsed: Bool { slot.withLock { $0.used } }

    /// Tells the forecast the number the signing really got.
    func settle(actual: Int, in forecast: NumberForecast) {
        if let ticket = slot.withLock({ $0.ticket }) { forecast.settle(ticket, actual: actual) }
    }
}

/// How many signings used a render made beside the lock, and how many rendered under it.
public struct EarlyFinalCounts: Sendable, Equatable, Codable {
    public var used = 0
    public var renderedUnderLock = 0
}

final class EarlyFinalTally: Sendable {
    private let counts = Mutex(EarlyFinalCounts())
    var current: EarlyFinalCounts { counts.withLock { $0 } }
    func record(used: Bool) {
        counts.withLock { if used { $0.used += 1 } else { $0.renderedUnderLock += 1 } }
    }
}
