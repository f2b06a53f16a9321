import Foundation
import Templating

/// Converts ODT and DOCX to PDF with a pool of warm LibreOffice workers, shared by every request of a long-running
/// server.
///
/// Each worker is one soffice.bin, started once and kept running, driven through UNO by a small Python script
/// (Resources/pdf-worker.py, Debian's python3-uno), with its own profile, HOME and temporary folder under one folder
/// of the pool that `shutdown()` removes. Workers start lazily, on the first request that finds no idle one (or all
/// at once with `warmUp()`). Requests take a free worker or wait in a bounded first-come, first-served queue.
/// A worker that does not answer within the timeout is killed with SIGKILL, process group included, and the
/// request fails with `ConversionError.timedOut`; a worker that dies during a request is replaced and the request
/// is retried once on a fresh worker (a crash is often not the document's fault, a hang usually is). Either way a
/// new worker is started at once in the background, so the pool keeps its size; so is one for a worker that has
/// served `conversionsPerWorker` requests.
public actor LibreOfficePool: PDFConverter {
    /// The pool's settings.
    public nonisolated let configuration: Configuration
    /// The folder holding every worker's profile and every request's files; removed by `shutdown()`.
    public nonisolated let folder: URL
    private nonisolated let setup: LibreOfficeWorker.Setup
    private nonisolated let registry = ProcessRegistry()
    private var slots: [Slot]
    private var waiters: [Waiter] = []
    private var nextWaiterID = 0
    private var started = 0
    private var restarts = 0
    private var recycled = 0
    private var isShutDown = false

    private enum Slot {
        case empty
        case starting
        case idle(LibreOfficeWorker)
        case busy(LibreOfficeWorker)
    }

    /// What a waiting request is given: a warm worker, or a slot to start one in.
    private enum Grant {
        case worker(Int, LibreOfficeWorker)
        case start(Int)
    }

    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Grant, any Error>
    }

    /// Checks that LibreOffice and python3-uno are installed and makes the pool's folder; starts no process yet.
    public init(configuration: Configuration = Configuration()) throws {
        let soffice = try configuration.soffice ?? Tools.require("soffice", package: "libreoffice-writer-nogui")
        guard FileManager.default.isExecutableFile(atPath: soffice) else {
            throw ConversionError.notInstalled(tool: "soffice", package: "libreoffice-writer-nogui")
        }
        // soffice is a shell script that starts oosplash, which starts soffice.bin: the worker runs soffice.bin
        // itself, so that it is the worker's child and dies with it.
        let program = URL(fileURLWithPath: soffice).resolvingSymlinksInPath().deletingLastPathComponent()
        let binary = program.appendingPathComponent("soffice.bin").path
        guard FileManager.default.isExecutableFile(atPath: configuration.python) else {
            throw ConversionError.notInstalled(tool: "python3-uno", package: "python3-uno")
        }
        guard let script = Bundle.module.path(forResource: "pdf-worker", ofType: "py") else {
            throw ConversionError.workerStartFailed(detail: "pdf-worker.py is missing from the Conversion resources")
        }
        self.configuration = configuration
        self.setup = LibreOfficeWorker.Setup(
            python: configuration.python, script: script,
            officeBinary: FileManager.default.isExecutableFile(atPath: binary) ? binary : soffice,
            startTimeout: configuration.startTimeout)
        Self.sweepAbandonedFolders()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "\(Self.folderPrefix)\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("jobs"), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        slots = Array(repeating: .empty, count: max(1, configuration.workers))
    }

    static let folderPrefix = "vanban-pdf-pool-"

    /// Removes the pool folders (profiles, half-written jobs) of processes that are gone: a killed server cannot
    /// clean up after itself, so the next pool on the machine does.
    static func sweepAbandonedFolders(in parent: URL = FileManager.default.temporaryDirectory) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names where name.hasPrefix(folderPrefix) {
            let pid = name.dropFirst(folderPrefix.count).prefix { $0.isNumber }
            guard let pid = Int32(pid), kill(pid, 0) == -1, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    deinit {
        // A pool dropped without shutdown() still leaves no LibreOffice behind.
        _ = registry.closeAndKillAll()
        registry.removePoolFolder(folder)
    }

    // MARK: Converting

    public nonisolated func pdf(from document: Data, format: DocumentFormat, options: PDFOptions = PDFOptions()) async throws -> Data {
        guard registry.isOpen else { throw ConversionError.shutDown }
        // Each request has its own folder: two workers never write the same file.
        let job = folder.appendingPathComponent("jobs/\(UUID().uuidString)")
        let input = job.appendingPathComponent("document.\(format.rawValue)")
        let output = job.appendingPathComponent("document.pdf")
        do {
            try FileManager.default.createDirectory(at: job, withIntermediateDirectories: false)
            try document.write(to: input)
        } catch {
            throw registry.isOpen ? ConversionError.scratchSpace(detail: "cannot write \(input.path): \(error)") : .shutDown
        }
        defer { try? FileManager.default.removeItem(at: job) }
        var crashed = false
        while true {
            let (slot, worker) = try await lease()
            do {
                try await worker.convert(input: input, output: output, format: format, options: options,
                                         timeout: configuration.conversionTimeout)
            } catch {
                switch error {
                case .refused(let detail):
                    await finished(slot, worker)
                    throw ConversionError.unreadableDocument(format: format, detail: detail)
                case .timedOut(let detail):
                    await replace(slot, worker, recycled: false)
                    throw ConversionError.timedOut(seconds: Int(configuration.conversionTimeout.components.seconds), detail: detail)
                case .died(let detail):
                    await replace(slot, worker, recycled: false)
                    guard registry.isOpen else { throw ConversionError.shutDown }
                    if crashed { throw ConversionError.workerCrashed(detail: detail) }
                    crashed = true
                    try? FileManager.default.removeItem(at: output)
                    continue
                }
            }
            await finished(slot, worker)
            guard let pdf = try? Data(contentsOf: output), pdf.starts(with: Array("%PDF-".utf8)) else {
                throw ConversionError.unreadableDocument(format: format, detail: "LibreOffice reported success but wrote no PDF")
            }
            return pdf
        }
    }

    /// Starts every worker not yet started and waits until all are warm (the first error is thrown). Without it,
    /// workers start on demand.
    public func warmUp() async throws {
        let empty = slots.indices.filter { if case .empty = slots[$0] { true } else { false } }
        for slot in empty { slots[slot] = .starting }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for slot in empty {
                group.addTask { try await self.startInto(slot) }
            }
            try await group.waitForAll()
        }
    }

    /// Stops every LibreOffice of the pool (waiting and running requests fail with `ConversionError.shutDown`),
    /// waits until their processes are gone and removes the pool's folder. Safe to call twice.
    public func shutdown() async {
        isShutDown = true
        let waiting = waiters
        waiters = []
        for waiter in waiting { waiter.continuation.resume(throwing: ConversionError.shutDown) }
        slots = slots.map { _ in .empty }
        let processes = registry.closeAndKillAll()
        // The Python worker is reaped by its reader thread; soffice.bin, killed with it, by init.
        for process in processes {
            for _ in 0..<500 where !process.hasExited || !process.groupIsGone { try? await Task.sleep(for: .milliseconds(10)) }
        }
        registry.removePoolFolder(folder)
    }

    // MARK: Leasing workers

    /// A warm worker for one request, started here when a slot is empty; waits in line when all are busy.
    private func lease() async throws -> (Int, LibreOfficeWorker) {
        switch try await grant() {
        case .worker(let slot, let worker):
            return (slot, worker)
        case .start(let slot):
            do {
                let worker = try await startWorker(slot)
                slots[slot] = .busy(worker)
                return (slot, worker)
            } catch {
                free(slot)
                throw error
            }
        }
    }

    private func grant() async throws -> Grant {
        guard !isShutDown else { throw ConversionError.shutDown }
        for slot in slots.indices {
            if case .idle(let worker) = slots[slot] {
                slots[slot] = .busy(worker)
                return .worker(slot, worker)
            }
        }
        if let slot = slots.firstIndex(where: { if case .empty = $0 { true } else { false } }) {
            slots[slot] = .starting
            return .start(slot)
        }
        guard waiters.count < configuration.queueLimit else { throw ConversionError.queueFull(limit: configuration.queueLimit) }
        nextWaiterID += 1
        let id = nextWaiterID
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiters.append(Waiter(id: id, continuation: continuation))
                }
            }
        } onCancel: {
            Task { await self.cancelWaiting(id) }
        }
    }

    private func cancelWaiting(_ id: Int) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }

    /// A worker has served a request: it is handed on, or replaced when it has served its share.
    private func finished(_ slot: Int, _ worker: LibreOfficeWorker) {
        if worker.served >= configuration.conversionsPerWorker {
            replace(slot, worker, recycled: true)
        } else {
            giveBack(slot, worker)
        }
    }

    /// A worker is free again: the first waiting request gets it, or it waits idle.
    private func giveBack(_ slot: Int, _ worker: LibreOfficeWorker) {
        guard !isShutDown else {
            worker.stop()
            return
        }
        if !waiters.isEmpty {
            slots[slot] = .busy(worker)
            waiters.removeFirst().continuation.resume(returning: .worker(slot, worker))
        } else {
            slots[slot] = .idle(worker)
        }
    }

    /// A slot has no worker (its start failed): the first waiting request may try to start one.
    private func free(_ slot: Int) {
        guard !isShutDown else { return }
        if !waiters.isEmpty {
            slots[slot] = .starting
            waiters.removeFirst().continuation.resume(returning: .start(slot))
        } else {
            slots[slot] = .empty
        }
    }

    /// Kills a worker that hung, died or served its share (`recycled`), and starts its replacement in the background.
    private func replace(_ slot: Int, _ worker: LibreOfficeWorker, recycled: Bool) {
        worker.stop()
        guard !isShutDown else { return }
        if recycled { self.recycled += 1 } else { restarts += 1 }
        slots[slot] = .starting
        Task { try? await self.startInto(slot) }
    }

    /// Starts a worker in a slot marked `.starting` and hands it on; a failed start frees the slot.
    private func startInto(_ slot: Int) async throws {
        do {
            giveBack(slot, try await startWorker(slot))
        } catch {
            free(slot)
            throw error
        }
    }

    private func startWorker(_ slot: Int) async throws -> LibreOfficeWorker {
        started += 1
        let name = "worker-\(slot)-\(started)"
        let worker = try await LibreOfficeWorker.start(
            setup, folder: folder.appendingPathComponent(name),
            pipeName: "vanban-pdf-\(UUID().uuidString)", registry: registry)
        guard !isShutDown else {
            worker.stop()
            throw ConversionError.shutDown
        }
        return worker
    }

    // MARK: Status

    /// What the pool is doing, for health checks and tests.
    public struct Status: Sendable, Equatable {
        /// Workers started and warm, busy or idle.
        public var running: Int
        /// Workers serving a request.
        public var busy: Int
        /// Workers starting.
        public var starting: Int
        /// Requests waiting for a worker.
        public var waiting: Int
        /// Workers replaced after a hang or a crash since the pool was made.
        public var restarts: Int
        /// Workers replaced after serving `conversionsPerWorker` requests.
        public var recycled: Int
    }

    /// A snapshot of the pool.
    public func status() -> Status {
        var status = Status(running: 0, busy: 0, starting: 0, waiting: waiters.count, restarts: restarts, recycled: recycled)
        for slot in slots {
            switch slot {
            case .empty: break
            case .starting: status.starting += 1
            case .idle: status.running += 1
            case .busy:
                status.running += 1
                status.busy += 1
            }
        }
        return status
    }

    /// The process ids of each running worker's Python script and soffice.bin (tests stop and kill them).
    func workerProcesses() -> [(worker: pid_t, office: pid_t)] {
        slots.compactMap { slot in
            switch slot {
            case .idle(let worker), .busy(let worker): (worker.process.pid, worker.officePID)
            case .empty, .starting: nil
            }
        }
    }
}
