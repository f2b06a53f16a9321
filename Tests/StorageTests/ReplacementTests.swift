import Foundation
import Storage
import Testing
import Workflow

/// A signed document is corrected by a new document that names it; both keep their numbers in the register.
@Suite("Store: replacement documents")
struct ReplacementTests {
    func replacement(_ h: StoreHarness, of id: Int64, by user: UserRecord = StoreHarness.clerk) async throws -> ChangeOutcome {
        try await h.store.create(CreateDocument(
            userID: user.id, kind: "quyet-dinh-thanh-lap-to", typeCode: "QĐ", title: "Thay thế", workflow: h.definition,
            firstVersion: StoreHarness.draft("Bản sửa"), replacesID: id, at: h.clock.now()))
    }

    @Test("only a signed document of one's commune is replaced, by one live replacement; both stay in the register",
          arguments: StoreBackend.available)
    func replaceSigned(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        let draft = try await h.document(in: "draft")
        let unsigned = await #expect(throws: StoreError.self) { try await replacement(h, of: draft) }
        #expect(unsigned?.description == "Văn bản \(draft) chưa được ký ban hành nên không cần văn bản thay thế; hãy sửa chính văn bản đó.")
        let missing = await #expect(throws: StoreError.self) { try await replacement(h, of: 999_999) }
        #expect(missing?.description == StoreError.documentNotFound(999_999).description)

        let signed = try await h.document(in: "signed")
        let foreign = await #expect(throws: StoreError.self) { try await replacement(h, of: signed, by: StoreHarness.stranger) }
        #expect(foreign?.description == StoreError.documentNotFound(signed).description)
        let first = try await replacement(h, of: signed).document
        #expect(first.replacesID == signed && first.state == "draft")
        #expect(try await h.store.documents(DocumentFilter(replaces: signed)).map(\.id) == [first.id])
        let twice = await #expect(throws: StoreError.self) { try await replacement(h, of: signed) }
        #expect(twice?.description.contains("đã có văn bản thay thế (số hiệu \(first.id))") == true, "\(String(describing: twice))")

        // Withdrawn, it no longer stands in the way.
        try await h.act(first.id, .withdraw, by: StoreHarness.clerk, comment: "Soạn lại")
        let second = try await replacement(h, of: signed).document
        for (action, user) in [(WorkflowAction.submit, StoreHarness.clerk), (.approve, StoreHarness.chairman), (.sign, StoreHarness.chairman)] {
            try await h.act(second.id, action, by: user)
        }
        let register = try await h.store.register(communeID: "gia-cat", year: 2025)
        #expect(register.map(\.documentID) == [signed, second.id] && register.map(\.number) == [1, 2])
        #expect(try await h.store.document(signed)?.state == "signed")
        #expect(Set(try await h.store.documents(DocumentFilter(replaces: signed)).map(\.id)) == [first.id, second.id])
        await h.store.close()
    }
}
