import Documents
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
}
