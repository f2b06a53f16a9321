import ArgumentParser
import Conversion
import Foundation
import Office
import Storage
import VietnameseText

/// `vanban originals`: works off the signing queue once, for documents signed from the command line or while no
/// server ran.
struct Originals: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make the signed PDF originals still waiting: print each signed version to PDF/A, sign it (signer, then body) and store it.",
        discussion: """
            `vanban serve` does this by itself after every signing; this command is for documents signed with \
            `vanban docs act ID sign`, or while no server ran. One line per document; a document that fails keeps its \
            job with the reason (seen in `docs list` and on the document's page) and is retried later; the exit code is then 1.
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "The signing keys folder (default: keys/ beside the store, .data/keys).")
    var keys: String?

    func run() async throws {
        try await reportingFailures {
            try await storeOptions.withOffice(keys: keys) { office in
                let pool: LibreOfficePool
                do { pool = try LibreOfficePool(configuration: .init(workers: 1)) } catch let error as ConversionError {
                    throw CommandFailure("\(error.description) Chạy scripts/install-deps.sh.", exitCode: 2)
                }
                let folder = keys ?? StoreOptions.defaultKeysFolder(database: storeOptions.database)
                let originals = SignedOriginals(store: office.store, converter: pool, keys: KeyFolder(folder: URL(fileURLWithPath: folder)))
                var failed = 0, signed = 0
                do {
                    try await originals.releaseAbandonedJobs()
                    let pending = try await office.store.pendingSigningJobs()
                    let now = VietnamTime.iso8601(Date())
                    let waiting = pending.filter { $0.notBefore <= now }.count
                    if waiting == 0 {
                        let later = pending.map(\.notBefore).min().map { "; \(pending.count) văn bản chờ thử lại, sớm nhất từ \($0)." } ?? "."
                        print("Không có văn bản nào chờ tạo bản PDF ký số lúc này" + later)
                    }
                    while let outcome = try await originals.workOne() {
                        let notation = { (id: Int64) async -> String in
                            (try? await office.store.registerEntry(of: id)?.notation).flatMap { $0 } ?? "văn bản \(id)"
                        }
                        switch outcome {
                        case let .signed(id, sha256):
                            signed += 1
                            print("[\(signed + failed)/\(waiting)] \(await notation(id)): đã ký số, SHA-256 \(sha256)")
                        case let .failed(id, reason, retryAt):
                            failed += 1
                            CommandIO.note("[\(signed + failed)/\(waiting)] \(await notation(id)): chưa được (thử lại từ \(retryAt)): \(reason)")
                        }
                    }
                } catch {
                    await pool.shutdown()
                    throw error
                }
                await pool.shutdown()
                if failed > 0 { throw CommandFailure("\(failed) văn bản chưa có bản PDF ký số (xem các dòng trên); \(signed) văn bản đã xong.") }
            }
        }
    }
}
