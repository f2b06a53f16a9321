import Documents
import Foundation
import Domain
import Testing
import VietnameseText

@Suite("Issuance at signing")
struct SigningIssuanceTests {
    static let day = VietnameseDate(parsing: "2026-01-05")!

    @Test("number, date, year and signer are set; authority lines drafted for the signer's own title stay")
    func keepsLinesForTheSameTitle() {
        let draft = Issuance(year: 2025, recipients: ["Lưu: VT"], signer: Signer(
            name: "Hoàng Văn Minh", title: "Phó Chủ tịch", authority: "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"))
        let issued = draft.issued(number: 5, date: Self.day, signerName: "Hoàng Văn Minh", signerTitle: "phó chủ tịch")
        #expect(issued.number == 5 && issued.date == Self.day && issued.year == 2026)
        #expect(issued.signer?.authority == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"])
        #expect(issued.recipients == ["Lưu: VT"])
    }

    @Test("lines drafted for another title give way to the kind's default for the one who signs")
    func dropsLinesForAnotherTitle() {
        let draft = Issuance(year: 2025, signer: Signer(name: "Hoàng Văn Minh", title: "Phó Chủ tịch", authority: "KT. CHỦ TỊCH"))
        let issued = draft.issued(number: 1, date: Self.day, signerName: "Đặng Đức Sơn", signerTitle: "Chủ tịch")
        #expect(issued.signer == Signer(name: "Đặng Đức Sơn", title: "Chủ tịch"))
        #expect(issued.signer?.authority == nil)
    }

    @Test("an issuance's JSON is what JSONEncoder writes with sorted keys and unescaped slashes")
    func jsonAsTheEncoderWritesIt() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let drafts = [
            Issuance(year: 2025),
            Issuance(year: 2025, legalBases: ["Căn cứ Luật Tổ chức Chính quyền địa phương ngày 19/6/2015"], proposer: "Công chức \"Văn hóa\" – Xã hội",
                     recipients: ["Như Điều 4;", "Lưu: VT, VHXH."],
                     signer: Signer(name: "Hoàng Văn Minh", title: "Phó Chủ tịch", authority: "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH")),
            Issuance(year: 2026, recipients: ["a\\b\tc"], signer: Signer(name: "Đặng Đức Sơn", title: "Chủ tịch", authority: "")),
            Issuance(year: 2026, signer: Signer(name: "Đặng Đức Sơn", title: "Chủ tịch")),
        ]
        for draft in drafts {
            for issuance in [draft, draft.issued(number: 12, date: Self.day, signerName: "Đặng Đức Sơn", signerTitle: "Chủ tịch")] {
                #expect(issuance.json == [UInt8](try encoder.encode(issuance)))
            }
        }
    }
}
