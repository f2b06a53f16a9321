import Foundation
@testable import Storage
import Testing
import Workflow

@Suite("Store: the document work of an action")
struct DocumentWorkTests {
    @Test("each action reads the version's data at most once: a submit and a sign once, an approve never",
          arguments: StoreBackend.available)
    func preparedOncePerAction(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        let count = StubFinisher.PreparedCount()
        let finisher = StubFinisher(prepared: count)
        let id = try await h.create().document.id
        let draft = try #require(try await h.store.currentVersion(of: id))
        try await h.act(id, .submit, by: StoreHarness.clerk, finisher: finisher)
        #expect(count.all == [draft.sha256])
        try await h.act(id, .approve, by: StoreHarness.chairman, finisher: finisher)
        #expect(count.all == [draft.sha256])
        let signed = try await h.act(id, .sign, by: StoreHarness.chairman, finisher: finisher)
        #expect(count.all == [draft.sha256, draft.sha256])
        #expect(signed.registered?.notation == "01/QĐ-UBND")
        // A refused action on a state without such a transition reads nothing.
        await #expect(throws: StoreError.self) { try await h.act(id, .submit, by: StoreHarness.clerk, finisher: finisher) }
        #expect(count.all.count == 2)
    }

    @Test("a version prepared before the lock is used only while it is still the current one")
    func staleEarlyVersionIsPreparedAgain() async throws {
        let h = try await StoreHarness(.sqlite)
        let id = try await h.document(in: "approved")
        let document = try #require(try await h.store.document(id))
        let current = try #require(try await h.store.currentVersion(of: id))
        let older = VersionRecord(
            id: 0, documentID: id, sequence: 0, format: "odt", data: Data("{}".utf8), bytes: Data("cũ".utf8),
            sha256: "older", authorID: "lan", createdAt: document.createdAt, isFinal: false)
        let facts = ChangeFacts(
            document: document, actor: StoreHarness.chairman, commune: StoreHarness.commune, definition: h.definition,
            current: current, authors: ["lan"], lastChange: nil, lastNumber: 4)
        let request = ActOnDocument(documentID: id, action: .sign, userID: "hung", comment: "", expectedRevision: nil,
                                    idempotencyKey: nil, at: h.clock.now())

        let count = StubFinisher.PreparedCount()
        let finisher = StubFinisher(prepared: count)
        let stale = try ChangePlanner.plan(request, facts: facts, finisher: finisher,
                                       early: finisher.prepare(document, version: older), calendar: StoreHarness.workflows.calendar)
        // The early one (older) plus one under the lock for the current version, shared by the guard and the render.
        #expect(count.all == ["older", current.sha256])
        #expect(stale.newVersion?.version.bytes == Data("\(String(decoding: current.bytes, as: UTF8.self)) | Số: 05/QĐ-UBND | ngày 14 tháng 8 năm 2025 | Hoàng Văn Hùng".utf8))

        let fresh = StubFinisher.PreparedCount()
        let early = StubFinisher(prepared: fresh).prepare(document, version: current)
        _ = try ChangePlanner.plan(request, facts: facts, finisher: StubFinisher(prepared: fresh), early: early,
                                   calendar: StoreHarness.workflows.calendar)
        #expect(fresh.all == [current.sha256])
    }
}
