import Foundation
import Storage
import Testing
import Workflow

/// The register as the archive export reads it: per commune, how much falls in a date range and how much still waits
/// for its signed PDF; then the lines page by page, in issuance order, within the range.
@Suite("Store: the register by date range, page by page")
struct RegisterQueryTests {
    static let yenHoaClerk = UserRecord(id: "ha", fullName: "Phạm Thu Hà", title: "Công chức Văn phòng - Thống kê",
                                        communeID: "yen-hoa", roles: [.clerk])

    /// Signs a new document of `clerk`'s commune at `time`, approved and signed by `signer`.
    static func sign(_ h: StoreHarness, at time: String, clerk: UserRecord = StoreHarness.clerk,
                     signer: UserRecord = StoreHarness.chairman) async throws -> RegisterEntry {
        let id = try await h.create(by: clerk).document.id
        try await h.act(id, .submit, by: clerk)
        try await h.act(id, .approve, by: signer)
        h.clock.set(time)
        return try #require(try await h.act(id, .sign, by: signer).registered)
    }

    @Test("spans count each commune's documents in the range and those still without a signed PDF",
          arguments: StoreBackend.available)
    func spans(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        try await h.store.save(Self.yenHoaClerk)
        let first = try await Self.sign(h, at: "2025-03-01T09:00:00+07:00")
        _ = try await Self.sign(h, at: "2025-03-02T09:00:00+07:00")
        _ = try await Self.sign(h, at: "2025-03-02T10:00:00+07:00", clerk: Self.yenHoaClerk, signer: StoreHarness.stranger)
        _ = try await Self.sign(h, at: "2025-04-01T09:00:00+07:00")

        #expect(try await h.store.registerSpans(from: "2025-03-01", to: "2025-03-31") == [
            RegisterSpan(communeID: "gia-cat", documents: 2, withoutSignedPDF: 2),
            RegisterSpan(communeID: "yen-hoa", documents: 1, withoutSignedPDF: 1),
        ])
        let version = try #require(try await h.store.currentVersion(of: first.documentID))
        try await h.store.finishSigning(SignedPDF(documentID: first.documentID, versionSHA256: version.sha256,
                                                  pdf: Data("%PDF-1.7".utf8), createdAt: "2025-03-01T09:01:00+07:00"))
        #expect(try await h.store.registerSpans(from: "2025-03-01", to: "2025-03-01") == [
            RegisterSpan(communeID: "gia-cat", documents: 1, withoutSignedPDF: 0),
        ])
        #expect(try await h.store.registerSpans(from: "2025-05-01", to: "2025-12-31").isEmpty)
        await h.store.close()
    }

    @Test("pages follow the order of issue across days and years, stay inside the range and the commune, and end",
          arguments: StoreBackend.available)
    func pages(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        try await h.store.save(Self.yenHoaClerk)
        var expected: [RegisterEntry] = []
        for time in ["2025-12-30T09:00:00+07:00", "2025-12-31T08:00:00+07:00", "2025-12-31T09:00:00+07:00",
                     "2026-01-02T09:00:00+07:00", "2026-01-02T10:00:00+07:00"] {
            expected.append(try await Self.sign(h, at: time))
        }
        _ = try await Self.sign(h, at: "2025-12-31T10:00:00+07:00", clerk: Self.yenHoaClerk, signer: StoreHarness.stranger)
        _ = try await Self.sign(h, at: "2026-01-03T09:00:00+07:00")
        #expect(expected.map(\.notation) == ["01/QĐ-UBND", "02/QĐ-UBND", "03/QĐ-UBND", "01/QĐ-UBND", "02/QĐ-UBND"])

        var read: [RegisterEntry] = []
        var pageSizes: [Int] = []
        while true {
            let page = try await h.store.registerPage(communeID: "gia-cat", from: "2025-12-30", to: "2026-01-02",
                                                      after: read.last, limit: 2)
            pageSizes.append(page.count)
            read += page
            if page.count < 2 { break }
        }
        #expect(read == expected)
        #expect(pageSizes == [2, 2, 1])
        #expect(try await h.store.registerPage(communeID: "gia-cat", from: "2025-12-31", to: "2025-12-31", after: nil, limit: 10)
            .map(\.documentID) == expected[1...2].map(\.documentID))
        #expect(try await h.store.registerPage(communeID: "yen-hoa", from: "2025-12-30", to: "2026-01-02", after: nil, limit: 10).count == 1)
        await h.store.close()
    }
}
