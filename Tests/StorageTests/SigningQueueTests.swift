import Foundation
import Storage
import Testing
import VietnameseText
import Workflow

/// The signing queue as both stores keep it: a job written with the number, leased to one worker at a time, retried
/// after a failure, closed by the one signed PDF that is then kept for ever.
@Suite("Store: the signing queue and signed PDFs")
struct SigningQueueTests {
    static func lease(owner: String = "w1", at iso: String, seconds: TimeInterval = 120) -> SigningLease {
        let now = ISO8601DateFormatter().date(from: iso)!
        return SigningLease(owner: owner, now: VietnamTime.iso8601(now), until: VietnamTime.iso8601(now.addingTimeInterval(seconds)))
    }

    @Test("a signing writes its job with the number; a failed signing writes none", arguments: StoreBackend.available)
    func jobWithTheNumber(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        let failed = try await h.document(in: "approved")
        _ = try? await h.act(failed, .sign, by: StoreHarness.chairman, finisher: StubFinisher(fails: true))
        #expect(try await h.store.signingJob(of: failed) == nil)
        #expect(try await h.store.claimSigningJob(Self.lease(at: "2025-09-01T08:00:00+07:00")) == nil)

        let id = try await h.document(in: "signed")
        let job = try #require(try await h.store.signingJob(of: id))
        let final = try #require(try await h.store.currentVersion(of: id))
        let signing = try #require(try await h.store.history(of: id).last)
        #expect(final.isFinal && job.versionSHA256 == final.sha256 && job.signedAt == signing.at)
        #expect(job.signerID == StoreHarness.chairman.id && job.attempts == 0 && job.doneAt == nil && job.lastError.isEmpty)
        // Archiving later does not add a second job.
        #expect(try await h.document(in: "archived") != id)
        #expect(try await h.store.signingJob(of: id) == job)
        await h.store.close()
    }

    @Test("a job is leased to one worker, taken again when the lease ends, and waits after a failure",
          arguments: StoreBackend.available)
    func leasesAndRetries(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        let id = try await h.document(in: "signed")
        let signedAt = try #require(try await h.store.signingJob(of: id)).signedAt
        // Not due before it was signed.
        #expect(try await h.store.claimSigningJob(Self.lease(at: "2025-08-14T08:59:00+07:00")) == nil)

        let first = try #require(try await h.store.claimSigningJob(Self.lease(at: "2025-09-01T08:00:00+07:00")))
        #expect(first.documentID == id && first.attempts == 1 && first.signedAt == signedAt)
        // Held: another worker finds nothing, until the lease ends (the first worker died).
        #expect(try await h.store.claimSigningJob(Self.lease(owner: "w2", at: "2025-09-01T08:01:00+07:00")) == nil)
        let again = try #require(try await h.store.claimSigningJob(Self.lease(owner: "w2", at: "2025-09-01T08:02:00+07:00")))
        #expect(again.documentID == id && again.attempts == 2)
        #expect(try await h.store.pendingSigningJobs().map(\.leaseOwner) == ["w2"])
        // Given back by its owner's name only: another name changes nothing.
        try await h.store.releaseSigningLease(documentID: id, owner: "w1")
        #expect(try await h.store.claimSigningJob(Self.lease(owner: "w3", at: "2025-09-01T08:02:30+07:00")) == nil)
        try await h.store.releaseSigningLease(documentID: id, owner: "w2")
        let released = try #require(try await h.store.claimSigningJob(Self.lease(owner: "w3", at: "2025-09-01T08:02:30+07:00")))
        #expect(released.attempts == 3 && released.leaseOwner == "w3")

        try await h.store.failSigning(documentID: id, error: "Chưa có khóa ký số", retryAt: "2025-09-01T09:00:00+07:00")
        #expect(try await h.store.claimSigningJob(Self.lease(at: "2025-09-01T08:59:59+07:00")) == nil)
        let retried = try #require(try await h.store.claimSigningJob(Self.lease(at: "2025-09-01T09:00:00+07:00")))
        #expect(retried.attempts == 4 && retried.lastError == "Chưa có khóa ký số")
        await h.store.close()
    }

    @Test("the first signed PDF (and ODT) closes the job and is kept; a slower worker's are dropped", arguments: StoreBackend.available)
    func firstPDFKept(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        let id = try await h.document(in: "signed")
        let other = try await h.document(in: "signed")
        let job = try #require(try await h.store.claimSigningJob(Self.lease(at: "2025-09-01T08:00:00+07:00")))
        #expect(job.documentID == id)
        let pdf = Data("%PDF-1.7 đã ký".utf8)
        let odt = Data("PK ODT đã ký".utf8)
        try await h.store.finishSigning(SignedPDF(documentID: id, versionSHA256: job.versionSHA256, pdf: pdf, odt: odt,
                                                  createdAt: "2025-09-01T08:00:05+07:00"))
        try await h.store.finishSigning(SignedPDF(documentID: id, versionSHA256: job.versionSHA256, pdf: Data("%PDF khác".utf8),
                                                  odt: Data("PK khác".utf8), createdAt: "2025-09-01T08:00:09+07:00"))
        let stored = try #require(try await h.store.signedPDF(of: id))
        #expect(stored.pdf == pdf && stored.sha256 == SHA256Hex.digest(pdf) && stored.createdAt == "2025-09-01T08:00:05+07:00")
        #expect(stored.odt == odt && stored.odtSHA256 == SHA256Hex.digest(odt), "the signed ODT is kept with the first PDF")
        #expect(try await h.store.signingJob(of: id)?.doneAt == "2025-09-01T08:00:05+07:00")
        // A finished job is never taken again, and a failure reported late does not reopen it.
        try await h.store.failSigning(documentID: id, error: "trễ", retryAt: "2025-09-01T08:00:00+07:00")
        #expect(try await h.store.signingJob(of: id)?.lastError == "")
        let next = try await h.store.claimSigningJob(Self.lease(at: "2025-09-01T09:00:00+07:00"))
        #expect(next?.documentID == other)
        #expect(try await h.store.pendingSigningJobs().map(\.documentID) == [other])
        #expect(try await h.store.signedPDF(of: other) == nil)
        // A DOCX version has a signed PDF only.
        try await h.store.finishSigning(SignedPDF(documentID: other, versionSHA256: "v", pdf: pdf, createdAt: "2025-09-01T09:00:05+07:00"))
        let pdfOnly = try #require(try await h.store.signedPDF(of: other))
        #expect(pdfOnly.odt == nil && pdfOnly.odtSHA256 == nil)
        await h.store.close()
    }
}
