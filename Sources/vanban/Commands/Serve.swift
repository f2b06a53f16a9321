import ArgumentParser
import Conversion
import Foundation
import Hummingbird
import Logging
import Office
import Server
import Storage

/// `vanban serve`: the web pages and the JSON API, on the embedded store by default, with the demo commune ready.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start the web service (web pages and JSON API under /api/v1) for clerks, approvers and archivists.",
        discussion: """
            On first start it creates the store (.data/vanban.sqlite), the demo commune Gia Cát with one draft decision, \
            and one account per role with a random password, kept beside the store (.data/demo-accounts.txt) and printed at every start. Run it from the \
            repository root (it reads templates/, workflows/ and policies/). Ctrl-C stops it; a change is either \
            stored whole or not at all, so stopping it at any moment loses nothing that was acknowledged.
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"
    @Option(help: "The port to listen on (0: any free port, printed at start).")
    var port = 8080
    @Flag(help: "Mark cookies Secure: use when clients reach the server over HTTPS (a TLS proxy in front).")
    var secureCookies = false
    @Flag(help: "Do not create the demo commune and its accounts.")
    var noDemo = false
    @Option(help: "The signing keys folder: ca.pem, <commune>/body.pem and body-key.pem, <commune>/users/<user>.pem and <user>-key.pem (default: keys/ beside the store; the demo commune's test keys are made there).")
    var keys: String?
    @Option(help: "LibreOffice workers that print signed documents to PDF.")
    var pdfWorkers = 1

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535.") }
        guard pdfWorkers >= 1 else { throw ValidationError("--pdf-workers must be at least 1.") }
    }

    /// Where the demo passwords of this store are kept: beside the SQLite file, or in .data/ named after the
    /// PostgreSQL database, so that two stores never share a list.
    func accountsFile(_ store: any Store) -> URL {
        if let postgres = store as? PostgresStore {
            let name = postgres.location.map { $0.isLetter || $0.isNumber ? $0 : "-" }
            return URL(fileURLWithPath: ".data/demo-accounts-\(String(name)).txt")
        }
        return URL(fileURLWithPath: storeOptions.database).deletingLastPathComponent().appendingPathComponent("demo-accounts.txt")
    }

    var keyFolder: KeyFolder {
        KeyFolder(folder: URL(fileURLWithPath: keys ?? StoreOptions.defaultKeysFolder(database: storeOptions.database)))
    }

    func run() async throws {
        try await reportingFailures {
            try await storeOptions.withOffice(creating: true, keys: keys) { opened in
                // The signed PDF originals are made beside the requests, from the store's queue; without LibreOffice
                // the jobs wait with the reason, which the document's page shows.
                let pool: LibreOfficePool?
                let converter: any PDFConverter
                do {
                    let started = try LibreOfficePool(configuration: .init(workers: pdfWorkers))
                    (pool, converter) = (started, started)
                } catch let error as ConversionError {
                    (pool, converter) = (nil, UnavailableConverter(error))
                    FileHandle.standardError.write(Data("VanBan: \(error.description) Bản PDF ký số và xem trước sẽ chờ đến khi cài xong (scripts/install-deps.sh).\n".utf8))
                }
                let originals = SignedOriginals(store: opened.store, converter: converter, keys: keyFolder)
                var wired = opened
                wired.afterSigning = { originals.wake() }
                let office = wired
                let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
                let sessions = Sessions(store: office.store)
                let settings = ServerSettings(host: host, port: port, secureCookies: secureCookies)
                var logins: [DemoAccounts.Login] = []
                if !noDemo {
                    let demo = try DemoCommune.load(sample: root.appendingPathComponent(DemoCommune.sample))
                    logins = try await DemoAccounts.ensure(demo, in: office.store, sessions: sessions,
                                                           file: accountsFile(office.store))
                    try await DemoAccounts.ensureSampleDraft(demo, office: office, root: root)
                    try keyFolder.makeDemoKeys(commune: demo.commune, organization: "Ủy ban nhân dân xã \(demo.commune.name)",
                                               signers: demo.users.filter { $0.roles.contains(.approver) })
                    try keyFolder.installArtwork(from: root.appendingPathComponent("samples/artwork"), communeID: demo.commune.id)
                }
                let shown = logins
                var logger = Logger(label: "vanban")
                logger.logLevel = .info
                let app = try await VanBanServer.application(
                    office: office, sessions: sessions, settings: settings,
                    templates: root.appendingPathComponent("templates"), previews: Previews(converter: converter), logger: logger,
                    onServerRunning: { channel in
                        let address = "http://\(host):\(channel.localAddress?.port ?? port)"
                        var lines = ["VanBan đang chạy tại \(address) (kho \(storeOptions.describe(office.store))). Ctrl-C để dừng."]
                        if !shown.isEmpty {
                            lines.append("Tài khoản thử của xã Gia Cát (lưu trong \(accountsFile(office.store).relativePath)):")
                            for login in shown {
                                let roles = login.user.roles.sorted().map(\.vietnameseName).joined(separator: ", ")
                                lines.append("  \(login.user.id.padding(toLength: 11, withPad: " ", startingAt: 0)) "
                                    + "mật khẩu \(login.password)  \(login.user.fullName), \(login.user.title) (\(roles))")
                            }
                        }
                        // Unbuffered, so that a script waiting for this line (or a log file) sees it at once.
                        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
                    })
                let queueLogger = logger
                let queue = Task { await originals.run(log: { queueLogger.info("\($0)") }) }
                do {
                    try await app.runService()
                } catch {
                    queue.cancel()
                    await pool?.shutdown()
                    throw error
                }
                queue.cancel()
                await pool?.shutdown()
            }
        }
    }
}
