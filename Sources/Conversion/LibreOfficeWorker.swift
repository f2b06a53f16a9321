import Foundation
import Synchronization
import Templating

/// One warm LibreOffice: the Python UNO script (Resources/pdf-worker.py) and the soffice.bin it drives, one process
/// group, with its own folder for the profile, HOME and temporary files. Serves one request at a time; the pool
/// guarantees that.
final class LibreOfficeWorker: Sendable {
    /// The Python script's process, leader of the group.
    let process: ChildProcess
    /// soffice.bin's process id (tests stop or kill it to simulate a hang or a crash).
    let officePID: pid_t
    /// The worker's own folder: `profile/`, `home/`, `tmp/` and `worker.log`.
    let folder: URL
    private let replies: ReplyLines
    private let requests = Atomic(0)

    /// How many requests the worker has been sent.
    var served: Int { requests.load(ordering: .relaxed) }

    /// Why a request did not get a PDF.
    enum Failure: Error {
        /// The worker or its soffice.bin died; the worker is unusable.
        case died(String)
        /// No answer in time; the worker has been killed.
        case timedOut(String)
        /// LibreOffice refused this document; the worker is fine.
        case refused(String)
    }

    private init(process: ChildProcess, officePID: pid_t, folder: URL, replies: ReplyLines) {
        self.process = process
        self.officePID = officePID
        self.folder = folder
        self.replies = replies
    }

    /// Starts a worker in `folder` (created) and waits until its LibreOffice has answered a warm-up export.
    static func start(_ setup: Setup, folder: URL, pipeName: String, registry: ProcessRegistry) async throws -> LibreOfficeWorker {
        for name in ["home", "tmp"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        let home = folder.appendingPathComponent("home").path
        let environment = [
            "HOME": home, "TMPDIR": folder.appendingPathComponent("tmp").path, "PATH": "/usr/bin:/bin",
            "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1", "SAL_USE_VCLPLUGIN": "svp",
        ]
        let log = folder.appendingPathComponent("worker.log")
        let process: ChildProcess
        do {
            process = try ChildProcess(executable: setup.python, arguments: [
                setup.script, setup.officeBinary, folder.appendingPathComponent("profile").absoluteString, pipeName,
            ], environment: environment, errorLog: log.path)
        } catch {
            throw ConversionError.workerStartFailed(detail: String(describing: error))
        }
        guard registry.add(process) else {
            process.killGroup()
            throw ConversionError.shutDown
        }
        do {
            // The worker's folder goes when its process has gone, so that restarts leave no profiles behind.
        let replies = ReplyLines(process, log: log) { [registry] in registry.removeWorkerFolder(folder) }
            return try await ready(process, replies: replies, folder: folder, log: log, timeout: setup.startTimeout)
        } catch {
            process.killGroup()
            registry.remove(process)
            throw error
        }
    }

    /// The worker once its first line says it is ready, or the error its first line (or its silence) tells.
    private static func ready(_ process: ChildProcess, replies: ReplyLines, folder: URL, log: URL, timeout: Duration) async throws -> LibreOfficeWorker {
        switch await replies.next(within: timeout, killing: process) {
        case .line(let line):
            let reply = try? JSONDecoder().decode(Reply.self, from: Data(line.utf8))
            if reply?.ready == true, let officePID = reply?.officePID {
                return LibreOfficeWorker(process: process, officePID: officePID, folder: folder, replies: replies)
            }
            if reply?.missingUNO == true { throw ConversionError.notInstalled(tool: "python3-uno", package: "python3-uno") }
            throw ConversionError.workerStartFailed(detail: "\(reply?.error ?? line) \(tail(of: log))")
        case .timedOut:
            throw ConversionError.workerStartFailed(detail: "not ready within \(timeout), killed. \(tail(of: log))")
        case .end(_, let log):
            throw ConversionError.workerStartFailed(detail: "exited while starting. \(log)")
        }
    }

    /// Converts the file at `input` to a PDF at `output`; after `timeout` the worker is killed.
    func convert(input: URL, output: URL, format: DocumentFormat, options: PDFOptions, timeout: Duration) async throws(Failure) {
        requests.add(1, ordering: .relaxed)
        let request = Request(input: input.path, output: output.path, filter: format.libreOfficeFilter,
                              pdfVersion: options.libreOfficePDFVersion)
        guard let line = try? JSONEncoder().encode(request), process.send(Array(line) + [UInt8(ascii: "\n")]) else {
            throw .died("the worker no longer reads requests. \(Self.tail(of: logFile))")
        }
        switch await replies.next(within: timeout, killing: process) {
        case .line(let line):
            guard let reply = try? JSONDecoder().decode(Reply.self, from: Data(line.utf8)), let ok = reply.ok else {
                stop()
                throw .died("unreadable reply: \(line)")
            }
            if ok { return }
            if reply.officeDied == true { throw .died(reply.error ?? "soffice.bin died") }
            throw .refused(reply.error ?? "no detail")
        case .timedOut:
            throw .timedOut("no answer within \(timeout)")
        case .end(let status, let log):
            throw .died("the worker exited (wait status \(status)). \(log)")
        }
    }

    /// Kills the worker's whole process group.
    func stop() {
        process.killGroup()
    }

    private var logFile: URL { folder.appendingPathComponent("worker.log") }

    /// The last lines of a worker's log, for error details.
    fileprivate static func tail(of log: URL) -> String {
        guard let text = try? String(contentsOf: log, encoding: .utf8), !text.isEmpty else { return "(log empty)" }
        return "Log: " + String(text.suffix(600)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What the setup of every worker of a pool shares.
    struct Setup: Sendable {
        var python: String
        var script: String
        var officeBinary: String
        var startTimeout: Duration
    }

    private struct Request: Encodable {
        let input: String
        let output: String
        let filter: String
        let pdfVersion: Int
        enum CodingKeys: String, CodingKey {
            case input, output, filter
            case pdfVersion = "pdf_version"
        }
    }

    private struct Reply: Decodable {
        var ready: Bool?
        var officePID: Int32?
        var missingUNO: Bool?
        var ok: Bool?
        var error: String?
        var officeDied: Bool?
        enum CodingKeys: String, CodingKey {
            case ready, ok, error
            case officePID = "office_pid"
            case missingUNO = "missing_uno"
            case officeDied = "office_died"
        }
    }
}

/// The lines a worker writes, read on a thread of their own (a blocking read must not hold one of the few
/// threads of Swift's cooperative pool), handed to one waiting request at a time.
final class ReplyLines: Sendable {
    private let state = Mutex(State())

    private struct State {
        var lines: [String] = []
        var end: Next?
        var waiter: CheckedContinuation<Next, Never>?
    }

    /// What `next` got.
    enum Next: Sendable {
        case line(String)
        case timedOut
        /// The worker closed its output and exited with this wait status; the end of its log.
        case end(Int32, String)
    }

    /// Starts reading `process`'s output; once it has exited and been reaped, the end of its `log` is kept for the
    /// answer and `onExit` runs.
    init(_ process: ChildProcess, log: URL, onExit: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            var pending: [UInt8] = []
            while true {
                let chunk = process.receive()
                if chunk.isEmpty { break }
                pending += chunk
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    deliver(.line(String(decoding: pending[..<newline], as: UTF8.self)))
                    pending.removeSubrange(...newline)
                }
            }
            let status = process.waitForExit()
            let end = Next.end(status, LibreOfficeWorker.tail(of: log))
            onExit()
            deliver(end)
        }
        thread.name = "pdf-worker-\(process.pid)"
        thread.start()
    }

    /// The next line, or the end; after `timeout` the process group is killed and the answer is `.timedOut`.
    func next(within timeout: Duration, killing process: ChildProcess) async -> Next {
        let timedOut = Atomic(false)
        let timer = Task {
            try await Task.sleep(for: timeout)
            timedOut.store(true, ordering: .sequentiallyConsistent)
            process.killGroup()
        }
        let next = await withCheckedContinuation { continuation in
            let ready: Next? = state.withLock { state in
                if !state.lines.isEmpty { return .line(state.lines.removeFirst()) }
                if let end = state.end { return end }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
        timer.cancel()
        if timedOut.load(ordering: .sequentiallyConsistent), case .end = next { return .timedOut }
        return next
    }

    private func deliver(_ next: Next) {
        let waiter: CheckedContinuation<Next, Never>? = state.withLock { state in
            switch next {
            case .line(let line):
                if let waiter = state.waiter {
                    state.waiter = nil
                    return waiter
                }
                state.lines.append(line)
            case .end:
                state.end = next
                defer { state.waiter = nil }
                return state.waiter
            case .timedOut:
                break
            }
            return nil
        }
        waiter?.resume(returning: next)
    }
}

/// Every process a pool started, so that shutdown (or the pool's deinit) can kill them all, even one still starting.
final class ProcessRegistry: Sendable {
    private let state = Mutex<(open: Bool, processes: [pid_t: ChildProcess])>((true, [:]))

    /// Whether processes may still be added (the pool is not shut down).
    var isOpen: Bool { state.withLock { $0.open } }

    /// Records `process`, forgetting those that have exited; false once the registry is closed (the caller must
    /// kill it).
    func add(_ process: ChildProcess) -> Bool {
        state.withLock { state in
            guard state.open else { return false }
            state.processes = state.processes.filter { !$0.value.hasExited }
            state.processes[process.pid] = process
            return true
        }
    }

    /// Forgets a process that has been stopped for good.
    func remove(_ process: ChildProcess) {
        _ = state.withLock { $0.processes.removeValue(forKey: process.pid) }
    }

    /// Removes a stopped worker's folder, unless the pool is closing (its whole folder goes then). Under the lock, so
    /// that it never runs at the same time as `removePoolFolder`: two removals of one tree trip over each other.
    func removeWorkerFolder(_ folder: URL) {
        state.withLock { state in
            if state.open { try? FileManager.default.removeItem(at: folder) }
        }
    }

    /// Removes the pool's folder, once closed.
    func removePoolFolder(_ folder: URL) {
        state.withLock { _ in try? FileManager.default.removeItem(at: folder) }
    }

    /// Refuses new processes and kills every recorded one; returns them so the caller can wait for their exit.
    func closeAndKillAll() -> [ChildProcess] {
        let processes = state.withLock { state in
            state.open = false
            return Array(state.processes.values)
        }
        for process in processes { process.killGroup() }
        return processes
    }
}
