import ArgumentParser
import Foundation
import Office
import Storage
import Workflow

/// `vanban bench sign`: durable sign transitions per second, with the final ODT rendered in each (PDF excluded).
///
/// Documents are first created and approved (not timed); then `--workers` tasks sign them all concurrently, each
/// signing one transaction that takes the number, renders the final version and writes it, the audit line and
/// the register line, committed with synchronous = FULL. The SIGKILL tests run it too and kill it mid-way.
struct BenchSign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Measure signings per second and their latency on a store (creates and signs --count documents)."
    )

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "How many documents to create and sign.")
    var count = 1_000
    @Option(help: "Concurrent signing tasks.")
    var workers = 8
    @Option(help: "The data file each document is made from.")
    var data = DemoCommune.sample
    @Option(help: "Its kind.")
    var kind = "quyet-dinh-thanh-lap-cac-to"
    @Flag(help: "Print one JSON object instead of a sentence.")
    var json = false

    func run() async throws {
        try await reportingFailures {
            let office = try await storeOptions.openOffice()
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
            CommandIO.note("bench sign: signing \(ids.count) documents with \(workers) workers")
            let signers = ["chutich", "phochutich"]
            let started = ContinuousClock.now, cpuStarted = Self.processCPUSeconds()
            let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
                for worker in 0..<max(workers, 1) {
                    let mine = stride(from: worker, to: ids.count, by: max(workers, 1)).map { ids[$0] }
                    group.addTask {
                        var times: [Duration] = []
                        for id in mine {
                            let start = ContinuousClock.now
                            try await office.act(id, .sign, by: signers[worker % 2])
                            times.append(ContinuousClock.now - start)
                        }
                        return times
                    }
                }
                return try await group.reduce(into: [Duration]()) { $0 += $1 }.sorted()
            }
            let seconds = (ContinuousClock.now - started).milliseconds / 1000
            // CPU time of the whole process per signing: on a shared machine, steadier than the rate.
            let cpuPerSigning = (Self.processCPUSeconds() - cpuStarted) * 1000 / Double(max(latencies.count, 1))
            func percentile(_ p: Double) -> Double {
                latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))].milliseconds
            }
            let rate = Double(latencies.count) / max(seconds, 1e-9)
            if json {
                print(String(format: #"{"signed":%d,"workers":%d,"seconds":%.3f,"per_second":%.1f,"p50_ms":%.3f,"p99_ms":%.3f,"cpu_ms_per_signing":%.3f}"#,
                             latencies.count, workers, seconds, rate, percentile(0.5), percentile(0.99), cpuPerSigning))
            } else {
                print(String(format: "Signed %d documents with %d workers in %.2f s: %.0f signings/s, p50 %.2f ms, p99 %.2f ms, %.2f ms of CPU per signing.",
                             latencies.count, workers, seconds, rate, percentile(0.5), percentile(0.99), cpuPerSigning))
            }
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
