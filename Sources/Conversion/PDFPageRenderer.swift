import Foundation

/// Page images and page counts of PDFs with poppler (`pdftoppm`, `pdfinfo`), for previews; every call is bounded
/// in time (the tool is killed after `timeout`) and works in a folder of its own.
public struct PDFPageRenderer: Sendable {
    /// The resolutions a preview may ask for, in dots per inch.
    public static let resolutions = 24...300
    /// How long one call to poppler may take.
    public let timeout: Duration
    private let pdftoppm: String
    private let pdfinfo: String

    /// Checks that poppler-utils is installed.
    public init(timeout: Duration = .seconds(30)) throws {
        self.timeout = timeout
        pdftoppm = try Tools.require("pdftoppm", package: "poppler-utils")
        pdfinfo = try Tools.require("pdfinfo", package: "poppler-utils")
    }

    /// The number of pages of `pdf`.
    public func pageCount(of pdf: Data) async throws -> Int {
        try await withScratchFolder { folder in
            let file = try Self.write(pdf, into: folder)
            let run = try await ChildProcess.run(pdfinfo, [file.path], timeout: timeout)
            let text = String(decoding: run.output, as: UTF8.self)
            guard run.status == 0, let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Pages:") }),
                  let count = Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) else {
                throw ConversionError.unreadablePDF(detail: run.describe("pdfinfo"))
            }
            return count
        }
    }

    /// PNG images of the pages of `pdf` in `pages` (1-based; all when nil), at `resolution` dots per inch.
    public func pageImages(of pdf: Data, resolution: Int = 96, pages: ClosedRange<Int>? = nil) async throws -> [Data] {
        guard Self.resolutions.contains(resolution) else {
            throw ConversionError.resolutionOutOfRange(resolution, allowed: Self.resolutions)
        }
        let count = try await pageCount(of: pdf)
        let range = pages ?? 1...max(1, count)
        guard range.lowerBound >= 1, range.upperBound <= count else {
            throw ConversionError.pageOutOfRange(first: range.lowerBound, last: range.upperBound, pageCount: count)
        }
        return try await withScratchFolder { folder in
            let file = try Self.write(pdf, into: folder)
            let run = try await ChildProcess.run(pdftoppm, [
                "-png", "-r", "\(resolution)", "-f", "\(range.lowerBound)", "-l", "\(range.upperBound)",
                file.path, folder.appendingPathComponent("page").path,
            ], timeout: timeout)
            // pdftoppm pads the page numbers of one run to the same width, so the names sort in page order.
            let images = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasPrefix("page-") && $0.hasSuffix(".png") }.sorted()
            guard run.status == 0, images.count == range.count else {
                throw ConversionError.unreadablePDF(detail: run.describe("pdftoppm") + ", \(images.count) of \(range.count) pages")
            }
            return try images.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
        }
    }

    private func withScratchFolder<Result>(_ body: (URL) async throws -> Result) async throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-pages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await body(folder)
    }

    private static func write(_ pdf: Data, into folder: URL) throws -> URL {
        let file = folder.appendingPathComponent("document.pdf")
        try pdf.write(to: file)
        return file
    }
}

/// How a one-shot tool ended.
struct ToolRun: Sendable {
    /// The wait status (0 when it exited with 0).
    var status: Int32
    /// Its standard output, up to `ChildProcess.outputLimit` bytes.
    var output: [UInt8]
    /// Whether it was killed for taking too long.
    var timedOut: Bool

    /// An English line for the log.
    func describe(_ tool: String) -> String {
        timedOut ? "\(tool) killed after the time limit" : "\(tool) ended with wait status \(status)"
    }
}

extension ChildProcess {
    /// The most output a one-shot tool's run keeps.
    static let outputLimit = 1 << 20

    /// Runs a tool to its end with its output collected, killing its process group after `timeout`.
    static func run(_ executable: String, _ arguments: [String], timeout: Duration) async throws -> ToolRun {
        let process: ChildProcess
        do {
            process = try ChildProcess(executable: executable, arguments: arguments,
                                       environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"], errorLog: nil)
        } catch {
            throw ConversionError.unreadablePDF(detail: String(describing: error))
        }
        let timer = Task {
            try await Task.sleep(for: timeout)
            process.killGroup()
            return true
        }
        let (status, output) = await withCheckedContinuation { continuation in
            // Blocking reads and waits belong on a thread of their own, not on Swift's cooperative pool.
            Thread {
                var output: [UInt8] = []
                while true {
                    let chunk = process.receive()
                    if chunk.isEmpty { break }
                    if output.count < outputLimit { output += chunk.prefix(outputLimit - output.count) }
                }
                continuation.resume(returning: (process.waitForExit(), output))
            }.start()
        }
        timer.cancel()
        let timedOut = (try? await timer.value) == true
        return ToolRun(status: status, output: output, timedOut: timedOut)
    }
}
