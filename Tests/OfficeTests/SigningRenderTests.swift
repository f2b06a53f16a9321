import Foundation
import Office
import Storage
import TestSupport
import Testing

/// What signing writes into the document itself, through the real templates.
@Suite("Office: signing renders the final version")
struct SigningRenderTests {
    static func office(clock: Date) async throws -> CommuneOffice {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-office-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: folder.appendingPathComponent("v.sqlite").path)
        let office = try await CommuneOffice.open(store: store, root: repositoryRoot, clock: { clock })
        try await DemoCommune.load(sample: repositoryRoot.appendingPathComponent(DemoCommune.sample)).install(in: store)
        return office
    }

    /// The sample's decision drafted by the clerk, approved by the chairman and signed by `signer`; its id.
    @discardableResult
    static func signDecision(in office: CommuneOffice, by signer: String, checkingDraft: (Int64) async throws -> Void = { _ in })
        async throws -> (id: Int64, signed: ChangeOutcome) {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent(DemoCommune.sample))
        let id = try await office.createDraft(kind: "quyet-dinh-thanh-lap-cac-to", data: data, by: "canbo").document.id
        try await checkingDraft(id)
        try await office.act(id, .submit, by: "canbo")
        try await office.act(id, .approve, by: "chutich")
        return (id, try await office.act(id, .sign, by: signer))
    }

    @Test("the draft leaves number and date blank; the signed version has them, the signer, and its data says so")
    func numberDateAndSigner() async throws {
        let signedAt = ISO8601DateFormatter().date(from: "2025-01-05T08:30:00+07:00")!
        let office = try await Self.office(clock: signedAt)
        let (id, signed) = try await Self.signDecision(in: office, by: "phochutich") { id in
            let draft = try DocumentText.of([UInt8](try #require(try await office.store.currentVersion(of: id)).bytes))
            #expect(!draft.contains("01/QĐ-UBND"))
        }
        #expect(signed.registered?.notation == "01/QĐ-UBND")
        #expect(signed.registered?.details.recipients.last == "Lưu: VT, VHXH")
        #expect(signed.registered?.details.fileUnit == "VT, VHXH")

        let final = try #require(try await office.store.currentVersion(of: id))
        #expect(final.isFinal)
        let text = try DocumentText.of([UInt8](final.bytes))
        #expect(text.contains("Số: 01/QĐ-UBND"))
        #expect(text.contains("Gia Cát, ngày 05 tháng 01 năm 2025"))
        #expect(text.contains("Hoàng Văn Minh"))
        // The draft names the chairman; the deputy signs for him (NĐ 30, PL I: `KT.` before the head's title).
        #expect(text.contains("KT. CHỦ TỊCH"))
        let issuance = try #require(try JSONSerialization.jsonObject(with: final.data) as? [String: Any])["van_ban"] as? [String: Any]
        #expect(issuance?["so"] as? Int == 1 && issuance?["ngay_ban_hanh"] as? String == "2025-01-05")
        #expect((issuance?["nguoi_ky"] as? [String: Any])?["chuc_vu"] as? String == "Phó Chủ tịch")
    }
}
