import ArgumentParser
import Foundation
import Office
import Storage
import Workflow

/// `vanban bench sign`: durable sign transitions per second, with the final ODT rendered in each (PDF excluded).
///
/// Documents are first created and approved (not timed); then `--workers` tasks sign them all concurrently, each
/// signing one transaction that takes the number, renders the final version and writes it, the audit line and
/// the register line, committed durably (SQLite synchronous = FULL; PostgreSQL synchronous_commit on). With
/// `--processes P`, P processes of this program share the store and sign a share each, starting together. The
/// SIGKILL tests run it too and kill it mid-way.
struct BenchSign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Measure signings per second and their latency on a store (creates and signs --count documents)."
    )

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "How many documents to create and sign.")
    var count = 1_000
    @Option(help: "Concurrent signing tasks (in each process).")
    var workers = 8
    @Option(help: "Processes that sign side by side on the same store, each with --workers tasks.")
    var processes = 1
    @Option(help: "The data file each document is made from.")
    var data = DemoCommune.sample
    @Option(help: "Its kind.")
    var kind = "quyet-dinh-thanh-lap-cac-to"
    @Flag(help: "Print one JSON object instead of a sentence.")
    var json = false
    /// A file of document ids: the share of one signing process the bench started (`--processes`).
    @Option(name: .customLong("sign-ids"), help: .hidden)
    var signIDs: String?

    func validate() throws {
        guard count >= 1, workers >= 1, processes >= 1 else {
            throw ValidationError("--count, --workers and --processes must be at least 1.")
        }
    }

    func run() async throws {
        try await reportingFailures {
            if let signIDs {
                try await signShare(listedIn: signIDs)
                return
            }
            try await storeOptions.withOffice(creating: true) { office in
                let demo = try DemoCommune.load(sample: URL(fileURLWithPath: DemoCommune.sample))
                try await demo.install(in: office.store)
                let input = Data(try CommandIO.read(data))
                var ids: [Int64] = []
                for _ in 0..<count {
                    let id = try await office.createDraft(kind: kind, data: input, by: "canbo").document.id
                    try await office.act(id, .submit, by: "canbo")
                    try await office.act(id, .approve, by: "chutich")
                    ids.append(id)
                }
                // The SIGKILL test waits for this line before it picks a moment to kill.
                CommandIO.note("bench sign: signing \(ids.count) documents with \(processes) × \(workers) workers")
                var run = processes > 1 ? try signInProcesses(ids) : try await Self.sign(ids, in: office, workers: workers)
                run.earlyFinals = (office.store as? SQLiteStore)?.earlyFinalCounts
                report(run)
            }
        }
    }

    /// What one timed run measured.
    struct Run: Codable {
        /// Latency of each signing, in milliseconds.
        var latencies: [Double]
        /// Wall-clock time of the signings, seconds since 1970, first start and last end.
        var started: Double
        var ended: Double
        /// CPU time (user and system) the signing processes spent meanwhile.
        var cpuSeconds: Double
        /// SQLite: how many signings used the final version rendered beside the write lock.
        var earlyFinals: EarlyFinalCounts? = nil
    }

    /// Signs `ids` from `workers` concurrent tasks of this process.
    static func sign(_ ids: [Int64], in office: CommuneOffice, workers: Int) async throws -> Run {
        let signers = ["chutich", "phochutich"]
        let started = Date().timeIntervalSince1970, cpuStarted = processCPUSeconds()
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for worker in 0..<workers {
                let mine = stride(from: worker, to: ids.count, by: workers).map { ids[$0] }
                group.addTask {
                    var times: [Double] = []
                    for id in mine {
                        let start = ContinuousClock.now
                        try await office.act(id, .sign, by: signers[worker % 2])
                        times.append((ContinuousClock.now - start).milliseconds)
                    }
                    return times
                }
            }
            return try await group.reduce(into: [Double]()) { $0 += $1 }
        }
        return Run(latencies: latencies, started: started, ended: Date().timeIntervalSince1970,
                   cpuSeconds: processCPUSeconds() - cpuStarted)
    }

    /// Starts `--processes` copies of this program on the same store, each with its share of `ids`; once every one
    /// has opened the store, tells them all to go, and gathers what they measured.
    func signInProcesses(_ ids: [Int64]) throws -> Run {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var store = ["--database", storeOptions.database]
        if let url = storeOptions.postgresURL { store = ["--database-url", url] }
        var children: [(process: Process, input: Pipe, output: Pipe)] = []
        defer { for child in children where child.process.isRunning { child.process.terminate() } }
        for part in 0..<processes {
            let share = stride(from: part, to: ids.count, by: processes).map { String(ids[$0]) }
            let file = folder.appendingPathComponent("share-\(part).txt")
            try share.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
            let process = Process(), input = Pipe(), output = Pipe()
            process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
            process.arguments = ["bench", "sign"] + store + ["--workers", String(workers), "--sign-ids", file.path]
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            children.append((process, input, output))
        }
        for child in children {
            guard Self.readLine(child.output.fileHandleForReading) == "ready" else {
                child.process.waitUntilExit()
                throw CommandFailure("bench sign: a signing process stopped before it was ready (exit \(child.process.terminationStatus)).")
            }
        }
        for child in children { child.input.fileHandleForWriting.write(Data("go\n".utf8)) }
        var runs: [Run] = []
        for child in children {
            let report = child.output.fileHandleForReading.readDataToEndOfFile()
            child.process.waitUntilExit()
            guard child.process.terminationStatus == 0, let run = try? JSONDecoder().decode(Run.self, from: report) else {
                throw CommandFailure("bench sign: a signing process failed (exit \(child.process.terminationStatus)).")
            }
            runs.append(run)
        }
        return Run(latencies: runs.flatMap(\.latencies), started: runs.map(\.started).min()!,
                   ended: runs.map(\.ended).max()!, cpuSeconds: runs.map(\.cpuSeconds).reduce(0, +))
    }

    /// One signing process: opens the store, says it is ready, waits for the word, signs its share, reports.
    func signShare(listedIn file: String) async throws {
        let ids = String(decoding: try CommandIO.read(file), as: UTF8.self).split(whereSeparator: \.isNewline)
            .compactMap { Int64($0) }
        try await storeOptions.withOffice { office in
            FileHandle.standardOutput.write(Data("ready\n".utf8))
            guard Self.readLine(FileHandle.standardInput) == "go" else { throw CommandFailure("bench sign: no go") }
            let run = try await Self.sign(ids, in: office, workers: workers)
            FileHandle.standardOutput.write(try JSONEncoder().encode(run))
        }
    }

    /// One line from a pipe, read byte by byte so that nothing after it is taken.
    static func readLine(_ handle: FileHandle) -> String? {
        var line = Data()
        while true {
            let byte = handle.readData(ofLength: 1)
            if byte.isEmpty { return line.isEmpty ? nil : String(decoding: line, as: UTF8.self) }
            if byte.first == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
        }
    }

    func report(_ run: Run) {
        let latencies = run.latencies.sorted()
        let seconds = run.ended - run.started
        func percentile(_ p: Double) -> Double { Bench.percentile(latencies, p) }
        let rate = Double(latencies.count) / max(seconds, 1e-9)
        // CPU time of the signing processes per signing: on a shared machine, steadier than the rate.
        let cpuPerSigning = run.cpuSeconds * 1000 / Double(max(latencies.count, 1))
        let early = run.earlyFinals
        if json {
            let earlyField = early.map { #","early_finals_used":\#($0.used),"finals_rendered_under_lock":\#($0.renderedUnderLock)"# } ?? ""
            print(String(format: #"{"signed":%d,"processes":%d,"workers":%d,"seconds":%.3f,"per_second":%.1f,"p50_ms":%.3f,"p99_ms":%.3f,"cpu_ms_per_signing":%.3f"#,
                         latencies.count, processes, workers, seconds, rate, percentile(0.5), percentile(0.99), cpuPerSigning)
                  + earlyField + "}")
        } else {
            print(String(format: "Signed %d documents from %d × %d workers in %.2f s: %.0f signings/s, p50 %.2f ms, p99 %.2f ms, %.2f ms of CPU per signing.",
                         latencies.count, processes, workers, seconds, rate, percentile(0.5), percentile(0.99), cpuPerSigning)
                  + (early.map { " \($0.used) final versions were rendered beside the write lock, \($0.renderedUnderLock) under it." } ?? ""))
        }
    }

    /// User and system CPU time this process has used.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
