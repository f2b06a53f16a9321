import ArgumentParser
import Conversion
import Foundation
import Templating

/// `vanban pdf`: ODT and DOCX files to PDF through the warm LibreOffice pool.
struct PDF: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pdf",
        abstract: "Convert ODT and DOCX files to PDF with a pool of warm LibreOffice workers.",
        discussion: "Each PDF is written beside its file (or into --out-dir) under the same name; one line per file as it is done. A file that fails does not stop the others; the exit code is then 1."
    )

    @Argument(help: "The .odt and .docx files.")
    var files: [String]

    @Option(help: "The folder for the PDFs (default: beside each file).")
    var outDir: String?

    @Flag(help: "Write PDF/A-2b (for the archive) instead of plain PDF.")
    var pdfa = false

    @Option(help: "LibreOffice workers converting at the same time (default: one per core).")
    var workers = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Give at least one .odt or .docx file.") }
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1.") }
    }

    func run() async throws {
        do {
            let missing = files.filter { !FileManager.default.fileExists(atPath: $0) }
            guard missing.isEmpty else {
                throw CommandFailure("Không tìm thấy tệp: \(missing.map { "“\($0)”" }.joined(separator: ", ")).", exitCode: 2)
            }
            let others = files.filter { DocumentFormat(fileExtension: URL(fileURLWithPath: $0).pathExtension) == nil }
            guard others.isEmpty else {
                throw CommandFailure("Chỉ chuyển được tệp .odt hoặc .docx sang PDF, không chuyển được: \(others.map { "“\($0)”" }.joined(separator: ", ")).", exitCode: 2)
            }
            let batch = try PDFBatch.start(workers: min(workers, files.count), hint: "Chạy scripts/install-deps.sh.")
            let total = files.count
            let outcomes = await batch.convert(files.map { URL(fileURLWithPath: $0) }, outFolder: outDir.map { URL(fileURLWithPath: $0) },
                                               options: PDFOptions(pdfA: pdfa)) { done, outcome in
                switch outcome.result {
                case .success(let pdf):
                    print("[\(done)/\(total)] \(pdf.pdf.standardizedFileURL.path) (\(max(1, pdf.bytes / 1024)) KB, \(Int(pdf.milliseconds.rounded())) ms)")
                case .failure(let failure):
                    CommandIO.note("[\(done)/\(total)] \(failure.description)")
                }
            }
            let failed = outcomes.filter { if case .failure = $0.result { true } else { false } }.count
            if failed > 0 {
                throw CommandFailure("\(failed) trong \(total) tệp không chuyển được sang PDF (xem các dòng trên); các tệp khác đã xong.")
            }
        } catch let failure as CommandFailure {
            CommandIO.note(failure.description)
            throw ExitCode(failure.exitCode)
        }
    }
}
