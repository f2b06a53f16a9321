import Domain
import Foundation
import Templating
import Testing
import TestSupport
import VietnameseText
@testable import Documents

@Suite("Operating-rules decision (template 5)")
struct OperatingRulesTests {
    let sample: OperatingRulesDecisionData

    init() throws {
        sample = try OperatingRulesDecisionData.decode(json: YenHoaSamples.data("yen-hoa-quy-che.json"))
    }

    /// Edits the chapters of the Quy chế sample.
    static func chapters(_ edit: (inout [[String: Any]]) -> Void) throws -> Data {
        try YenHoaSamples.editing("yen-hoa-quy-che.json") { object in
            var rules = try #require(object["quy_che"] as? [String: Any])
            var chapters = try #require(rules["chuong"] as? [[String: Any]])
            edit(&chapters)
            rules["chuong"] = chapters
            object["quy_che"] = rules
        }
    }

    @Test("the Yên Hòa Quy chế has the seed's 4 chapters and 11 articles with their clauses")
    func sampleDecodes() {
        let rules = sample.rules
        #expect(rules.chapters.map(\.title) == ["NHỮNG QUY ĐỊNH CHUNG", "NHIỆM VỤ, QUYỀN HẠN CỦA CÁC THÀNH VIÊN BAN CHỈ ĐẠO",
                                                "CHẾ ĐỘ LÀM VIỆC VÀ QUAN HỆ CÔNG TÁC", "TỔ CHỨC THỰC HIỆN"])
        #expect(rules.chapters.map(\.articles.count) == [2, 4, 4, 1])
        #expect(rules.articleCount == 11)
        let articles = rules.chapters.flatMap(\.articles)
        #expect(articles.map(\.clauses.count) == [2, 5, 3, 7, 5, 11, 2, 3, 2, 2, 2])
        #expect(articles.allSatisfy { $0.paragraphs.isEmpty })
        #expect(articles[7].clauses[2].text == "Các Ủy viên Ban Chỉ đạo được quyền giao đơn vị đầu mối chủ trì và huy động đội ngũ đoàn viên, hội viên, cán bộ, công chức của cơ quan, đơn vị mình được phân công phụ trách trong thực thi nhiệm vụ được Trưởng Ban, Phó Trưởng Ban Chỉ đạo giao; phối hợp với Tổ công tác trong thực hiện nhiệm vụ; báo cáo Trưởng Ban Chỉ đạo về kết quả thực hiện.")
        #expect(articles[10].clauses[1].text.hasSuffix("trình Trưởng Ban Chỉ đạo xem xét, quyết định./."))
        #expect(sample.issuance.signer == Signer(name: "Đoàn Trung Nam", title: "Trưởng ban"))
        #expect(sample.signerOwnPost == "Chủ tịch UBND xã")
        #expect(sample.issuance.legalBases.count == 7 && sample.issuance.year == 2021)
    }

    @Test("chapters get Roman numerals, articles run on across chapters, clauses restart in each article")
    func numbering() throws {
        guard case .list(let chapters) = sample.rules.templateChapters else { Issue.record("no chapters"); return }
        #expect(chapters.map { $0["so_la_ma"] } == ["I", "II", "III", "IV"])
        var numbers: [TemplateValue?] = []
        var titles: [TemplateValue?] = []
        for chapter in chapters {
            guard case .list(let articles)? = chapter["dieu"] else { Issue.record("no articles"); return }
            numbers += articles.map { $0["so"] }
            titles += articles.map { $0["tieu_de"] }
        }
        #expect(numbers == (1...11).map { Optional(TemplateValue.int(Int64($0))) })
        #expect(titles[6] == "Các cuộc họp của Ban Chỉ đạo")
        guard case .list(let articles)? = chapters[1]["dieu"], case .list(let clauses)? = articles[3]["khoan"] else {
            Issue.record("no clauses"); return
        }
        #expect(articles[3]["so"] == 6)
        #expect(clauses.map { $0["so"] } == (1...11).map { Optional(TemplateValue.int(Int64($0))) })
        #expect(clauses[9]["noi_dung"] == "Lưu giữ hồ sơ tài liệu liên quan đến hoạt động của Ban Chỉ đạo.")
    }

    @Test("Roman numerals", arguments: [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (90, "XC"), (1994, "MCMXCIV")])
    func roman(number: Int, expected: String) {
        #expect(LegalNumbering.roman(number) == expected)
    }

    @Test("a clause is a text or an object with points lettered a), b), c), d), đ), e); paragraphs come without numbers")
    func pointsAndParagraphs() throws {
        let json = try Self.chapters { chapters in
            var articles = chapters[0]["dieu"] as! [[String: Any]]
            articles[0]["doan"] = ["Đoạn mở đầu không đánh số."]
            articles[0]["khoan"] = [
                "Khoản thứ nhất.",
                ["noi_dung": "Khoản có điểm:", "diem": ["một;", "hai;", "ba;", "bốn;", "năm;", "sáu."]] as [String: Any],
            ] as [Any]
            chapters[0]["dieu"] = articles
        }
        let rules = try OperatingRulesDecisionData.decode(json: json).rules
        #expect(rules.chapters[0].articles[0].paragraphs == ["Đoạn mở đầu không đánh số."])
        #expect(rules.chapters[0].articles[0].clauses == [
            OperatingRules.Clause(text: "Khoản thứ nhất."),
            OperatingRules.Clause(text: "Khoản có điểm:", points: ["một;", "hai;", "ba;", "bốn;", "năm;", "sáu."]),
        ])
        guard case .list(let chapters) = rules.templateChapters, case .list(let articles)? = chapters[0]["dieu"],
              case .list(let clauses)? = articles[0]["khoan"], case .list(let points)? = clauses[1]["diem"] else {
            Issue.record("no points"); return
        }
        #expect(points.map { $0["chu"] } == ["a", "b", "c", "d", "đ", "e"])
        #expect(points[4]["noi_dung"] == "năm;")
        #expect(articles[0]["doan"] == ["Đoạn mở đầu không đánh số."])
        for format in DocumentFormat.allCases {
            let document = try OperatingRulesDecision().documents(from: json, context: DocumentContext())[0]
            let text = try DocumentText.of(YenHoaSamples.template("quyet-dinh-quy-che", format).render(document.values))
            #expect(text.contains("Điều 1. Phạm vi, đối tượng áp dụng Đoạn mở đầu không đánh số. 1. Khoản thứ nhất. 2. Khoản có điểm: a) một; b) hai; c) ba; d) bốn; đ) năm; e) sáu. Điều 2. Nguyên tắc làm việc"), "\(format)")
        }
    }

    @Test("a holed Quy chế is refused in Vietnamese, naming the field and the article by its number")
    func badInput() throws {
        let cases: [(String, (inout [[String: Any]]) -> Void)] = [
            ("Trường “quy_che.chuong” không có chương nào.", { $0 = [] }),
            ("Trường “quy_che.chuong[2].tieu_de” (Chương II) không được để trống.", { $0[1]["tieu_de"] = " " }),
            ("Trường “quy_che.chuong[3].dieu” (Chương III) không có điều nào.", { $0[2]["dieu"] = [Any]() }),
            ("Trường “quy_che.chuong[2].dieu[2].tieu_de” (Điều 4) không được để trống.", { chapters in
                var articles = chapters[1]["dieu"] as! [[String: Any]]
                articles[1].removeValue(forKey: "tieu_de")
                chapters[1]["dieu"] = articles
            }),
            ("Điều 7 (“quy_che.chuong[3].dieu[1]”) không có nội dung: ghi “khoan” (các khoản đánh số) hoặc “doan” (các đoạn không đánh số).", { chapters in
                var articles = chapters[2]["dieu"] as! [[String: Any]]
                articles[0]["khoan"] = [Any]()
                chapters[2]["dieu"] = articles
            }),
            ("Trường “quy_che.chuong[4].dieu[1].khoan[2]” (khoản 2 Điều 11) không được để trống.", { chapters in
                var articles = chapters[3]["dieu"] as! [[String: Any]]
                articles[0]["khoan"] = ["Khoản một.", ""]
                chapters[3]["dieu"] = articles
            }),
            ("Trường “quy_che.chuong[1].dieu[1].khoan[1].diem[2]” (khoản 1 Điều 1) không được để trống.", { chapters in
                var articles = chapters[0]["dieu"] as! [[String: Any]]
                articles[0]["khoan"] = [["noi_dung": "Gồm:", "diem": ["một", "  "]] as [String: Any]]
                chapters[0]["dieu"] = articles
            }),
            ("Trường “quy_che.chuong[1].dieu[2].doan[1]” (Điều 2) không được để trống.", { chapters in
                var articles = chapters[0]["dieu"] as! [[String: Any]]
                articles[1]["doan"] = [""]
                chapters[0]["dieu"] = articles
            }),
            ("Trường “quy_che.chuong[1].dieu[1].khoan[1].noi_dung” sai kiểu: cần chuỗi.", { chapters in
                var articles = chapters[0]["dieu"] as! [[String: Any]]
                articles[0]["khoan"] = [["noi_dung": 5]]
                chapters[0]["dieu"] = articles
            }),
        ]
        for (message, edit) in cases {
            let json = try Self.chapters(edit)
            #expect(throws: DomainDataError(message: message)) { try OperatingRulesDecision().documents(from: json, context: DocumentContext()) }
        }
        let noRules = try YenHoaSamples.editing("yen-hoa-quy-che.json") { $0.removeValue(forKey: "quy_che") }
        #expect(throws: DomainDataError(message: "Thiếu trường “quy_che”.")) {
            try OperatingRulesDecision().documents(from: noRules, context: DocumentContext())
        }
    }

    @Test("without a named signer the chairman signs as Trưởng ban, Chủ tịch UBND xã; a named signer has no default post")
    func signer() throws {
        let unnamed = try YenHoaSamples.editing("yen-hoa-quy-che.json") { object in
            var issuance = try #require(object["van_ban"] as? [String: Any])
            issuance.removeValue(forKey: "nguoi_ky")
            object["van_ban"] = issuance
            object.removeValue(forKey: "chuc_vu_kiem_nhiem")
        }
        let values = try OperatingRulesDecision().documents(from: unnamed, context: DocumentContext())[0].values
        #expect(values["chuc_vu_nguoi_ky"] == "Trưởng ban" && values["nguoi_ky"] == "Đoàn Trung Nam")
        #expect(values["chuc_vu_kiem_nhiem"] == "Chủ tịch UBND xã")
        let deputy = try YenHoaSamples.editing("yen-hoa-quy-che.json") { object in
            var issuance = try #require(object["van_ban"] as? [String: Any])
            issuance["nguoi_ky"] = ["ho_ten": "Hoàng Văn Cảnh", "chuc_vu": "Phó Trưởng ban", "tham_quyen": "KT. TRƯỞNG BAN"]
            object["van_ban"] = issuance
            object.removeValue(forKey: "chuc_vu_kiem_nhiem")
        }
        let deputyValues = try OperatingRulesDecision().documents(from: deputy, context: DocumentContext())[0].values
        #expect(deputyValues["tham_quyen_ky_dong"] == ["KT. TRƯỞNG BAN"] && deputyValues["chuc_vu_kiem_nhiem"] == nil)
        for format in DocumentFormat.allCases {
            let text = try DocumentText.of(YenHoaSamples.template("quyet-dinh-quy-che", format).render(deputyValues))
            #expect(text.contains("KT. TRƯỞNG BAN PHÓ TRƯỞNG BAN Hoàng Văn Cảnh"), "\(format)")
        }
    }

    @Test("the template values: counts, file name; a draft has no number or date")
    func values() throws {
        let documents = try OperatingRulesDecision().documents(from: YenHoaSamples.data("yen-hoa-quy-che.json"), context: DocumentContext())
        #expect(documents.map(\.name) == ["quyet-dinh-quy-che-xa-yen-hoa"])
        let values = documents[0].values
        #expect(values["so_chuong"] == 4 && values["so_dieu"] == 11)
        #expect(values["so_van_ban"] == nil && values["ngay_ban_hanh"] == nil && values["nam"] == 2021)
        #expect(values["de_nghi"] == "công chức Văn phòng HĐND&UBND xã")
        guard case .list(let recipients)? = values["noi_nhan"] else { Issue.record("no recipients"); return }
        #expect(recipients == ["Như điều 3;", "Thường trực Đảng ủy;", "Thường trực HĐND xã;", "CT, PCT UBND xã;",
                               "Các phòng, ban, ngành, đoàn thể của xã;", "Lưu: VT, BCĐ."])
    }

    @Test("both formats render the decision and the whole Quy chế", arguments: DocumentFormat.allCases)
    func renders(format: DocumentFormat) throws {
        let document = try OperatingRulesDecision().documents(from: YenHoaSamples.data("yen-hoa-quy-che.json"), context: DocumentContext())[0]
        let text = try DocumentText.of(YenHoaSamples.template("quyet-dinh-quy-che", format).render(document.values))
        #expect(!text.contains("{{"))
        for piece in [
            "UBND XÃ YÊN HÒA BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ", "Số: /QĐ-BCĐ", "Yên Hòa, ngày tháng năm 2021",
            "Về việc ban hành Quy chế hoạt động của Ban Chỉ đạo", "chuyển đổi số xã Yên Hòa",
            "TRƯỞNG BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ XÃ YÊN HÒA",
            "Căn cứ Quyết định số 701/QĐ-TTg ngày 26/5/2020 của Thủ tướng Chính phủ kiện toàn Ủy ban Quốc gia về Chính phủ điện tử;",
            "Căn cứ Quyết định số 172/QĐ-UBND, ngày 21 tháng 8 năm 2020 của Ủy ban nhân dân xã Yên Hòa về việc thành lập Ban chỉ đạo chuyển đổi số trên địa bàn xã Yên Hòa;",
            "Xét đề nghị của công chức Văn phòng HĐND&UBND xã.",
            "Điều 1. Ban hành kèm theo Quyết định này Quy chế hoạt động của Ban Chỉ đạo Chuyển đổi số xã Yên Hòa.",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
            "Điều 3. Các thành viên Ban Chỉ đạo Chuyển đổi số xã và các cơ quan, đơn vị, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.",
            "- Như điều 3; - Thường trực Đảng ủy; - Thường trực HĐND xã; - CT, PCT UBND xã; - Các phòng, ban, ngành, đoàn thể của xã; - Lưu: VT, BCĐ.",
            "TRƯỞNG BAN CHỦ TỊCH UBND XÃ Đoàn Trung Nam",
            "QUY CHẾ Hoạt động của Ban Chỉ đạo chuyển đổi số xã Yên Hòa (Ban hành kèm theo Quyết định số /QĐ-BCĐ ngày tháng năm 2021",
            "của Trưởng ban chỉ đạo chuyển đổi số xã Yên Hòa)",
        ] {
            #expect(text.contains(piece), "\(piece) in \(format)")
        }
        var number = 0
        for (c, chapter) in sample.rules.chapters.enumerated() {
            var expected = "Chương \(LegalNumbering.roman(c + 1)) \(chapter.title)"
            for article in chapter.articles {
                number += 1
                expected += " Điều \(number). \(article.title)"
                for (k, clause) in article.clauses.enumerated() { expected += " \(k + 1). \(clause.text)" }
            }
            // Each chapter reads in one run: heading, then every article and clause in order.
            #expect(text.contains(expected), "Chương \(LegalNumbering.roman(c + 1)) in \(format)")
        }
    }
}

@Suite("Operating-rules decision as PDF (LibreOffice)")
struct OperatingRulesPDFTests {
    @Test("draft and issued decisions in both formats: number and date lines, signature, every article and clause",
          .enabled(if: LibreOffice.shouldRun, "LibreOffice or pdftotext is not installed (scripts/install-deps.sh installs them)"))
    func pdfText() throws {
        let kind = OperatingRulesDecision()
        let draft = try kind.documents(from: YenHoaSamples.data("yen-hoa-quy-che.json"), context: DocumentContext())[0]
        let issued = try kind.documents(from: YenHoaSamples.issued("yen-hoa-quy-che.json", number: 5, date: "2021-03-05"), context: DocumentContext())[0]
        var renderings: [(name: String, bytes: [UInt8])] = []
        for (state, document) in [("nhap", draft), ("ban-hanh", issued)] {
            for format in DocumentFormat.allCases {
                renderings.append(("quy-che-\(state).\(format.rawValue)", try YenHoaSamples.template(kind.id, format).render(document.values)))
            }
        }
        let texts = try YenHoaSamples.pdfTexts(renderings)
        #expect(texts.count == renderings.count)
        let rules = try OperatingRulesDecisionData.decode(json: YenHoaSamples.data("yen-hoa-quy-che.json")).rules
        for (name, text) in texts {
            if name.contains("nhap") {
                #expect(text.contains("Số: /QĐ-BCĐ"), "\(name)")
                #expect(text.contains("Yên Hòa, ngày tháng năm 2021"), "\(name)")
                #expect(text.contains("(Ban hành kèm theo Quyết định số /QĐ-BCĐ ngày tháng năm 2021 của Trưởng ban chỉ đạo chuyển đổi số xã Yên Hòa)"), "\(name)")
            } else {
                #expect(text.contains("Số: 05/QĐ-BCĐ"), "\(name)")
                #expect(text.contains("Yên Hòa, ngày 05 tháng 3 năm 2021"), "\(name)")
                #expect(text.contains("(Ban hành kèm theo Quyết định số 05/QĐ-BCĐ ngày 05 tháng 3 năm 2021 của Trưởng ban chỉ đạo chuyển đổi số xã Yên Hòa)"), "\(name)")
            }
            #expect(text.contains("Về việc ban hành Quy chế hoạt động của Ban Chỉ đạo chuyển đổi số xã Yên Hòa"), "\(name)")
            #expect(text.contains("TRƯỞNG BAN"), "\(name)")
            #expect(text.contains("CHỦ TỊCH UBND XÃ"), "\(name)")
            #expect(text.contains("Đoàn Trung Nam"), "\(name)")
            var number = 0
            for (c, chapter) in rules.chapters.enumerated() {
                #expect(text.contains("Chương \(LegalNumbering.roman(c + 1)) \(chapter.title)"), "chapter \(c + 1) in \(name)")
                for article in chapter.articles {
                    number += 1
                    #expect(text.contains("Điều \(number). \(article.title)"), "Điều \(number) in \(name)")
                    for (k, clause) in article.clauses.enumerated() {
                        #expect(text.contains("\(k + 1). \(clause.text)"), "khoản \(k + 1) Điều \(number) in \(name)")
                    }
                }
            }
        }
    }
}
