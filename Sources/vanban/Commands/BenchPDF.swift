import ArgumentParser
import Conversion
import Documents
import Domain
import Foundation
import Templating

/// `vanban bench pdf`: PDF conversions through the warm LibreOffice pool, cold and warm, with one worker and with
/// several converting at once.
struct BenchPDF: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pdf",
        abstract: "Convert the sample founding decisions to PDF repeatedly with a warm LibreOffice pool.",
        discussion: """
            Renders samples/gia-cat-to.json as the commune's founding decision with its member list made up to \
            --members rows (the shared 40-row workload) and as the first village team's decision, each as ODT and \
            DOCX; then for 1 and for --workers workers: the pool's cold start, then per document and format the \
            first conversion and --count more with as many in flight as workers: median and p99 ms per \
            conversion, conversions per second and the PDF's pages. Also times one cold \
            `soffice --convert-to pdf` of the commune decision, the way without a pool. Run from the repository root.
            """
    )

    @Option(name: .shortAndLong, help: "Conversions per format and pool size.")
    var count = 40

    @Option(help: "The larger pool size (the smaller is 1).")
    var workers = 2

    @Option(help: "Members in the decision's list.")
    var members = 40

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be at least 1.") }
        guard workers > 0 else { throw ValidationError("--workers must be at least 1.") }
        guard members > 0 else { throw ValidationError("--members must be at least 1.") }
    }

    func run() async throws {
        do {
            let workloads = try Self.workloads(members: members)
            var result: [String: Double] = ["members": Double(members), "count": Double(count)]
            result["cold_soffice_ms"] = try Self.coldSoffice(workloads[0].documents[.odt]!)
            let sizes = Set([1, workers]).sorted()
            for size in sizes {
                let pool = try LibreOfficePool(configuration: .init(workers: size))
                let start = ContinuousClock.now
                try await pool.warmUp()
                result["w\(size)_cold_start_ms"] = (ContinuousClock.now - start).milliseconds
                for workload in workloads {
                    for format in [DocumentFormat.odt, .docx] {
                        let key = "\(workload.key)_w\(size)_\(format.rawValue)"
                        let document = workload.documents[format]!
                        let first = ContinuousClock.now
                        let pdf = try await pool.pdf(from: document, format: format, options: PDFOptions())
                        result[key + "_first_ms"] = (ContinuousClock.now - first).milliseconds
                        result["\(workload.key)_\(format.rawValue)_pages"] = Double(try await PDFPageRenderer().pageCount(of: pdf))
                        let run = try await Self.convert(document, format: format, count: count, inFlight: size, with: pool)
                        let sorted = run.latencies.sorted()
                        result[key + "_median_ms"] = Bench.percentile(sorted, 0.5)
                        result[key + "_p99_ms"] = Bench.percentile(sorted, 0.99)
                        result[key + "_per_s"] = Double(count) / run.seconds
                    }
                }
                await pool.shutdown()
            }
            report(result, workloads: workloads, sizes: sizes)
        } catch let failure as CommandFailure {
            CommandIO.note(failure.description)
            throw ExitCode(failure.exitCode)
        } catch let error as ConversionError {
            CommandIO.note("\(error.description) (\(error.logDetail))")
            throw ExitCode(1)
        }
    }

    private func report(_ result: [String: Double], workloads: [Workload], sizes: [Int]) {
        if json {
            let keys = result.keys.sorted()
            print("{" + keys.map { "\"\($0)\": \((result[$0]! * 1000).rounded() / 1000)" }.joined(separator: ", ") + "}")
            return
        }
        print(String(format: "One cold soffice --convert-to of the %@ (ODT), for comparison: %.0f ms.", workloads[0].title, result["cold_soffice_ms"]!))
        for size in sizes {
            print(String(format: "%d worker(s): cold start %.0f ms", size, result["w\(size)_cold_start_ms"]!))
            for workload in workloads {
                for format in ["odt", "docx"] {
                    let key = "\(workload.key)_w\(size)_\(format)"
                    print(String(format: "  %@, %@ (%.0f pages): first %.0f ms, median %.0f ms, p99 %.0f ms, %.1f conversions/s (%d, %d in flight)",
                                 workload.title, format.uppercased(), result["\(workload.key)_\(format)_pages"]!, result[key + "_first_ms"]!,
                                 result[key + "_median_ms"]!, result[key + "_p99_ms"]!, result[key + "_per_s"]!, count, size))
                }
            }
        }
    }

    /// A document to convert, in both formats.
    struct Workload {
        /// The prefix of its figures' keys.
        let key: String
        let title: String
        let documents: [DocumentFormat: Data]
    }

    /// The commune's founding decision with its member list made up to `members` rows (the shared workload), and
    /// the smallest decision there is, one village team's (four members).
    static func workloads(members: Int) throws -> [Workload] {
        let sample = "samples/gia-cat-to.json"
        let json = Data(try CommandIO.read(sample))
        return [
            Workload(key: "commune", title: "commune decision, \(members) members",
                     documents: try render(CommuneTeamsFoundingDecision(), try withMembers(members, in: json, sample: sample), sample: sample)),
            Workload(key: "team", title: "team decision", documents: try render(TeamFoundingDecision(), json, sample: sample)),
        ]
    }

    /// The sample's data with its member list made up to `members` rows, spread over its teams.
    static func withMembers(_ members: Int, in json: Data, sample: String) throws -> Data {
        guard var data = try JSONSerialization.jsonObject(with: json) as? [String: Any],
              var teams = data["to"] as? [[String: Any]], !teams.isEmpty else {
            throw CommandFailure("\(sample): không có danh sách tổ (“to”).")
        }
        let given = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Minh", "Nga", "Phúc", "Quỳnh", "Sơn", "Thảo"]
        let family = ["Nguyễn Văn", "Trần Thị", "Lê Văn", "Phạm Thị", "Hoàng Văn", "Vũ Thị", "Đặng Văn", "Bùi Thị"]
        var total = teams.reduce(0) { $0 + (($1["thanh_vien"] as? [Any])?.count ?? 0) }
        var team = 0
        while total < members {
            var list = teams[team]["thanh_vien"] as? [[String: Any]] ?? []
            let village = ((teams[team]["thon"] as? [String: Any])?["ten"] as? String) ?? ""
            list.append(["ho_ten": "\(family[total % family.count]) \(given[total % given.count])", "vai_tro": "to_vien", "dia_chi": village])
            teams[team]["thanh_vien"] = list
            total += 1
            team = (team + 1) % teams.count
        }
        data["to"] = teams
        return try JSONSerialization.data(withJSONObject: data)
    }

    /// The first document of `kind` from `json`, rendered as ODT and as DOCX.
    static func render(_ kind: some DocumentKind, _ json: Data, sample: String) throws -> [DocumentFormat: Data] {
        let values: TemplateValue
        do {
            guard let document = try kind.documents(from: json, context: DocumentContext()).first else {
                throw CommandFailure("\(sample): không tạo được văn bản nào.")
            }
            values = document.values
        } catch let error as DomainDataError {
            throw CommandFailure("\(sample): \(error.message)")
        }
        var documents: [DocumentFormat: Data] = [:]
        for format in DocumentFormat.allCases {
            let template = try CommandIO.template("templates/\(kind.id).\(format.rawValue)")
            do {
                documents[format] = Data(try template.render(values) as [UInt8])
            } catch {
                throw CommandFailure(error.description)
            }
        }
        return documents
    }

    /// `count` conversions, `inFlight` at a time: each one's latency in ms, and the wall time in seconds.
    static func convert(_ document: Data, format: DocumentFormat, count: Int, inFlight: Int,
                        with pool: LibreOfficePool) async throws -> (latencies: [Double], seconds: Double) {
        let start = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: Double.self) { group in
            var submitted = 0
            var latencies: [Double] = []
            func submit() {
                guard submitted < count else { return }
                submitted += 1
                group.addTask {
                    let t = ContinuousClock.now
                    _ = try await pool.pdf(from: document, format: format, options: PDFOptions())
                    return (ContinuousClock.now - t).milliseconds
                }
            }
            for _ in 0..<inFlight { submit() }
            for try await latency in group {
                latencies.append(latency)
                submit()
            }
            return latencies
        }
        return (latencies, (ContinuousClock.now - start).milliseconds / 1000)
    }

    /// One `soffice --headless --convert-to pdf` of the document with a fresh profile, in ms: the cost per
    /// document without a warm pool.
    static func coldSoffice(_ odt: Data) throws -> Double {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-bench-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("decision.odt")
        try odt.write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["soffice", "--headless", "--norestore", "-env:UserInstallation=file://\(folder.path)/profile",
                             "--convert-to", "pdf", "--outdir", folder.path, input.path]
        process.environment = ProcessInfo.processInfo.environment.merging(["HOME": folder.path]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let start = ContinuousClock.now
        try process.run()
        process.waitUntilExit()
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("decision.pdf").path) else {
            throw CommandFailure("soffice --convert-to không tạo được PDF (mã thoát \(process.terminationStatus)).")
        }
        return (ContinuousClock.now - start).milliseconds
    }
}
