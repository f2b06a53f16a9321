import Foundation
import Storage
import Testing
import Workflow

@Suite("Store: the number register")
struct NumberRegisterTests {
    @Test("numbers start at 01 each year, per body; a failed signing takes no number", arguments: StoreBackend.available)
    func gaplessPerYear(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        let first = try await h.document(in: "approved")
        await #expect(throws: StoreError.self) {
            try await h.act(first, .sign, by: StoreHarness.chairman, finisher: StubFinisher(fails: true))
        }
        #expect(try await h.store.document(first)?.state == "approved")
        #expect(try await h.store.register(communeID: "gia-cat", year: 2025).isEmpty)
        let second = try await h.document(in: "approved")
        #expect(try await h.act(second, .sign, by: StoreHarness.chairman).registered?.notation == "01/QĐ-UBND")
        #expect(try await h.act(first, .sign, by: StoreHarness.chairman).registered?.notation == "02/QĐ-UBND")
        h.clock.set("2026-01-02T08:00:00+07:00")
        let nextYear = try await h.document(in: "approved")
        let line = try await h.act(nextYear, .sign, by: StoreHarness.chairman).registered
        #expect(line?.notation == "01/QĐ-UBND" && line?.year == 2026 && line?.issuedOn == "2026-01-02")
        #expect(try await h.store.register(communeID: "gia-cat", year: 2025).map(\.number) == [1, 2])
        #expect(try await h.store.registerEntry(of: first)?.notation == "02/QĐ-UBND")
        #expect(try await h.store.registerEntry(of: nextYear) == line)
        #expect(try await h.store.registerEntry(of: try await h.document(in: "approved")) == nil)
        let full = try #require(try await h.store.currentVersion(of: first))
        let summary = try #require(try await h.store.currentVersionSummary(of: first))
        #expect([summary.id, summary.documentID] == [full.id, full.documentID] && summary.sequence == full.sequence
            && summary.sha256 == full.sha256 && summary.isFinal && summary.authorID == full.authorID
            && summary.format == full.format && summary.createdAt == full.createdAt)
        #expect(try await h.store.currentVersionSummary(of: 999_999) == nil)
    }

    @Test("the year is Vietnam's: a signing at 23:30 on 31 December UTC+7 is still numbered in the old year",
          arguments: StoreBackend.available)
    func vietnamYear(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        let id = try await h.document(in: "approved")
        h.clock.set("2025-12-31T16:30:00Z")
        #expect(try await h.act(id, .sign, by: StoreHarness.chairman).registered?.year == 2025)
    }

    @Test("1,000 signings from 8 concurrent workers take the numbers 1 to 1,000 each exactly once",
          arguments: StoreBackend.available)
    func concurrentSignings(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        let count = 1_000
        var ids: [Int64] = []
        for _ in 0..<count { ids.append(try await h.document(in: "approved")) }
        let signers = [StoreHarness.chairman, StoreHarness.viceChairman]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                let mine = stride(from: worker, to: count, by: 8).map { ids[$0] }
                group.addTask {
                    for id in mine { try await h.act(id, .sign, by: signers[worker % 2]) }
                }
            }
            try await group.waitForAll()
        }
        let register = try await h.store.register(communeID: "gia-cat", year: 2025)
        #expect(register.map(\.number) == Array(1...count))
        #expect(Set(register.map(\.documentID)) == Set(ids))
        for id in ids.prefix(20) {
            let history = try await h.store.history(of: id)
            #expect(history.last?.action == "sign")
            #expect(try await h.store.versions(of: id).last?.isFinal == true)
        }
    }
}
