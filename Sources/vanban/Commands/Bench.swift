import ArgumentParser
import CProcessAffinity
import Foundation
import Templating

/// `vanban bench`: measurements for BENCHMARKS.md.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks (build with -c release before quoting numbers).",
        subcommands: [BenchRender.self, BenchSign.self, BenchPDF.self, BenchPAdES.self, BenchODFSignature.self, BenchArchive.self]
    )

    /// The value at fraction `p` (0.5 for the median) of samples sorted in increasing order; 0 for none.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }
}

/// `vanban bench render`: documents per second of one template and data set, on one thread.
struct BenchRender: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render the same document N times on one thread; print documents per second, mean and p95 ms and peak memory.",
        discussion: "With --floor it also times the package rewrite alone (changed parts deflated, the rest copied compressed), the floor rendering is judged against."
    )

    @Option(name: .shortAndLong, help: "The template (.docx or .odt).")
    var template: String

    @Option(name: .shortAndLong, help: "The data as JSON.")
    var data: String

    @Option(name: .shortAndLong, help: "How many documents to render.")
    var count = 1000

    @Flag(help: "Also measure the package-rewrite floor.")
    var floor = false

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be at least 1.") }
    }

    func run() throws {
        let pinned = Self.pinToOneCPU()
        do {
            let compileStart = ContinuousClock.now
            let compiled = try CommandIO.template(template)
            let compileTime = ContinuousClock.now - compileStart
            let values = try CommandIO.data(data)
            var size = 0
            let render = try Self.measure(count: count) {
                let bytes: [UInt8] = try compiled.render(values)
                size = bytes.count
            }
            var result: [String: Double] = [
                "docs": Double(count), "docs_per_s": render.perSecond, "mean_ms": render.meanMs, "median_ms": render.medianMs,
                "p95_ms": render.p95Ms, "compile_ms": compileTime.milliseconds, "out_kb": Double(size) / 1024,
            ]
            if floor {
                // Render and floor alternate, call by call, so that both see the same machine: on a shared
                // machine, two blocks timed one after the other can differ by more than the ratio being judged.
                let rewrite = try compiled.packageRewrite(for: values)
                let (paired, floorTiming) = try Self.measurePaired(count: count, { _ = try compiled.render(values) as [UInt8] }, { _ = rewrite() })
                result["floor_mean_ms"] = floorTiming.meanMs
                result["floor_median_ms"] = floorTiming.medianMs
                result["paired_median_ms"] = paired.medianMs
                result["render_to_floor"] = paired.medianMs / floorTiming.medianMs
            }
            result["peak_rss_mb"] = Self.peakResidentMegabytes()
            result["pinned_cpu"] = Double(pinned ?? -1)
            if json {
                let keys = result.keys.sorted()
                print("{" + keys.map { "\"\($0)\": \((result[$0]! * 1000).rounded() / 1000)" }.joined(separator: ", ") + "}")
            } else {
                print(String(format: "%@ (%@): %d documents, %.0f docs/s, mean %.3f ms, median %.3f ms, p95 %.3f ms, compile %.1f ms, output %.1f KB",
                             template, compiled.format.rawValue, count, render.perSecond, render.meanMs, render.medianMs, render.p95Ms,
                             compileTime.milliseconds, Double(size) / 1024))
                if let floorMedian = result["floor_median_ms"], let ratio = result["render_to_floor"] {
                    print(String(format: "floor (package rewrite only): median %.3f ms; render/floor = %.2f×", floorMedian, ratio))
                }
                print(String(format: "peak memory: %.1f MB", result["peak_rss_mb"]!))
                print(pinned.map { "pinned to CPU \($0)" } ?? "not pinned to one CPU (sched_setaffinity refused)")
            }
        } catch let failure as CommandFailure {
            CommandIO.note(failure.description)
            throw ExitCode(failure.exitCode)
        } catch {
            CommandIO.note(String(describing: error))
            throw ExitCode(1)
        }
    }

    struct Timing {
        let perSecond: Double, meanMs: Double, medianMs: Double, p95Ms: Double
    }

    /// Times `count` calls after a short warm-up.
    static func measure(count: Int, _ body: () throws -> Void) throws -> Timing {
        for _ in 0..<min(20, count) { try body() }
        var samples: [Double] = []
        samples.reserveCapacity(count)
        let start = ContinuousClock.now
        for _ in 0..<count {
            let t = ContinuousClock.now
            try body()
            samples.append((ContinuousClock.now - t).milliseconds)
        }
        // Throughput is documents over the whole loop's time, clock reads included.
        return timing(samples, totalMs: (ContinuousClock.now - start).milliseconds)
    }

    /// Times `count` calls of `a` and of `b`, alternating, after a short warm-up of both.
    static func measurePaired(count: Int, _ a: () throws -> Void, _ b: () throws -> Void) throws -> (Timing, Timing) {
        for _ in 0..<min(20, count) {
            try a()
            try b()
        }
        var samplesA: [Double] = [], samplesB: [Double] = []
        samplesA.reserveCapacity(count)
        samplesB.reserveCapacity(count)
        for _ in 0..<count {
            var t = ContinuousClock.now
            try a()
            samplesA.append((ContinuousClock.now - t).milliseconds)
            t = ContinuousClock.now
            try b()
            samplesB.append((ContinuousClock.now - t).milliseconds)
        }
        // Interleaved, each side's time is the sum of its own calls.
        return (timing(samplesA, totalMs: samplesA.reduce(0, +)), timing(samplesB, totalMs: samplesB.reduce(0, +)))
    }

    /// Summary figures of per-call samples in milliseconds, over a total time of `totalMs`.
    private static func timing(_ samples: [Double], totalMs: Double) -> Timing {
        let sorted = samples.sorted()
        return Timing(perSecond: Double(samples.count) / (totalMs / 1000), meanMs: totalMs / Double(samples.count),
                      medianMs: sorted[sorted.count / 2], p95Ms: sorted[Int(0.95 * Double(sorted.count - 1))])
    }

    /// Pins the process to the first CPU it may run on, so figures are for one core; returns that CPU.
    static func pinToOneCPU() -> Int? {
        let cpu = vanban_pin_to_first_cpu()
        return cpu >= 0 ? Int(cpu) : nil
    }

    /// Peak resident memory of this process in MB.
    static func peakResidentMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

extension Duration {
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
