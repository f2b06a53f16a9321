import Domain
import Foundation
import Templating
import Testing
import TestSupport
import VietnameseText
@testable import Documents

/// The sample, the policies and the templates of the repository, loaded once per test.
enum Fixtures {
    static func sample(_ name: String) throws -> Data {
        try Data(contentsOf: repositoryRoot.appendingPathComponent("samples/\(name)"))
    }

    static func context() throws -> DocumentContext {
        DocumentContext(policies: try TeamPolicy.loadAll(directory: repositoryRoot.appendingPathComponent("policies")))
    }

    static func template(_ id: String, _ format: DocumentFormat) throws -> CompiledTemplate {
        try CompiledTemplate(contentsOf: repositoryRoot.appendingPathComponent("templates/\(id).\(format.rawValue)"))
    }

    /// A sample as JSON objects, changed by `edit`, as JSON again.
    static func editing(_ name: String, _ edit: (inout [String: Any]) throws -> Void) throws -> Data {
        var object = try #require(try JSONSerialization.jsonObject(with: sample(name)) as? [String: Any])
        try edit(&object)
        return try JSONSerialization.data(withJSONObject: object)
    }

    /// The Gia Cát sample changed by `edit`.
    static func giaCat(editing edit: (inout [String: Any]) -> Void) throws -> Data {
        try editing("gia-cat-to.json", edit)
    }

    static func issuance(_ data: inout [String: Any], _ key: String, _ value: Any?) {
        var issuance = data["van_ban"] as? [String: Any] ?? [:]
        issuance[key] = value
        data["van_ban"] = issuance
    }
}

@Suite("Issuance details")
struct IssuanceTests {
    @Test("legal bases end with ‘;’ and the block's last line with ‘.’; recipients likewise")
    func punctuation() {
        let withProposal = Issuance(year: 2025, legalBases: ["Căn cứ A.", "Căn cứ B;", "  Căn cứ C  "], proposer: "Văn phòng",
                                    recipients: ["- Như Điều 3", "Lưu: VT."])
        #expect(withProposal.punctuatedLegalBases == ["Căn cứ A;", "Căn cứ B;", "Căn cứ C;"])
        #expect(withProposal.punctuatedRecipients == ["Như Điều 3;", "Lưu: VT."])
        let withoutProposal = Issuance(year: 2025, legalBases: ["Căn cứ A;", "Căn cứ B;"])
        #expect(withoutProposal.punctuatedLegalBases == ["Căn cứ A;", "Căn cứ B."])
    }

    @Test("text arrives decomposed from old keyboards and is stored as NFC")
    func normalization() {
        let decomposed = "Căn cứ Luật Tổ chức".decomposedStringWithCanonicalMapping
        let issuance = Issuance(year: 2025, legalBases: [decomposed], signer: Signer(name: "Đặng Đức Sơn".decomposedStringWithCanonicalMapping, title: "Chủ tịch"))
        #expect(issuance.legalBases[0].unicodeScalars.elementsEqual("Căn cứ Luật Tổ chức".unicodeScalars))
        #expect(issuance.signer?.name.unicodeScalars.elementsEqual("Đặng Đức Sơn".unicodeScalars) == true)
    }

    @Test("a number below 1, a date that is not a date and a missing year are refused in Vietnamese")
    func badInput() throws {
        for (key, value, message) in [
            ("so", 0 as Any, "Trường “van_ban.so” có giá trị không hợp lệ (số văn bản phải từ 1 trở lên)."),
            ("ngay_ban_hanh", "31/02/2025", "Trường “van_ban.ngay_ban_hanh” có giá trị không hợp lệ (cần ngày dạng 2025-01-05 hoặc 05/01/2025)."),
            ("nam", nil, "Thiếu trường “nam” ở “van_ban”."),
        ] {
            let json = try Fixtures.giaCat { Fixtures.issuance(&$0, key, value) }
            #expect(throws: DomainDataError(message: message)) { try FoundingDecisionData.decode(json: json) }
        }
    }

    @Test("the year of an issued document is the year of its date")
    func yearFromDate() throws {
        let json = try Fixtures.giaCat { Fixtures.issuance(&$0, "ngay_ban_hanh", "05/10/2022") }
        let data = try FoundingDecisionData.decode(json: json)
        #expect(data.issuance.year == 2022)
        #expect(data.issuance.date == VietnameseDate(year: 2022, month: 10, day: 5))
    }
}

@Suite("Founding decisions (templates 1 and 2)")
struct FoundingDecisionTests {
    @Test("one decision per team, named after its village, with the team's members and the commune's chat group")
    func oneDecisionPerTeam() throws {
        let documents = try TeamFoundingDecision().documents(from: Fixtures.sample("gia-cat-to.json"), context: Fixtures.context())
        #expect(documents.map(\.name) == ["bac-nga", "lien-hoa", "bac-dong-i", "bac-dong-ii", "na-bo", "son-hong"].map { "quyet-dinh-thanh-lap-to-thon-\($0)" })
        let first = documents[0].values
        #expect(first["ten_to"] == "Tổ công nghệ cộng đồng phát triển kinh tế số thôn Bắc Nga")
        #expect(first["so_thanh_vien"] == 4)
        #expect(first["to_truong"] == "Đào Xuân Đông")
        // Lạng Sơn's group is one per commune, so the team joins it rather than founding its own.
        #expect(first["nhom_chung_xa"] == "KTS_GiaCat_CaoLoc_Viettel")
        #expect(first["nhom_mang_xa_hoi"] == nil)
        // A draft: no number, no date; the blank lines are the template's.
        #expect(first["so_van_ban"] == nil && first["ngay_ban_hanh"] == nil)
        #expect(first["nam"] == 2021)
    }

    @Test("a team-scope policy names each team's own group")
    func teamScopeGroup() throws {
        let json = try Fixtures.giaCat { data in
            var commune = data["xa"] as! [String: Any]
            commune["chinh_sach"] = "ninh-thuan"
            data["xa"] = commune
        }
        let documents = try TeamFoundingDecision().documents(from: json, context: Fixtures.context())
        #expect(documents[0].values["nhom_mang_xa_hoi"] == "CNCĐ_BacNga_GiaCat_CaoLoc")
        #expect(documents[0].values["nhom_chung_xa"] == nil)
    }

    @Test("two teams of villages with the same name get distinct file names")
    func distinctNames() throws {
        let json = try Fixtures.giaCat { data in
            var teams = data["to"] as! [[String: Any]]
            teams[1]["thon"] = teams[0]["thon"]
            data["to"] = teams
        }
        let names = try TeamFoundingDecision().documents(from: json, context: Fixtures.context()).map(\.name)
        #expect(names[0] == "quyet-dinh-thanh-lap-to-thon-bac-nga")
        #expect(names[1] == "quyet-dinh-thanh-lap-to-thon-bac-nga-2")
    }

    @Test("the commune-wide decision lists all 24 members in village order, the leader marked as in seed 003")
    func communeWide() throws {
        let documents = try CommuneTeamsFoundingDecision().documents(from: Fixtures.sample("gia-cat-to.json"), context: Fixtures.context())
        #expect(documents.map(\.name) == ["quyet-dinh-thanh-lap-cac-to-xa-gia-cat"])
        let values = documents[0].values
        #expect(values["so_thanh_vien"] == 24)
        #expect(values["so_to"] == 6)
        #expect(values["ten_to"] == "Tổ công nghệ cộng đồng phát triển kinh tế số xã Gia Cát")
        guard case .list(let rows)? = values["thanh_vien"] else { Issue.record("no member list"); return }
        #expect(rows[0]["ho_ten"] == "Đào Xuân Đông" && rows[0]["ghi_chu"] == "Tổ trưởng" && rows[0]["phu_trach_thon"] == "Bắc Nga")
        #expect(rows[1]["ghi_chu"] == "" && rows[1]["dia_chi"] == "Bắc Nga")
        #expect(rows[23]["ho_ten"] == "Hoàng Văn Páo")
    }

    @Test("policy violations are reported by team, and an unknown policy is named")
    func violations() throws {
        #expect(try TeamFoundingDecision().violations(from: Fixtures.sample("gia-cat-to.json"), context: Fixtures.context()).isEmpty)
        let shrunk = try Fixtures.giaCat { data in
            var teams = data["to"] as! [[String: Any]]
            var members = teams[2]["thanh_vien"] as! [Any]
            members.removeLast(2)
            teams[2]["thanh_vien"] = members
            data["to"] = teams
        }
        let found = try TeamFoundingDecision().violations(from: shrunk, context: Fixtures.context())
        #expect(found.contains { $0.severity == .error && $0.team == "Tổ thôn Bắc Đông I" })
        #expect(throws: DomainDataError.self) { try TeamFoundingDecision().violations(from: shrunk, context: DocumentContext()) }
    }

    @Test("a list of communes (a district's export) makes every team's decision, named by commune and village")
    func severalCommunes() throws {
        let giaCat = try #require(try JSONSerialization.jsonObject(with: Fixtures.sample("gia-cat-to.json")) as? [String: Any])
        var other = giaCat
        var commune = try #require(other["xa"] as? [String: Any])
        commune["ten"] = "Hòa Cư"
        other["xa"] = commune
        var teams = try #require(other["to"] as? [[String: Any]])
        teams[0]["thanh_vien"] = Array(try #require(teams[0]["thanh_vien"] as? [Any]).prefix(1))
        other["to"] = Array(teams.prefix(1))
        let json = try JSONSerialization.data(withJSONObject: [giaCat, other])
        let documents = try TeamFoundingDecision().documents(from: json, context: Fixtures.context())
        #expect(documents.count == 7)
        #expect(documents[0].name == "quyet-dinh-thanh-lap-to-xa-gia-cat-thon-bac-nga")
        #expect(documents[6].name == "quyet-dinh-thanh-lap-to-xa-hoa-cu-thon-bac-nga")
        #expect(documents[6].values["ten_xa"] == "Hòa Cư")
        let violations = try TeamFoundingDecision().violations(from: json, context: Fixtures.context())
        #expect(!violations.isEmpty)
        #expect(violations.allSatisfy { $0.message.hasPrefix("Xã Hòa Cư: ") })
        #expect(throws: DomainDataError(message: "Danh sách xã trống: không có văn bản nào để tạo.")) {
            try TeamFoundingDecision().documents(from: Data("  []".utf8), context: DocumentContext())
        }
        let missing = try JSONSerialization.data(withJSONObject: [giaCat, ["xa": commune]])
        #expect(throws: DomainDataError(message: "Thiếu trường “to” ở “[2]”.")) {
            try TeamFoundingDecision().documents(from: missing, context: DocumentContext())
        }
    }

    @Test("an empty team list is refused before anything is generated")
    func noTeams() throws {
        let json = try Fixtures.giaCat { $0["to"] = [Any]() }
        #expect(throws: DomainDataError(message: "Trường “to” không có tổ nào.")) { try TeamFoundingDecision().documents(from: json, context: DocumentContext()) }
    }

    @Test("both templates render every member's name in both formats", arguments: DocumentFormat.allCases)
    func renders(format: DocumentFormat) throws {
        let json = try Fixtures.sample("gia-cat-to.json")
        let team = try TeamFoundingDecision().documents(from: json, context: Fixtures.context())[1]
        let text = try DocumentText.of(Fixtures.template("quyet-dinh-thanh-lap-to", format).render(team.values))
        #expect(text.contains("Về việc thành lập Tổ công nghệ cộng đồng phát triển kinh tế số thôn Liên Hòa"))
        for name in ["Đặng Văn Bội", "Đặng Thị Hiệu", "Dương Quốc Anh", "Vi Thị Ánh"] { #expect(text.contains(name)) }
        #expect(text.contains("Danh sách ấn định 4 người./."))
        let all = try CommuneTeamsFoundingDecision().documents(from: json, context: DocumentContext())[0]
        let allText = try DocumentText.of(Fixtures.template("quyet-dinh-thanh-lap-cac-to", format).render(all.values))
        let data = try FoundingDecisionData.decode(json: json)
        for member in data.teams.flatMap(\.members) { #expect(allText.contains(member.fullName)) }
        #expect(allText.contains("Danh sách ấn định 24 người./."))
    }
}

@Suite("Founding decisions as PDF (LibreOffice)")
struct FoundingDecisionPDFTests {
    @Test("a draft shows blank number and date lines; an issued decision shows them filled; names and totals are on the pages",
          .enabled(if: LibreOffice.shouldRun, "LibreOffice or pdftotext is not installed (scripts/install-deps.sh installs them)"))
    func pdfText() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-founding-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let draft = try Fixtures.sample("gia-cat-to.json")
        let issued = try Fixtures.giaCat {
            Fixtures.issuance(&$0, "so", 5)
            Fixtures.issuance(&$0, "ngay_ban_hanh", "2021-10-05")
        }
        var files: [(URL, draft: Bool, kind: String)] = []
        for (json, isDraft) in [(draft, true), (issued, false)] {
            for (kind, document) in [("to", try TeamFoundingDecision().documents(from: json, context: Fixtures.context())[0]),
                                     ("cac-to", try CommuneTeamsFoundingDecision().documents(from: json, context: DocumentContext())[0])] {
                for format in DocumentFormat.allCases {
                    let url = folder.appendingPathComponent("\(kind)-\(isDraft ? "nhap" : "ban-hanh")-\(format.rawValue).\(format.rawValue)")
                    try Data(Fixtures.template("quyet-dinh-thanh-lap-\(kind)", format).render(document.values) as [UInt8]).write(to: url)
                    files.append((url, isDraft, kind))
                }
            }
        }
        let texts = try LibreOffice.pdfTexts(of: files.map(\.0))
        let members = try FoundingDecisionData.decode(json: draft).teams
        for (url, isDraft, kind) in files {
            let text = DocumentText.collapsed(try #require(texts[url]))
            if isDraft {
                #expect(text.contains("Số: /QĐ-UBND"), "\(url.lastPathComponent)")
                #expect(text.contains("Gia Cát, ngày tháng năm 2021"), "\(url.lastPathComponent)")
            } else {
                #expect(text.contains("Số: 05/QĐ-UBND"), "\(url.lastPathComponent)")
                #expect(text.contains("Gia Cát, ngày 05 tháng 10 năm 2021"), "\(url.lastPathComponent)")
                #expect(text.contains("(Kèm theo Quyết định số 05/QĐ-UBND ngày 05 tháng 10 năm 2021"), "\(url.lastPathComponent)")
            }
            #expect(text.contains("CHỦ TỊCH"), "\(url.lastPathComponent)")
            #expect(text.contains("Đặng Đức Sơn"), "\(url.lastPathComponent)")
            let expected = kind == "to" ? members[0].members : members.flatMap(\.members)
            for member in expected { #expect(text.contains(member.fullName), "\(member.fullName) in \(url.lastPathComponent)") }
            #expect(text.contains("Danh sách ấn định \(expected.count) người./."), "\(url.lastPathComponent)")
        }
    }
}
