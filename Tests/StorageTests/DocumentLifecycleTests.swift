import Foundation
import Storage
import Testing
import Workflow

@Suite("Store: a document's life")
struct DocumentLifecycleTests {
    @Test("draft → review → approved → signed → archived, each step audited with who, role, when, from, to and hash",
          arguments: StoreBackend.available)
    func wholePath(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        let created = try await h.create()
        let id = created.document.id
        #expect(created.document.state == "draft" && created.document.revision == 1 && created.document.workflowVersion == 1)
        try await h.act(id, .submit, by: StoreHarness.clerk)
        h.clock.set("2025-08-15T10:30:00+07:00")
        try await h.act(id, .approve, by: StoreHarness.chairman)
        let signed = try await h.act(id, .sign, by: StoreHarness.chairman)
        #expect(signed.registered?.notation == "01/QĐ-UBND")
        #expect(signed.registered?.issuedOn == "2025-08-15")
        #expect(signed.document.state == "signed" && signed.document.revision == 4 && signed.document.dueOn == nil)
        try await h.act(id, .archive, by: StoreHarness.archivist)

        let history = try await h.store.history(of: id)
        #expect(history.map { "\($0.revision) \($0.at) \($0.userID) \($0.role.rawValue) \($0.action) \($0.fromState ?? "-")→\($0.toState)" } == [
            "1 2025-08-14T09:00:00+07:00 lan clerk create -→draft",
            "2 2025-08-14T09:00:00+07:00 lan clerk submit draft→commune_review",
            "3 2025-08-15T10:30:00+07:00 hung approver approve commune_review→approved",
            "4 2025-08-15T10:30:00+07:00 hung approver sign approved→signed",
            "5 2025-08-15T10:30:00+07:00 mai archivist archive signed→archived",
        ])
        let versions = try await h.store.versions(of: id)
        #expect(versions.map(\.sequence) == [1, 2] && versions.map(\.isFinal) == [false, true])
        #expect(String(decoding: versions[1].bytes, as: UTF8.self)
            == "Dự thảo 1 | Số: 01/QĐ-UBND | ngày 15 tháng 8 năm 2025 | Hoàng Văn Hùng")
        #expect(history.map(\.versionSHA256) == [versions[0].sha256, versions[0].sha256, versions[0].sha256,
                                                 versions[1].sha256, versions[1].sha256])
        #expect(versions[1].sha256 == SHA256Hex.digest(versions[1].bytes) && versions[1].sha256.count == 64)
        let register = try await h.store.register(communeID: "gia-cat", year: 2025)
        #expect(register.map(\.notation) == ["01/QĐ-UBND"])
        #expect(register.first?.details == RegisterDetails(
            typeName: "Quyết định", subject: "Thành lập Tổ CNSCĐ thôn Bắc Nga", signer: "Hoàng Văn Hùng",
            recipients: ["Như Điều 3", "Lưu: VT"], fileUnit: "VT"))
    }

    @Test("review is due after its working days; a document past its due day is listed as overdue",
          arguments: StoreBackend.available)
    func dueDays(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        h.clock.set("2025-08-29T16:00:00+07:00")  // a Friday, before the 02/9 holiday
        let id = try await h.create().document.id
        let submitted = try await h.act(id, .submit, by: StoreHarness.clerk)
        #expect(submitted.document.dueOn?.iso == "2025-09-04")  // Mon 1, (Tue 2 off), Wed 3, Thu 4
        #expect(try await h.store.documents(DocumentFilter(overdueOn: "2025-09-04")).isEmpty)
        #expect(try await h.store.documents(DocumentFilter(overdueOn: "2025-09-05")).map(\.id) == [id])
        #expect(try await h.store.documents(DocumentFilter(communeID: "gia-cat", state: "commune_review")).map(\.id) == [id])
        #expect(try await h.store.documents(DocumentFilter(communeID: "yen-hoa")).isEmpty)
    }

    @Test("a draft is revised with a new version; a document under review or signed is not",
          arguments: StoreBackend.available)
    func revisions(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        let id = try await h.create().document.id
        let revised = try await h.store.revise(ReviseDraft(
            documentID: id, userID: "lan", expectedRevision: 1, version: StoreHarness.draft("Dự thảo 2"), at: h.clock.now()))
        #expect(revised.document.revision == 2 && revised.entry.action == "edit")
        #expect(try await h.store.currentVersion(of: id)?.bytes == Data("Dự thảo 2".utf8))
        try await h.act(id, .submit, by: StoreHarness.clerk)
        await #expect(throws: StoreError.self) {
            try await h.store.revise(ReviseDraft(documentID: id, userID: "lan", expectedRevision: nil,
                                                 version: StoreHarness.draft("Dự thảo 3"), at: h.clock.now()))
        }
        do {
            _ = try await h.store.revise(ReviseDraft(documentID: id, userID: "lan", expectedRevision: nil,
                                                     version: StoreHarness.draft("Dự thảo 3"), at: h.clock.now()))
        } catch let error as StoreError {
            #expect(error.description == "Chỉ sửa được văn bản ở trạng thái dự thảo (văn bản đang ở “Chờ xã xem xét”); "
                + "muốn đính chính văn bản đã ký, hãy lập văn bản thay thế.")
        }
        #expect(try await h.store.versions(of: id).count == 2)
    }

    @Test("a replacement is a new document that names the one it corrects; the signed one stays as it was",
          arguments: StoreBackend.available)
    func replacement(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        let signed = try await h.document(in: "signed")
        let before = try await h.store.versions(of: signed)
        let replacement = try await h.store.create(CreateDocument(
            userID: "lan", kind: "quyet-dinh-thanh-lap-to", typeCode: "QĐ", title: "Thay thế", workflow: h.definition,
            firstVersion: StoreHarness.draft("Bản đính chính"), replacesID: signed, at: h.clock.now()))
        #expect(replacement.document.replacesID == signed && replacement.document.id != signed)
        #expect(try await h.store.document(replacement.document.id)?.replacesID == signed)
        #expect(try await h.store.versions(of: signed) == before)
        #expect(try await h.store.document(signed)?.state == "signed")
    }

    @Test("a return needs a comment and sends the draft back; the author cannot approve it",
          arguments: StoreBackend.available)
    func returnAndGuards(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        let id = try await h.create().document.id
        try await h.act(id, .submit, by: StoreHarness.clerk)
        await #expect(throws: StoreError.self) { try await h.act(id, .return, by: StoreHarness.chairman) }
        let returned = try await h.act(id, .return, by: StoreHarness.chairman, comment: "Bổ sung Tổ phó")
        #expect(returned.document.state == "draft" && returned.entry.comment == "Bổ sung Tổ phó")
        let policy = StubFinisher(problems: ["Tổ thôn Bắc Nga chưa có Tổ phó."])
        do {
            try await h.act(id, .submit, by: StoreHarness.clerk, finisher: policy)
            Issue.record("submitted despite a policy problem")
        } catch let error as StoreError {
            #expect(error.description == "Văn bản chưa đạt yêu cầu:\n- Tổ thôn Bắc Nga chưa có Tổ phó.")
        }
        #expect(try await h.store.document(id)?.revision == 3)
    }
}
