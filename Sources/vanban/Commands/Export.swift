import Archive
import ArgumentParser
import Foundation
import Office
import VietnameseText

/// `vanban export`: the archive package of a commune's signed documents issued in a date range.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the archive package (E-ARK zip) of the signed documents issued from one date to another.",
        discussion: """
            For each signed document, in the order of issue: the signed PDF, the signed ODT/DOCX, its Decree 30 metadata \
            (XML) and its history (XML); METS.xml lists every file with its SHA-256, and a PREMIS file records the \
            checksums. The package is written under a temporary name and renamed when complete. Check it with \
            `vanban verify FILE.zip --trust ca.pem`. Dates are 2026-01-31 or 31/01/2026, both days included.
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "The first day of issue.")
    var from: String
    @Option(help: "The last day of issue.")
    var to: String
    @Option(help: "The commune (its id); needed only when several communes issued documents in the range.")
    var commune: String?
    @Option(help: "The package to write (.zip).")
    var out: String
    @Flag(help: "Replace the file at --out when it exists.")
    var force = false

    func validate() throws {
        _ = try Self.date(from, option: "--from")
        _ = try Self.date(to, option: "--to")
        guard out.lowercased().hasSuffix(".zip") else { throw ValidationError("--out must name a .zip file.") }
    }

    static func date(_ text: String, option: String) throws -> VietnameseDate {
        guard let date = VietnameseDate(parsing: text) else {
            throw ValidationError("\(option): “\(text)” is not a date; write 2026-01-31 or 31/01/2026.")
        }
        return date
    }

    func run() async throws {
        try await reportingFailures {
            let destination = URL(fileURLWithPath: out)
            if !force, FileManager.default.fileExists(atPath: destination.path) {
                throw CommandFailure("\(out) đã có; chọn tên khác hoặc thêm --force để ghi đè.")
            }
            try await storeOptions.withOffice { office in
                let export: ArchiveExport
                do {
                    export = try await ArchiveExport.prepare(store: office.store, from: try Self.date(from, option: "--from"),
                                                             to: try Self.date(to, option: "--to"), communeID: commune)
                } catch let problem as ArchiveExportProblem {
                    throw CommandFailure(problem.description)
                }
                CommandIO.note("Xuất \(export.documentCount) văn bản của \(export.organ.name) vào \(out)…")
                let bar = ProgressBar(label: "Xuất gói lưu trữ")
                let summary: ArchivePackageSummary
                do {
                    summary = try await export.write(to: destination) { bar.update(done: $0, total: $1) }
                    bar.finish()
                } catch {
                    bar.finish()
                    throw CommandFailure("Không xuất được gói lưu trữ; không có tệp nào được ghi ở \(out). \(error)")
                }
                let megabytes = String(format: "%.1f", Double(summary.byteCount) / 1_048_576)
                print("Đã xuất \(summary.documentCount) văn bản (\(summary.fileCount) tệp, \(megabytes) MB) vào \(out).")
            }
        }
    }
}
