import Conversion
import Foundation
import Signing
import Storage
import Templating
import VietnameseText

/// Makes the legal electronic original of each signed document after its sign action has committed: prints the
/// signed version to PDF through the warm LibreOffice pool, signs it digitally (first the signer, then the commune
/// body, as PAdES incremental updates), checks the result and stores it with its SHA-256.
///
/// The jobs live in the store, written in the signing transaction, so nothing is lost when the process dies: a job
/// taken by a worker that died is taken again once its lease ends. A failed attempt (LibreOffice missing or busy, no
/// key for the signer yet) is retried later, each time after a longer wait, and its reason is kept on the job for the
/// document's page. Several workers and several processes may share one store: each job is leased to one of them.
public final class SignedOriginals: Sendable {
    let store: any Store
    let converter: any PDFConverter
    let keys: any SigningKeys
    /// Who holds a lease (process and worker), in the store and the log.
    public let owner: String
    /// How long a worker holds a job it took; a job whose worker died is taken again after this.
    public let lease: Duration
    /// PDF/A-2b, the archival form (the default), or plain PDF.
    let options: PDFOptions
    private let wakeUp: AsyncStream<Void>.Continuation
    private let wakeUps: AsyncStream<Void>

    public init(store: any Store, converter: any PDFConverter, keys: any SigningKeys, owner: String = SignedOriginals.defaultOwner(),
                lease: Duration = .seconds(120), options: PDFOptions = PDFOptions(pdfA: true)) {
        self.store = store
        self.converter = converter
        self.keys = keys
        self.owner = owner
        self.lease = lease
        self.options = options
        (wakeUps, wakeUp) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    public static func defaultOwner() -> String {
        "\(ProcessInfo.processInfo.hostName)#\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// What one turn of the queue did.
    public enum Outcome: Sendable, Equatable {
        /// The document's signed PDF is stored.
        case signed(documentID: Int64, sha256: String)
        /// The attempt failed and the job waits until `retryAt`; `reason` is in Vietnamese.
        case failed(documentID: Int64, reason: String, retryAt: String)
    }

    /// Takes one due job and works it; nil when no job is due.
    @discardableResult
    public func workOne(now: Date = Date()) async throws -> Outcome? {
        let until = now.addingTimeInterval(lease.seconds)
        guard let job = try await store.claimSigningJob(
            SigningLease(owner: owner, now: VietnamTime.iso8601(now), until: VietnamTime.iso8601(until))) else { return nil }
        do {
            let made = try await original(of: job)
            let stored = SignedPDF(documentID: job.documentID, versionSHA256: job.versionSHA256, pdf: Data(made.pdf),
                                   odt: made.odt.map { Data($0) }, createdAt: VietnamTime.iso8601(Date()))
            try await store.finishSigning(stored)
            return .signed(documentID: job.documentID, sha256: stored.sha256)
        } catch {
            let reason = Self.reason(error)
            let retryAt = VietnamTime.iso8601(Date().addingTimeInterval(Self.retryDelay(afterAttempt: job.attempts)))
            try await store.failSigning(documentID: job.documentID, error: reason, retryAt: retryAt)
            return .failed(documentID: job.documentID, reason: reason, retryAt: retryAt)
        }
    }

    /// Works every due job, then waits for `wake()` or `poll`, until the task is cancelled. A store that cannot be
    /// reached is tried again at the next turn.
    public func run(poll: Duration = .seconds(2), log: @escaping @Sendable (String) -> Void = { _ in }) async {
        let ticker = Task { [wakeUp] in
            while !Task.isCancelled {
                try? await Task.sleep(for: poll)
                wakeUp.yield()
            }
        }
        defer { ticker.cancel() }
        do {
            let released = try await releaseAbandonedJobs()
            if released > 0 { log("signing queue: took back \(released) job(s) of a process that is gone") }
        } catch {
            log("signing queue: \(error)")
        }
        wakeUp.yield()
        for await _ in wakeUps {
            if Task.isCancelled { break }
            while !Task.isCancelled {
                do {
                    guard let outcome = try await workOne() else { break }
                    switch outcome {
                    case let .signed(id, sha256): log("signed PDF of document \(id) stored (sha256 \(sha256))")
                    case let .failed(id, reason, retryAt): log("signing document \(id) failed, retry at \(retryAt): \(reason)")
                    }
                } catch {
                    log("signing queue: \(error)")
                    break
                }
            }
        }
    }

    /// Gives back the jobs held by workers of this machine whose process is gone (a server killed while it signed),
    /// so that they are made now rather than when their lease ends; returns how many.
    @discardableResult
    public func releaseAbandonedJobs() async throws -> Int {
        let host = ProcessInfo.processInfo.hostName
        var released = 0
        for job in try await store.pendingSigningJobs() {
            guard let owner = job.leaseOwner, owner != self.owner else { continue }
            let parts = owner.split(separator: "#")
            guard parts.count == 2, parts[0] == host, let pid = Int32(parts[1]), pid != ProcessInfo.processInfo.processIdentifier,
                  kill(pid, 0) == -1, errno == ESRCH else { continue }
            try await store.releaseSigningLease(documentID: job.documentID, owner: owner)
            released += 1
        }
        return released
    }

    /// Asks the running queue to look for work now (after a sign action), instead of at its next poll.
    public func wake() {
        wakeUp.yield()
    }

    /// The wait before attempt `attempts + 1`: 10 s, doubling, at most an hour.
    static func retryDelay(afterAttempt attempts: Int) -> TimeInterval {
        min(3600, 10 * pow(2, Double(max(0, attempts - 1))))
    }

    // MARK: Making one original

    /// The signed PDF of a job's version, and the version itself signed when it is an ODT.
    func original(of job: SigningJob) async throws -> (pdf: [UInt8], odt: [UInt8]?) {
        guard let document = try await store.document(job.documentID) else {
            throw SigningProblem("Không còn văn bản số \(job.documentID).")
        }
        let version = try await signedVersion(of: job)
        guard let format = DocumentFormat(rawValue: version.format) else {
            throw SigningProblem("Bản đã ký có định dạng “\(version.format)”, không in ra PDF được.")
        }
        guard let user = try await store.user(job.signerID) else { throw SigningProblem("Không còn người ký \(job.signerID).") }
        let notation = try await store.registerEntry(of: job.documentID)?.notation ?? ""
        let commune = try await store.commune(document.communeID)
        guard let signer = try keys.signer(userID: user.id, communeID: document.communeID) else {
            throw SigningProblem("Chưa có khóa ký số của \(user.fullName) (\(user.id)): văn bản đã có số \(notation) nhưng chưa có bản PDF ký số. Hãy cài khóa rồi hệ thống sẽ tự ký lại.")
        }
        guard let body = try keys.body(communeID: document.communeID) else {
            throw SigningProblem("Chưa có khóa ký số của cơ quan (UBND \(commune?.name ?? document.communeID)): văn bản đã có số \(notation) nhưng chưa có bản PDF ký số.")
        }
        let pdf: Data
        do {
            pdf = try await converter.pdf(from: version.bytes, format: format, options: options)
        } catch let error as ConversionError {
            throw SigningProblem("Chưa in được bản PDF: \(error.description)")
        }
        let time = Self.date(job.signedAt) ?? Date()
        let place = commune.map { "Xã \($0.name)" }
        var signed = try await PAdES.sign(pdf: Array(pdf), signer: signer, info: .init(
            time: time, name: user.fullName, reason: "Ký ban hành văn bản \(notation)", location: place))
        signed = try await PAdES.sign(pdf: signed, signer: body, info: .init(
            time: time, name: body.certificate.commonName, reason: "Cơ quan ban hành ký số văn bản \(notation)", location: place))
        let anchors = try keys.trustAnchors()
        let report = try await PDFSignatureVerifier.verify(pdf: signed, trustAnchors: anchors)
        guard report.isValid else {
            throw SigningProblem("Bản PDF vừa ký không qua kiểm tra: \(report.verificationReport(file: "\(notation).pdf").text)")
        }
        guard format == .odt else { return (signed, nil) }
        // The native original gets the same two signatures (XML-DSig with XAdES, as LibreOffice signs), so the
        // archive holds an ODT whose integrity and signers anyone can check as well.
        let odt: [UInt8]
        do {
            let first = try await ODFSignature.sign(odt: Array(version.bytes), signer: signer, info: .init(time: time))
            odt = try await ODFSignature.sign(odt: first, signer: body, info: .init(time: time))
            let odtReport = try await ODFSignatureVerifier.verify(odt: odt, trustAnchors: anchors)
            guard odtReport.isValid else {
                throw SigningProblem("Bản ODT vừa ký không qua kiểm tra: \(odtReport.verificationReport(file: "\(notation).odt").text)")
            }
        } catch let error as ODFSignatureError {
            throw SigningProblem("Chưa ký số được bản ODT: \(error)")
        }
        return (signed, odt)
    }

    private func signedVersion(of job: SigningJob) async throws -> VersionRecord {
        if let current = try await store.currentVersion(of: job.documentID), current.sha256 == job.versionSHA256 { return current }
        guard let version = try await store.versions(of: job.documentID).first(where: { $0.sha256 == job.versionSHA256 }) else {
            throw SigningProblem("Không tìm thấy bản đã ký (SHA-256 \(job.versionSHA256)) của văn bản số \(job.documentID).")
        }
        return version
    }

    static func date(_ iso: String) -> Date? {
        ISO8601DateFormatter().date(from: iso)
    }

    static func reason(_ error: any Error) -> String {
        if let problem = error as? SigningProblem { return problem.message }
        if let office = error as? OfficeError { return office.description }
        return "Lỗi khi ký số: \(error)"
    }
}

/// A converter for a machine without LibreOffice: every job waits with the reason, and is made once it is installed
/// and the service restarted.
public struct UnavailableConverter: PDFConverter {
    public let error: ConversionError

    public init(_ error: ConversionError) {
        self.error = error
    }

    public func pdf(from document: Data, format: DocumentFormat, options: PDFOptions) async throws -> Data {
        throw error
    }
}

/// Why a signed PDF could not be made, for the document's page (Vietnamese).
struct SigningProblem: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

extension Duration {
    var seconds: TimeInterval {
        let (s, atto) = components
        return TimeInterval(s) + TimeInterval(atto) / 1e18
    }
}
