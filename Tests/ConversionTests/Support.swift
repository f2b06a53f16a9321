import Conversion
import Documents
import Foundation
import Templating
import Testing
import TestSupport

/// One pool of two workers for a whole suite: started before its first test, shut down after its last.
struct SharedPool: SuiteTrait, TestScoping {
    @TaskLocal static var current: LibreOfficePool?

    /// The suite's pool; only inside a suite that has this trait.
    static var pool: LibreOfficePool {
        get throws { try #require(current, "the suite needs the .sharedPool trait") }
    }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let pool = try LibreOfficePool(configuration: .init(workers: 2))
        do {
            try await Self.$current.withValue(pool) { try await function() }
        } catch {
            await pool.shutdown()
            throw error
        }
        await pool.shutdown()
    }
}

extension Trait where Self == SharedPool {
    static var sharedPool: SharedPool { SharedPool() }
}

/// Documents rendered from the repository's templates and samples.
enum Samples {
    /// The commune's founding decision for Gia Cát (24 members), as `vanban demo` renders it.
    static func foundingDecision(_ format: DocumentFormat) throws -> Data {
        let documents = try CommuneTeamsFoundingDecision().documents(from: sample(), context: DocumentContext())
        return try render(documents[0], kind: "quyet-dinh-thanh-lap-cac-to", format: format)
    }

    /// One founding decision per village team of Gia Cát (six), with the name of its team leader.
    static func teamDecisions(_ format: DocumentFormat) throws -> [(leader: String, document: Data)] {
        try TeamFoundingDecision().documents(from: sample(), context: DocumentContext()).map { document in
            guard case .list(let members)? = document.values["thanh_vien"], case .string(let leader)? = members.first?["ho_ten"] else {
                throw SampleFailure(description: "\(document.name) has no member list")
            }
            return (leader, try render(document, kind: "quyet-dinh-thanh-lap-to", format: format))
        }
    }

    private static func sample() throws -> Data {
        try Data(contentsOf: repositoryRoot.appendingPathComponent("samples/gia-cat-to.json"))
    }

    private static func render(_ document: DocumentValues, kind: String, format: DocumentFormat) throws -> Data {
        let template = try Data(contentsOf: repositoryRoot.appendingPathComponent("templates/\(kind).\(format.rawValue)"))
        return Data(try CompiledTemplate(bytes: [UInt8](template)).render(document.values) as [UInt8])
    }
}

struct SampleFailure: Error, CustomStringConvertible {
    let description: String
}

/// Reading PDFs back with poppler.
enum PDFReader {
    /// The text of a PDF (pdftotext), whitespace collapsed.
    static func text(of pdf: Data) throws -> String {
        DocumentText.collapsed(try run("pdftotext", pdf, ["-layout", "-", "-"]))
    }

    /// pdffonts' table of the fonts a PDF uses.
    static func fonts(of pdf: Data) throws -> String {
        try run("pdffonts", pdf, [])
    }

    private static func run(_ tool: String, _ pdf: Data, _ arguments: [String]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("document.pdf")
        try pdf.write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(LibreOffice.executable(tool)))
        // pdftotext reads the file first; "-" as its output means standard output.
        process.arguments = arguments.isEmpty ? [file.path] : [arguments[0], file.path, arguments[2]]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(tool) failed")
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The processes whose command line mentions `text` (pgrep -f), e.g. a pool's folder.
func processes(mentioning text: String) throws -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(LibreOffice.executable("pgrep")))
    process.arguments = ["-a", "-f", text]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let bytes = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        .filter { !$0.contains("pgrep") }
}
