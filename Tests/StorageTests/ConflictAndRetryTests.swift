import Foundation
import Storage
import Testing
import Workflow

@Suite("Store: stale actions and retries")
struct ConflictAndRetryTests {
    @Test("an action on an old revision is refused and says who changed the document", arguments: StoreBackend.available)
    func staleRevision(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        let id = try await h.create().document.id
        try await h.act(id, .submit, by: StoreHarness.clerk, revision: 1)
        h.clock.set("2025-08-14T10:15:00+07:00")
        try await h.act(id, .return, by: StoreHarness.chairman, comment: "Sửa tên tổ", revision: 2)
        do {
            try await h.act(id, .approve, by: StoreHarness.viceChairman, revision: 2)
            Issue.record("a stale approval went through")
        } catch let error as StoreError {
            #expect(error.description == "Văn bản đã được Hoàng Văn Hùng thay đổi (trả lại) lúc 2025-08-14T10:15:00+07:00, "
                + "sau lần bạn xem (lần sửa 2, nay là 3); hãy tải lại văn bản rồi làm lại.")
        }
        #expect(try await h.store.history(of: id).count == 3)
    }

    @Test("a retried request with the same key does not act twice; a key reused for another request is refused",
          arguments: StoreBackend.available)
    func idempotentRetries(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        let created = try await h.create(key: "tao-1")
        let again = try await h.create(key: "tao-1")
        #expect(again.replayed && again.document.id == created.document.id)
        #expect(try await h.store.documents(DocumentFilter()).count == 1)
        let id = created.document.id
        try await h.act(id, .submit, by: StoreHarness.clerk)
        try await h.act(id, .approve, by: StoreHarness.chairman)
        let signed = try await h.act(id, .sign, by: StoreHarness.chairman, revision: 3, key: "ky-1")
        let retried = try await h.act(id, .sign, by: StoreHarness.chairman, revision: 3, key: "ky-1")
        #expect(!signed.replayed && retried.replayed)
        #expect(retried.registered == signed.registered && retried.entry == signed.entry)
        #expect(try await h.store.register(communeID: "gia-cat", year: 2025).count == 1)
        #expect(try await h.store.history(of: id).count == 4)
        do {
            try await h.act(id, .archive, by: StoreHarness.chairman, key: "ky-1")
            Issue.record("a reused key was accepted")
        } catch let error as StoreError {
            #expect(error.description == "Mã yêu cầu “ky-1” đã được dùng cho một yêu cầu khác; hãy gửi yêu cầu mới với mã mới.")
        }
    }

    @Test("the same request sent several times at once acts once, and the other copies replay it",
          arguments: StoreBackend.available)
    func simultaneousRetries(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        let created = try await withThrowingTaskGroup(of: ChangeOutcome.self) { group in
            for _ in 0..<6 { group.addTask { try await h.create(key: "tao-cung-luc") } }
            return try await group.reduce(into: [ChangeOutcome]()) { $0.append($1) }
        }
        #expect(created.filter { !$0.replayed }.count == 1)
        #expect(Set(created.map(\.document)).count == 1)
        #expect(try await h.store.documents(DocumentFilter()).count == 1)
        let id = created[0].document.id
        try await h.act(id, .submit, by: StoreHarness.clerk)
        try await h.act(id, .approve, by: StoreHarness.chairman)
        let signed = try await withThrowingTaskGroup(of: ChangeOutcome.self) { group in
            for _ in 0..<6 { group.addTask { try await h.act(id, .sign, by: StoreHarness.chairman, key: "ky-cung-luc") } }
            return try await group.reduce(into: [ChangeOutcome]()) { $0.append($1) }
        }
        #expect(signed.filter { !$0.replayed }.count == 1)
        #expect(Set(signed.map(\.entry)).count == 1 && Set(signed.map(\.registered)).count == 1)
        #expect(try await h.store.register(communeID: "gia-cat", year: 2025).map(\.number) == [1])
        #expect(try await h.store.history(of: id).count == 4)
    }
}
