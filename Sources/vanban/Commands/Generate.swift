import ArgumentParser
import Conversion
import Documents
import Domain
import Foundation
import Templating

/// `vanban generate`: the documents of one kind from a data file, in ODT, DOCX and PDF.
struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate the documents of one kind from a data file (one or many, e.g. one decision per team).",
        discussion: """
            Kinds:
            \(DocumentKinds.all.map { "  \($0.id)\n      \($0.title)\n      sample: \($0.sample)" }.joined(separator: "\n"))

            Formats: odt, docx, pdf (through LibreOffice, converted from the ODT), all; several with commas (odt,docx). \
            Teams are checked against their province policy first: errors stop the run unless --ignore-policy is given. \
            A progress bar is shown on a terminal for batches.
            """
    )

    @Argument(help: "The kind of document (see the list above).")
    var kind: String

    @Option(name: .shortAndLong, help: "The data file (JSON), or - for standard input.")
    var data: String

    @Option(name: .shortAndLong, help: "The folder for the documents.")
    var out: String

    @Option(name: .shortAndLong, help: "odt, docx, pdf or all; several with commas.")
    var format = "docx,odt"

    @Option(help: "The folder of templates.")
    var templates = "templates"

    @Option(help: "The folder of policy files.")
    var policies = "policies"

    @Flag(help: "Generate even when the teams break their province policy.")
    var ignorePolicy = false

    @Flag(name: .shortAndLong, help: "No progress bar and no summary, only errors.")
    var quiet = false

    func run() async throws {
        do {
            try await generate()
        } catch let failure as CommandFailure {
            CommandIO.note(failure.description)
            throw ExitCode(failure.exitCode)
        }
    }

    private func generate() async throws {
        let start = ContinuousClock.now
        guard let kind = DocumentKinds.named(kind) else {
            throw CommandFailure("Không có loại văn bản “\(self.kind)”. Các loại có: \(DocumentKinds.all.map(\.id).joined(separator: ", ")).", exitCode: 2)
        }
        let formats = try Self.formats(format)
        let converter = formats.pdf
            ? try PDFBatch.start(workers: ProcessInfo.processInfo.activeProcessorCount,
                                 hint: "Chạy scripts/install-deps.sh, hoặc chọn --format odt,docx.")
            : nil
        let json = Data(try CommandIO.read(data))
        let context = try Self.context(policies: policies)

        let batch: DocumentBatch
        do {
            batch = try kind.prepare(from: json, context: context)
        } catch {
            throw CommandFailure("\(data): \(error.message)")
        }
        let documents = batch.documents
        let errors = batch.violations.filter { $0.severity == .error }
        for violation in batch.violations { CommandIO.note("- \(violation)") }
        if !errors.isEmpty && !ignorePolicy {
            throw CommandFailure("Dữ liệu có \(errors.count) lỗi so với chính sách của tỉnh: chưa tạo văn bản nào. Sửa dữ liệu (xem `vanban validate`) hoặc thêm --ignore-policy để vẫn tạo bản nháp.")
        }

        // One pass writes every native format asked for. PDF is converted from the ODT, LibreOffice's own format;
        // an ODT made only for that goes to a scratch folder that is removed afterwards.
        let folder = URL(fileURLWithPath: out)
        var written: [URL] = []
        var odtFiles: [URL] = []
        let bar = quiet ? nil : ProgressBar(label: "Tạo văn bản")
        do {
            if !formats.native.isEmpty {
                let templates = try formats.native.map { try CommandIO.template("\(self.templates)/\(kind.id).\($0.rawValue)") }
                let names = formats.native.map { $0.rawValue.uppercased() }.joined(separator: ", ")
                let files = try DocumentGenerator.write(documents, templates: templates, to: folder) { done, total in
                    bar?.update(done: done, total: total, suffix: names)
                }
                written += files.map(\.url)
                odtFiles = files.filter { $0.format == .odt }.map(\.url)
            }
            if let converter {
                let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-pdf-\(UUID().uuidString)")
                defer { try? FileManager.default.removeItem(at: scratch) }
                if odtFiles.isEmpty {
                    let template = try CommandIO.template("\(templates)/\(kind.id).odt")
                    odtFiles = try DocumentGenerator.write(documents, templates: [template], to: scratch) { done, total in
                        bar?.update(done: done, total: total, suffix: "ODT")
                    }.map(\.url)
                }
                bar?.finish()
                let pdfBar = quiet ? nil : ProgressBar(label: "Chuyển sang PDF")
                let total = odtFiles.count
                let outcomes = await converter.convert(odtFiles, outFolder: folder, options: PDFOptions()) { done, _ in
                    pdfBar?.update(done: done, total: total, suffix: "PDF")
                }
                pdfBar?.finish()
                let failures = outcomes.compactMap { if case .failure(let failure) = $0.result { failure.description } else { nil } }
                guard failures.isEmpty else {
                    throw CommandFailure("LibreOffice không chuyển được \(failures.count) văn bản sang PDF:\n" + failures.joined(separator: "\n"))
                }
                written += outcomes.compactMap { try? $0.result.get().pdf }
            }
        } catch let error as GenerationError {
            throw CommandFailure(error.description)
        }
        bar?.finish()
        if !quiet {
            let seconds = (ContinuousClock.now - start).milliseconds / 1000
            let kinds = formats.names.map { $0.uppercased() }.joined(separator: ", ")
            print("Đã tạo \(documents.count) văn bản “\(kind.id)” (\(kinds)): \(written.count) tệp trong \(folder.standardizedFileURL.path), \(String(format: "%.2f", seconds)) giây.")
            if documents.count <= 3 { for file in written { print("  \(file.standardizedFileURL.path)") } }
        }
    }

    /// The native formats to render and whether to convert to PDF.
    struct Formats: Equatable {
        var native: [DocumentFormat]
        var pdf: Bool
        var names: [String] { native.map(\.rawValue) + (pdf ? ["pdf"] : []) }
    }

    static func formats(_ text: String) throws -> Formats {
        var result = Formats(native: [], pdf: false)
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            switch name {
            case "odt": if !result.native.contains(.odt) { result.native.append(.odt) }
            case "docx": if !result.native.contains(.docx) { result.native.append(.docx) }
            case "pdf": result.pdf = true
            case "all": result = Formats(native: [.docx, .odt], pdf: true)
            default: throw CommandFailure("Định dạng “\(name)” không có: chọn odt, docx, pdf hoặc all (có thể nhiều, cách nhau bằng dấu phẩy).", exitCode: 2)
            }
        }
        if result.native.isEmpty && !result.pdf { throw CommandFailure("Chưa chọn định dạng nào (--format odt, docx, pdf hoặc all).", exitCode: 2) }
        return result
    }

    static func context(policies: String) throws -> DocumentContext {
        guard FileManager.default.fileExists(atPath: policies) else { return DocumentContext() }
        do {
            return DocumentContext(policies: try TeamPolicy.loadAll(directory: URL(fileURLWithPath: policies)))
        } catch {
            throw CommandFailure("Chính sách \(error.description)")
        }
    }
}
