import Conversion
import Foundation
import Office
import OfficeZip
import Signing
import Storage
import Templating
import TestSupport
import Testing
import VietnameseText

/// The signed PDF original made after a sign action: converted, signed by the signer and the body, checked and
/// stored; retried when something is missing; taken again when its worker died.
@Suite("Office: the signed PDF original")
struct SignedOriginalsTests {
    /// A converter that prints every document as the same small PDF and remembers what it was given.
    final class FakeConverter: PDFConverter, @unchecked Sendable {
        private let lock = NSLock()
        private var calls: [(Data, DocumentFormat, PDFOptions)] = []
        private var failure: ConversionError?

        func pdf(from document: Data, format: DocumentFormat, options: PDFOptions) async throws -> Data {
            try lock.withLock {
                calls.append((document, format, options))
                if let failure { throw failure }
                return Data(TestPDF.handwritten(text: "Quyet dinh so 01/QD-UBND"))
            }
        }

        var received: [(Data, DocumentFormat, PDFOptions)] { lock.withLock { calls } }
        func fail(with error: ConversionError?) { lock.withLock { failure = error } }
    }

    struct Setting {
        let office: CommuneOffice
        let keys: KeyFolder
        let converter: FakeConverter
        let originals: SignedOriginals

        /// The demo commune with a document signed by the deputy chairman on 5 January 2025; keys made unless `keys` is false.
        init(keys makeKeys: Bool = true, converter: (any PDFConverter)? = nil) async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-originals-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let signedAt = ISO8601DateFormatter().date(from: "2025-01-05T08:30:00+07:00")!
            office = try await SigningRenderTests.office(clock: signedAt)
            keys = KeyFolder(folder: folder.appendingPathComponent("keys"))
            let fake = FakeConverter()
            self.converter = fake
            originals = SignedOriginals(store: office.store, converter: converter ?? fake, keys: keys, owner: "test")
            if makeKeys { try makeDemoKeys() }
        }

        func makeDemoKeys() throws {
            try keys.makeDemoKeys(commune: CommuneRecord(id: "gia-cat", name: "Gia Cát", profile: Data()),
                                  organization: "Ủy ban nhân dân xã Gia Cát", signers: [try signer()])
        }

        func signer() throws -> UserRecord {
            UserRecord(id: "phochutich", fullName: "Hoàng Văn Minh", title: "Phó Chủ tịch", communeID: "gia-cat", roles: [.approver])
        }

        func signedDocument() async throws -> Int64 {
            let data = try Data(contentsOf: repositoryRoot.appendingPathComponent(DemoCommune.sample))
            let id = try await office.createDraft(kind: "quyet-dinh-thanh-lap-cac-to", data: data, by: "canbo").document.id
            try await office.act(id, .submit, by: "canbo")
            try await office.act(id, .approve, by: "chutich")
            try await office.act(id, .sign, by: "phochutich")
            return id
        }
    }

    @Test("the signed version is printed as PDF/A, signed by the signer then the body, checked and stored with its SHA-256")
    func signedTwice() async throws {
        let s = try await Setting()
        #expect(try await s.originals.workOne() == nil)
        let id = try await s.signedDocument()
        let final = try #require(try await s.office.store.currentVersion(of: id))

        let outcome = try #require(try await s.originals.workOne())
        let stored = try #require(try await s.office.store.signedPDF(of: id))
        #expect(outcome == .signed(documentID: id, sha256: stored.sha256))
        #expect(stored.versionSHA256 == final.sha256 && stored.sha256 == SHA256Hex.digest(stored.pdf))
        let given = try #require(s.converter.received.first)
        #expect(given.0 == final.bytes && given.1 == .odt && given.2.pdfA)

        let report = try await PDFSignatureVerifier.verify(pdf: Array(stored.pdf), trustAnchors: try s.keys.trustAnchors(),
                                                           expectedSHA256: Self.bytes(hex: stored.sha256))
        let text = report.verificationReport(file: "01.pdf").text
        #expect(report.isValid, "\(text)")
        #expect(report.verificationReport(file: "01.pdf").items.count == 2)
        #expect(text.contains("Hoàng Văn Minh") && text.contains("Ủy ban nhân dân xã Gia Cát"), "\(text)")
        #expect(try await s.office.store.signingJob(of: id)?.doneAt != nil)
        #expect(try await s.originals.workOne() == nil)

        // The ODT version carries the same two signatures, XML-DSig, over every entry of the signed version.
        let odt = try #require(stored.odt)
        #expect(stored.odtSHA256 == SHA256Hex.digest(odt))
        let odtReport = try await ODFSignatureVerifier.verify(odt: Array(odt), trustAnchors: try s.keys.trustAnchors())
        #expect(odtReport.isValid, "\(odtReport.verificationReport(file: "01.odt").text)")
        let names = odtReport.signatures.map { $0.signerName ?? "" }
        #expect(names.count == 2 && names[0].hasPrefix("Hoàng Văn Minh") && names[1].hasPrefix("Ủy ban nhân dân xã Gia Cát"), "\(names)")
        let signedEntries = Set(try ZipArchive(bytes: Array(odt)).entries.map(\.name))
        #expect(signedEntries.isSuperset(of: try ZipArchive(bytes: Array(final.bytes)).entries.map(\.name)))
        #expect(signedEntries.contains("META-INF/documentsignatures.xml"))
    }

    static func bytes(hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
    }

    @Test("without the signer's key the job waits with the reason in Vietnamese, and is signed once the key is there")
    func missingKey() async throws {
        let s = try await Setting(keys: false)
        let id = try await s.signedDocument()
        guard case let .failed(failedID, reason, retryAt) = try #require(try await s.originals.workOne()) else {
            Issue.record("signed without a key")
            return
        }
        #expect(failedID == id && reason.contains("Chưa có khóa ký số của Hoàng Văn Minh") && reason.contains("01/QĐ-UBND"))
        #expect(try await s.office.store.signingJob(of: id)?.lastError == reason)
        #expect(try await s.originals.workOne() == nil, "retried before \(retryAt)")
        try s.makeDemoKeys()
        let later = Date().addingTimeInterval(3600)
        guard case .signed = try #require(try await s.originals.workOne(now: later)) else {
            Issue.record("not signed once the key was there")
            return
        }
        #expect(try await s.office.store.signingJob(of: id)?.attempts == 2)
    }

    @Test("a LibreOffice failure is kept as the reason and retried; a job whose worker died is taken again after its lease")
    func failuresAndLeases() async throws {
        let s = try await Setting()
        let id = try await s.signedDocument()
        s.converter.fail(with: .timedOut(seconds: 60, detail: "test"))
        guard case let .failed(_, reason, _) = try #require(try await s.originals.workOne()) else {
            Issue.record("signed though LibreOffice failed")
            return
        }
        #expect(reason.hasPrefix("Chưa in được bản PDF:"), "\(reason)")
        s.converter.fail(with: nil)

        // A worker takes the job and dies without a word.
        let later = Date().addingTimeInterval(3600)
        let held = try await s.office.store.claimSigningJob(SigningLease(
            owner: "dead", now: VietnamTime.iso8601(later), until: VietnamTime.iso8601(later.addingTimeInterval(120))))
        #expect(held?.documentID == id)
        #expect(try await s.originals.workOne(now: later.addingTimeInterval(60)) == nil)
        guard case .signed = try #require(try await s.originals.workOne(now: later.addingTimeInterval(121))) else {
            Issue.record("the dead worker's job was not taken again")
            return
        }
    }

    @Test("a job held by a process of this machine that is gone is taken back at once; a live holder keeps it")
    func abandonedByDeadProcess() async throws {
        let s = try await Setting()
        let id = try await s.signedDocument()
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let host = ProcessInfo.processInfo.hostName, now = Date()
        let lease = SigningLease(owner: "\(host)#\(ProcessInfo.processInfo.processIdentifier)", now: VietnamTime.iso8601(now),
                                 until: VietnamTime.iso8601(now.addingTimeInterval(120)))
        #expect(try await s.office.store.claimSigningJob(lease)?.documentID == id)
        #expect(try await s.originals.releaseAbandonedJobs() == 0, "the holder (this process) is alive")
        try await s.office.store.releaseSigningLease(documentID: id, owner: lease.owner)
        let dead = SigningLease(owner: "\(host)#\(gone.processIdentifier)", now: lease.now, until: lease.until)
        #expect(try await s.office.store.claimSigningJob(dead)?.documentID == id)
        #expect(try await s.originals.workOne() == nil)
        #expect(try await s.originals.releaseAbandonedJobs() == 1)
        guard case .signed? = try await s.originals.workOne() else {
            Issue.record("the abandoned job was not taken back")
            return
        }
    }

    @Test("the running queue signs a document soon after it is signed")
    func runningQueue() async throws {
        let s = try await Setting()
        let runner = Task { await s.originals.run(poll: .seconds(30)) }
        defer { runner.cancel() }
        let id = try await s.signedDocument()
        s.originals.wake()
        var stored: SignedPDF?
        for _ in 0..<200 where stored == nil {
            try await Task.sleep(for: .milliseconds(50))
            stored = try await s.office.store.signedPDF(of: id)
        }
        #expect(stored != nil)
    }

    @Test("through the real LibreOffice pool: a PDF/A-2b original with both signatures valid",
          .enabled(if: LibreOffice.poolShouldRun, Comment(rawValue: LibreOffice.poolSkipReason)))
    func realPool() async throws {
        let pool = try LibreOfficePool(configuration: .init(workers: 1))
        let s = try await Setting(converter: pool)
        let id = try await s.signedDocument()
        let outcome = try await s.originals.workOne()
        await pool.shutdown()
        guard case .signed = try #require(outcome) else {
            Issue.record("not signed: \(String(describing: outcome))")
            return
        }
        let stored = try #require(try await s.office.store.signedPDF(of: id))
        let report = try await PDFSignatureVerifier.verify(pdf: Array(stored.pdf), trustAnchors: try s.keys.trustAnchors())
        #expect(report.isValid, "\(report.verificationReport(file: "01.pdf").text)")
        #expect(String(decoding: stored.pdf, as: UTF8.self).contains("pdfaid:part"))
    }
}
