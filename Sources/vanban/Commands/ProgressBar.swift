import Foundation
import Synchronization

/// A one-line progress bar on standard error, drawn only when standard error is a terminal and the batch has more
/// than one item; redrawn at most every 50 ms so that drawing never slows the work.
final class ProgressBar: Sendable {
    private let label: String
    private let enabled: Bool
    private let state = Mutex(State())

    private struct State {
        var lastDraw: ContinuousClock.Instant?
        var drawn = false
    }

    init(label: String, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.enabled = enabled
    }

    func update(done: Int, total: Int, suffix: String = "") {
        guard enabled, total > 1 else { return }
        state.withLock { state in
            let now = ContinuousClock.now
            if done < total, let last = state.lastDraw, now - last < .milliseconds(50) { return }
            state.lastDraw = now
            state.drawn = true
            FileHandle.standardError.write(Data(("\r" + Self.line(label: label, done: done, total: total, suffix: suffix)).utf8))
        }
    }

    /// Ends the bar's line so that what follows starts on a new one.
    func finish() {
        state.withLock { state in
            if state.drawn { FileHandle.standardError.write(Data("\n".utf8)) }
            state.drawn = false
            state.lastDraw = nil
        }
    }

    /// `Tạo văn bản [##########----------]  775/1550  50% DOCX`
    static func line(label: String, done: Int, total: Int, suffix: String, width: Int = 30) -> String {
        let fraction = total == 0 ? 1 : Double(done) / Double(total)
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let count = String(done).leftPadded(to: String(total).count)
        let percent = String(Int((fraction * 100).rounded(.down))).leftPadded(to: 3)
        return "\(label) [\(bar)] \(count)/\(total) \(percent)%" + (suffix.isEmpty ? "" : " \(suffix)")
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
