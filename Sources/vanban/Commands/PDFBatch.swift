import Conversion
import Foundation
import Templating

/// Converts files to PDF with one warm LibreOffice pool (the program's only PDF path), as many at a time as the
/// pool has workers, each PDF written atomically beside the others; a file that fails does not stop the rest.
struct PDFBatch {
    let pool: LibreOfficePool
    let workers: Int

    /// A pool of `workers` LibreOffice workers, or a failure that says how to install what is missing.
    static func start(workers: Int, hint: String) throws -> PDFBatch {
        do {
            return PDFBatch(pool: try LibreOfficePool(configuration: .init(workers: workers)), workers: max(1, workers))
        } catch let error as ConversionError {
            throw CommandFailure("\(error.description) \(hint)", exitCode: 2)
        }
    }

    /// One file's outcome.
    struct Outcome: Sendable {
        let input: URL
        let result: Result<(pdf: URL, bytes: Int, milliseconds: Double), CommandFailure>
    }

    /// Converts each file (ODT or DOCX by its extension) to `<folder of the file, or outFolder>/<name>.pdf`
    /// (`<name>.<extension>.pdf` when two files would make the same PDF, `a.docx` and `a.odt`); `progress` is called after each file with the number done so far. Outcomes are in the order of `files`.
    /// Then stops the pool: a batch converts once.
    func convert(_ files: [URL], outFolder: URL?, options: PDFOptions,
                 progress: @escaping @Sendable (Int, Outcome) -> Void) async -> [Outcome] {
        let pdfs = Self.pdfNames(files, outFolder: outFolder)
        var outcomes = [Outcome?](repeating: nil, count: files.count)
        await withTaskGroup(of: (Int, Outcome).self) { group in
            var next = 0, done = 0
            func submit() {
                guard next < files.count else { return }
                let index = next, file = files[index]
                next += 1
                group.addTask { (index, await convert(file, to: pdfs[index], options: options)) }
            }
            for _ in 0..<workers { submit() }
            for await (index, outcome) in group {
                outcomes[index] = outcome
                done += 1
                progress(done, outcome)
                submit()
            }
        }
        await pool.shutdown()
        return outcomes.compactMap { $0 }
    }

    /// Where each file's PDF goes.
    static func pdfNames(_ files: [URL], outFolder: URL?) -> [URL] {
        let plain = files.map { file in
            (outFolder ?? file.deletingLastPathComponent()).appendingPathComponent(file.deletingPathExtension().lastPathComponent + ".pdf")
        }
        let counts = Dictionary(plain.map { ($0.standardizedFileURL.path, 1) }, uniquingKeysWith: +)
        return zip(files, plain).map { file, pdf in
            counts[pdf.standardizedFileURL.path]! == 1 ? pdf
                : pdf.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + ".pdf")
        }
    }

    private func convert(_ file: URL, to pdf: URL, options: PDFOptions) async -> Outcome {
        let start = ContinuousClock.now
        let name = file.lastPathComponent
        guard let format = DocumentFormat(fileExtension: file.pathExtension) else {
            return Outcome(input: file, result: .failure(CommandFailure("\(name): chỉ chuyển được tệp .odt hoặc .docx sang PDF.")))
        }
        do {
            let document = try Data(contentsOf: file)
            let bytes = try await pool.pdf(from: document, format: format, options: options)
            try FileManager.default.createDirectory(at: pdf.deletingLastPathComponent(), withIntermediateDirectories: true)
            try bytes.write(to: pdf, options: .atomic)
            return Outcome(input: file, result: .success((pdf, bytes.count, (ContinuousClock.now - start).milliseconds)))
        } catch let error as ConversionError {
            // Whoever runs the command is the administrator the message sends to the log: the detail goes with it.
            var message = "\(name): \(error.description)"
            switch error {
            case .workerStartFailed, .workerCrashed, .scratchSpace: message += "\n  (\(error.logDetail))"
            default: break
            }
            return Outcome(input: file, result: .failure(CommandFailure(message)))
        } catch {
            return Outcome(input: file, result: .failure(CommandFailure("\(name): \(error.localizedDescription)")))
        }
    }
}
