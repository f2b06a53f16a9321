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
            let signed = draft.issued(number: 12, date: Self.day, signedAt: Date(timeIntervalSince1970: 1_767_580_305),
                                      signerName: "Đặng Đức Sơn", signerTitle: "Chủ tịch")
            for issuance in [draft, draft.issued(number: 12, date: Self.day, signerName: "Đặng Đức Sơn", signerTitle: "Chủ tịch"), signed] {
                #expect(issuance.json == [UInt8](try encoder.encode(issuance)))
            }
        }
    }
}

@Suite("Issuance: the instant of signing")
struct SigningInstantTests {
    static let day = VietnameseDate(parsing: "2025-08-14")!

    @Test("kept as ISO 8601 in Vietnam time in `thoi_gian_ky`, read back from any offset, refused when not a date-time")
    func instant() throws {
        let at = try #require(ISO8601DateFormatter().date(from: "2025-08-14T09:31:45Z"))
        let issued = Issuance(year: 2025).issued(number: 7, date: Self.day, signedAt: at, signerName: "Đặng Đức Sơn", signerTitle: "Chủ tịch")
        let json = String(decoding: issued.json, as: UTF8.self)
        #expect(json.hasSuffix(#","so":7,"thoi_gian_ky":"2025-08-14T16:31:45+07:00"}"#))
        #expect(try JSONDecoder().decode(Issuance.self, from: Data(issued.json)) == issued)
        let utc = Data(#"{"nam": 2025, "thoi_gian_ky": "2025-08-14T09:31:45Z"}"#.utf8)
        #expect(try JSONDecoder().decode(Issuance.self, from: utc).signedAt == at)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Issuance.self, from: Data(#"{"nam": 2025, "thoi_gian_ky": "14/08/2025 16:31:45"}"#.utf8))
        }
        #expect(Issuance(year: 2025).issued(number: 7, date: Self.day, signerName: "A", signerTitle: "Chủ tịch").signedAt == nil)
    }
}
