import Domain
import Foundation
import Templating
import Testing
import TestSupport
import VietnameseText
@testable import Documents

/// The Yên Hòa samples of seed 003, edited as JSON objects for the bad-input cases.
enum YenHoaSamples {
    static func data(_ name: String) throws -> Data { try Fixtures.sample(name) }

    static func object(_ name: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data(name)) as? [String: Any])
    }

    static func editing(_ name: String, _ edit: (inout [String: Any]) throws -> Void) throws -> Data {
        try Fixtures.editing(name, edit)
    }

    /// Edits the committee's member list of the steering-committee sample.
    static func committee(_ edit: (inout [[String: Any]]) -> Void) throws -> Data {
        try editing("yen-hoa-ban-chi-dao.json") { object in
            var committee = try #require(object["ban_chi_dao"] as? [String: Any])
            var members = try #require(committee["thanh_vien"] as? [[String: Any]])
            edit(&members)
            committee["thanh_vien"] = members
            object["ban_chi_dao"] = committee
        }
    }

    /// Sets the number and date of issue.
    static func issued(_ name: String, number: Int, date: String) throws -> Data {
        try editing(name) { object in
            var issuance = try #require(object["van_ban"] as? [String: Any])
            issuance["so"] = number
            issuance["ngay_ban_hanh"] = date
            object["van_ban"] = issuance
        }
    }

    static func template(_ id: String, _ format: DocumentFormat) throws -> CompiledTemplate { try Fixtures.template(id, format) }

    /// pdftotext output without the page numbers at the top of pages 2…, whitespace collapsed, so that a paragraph
    /// running over a page break reads as one.
    static func pdfText(_ raw: String) -> String {
        let pages = raw.split(separator: "\u{0C}", omittingEmptySubsequences: false).map { page in
            var lines = page.split(separator: "\n", omittingEmptySubsequences: false)[...]
            while let first = lines.first, first.trimmingWhitespace().isEmpty || first.trimmingWhitespace().allSatisfy(\.isNumber) {
                lines = lines.dropFirst()
            }
            return lines.joined(separator: "\n")
        }
        return DocumentText.collapsed(pages.joined(separator: "\n"))
    }

    /// Writes each rendering to a fresh folder and returns the PDF texts by file.
    static func pdfTexts(_ renderings: [(name: String, bytes: [UInt8])]) throws -> [String: String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-yen-hoa-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var urls: [String: URL] = [:]
        for (name, bytes) in renderings {
            let url = folder.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            urls[name] = url
        }
        let texts = try LibreOffice.pdfTexts(of: Array(urls.values))
        return try urls.mapValues { url in pdfText(try #require(texts[url])) }
    }
}

@Suite("Steering-committee decision (template 4)")
struct SteeringCommitteeTests {
    let sample: SteeringCommitteeDecisionData

    init() throws {
        sample = try SteeringCommitteeDecisionData.decode(json: YenHoaSamples.data("yen-hoa-ban-chi-dao.json"))
    }

    @Test("the Yên Hòa sample has the seed's 25 members: one Trưởng ban, two Phó ban, 22 Ủy viên, 9 women")
    func sampleDecodes() {
        let members = sample.committee.members
        #expect(members.count == 25)
        #expect(sample.committee.head?.fullName == "Đoàn Trung Nam")
        #expect(sample.committee.count(of: .head) == 1)
        #expect(sample.committee.count(of: .deputy) == 2)
        #expect(sample.committee.count(of: .member) == 22)
        #expect(members.filter { $0.honorific == "Bà" }.map(\.fullName) == [
            "Đoàn Thị Thơm", "Nguyễn Thị Hà", "Nguyễn Thị Thúy", "Lê Thị Chinh", "Trịnh Thị Hường", "Lê Thị Hồng",
            "Dương Thị Thanh Thủy", "Nguyễn Thị Kim Loan", "Nguyễn Thị Bình",
        ])
        #expect(members.allSatisfy { $0.honorific == "Ông" || $0.honorific == "Bà" })
        #expect(members[24].fullName == "Mai Quang Kìn" && members[24].position == "CT HĐQT HTX tiêu thụ cây con Yên Hòa")
        #expect(sample.commune.name == "Yên Hòa" && sample.issuance.year == 2020 && sample.issuance.number == nil)
        #expect(sample.issuance.signer == Signer(name: "Đoàn Trung Nam", title: "Chủ tịch", authority: "TM. ỦY BAN NHÂN DÂN"))
    }

    @Test("the duty cell adds the village in charge after the duties, ending the duties with a full stop")
    func assignment() {
        let members = sample.committee.members
        #expect(members[0].assignment == "Phụ trách chung")
        #expect(members[3].assignment == "Chỉ đạo ban công tác MT thôn, xóm hướng dẫn tuyên truyền vận động nhân dân về nội dung chuyển đổi số trên địa bàn xã. Phụ trách thôn Lạc Hiền.")
        // The seed writes “…được giao, Phụ trách thôn Trinh Nữ 3” and “…được giao. Phụ trách thôn Liên Trì 1.”: one form.
        #expect(members[10].assignment == "Tham mưu triển khai thực hiện các nhiệm vụ có liên quan đến ngành và thực hiện các nhiệm vụ được giao. Phụ trách thôn Trinh Nữ 3.")
        #expect(members[17].assignment == "Tham mưu triển khai thực hiện các nhiệm vụ có liên quan đến ngành và thực hiện các nhiệm vụ được giao. Phụ trách thôn Liên Trì 1.")
        #expect(members[19].villageInCharge == nil)
        let comma = CommitteeMember(fullName: "A", gender: .male, roleTitle: "Ủy viên", duties: "Tuyên truyền,",
                                    villageInCharge: Village(name: "Tân Lập", kind: "ấp"))
        #expect(comma.assignment == "Tuyên truyền. Phụ trách ấp Tân Lập.")
    }

    @Test("a village in charge is a name (a thôn) or an object with its kind")
    func villageForms() throws {
        let json = try YenHoaSamples.committee { members in
            members[3]["phu_trach_thon"] = ["ten": "Tân Lập", "loai": "tổ dân phố"]
            members[4]["phu_trach_thon"] = "  "
        }
        let members = try SteeringCommitteeDecisionData.decode(json: json).committee.members
        #expect(members[3].villageInCharge == Village(name: "Tân Lập", kind: "tổ dân phố"))
        #expect(members[3].assignment.hasSuffix("trên địa bàn xã. Phụ trách tổ dân phố Tân Lập."))
        #expect(members[4].villageInCharge == nil)
    }

    @Test("text typed decomposed (old keyboards) is stored as NFC and trimmed")
    func normalization() throws {
        let json = try YenHoaSamples.committee { members in
            members[0]["ho_ten"] = " Đoàn Trung Nam ".decomposedStringWithCanonicalMapping
            members[0]["chuc_vu_bcd"] = "Trưởng ban".decomposedStringWithCanonicalMapping
            members[3]["phu_trach_thon"] = "Lạc Hiền".decomposedStringWithCanonicalMapping
        }
        let members = try SteeringCommitteeDecisionData.decode(json: json).committee.members
        #expect(members[0].fullName.unicodeScalars.elementsEqual("Đoàn Trung Nam".unicodeScalars))
        #expect(members[0].role == .head)
        #expect(members[3].assignment.unicodeScalars.elementsEqual(
            "Chỉ đạo ban công tác MT thôn, xóm hướng dẫn tuyên truyền vận động nhân dân về nội dung chuyển đổi số trên địa bàn xã. Phụ trách thôn Lạc Hiền.".unicodeScalars))
    }

    @Test("committee titles are read as clerks write them")
    func roles() {
        #expect(CommitteeRole(title: "Trưởng ban") == .head)
        #expect(CommitteeRole(title: "  TRƯỞNG   BAN ") == .head)
        #expect(CommitteeRole(title: "Phó ban") == .deputy)
        #expect(CommitteeRole(title: "Phó Trưởng ban thường trực") == .deputy)
        #expect(CommitteeRole(title: "Uỷ viên") == .member)
        #expect(CommitteeRole(title: "Ủy viên thường trực") == .standingMember)
        #expect(CommitteeRole(title: "Thường trực") == .standingMember)
        #expect(CommitteeRole(title: "Thư ký") == .secretary)
        #expect(CommitteeRole(title: "Trưởng nhóm") == nil)
        #expect(CommitteeRole(title: "") == nil)
    }

    @Test("Ông/Bà comes from the gender when given, else from the stated form, the seed's ‘Ông:’ included")
    func honorifics() {
        #expect(CommitteeMember(fullName: "A", gender: .female, roleTitle: "Ủy viên", duties: "x").honorific == "Bà")
        #expect(CommitteeMember(fullName: "A", statedHonorific: "Ông:", roleTitle: "Ủy viên", duties: "x").honorific == "Ông")
        #expect(CommitteeMember(fullName: "A", statedHonorific: "bà", roleTitle: "Ủy viên", duties: "x").honorific == "Bà")
        #expect(CommitteeMember(fullName: "A", statedHonorific: "Đồng chí", roleTitle: "Ủy viên", duties: "x").honorific == nil)
        #expect(CommitteeMember(fullName: "A", roleTitle: "Ủy viên", duties: "x").honorific == nil)
    }

    @Test("what a clerk can get wrong is refused in Vietnamese, naming the field")
    func badInput() throws {
        let path = "ban_chi_dao.thanh_vien"
        let cases: [(String, ( inout [[String: Any]]) -> Void)] = [
            ("Trường “\(path)” không có thành viên nào.", { $0 = [] }),
            ("Trường “\(path)[3].ho_ten” không được để trống.", { $0[2]["ho_ten"] = "   " }),
            ("Trường “\(path)[3].ho_ten” không được để trống.", { $0[2].removeValue(forKey: "ho_ten") }),
            ("Trường “\(path)[5].nhiem_vu” (Nguyễn Duy Lộc) không được để trống: mỗi thành viên Ban chỉ đạo phải được phân công nhiệm vụ.",
             { $0[4]["nhiem_vu"] = "" }),
            ("Ban chỉ đạo chưa có Trưởng ban: một thành viên trong “\(path)” phải có “chuc_vu_bcd” là “Trưởng ban”.",
             { $0[0]["chuc_vu_bcd"] = "Ủy viên" }),
            ("Ban chỉ đạo chỉ có một Trưởng ban, nhưng “\(path)” có 2: \(path)[1] Đoàn Trung Nam; \(path)[3] Hoàng Văn Cảnh.",
             { $0[2]["chuc_vu_bcd"] = "Trưởng ban" }),
            ("Trường “\(path)[4].chuc_vu_bcd” (Nguyễn Thị Hà) có giá trị “Trưởng nhóm” không phải chức vụ trong Ban chỉ đạo: ghi Trưởng ban, Phó Trưởng ban (Phó ban), Ủy viên thường trực, Thư ký hoặc Ủy viên.",
             { $0[3]["chuc_vu_bcd"] = "Trưởng nhóm" }),
            ("Trường “\(path)[4].chuc_vu_bcd” (Nguyễn Thị Hà) không được để trống: ghi Trưởng ban, Phó Trưởng ban, Ủy viên thường trực, Thư ký hoặc Ủy viên.",
             { $0[3].removeValue(forKey: "chuc_vu_bcd") }),
            ("Trường “\(path)[2].ong_ba” (Đoàn Thị Thơm) phải là “Ông” hoặc “Bà”, không phải “Cô”.", { $0[1]["ong_ba"] = "Cô" }),
            ("Trường “\(path)[2].ong_ba” (Đoàn Thị Thơm) là “Bà” nhưng “\(path)[2].gioi_tinh” là “nam”: hai trường phải khớp nhau.",
             { $0[1]["gioi_tinh"] = "nam" }),
            ("Thành viên “\(path)[2]” (Đoàn Thị Thơm) thiếu cách xưng hô: ghi “gioi_tinh” (nam hoặc nu) hoặc “ong_ba” (Ông hoặc Bà).",
             { $0[1].removeValue(forKey: "ong_ba") }),
            ("Trường “\(path)[6].phu_trach_thon” sai kiểu: cần đối tượng.", { $0[5]["phu_trach_thon"] = 3 }),
        ]
        for (message, edit) in cases {
            let json = try YenHoaSamples.committee(edit)
            #expect(throws: DomainDataError(message: message)) { try SteeringCommitteeDecision().documents(from: json, context: DocumentContext()) }
        }
        let badGender = try YenHoaSamples.committee { $0[1]["gioi_tinh"] = "nữ" }
        do throws(DomainDataError) {
            _ = try SteeringCommitteeDecision().documents(from: badGender, context: DocumentContext())
            Issue.record("a gender other than nam/nu was accepted")
        } catch {
            #expect(error.message.hasPrefix("Trường “\(path)[2].gioi_tinh” có giá trị không hợp lệ"))
        }
        let noCommittee = try YenHoaSamples.editing("yen-hoa-ban-chi-dao.json") { $0.removeValue(forKey: "ban_chi_dao") }
        #expect(throws: DomainDataError(message: "Thiếu trường “ban_chi_dao”.")) {
            try SteeringCommitteeDecision().documents(from: noCommittee, context: DocumentContext())
        }
    }

    @Test("a gender alone is enough, and agrees with a stated form")
    func genderOnly() throws {
        let json = try YenHoaSamples.committee { members in
            members[1].removeValue(forKey: "ong_ba")
            members[1]["gioi_tinh"] = "nu"
            members[2]["gioi_tinh"] = "nam"
        }
        let members = try SteeringCommitteeDecisionData.decode(json: json).committee.members
        #expect(members[1].honorific == "Bà" && members[2].honorific == "Ông")
    }

    @Test("the template values: counts, the head, one row per member; a draft has no number or date")
    func values() throws {
        let documents = try SteeringCommitteeDecision().documents(from: YenHoaSamples.data("yen-hoa-ban-chi-dao.json"), context: DocumentContext())
        #expect(documents.map(\.name) == ["quyet-dinh-ban-chi-dao-xa-yen-hoa"])
        let values = documents[0].values
        #expect(values["so_thanh_vien"] == 25)
        #expect(values["so_pho_truong_ban"] == 2)
        #expect(values["so_uy_vien"] == 22)
        #expect(values["truong_ban"] == "Đoàn Trung Nam")
        #expect(values["so_van_ban"] == nil && values["ngay_ban_hanh"] == nil && values["nam"] == 2020)
        #expect(values["tham_quyen_ky_dong"] == ["TM. ỦY BAN NHÂN DÂN"] && values["chuc_vu_nguoi_ky"] == "Chủ tịch")
        #expect(values["de_nghi"] == "Văn phòng HĐND & UBND xã")
        guard case .list(let rows)? = values["thanh_vien"] else { Issue.record("no member rows"); return }
        #expect(rows.count == 25)
        #expect(rows[1]["ong_ba"] == "Bà" && rows[1]["ho_ten"] == "Đoàn Thị Thơm" && rows[1]["chuc_vu"] == "PBT TT ĐU, CT HĐND xã")
        #expect(rows[1]["chuc_vu_bcd"] == "Phó ban" && rows[1]["phu_trach_thon"] == "")
        #expect(rows[12]["phu_trach_thon"] == "thôn Đông Trại")
        #expect(rows[12]["cong_viec_phu_trach"] == "Tham mưu, xây dựng các văn bản chỉ đạo, phối hợp với các ban ngành, chuẩn bị tốt các điều kiện cho công tác chuyển đổi số trên địa bàn xã và thực hiện các nhiệm vụ được giao. Phụ trách thôn Đông Trại.")
        let issued = try SteeringCommitteeDecision().documents(from: YenHoaSamples.issued("yen-hoa-ban-chi-dao.json", number: 172, date: "21/08/2020"), context: DocumentContext())
        #expect(issued[0].values["so_van_ban"] == "172" && issued[0].values["ngay_ban_hanh"] == "2020-08-21")
    }

    @Test("both formats render the decision, the 25 members and their duties", arguments: DocumentFormat.allCases)
    func renders(format: DocumentFormat) throws {
        let document = try SteeringCommitteeDecision().documents(from: YenHoaSamples.data("yen-hoa-ban-chi-dao.json"), context: DocumentContext())[0]
        let text = try DocumentText.of(YenHoaSamples.template("quyet-dinh-ban-chi-dao", format).render(document.values))
        #expect(!text.contains("{{"))
        for piece in [
            "UBND HUYỆN YÊN MÔ", "ỦY BAN NHÂN DÂN XÃ YÊN HÒA", "Số: /QĐ-UBND", "Yên Hòa, ngày tháng năm 2020",
            "QUYẾT ĐỊNH", "Về việc thành lập Ban chỉ đạo triển khai chuyển đổi số", "trên địa bàn xã Yên Hòa",
            "Căn cứ Luật Tổ chức chính quyền địa phương ban hành ngày 19/6/2015;",
            "Căn cứ vào sự chỉ đạo của Cục tin học hóa – Bộ Thông tin và Truyền thông, Sở Thông tin và Truyền thông tỉnh Ninh Bình;",
            "Xét đề nghị của Văn phòng HĐND & UBND xã.",
            "Điều 1. Thành lập Ban chỉ đạo triển khai chuyển đổi số trên địa bàn xã Yên Hòa gồm các ông (bà) có tên sau:",
            "Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký.",
            "và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
            "- UBND huyện Yên Mô; - TT Đảng ủy, TT HĐND; - Như Điều 1; - Lưu: VP.",
            "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Đoàn Trung Nam",
            "PHÂN CÔNG NHIỆM VỤ", "Các thành viên Ban chỉ đạo triển khai chuyển đổi số trên địa bàn xã Yên Hòa",
            "(Kèm theo Quyết định số /QĐ-UBND ngày tháng năm 2020 của Ủy ban nhân dân xã Yên Hòa)",
            "TT Họ và tên Chức vụ BCĐ Công việc phụ trách",
        ] {
            #expect(text.contains(piece), "\(piece) in \(format)")
        }
        for (index, member) in sample.committee.members.enumerated() {
            let honorific = try #require(member.honorific)
            // Điều 1: TT, Ông/Bà, Họ tên, Chức vụ, Chức vụ BCĐ; the attachment: TT, Ông/Bà, Họ tên, Chức vụ BCĐ, duties.
            #expect(text.contains("\(index + 1). \(honorific) \(member.fullName) \(member.position) \(member.roleTitle)"), "row \(index + 1) in \(format)")
            #expect(text.contains("\(index + 1). \(honorific) \(member.fullName) \(member.roleTitle) \(member.assignment)"), "duties \(index + 1) in \(format)")
        }
    }
}

@Suite("Steering-committee decision as PDF (LibreOffice)")
struct SteeringCommitteePDFTests {
    @Test("draft and issued decisions in both formats: number and date lines, every member, the villages in charge",
          .enabled(if: LibreOffice.shouldRun, "LibreOffice or pdftotext is not installed (scripts/install-deps.sh installs them)"))
    func pdfText() throws {
        let kind = SteeringCommitteeDecision()
        let draft = try kind.documents(from: YenHoaSamples.data("yen-hoa-ban-chi-dao.json"), context: DocumentContext())[0]
        // Seed 003's Quy chế cites the decision as “Quyết định số 172/QĐ-UBND, ngày 21 tháng 8 năm 2020”.
        let issued = try kind.documents(from: YenHoaSamples.issued("yen-hoa-ban-chi-dao.json", number: 172, date: "2020-08-21"), context: DocumentContext())[0]
        var renderings: [(name: String, bytes: [UInt8])] = []
        for (state, document) in [("nhap", draft), ("ban-hanh", issued)] {
            for format in DocumentFormat.allCases {
                renderings.append(("ban-chi-dao-\(state).\(format.rawValue)", try YenHoaSamples.template(kind.id, format).render(document.values)))
            }
        }
        let texts = try YenHoaSamples.pdfTexts(renderings)
        #expect(texts.count == renderings.count)
        let data = try SteeringCommitteeDecisionData.decode(json: YenHoaSamples.data("yen-hoa-ban-chi-dao.json"))
        for (name, text) in texts {
            if name.contains("nhap") {
                #expect(text.contains("Số: /QĐ-UBND"), "\(name)")
                #expect(text.contains("Yên Hòa, ngày tháng năm 2020"), "\(name)")
                #expect(text.contains("(Kèm theo Quyết định số /QĐ-UBND ngày tháng năm 2020 của Ủy ban nhân dân xã Yên Hòa)"), "\(name)")
            } else {
                #expect(text.contains("Số: 172/QĐ-UBND"), "\(name)")
                #expect(text.contains("Yên Hòa, ngày 21 tháng 8 năm 2020"), "\(name)")
                #expect(text.contains("(Kèm theo Quyết định số 172/QĐ-UBND ngày 21 tháng 8 năm 2020 của Ủy ban nhân dân xã Yên Hòa)"), "\(name)")
            }
            #expect(text.contains("Về việc thành lập Ban chỉ đạo triển khai chuyển đổi số trên địa bàn xã Yên Hòa"), "\(name)")
            #expect(text.contains("TM. ỦY BAN NHÂN DÂN"), "\(name)")
            #expect(text.contains("Đoàn Trung Nam"), "\(name)")
            #expect(text.contains("PHÂN CÔNG NHIỆM VỤ"), "\(name)")
            for (index, member) in data.committee.members.enumerated() {
                // Điều 1's rows hold each name on one line of the page.
                #expect(text.contains("\(index + 1). \(member.honorific ?? "") \(member.fullName)"), "row \(index + 1) in \(name)")
                if let village = member.villageInCharge {
                    #expect(text.contains("Phụ trách \(village.displayName)."), "\(member.fullName)'s village in \(name)")
                }
            }
            #expect(text.components(separatedBy: "Ủy viên").count - 1 >= 2 * 22, "\(name)")
        }
    }
}
