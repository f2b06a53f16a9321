import Domain
import Foundation
import Templating
import Testing
import TestSupport
import VietnameseText
@testable import Documents

/// The two budget samples, and edited copies of them for the error cases.
enum BudgetFixtures {
    static let dongThap = "dong-thap-du-toan.json"
    static let socTrang = "soc-trang-ho-tro.json"

    static func data(_ sample: String) throws -> BudgetProposalData {
        try BudgetProposalData.decode(json: Fixtures.sample(sample))
    }

    /// The sample as JSON objects, changed by `edit`.
    static func editing(_ sample: String, _ edit: (inout [String: Any]) throws -> Void) throws -> Data {
        try Fixtures.editing(sample, edit)
    }

    /// Changes `du_toan.phan[section].<list>[index][key]` (0-based indices; `list` is `dong` or `dinh_muc`).
    static func editLine(_ data: inout [String: Any], section: Int, list: String = "dong", index: Int, key: String, value: Any?) {
        var estimate = data["du_toan"] as! [String: Any]
        var sections = estimate["phan"] as! [[String: Any]]
        var lines = sections[section][list] as! [[String: Any]]
        lines[index][key] = value
        sections[section][list] = lines
        estimate["phan"] = sections
        data["du_toan"] = estimate
    }

    /// Changes a line of the first unit cost of a section: `du_toan.phan[section].dinh_muc[1].chi_tiet[index][key]`.
    static func editUnitCostLine(_ data: inout [String: Any], section: Int, index: Int, key: String, value: Any?) {
        var estimate = data["du_toan"] as! [String: Any]
        var sections = estimate["phan"] as! [[String: Any]]
        var costs = sections[section]["dinh_muc"] as! [[String: Any]]
        var lines = costs[0]["chi_tiet"] as! [[String: Any]]
        lines[index][key] = value
        costs[0]["chi_tiet"] = lines
        sections[section]["dinh_muc"] = costs
        estimate["phan"] = sections
        data["du_toan"] = estimate
    }

    static func editEstimate(_ data: inout [String: Any], key: String, value: Any?) {
        var estimate = data["du_toan"] as! [String: Any]
        estimate[key] = value
        data["du_toan"] = estimate
    }

    static func editProposal(_ data: inout [String: Any], key: String, value: Any?) {
        var proposal = data["to_trinh"] as! [String: Any]
        proposal[key] = value
        data["to_trinh"] = proposal
    }

    static func line(_ quantity: String, _ price: Int64, times multiplier: String? = nil) -> BudgetLine {
        BudgetLine(content: "Dòng thử", quantity: ExactDecimal(vietnamese: quantity)!, multiplier: multiplier.map { ExactDecimal(vietnamese: $0)! },
                   unitPrice: price)
    }
}

@Suite("Exact decimals for quantities and multipliers")
struct ExactDecimalTests {
    @Test("Vietnamese notation: comma for decimals, dot for thousands")
    func parsing() {
        #expect(ExactDecimal(vietnamese: "0,5") == ExactDecimal(units: 5, scale: 1))
        #expect(ExactDecimal(vietnamese: "5.045") == ExactDecimal(5045))
        #expect(ExactDecimal(vietnamese: "1.234,250") == ExactDecimal(units: 123_425, scale: 2))
        #expect(ExactDecimal(vietnamese: " 12 ") == ExactDecimal(12))
        #expect(ExactDecimal(vietnamese: "-3")?.isNegative == true)
        for bad in ["0.5", "1,2,3", "abc", "1.23", ",5", "5,", "", "1,1234567"] {
            #expect(ExactDecimal(vietnamese: bad) == nil, "\(bad)")
        }
    }

    @Test("written back the Vietnamese way")
    func formatting() {
        #expect(ExactDecimal(units: 5, scale: 1)?.formatted == "0,5")
        #expect(ExactDecimal(5045).formatted == "5.045")
        #expect(ExactDecimal(units: 123_425, scale: 2)?.formatted == "1.234,25")
        #expect(ExactDecimal(units: -5, scale: 1)?.formatted == "-0,5")
        #expect(ExactDecimal(units: 1200, scale: 3)?.formatted == "1,2")
    }

    @Test("JSON numbers, decimal JSON numbers and strings all decode exactly")
    func decoding() throws {
        let values = try JSONDecoder().decode([ExactDecimal].self, from: Data(#"[12, 0.5, "0,5", "5.045", 0.1]"#.utf8))
        #expect(values == [ExactDecimal(12), ExactDecimal(units: 5, scale: 1)!, ExactDecimal(units: 5, scale: 1)!, ExactDecimal(5045),
                           ExactDecimal(units: 1, scale: 1)!])
    }
}

@Suite("Budget estimate arithmetic")
struct BudgetEstimateTests {
    @Test("Đồng Tháp (seed 000, Phụ lục II): every line, unit cost and total as the seed states them")
    func dongThap() throws {
        let budget = try BudgetFixtures.data(BudgetFixtures.dongThap).budget
        let training = budget.sections[0], teams = budget.sections[1]
        #expect(training.unitCosts[0].lines.map(\.amount) == [500_000, 150_000, 2_000_000, 1_200_000, 3_000_000])
        #expect(training.unitCosts[0].total == 6_850_000)
        #expect(training.lines.map(\.unitPrice) == [6_850_000, 6_850_000])
        #expect(training.lines.map(\.amount) == [13_700_000, 27_400_000])
        #expect(training.total == 41_100_000)
        #expect(teams.unitCosts[0].total == 10_000_000)
        // 2022 counts half a year: 0,5 × 12 teams × 10.000.000 đồng.
        #expect(teams.lines.map(\.amount) == [60_000_000, 120_000_000])
        #expect(teams.total == 180_000_000)
        #expect(budget.total == 221_100_000)
        #expect(budget.yearTotals == [YearAmount(year: 2022, amount: 73_700_000), YearAmount(year: 2023, amount: 147_400_000)])
        #expect(budget.totalInWords == "Hai trăm hai mươi mốt triệu một trăm ngàn đồng")
    }

    @Test("Sóc Trăng (seed 002): 5.045 members × 12 months × 100.000 đồng for each of 2023, 2024 and 2025")
    func socTrang() throws {
        let budget = try BudgetFixtures.data(BudgetFixtures.socTrang).budget
        #expect(budget.sections[0].lines.map(\.amount) == [6_054_000_000, 6_054_000_000, 6_054_000_000])
        #expect(budget.total == 18_162_000_000)
        #expect(budget.yearTotals.map(\.year) == [2023, 2024, 2025])
        #expect(budget.totalInWords == "Mười tám tỷ một trăm sáu mươi hai triệu đồng")
        #expect(budget.yearTotals.map(\.amount) == [6_054_000_000, 6_054_000_000, 6_054_000_000])
    }

    @Test("seed 002's past spending: 5.000.000 × 103 teams + 1.000.000 × 6 teams is the 521.000.000 đồng it states")
    func socTrangPastSpending() throws {
        let estimate = BudgetEstimate(sections: [BudgetSection(name: "Kinh phí đã chi", lines: [
            BudgetLine(content: "Huyện Mỹ Xuyên", unit: "tổ", quantity: ExactDecimal(103), unitPrice: 5_000_000),
            BudgetLine(content: "Thị xã Ngã Năm (xã Tân Long)", unit: "tổ", quantity: ExactDecimal(6), unitPrice: 1_000_000),
        ])], statedTotal: 521_000_000)
        let budget = try estimate.computed()
        #expect(budget.total == 521_000_000)
        #expect(budget.totalInWords == "Năm trăm hai mươi mốt triệu đồng")
        #expect(budget.yearTotals.isEmpty)
    }

    @Test("decimals multiply exactly: 0,1 × 3 × 10 đồng is 3 đồng, where floating point would not be")
    func exactProducts() throws {
        let line = try BudgetEstimate.compute(BudgetFixtures.line("0,1", 10, times: "3"), at: "x", unitCosts: [:])
        #expect(line.amount == 3)
        let months = try BudgetEstimate.compute(BudgetFixtures.line("5.045", 100_000, times: "1,5"), at: "x", unitCosts: [:])
        #expect(months.amount == 756_750_000)
    }

    @Test("an amount that is not a whole đồng is refused with the exact product")
    func fractionOfDong() {
        #expect(throws: DomainDataError(message: "Trường “du_toan.phan[1].dong[1]”: thành tiền 0,5 × 15.001 × 3 = 22.501,5 đồng không tròn đồng; hãy sửa số lượng, hệ số hoặc đơn giá.")) {
            try BudgetEstimate(sections: [BudgetSection(name: "Thử", lines: [BudgetFixtures.line("0,5", 15_001, times: "3")])]).computed()
        }
    }

    @Test("the thousand word follows the data: nghìn by default")
    func thousandWord() throws {
        let json = try BudgetFixtures.editing(BudgetFixtures.dongThap) { BudgetFixtures.editEstimate(&$0, key: "cach_doc_nghin", value: nil) }
        #expect(try BudgetProposalData.decode(json: json).budget.totalInWords == "Hai trăm hai mươi mốt triệu một trăm nghìn đồng")
        let ascii = try BudgetFixtures.editing(BudgetFixtures.dongThap) { BudgetFixtures.editEstimate(&$0, key: "cach_doc_nghin", value: "ngan") }
        #expect(try BudgetProposalData.decode(json: ascii).budget.totalInWords == "Hai trăm hai mươi mốt triệu một trăm ngàn đồng")
    }

    @Test("a clerk's arithmetic slip is caught, showing the stated and the computed figure")
    func statedFigures() throws {
        let cases: [(String, (inout [String: Any]) -> Void)] = [
            ("Trường “du_toan.tong_cong” ghi 221.000.000 đồng nhưng tính ra 221.100.000 đồng.",
             { BudgetFixtures.editEstimate(&$0, key: "tong_cong", value: 221_000_000) }),
            ("Trường “du_toan.tong_theo_nam.2023” ghi 147.000.000 đồng nhưng tính ra 147.400.000 đồng.",
             { BudgetFixtures.editEstimate(&$0, key: "tong_theo_nam", value: ["2022": 73_700_000, "2023": 147_000_000]) }),
            ("Trường “du_toan.tong_theo_nam.2024” ghi 1.000 đồng nhưng không có dòng nào của năm 2024.",
             { BudgetFixtures.editEstimate(&$0, key: "tong_theo_nam", value: ["2024": 1_000]) }),
            ("Trường “du_toan.phan[1].dinh_muc[1].chi_tiet[4].thanh_tien” ghi 1.000.000 đồng nhưng tính ra 1.200.000 đồng.",
             { BudgetFixtures.editUnitCostLine(&$0, section: 0, index: 3, key: "thanh_tien", value: 1_000_000) }),
            ("Trường “du_toan.phan[2].dong[1].thanh_tien” ghi 120.000.000 đồng nhưng tính ra 60.000.000 đồng.",
             { BudgetFixtures.editLine(&$0, section: 1, index: 0, key: "thanh_tien", value: 120_000_000) }),
            ("Trường “du_toan.phan[1].dinh_muc[1].tong_cong” ghi 6.800.000 đồng nhưng tính ra 6.850.000 đồng.",
             { BudgetFixtures.editLine(&$0, section: 0, list: "dinh_muc", index: 0, key: "tong_cong", value: 6_800_000) }),
        ]
        for (message, edit) in cases {
            let json = try BudgetFixtures.editing(BudgetFixtures.dongThap, edit)
            #expect(throws: DomainDataError(message: message)) { try BudgetProposalData.decode(json: json) }
        }
    }

    @Test("negative, empty, unknown and contradictory entries are refused with the field path")
    func badLines() throws {
        let cases: [(String, (inout [String: Any]) -> Void)] = [
            ("Trường “du_toan.phan[1].dinh_muc[1].chi_tiet[2].don_gia” phải là số không âm.",
             { BudgetFixtures.editUnitCostLine(&$0, section: 0, index: 1, key: "don_gia", value: -150_000) }),
            ("Trường “du_toan.phan[2].dong[1].so_luong” phải là số không âm.",
             { BudgetFixtures.editLine(&$0, section: 1, index: 0, key: "so_luong", value: -12) }),
            ("Trường “du_toan.phan[2].dong[1].he_so” phải là số không âm.",
             { BudgetFixtures.editLine(&$0, section: 1, index: 0, key: "he_so", value: "-0,5") }),
            ("Trường “du_toan.phan[2].dong[2].noi_dung” đang trống.",
             { BudgetFixtures.editLine(&$0, section: 1, index: 1, key: "noi_dung", value: "  ") }),
            ("Trường “du_toan.phan[1].dong[1].dinh_muc”: không có định mức mã “lop” trong phần này hoặc các phần trước.",
             { BudgetFixtures.editLine(&$0, section: 0, index: 0, key: "dinh_muc", value: "lop") }),
            ("Trường “du_toan.phan[1].dong[1]” ghi cả “don_gia” lẫn “dinh_muc”: chỉ ghi một trong hai.",
             { BudgetFixtures.editLine(&$0, section: 0, index: 0, key: "don_gia", value: 6_850_000) }),
            ("Thiếu trường “don_gia” (đơn giá, đồng) hoặc “dinh_muc” (mã định mức) ở “du_toan.phan[1].dong[2]”.",
             { BudgetFixtures.editLine(&$0, section: 0, index: 1, key: "dinh_muc", value: nil) }),
            ("Trường “du_toan.phan[2].dong[2].nam” bị thiếu: dòng “du_toan.phan[1].dong[1]” đã ghi năm, nên mọi dòng tính vào tổng đều phải ghi năm để tổng theo năm khớp với tổng cộng.",
             { BudgetFixtures.editLine(&$0, section: 1, index: 1, key: "nam", value: nil) }),
            ("Trường “du_toan.phan[2].dong[1].so_luong” có giá trị không hợp lệ (“12.5” không phải là số; viết như 12, 5.045 hoặc 0,5).",
             { BudgetFixtures.editLine(&$0, section: 1, index: 0, key: "so_luong", value: "12.5") }),
            ("Trường “du_toan.cach_doc_nghin” có giá trị không hợp lệ (chỉ nhận “nghìn” hoặc “ngàn”).",
             { BudgetFixtures.editEstimate(&$0, key: "cach_doc_nghin", value: "ngin") }),
            ("Trường “du_toan.phan” không có phần nào.", { BudgetFixtures.editEstimate(&$0, key: "phan", value: [Any]()) }),
            ("Trường “to_trinh.kinh_gui” đang trống.", { BudgetFixtures.editProposal(&$0, key: "kinh_gui", value: " . ") }),
            ("Trường “to_trinh.nguon_kinh_phi” cần ít nhất một đoạn.", { BudgetFixtures.editProposal(&$0, key: "nguon_kinh_phi", value: [""]) }),
            ("Thiếu trường “kinh_gui” ở “to_trinh”.", { BudgetFixtures.editProposal(&$0, key: "kinh_gui", value: nil) }),
        ]
        for (message, edit) in cases {
            let json = try BudgetFixtures.editing(BudgetFixtures.dongThap, edit)
            #expect(throws: DomainDataError(message: message)) { try BudgetProposal().documents(from: json, context: DocumentContext()) }
        }
    }

    @Test("a section with unit costs needs a heading for its counted lines, and unit-cost keys are unique")
    func unitCostRules() throws {
        let noHeading = try BudgetFixtures.editing(BudgetFixtures.dongThap) { data in
            var estimate = data["du_toan"] as! [String: Any]
            var sections = estimate["phan"] as! [[String: Any]]
            sections[0]["tieu_de_dong"] = nil
            estimate["phan"] = sections
            data["du_toan"] = estimate
        }
        #expect(throws: DomainDataError(message: "Thiếu trường “tieu_de_dong” ở “du_toan.phan[1]”: phần có định mức cần tiêu đề cho các dòng tính tiền (ví dụ: Tổng kinh phí tổ chức các lớp tập huấn).")) {
            try BudgetProposalData.decode(json: noHeading)
        }
        let duplicate = try BudgetFixtures.editing(BudgetFixtures.dongThap) {
            BudgetFixtures.editLine(&$0, section: 1, list: "dinh_muc", index: 0, key: "ma", value: "lop_tap_huan")
        }
        #expect(throws: DomainDataError(message: "Trường “du_toan.phan[2].dinh_muc[1].ma”: mã “lop_tap_huan” đã dùng cho một định mức khác.")) {
            try BudgetProposalData.decode(json: duplicate)
        }
    }
}

@Suite("Budget proposal (template 6)")
struct BudgetProposalTests {
    @Test("template values: subject, recipient, signature authority, totals and the summary rows")
    func values() throws {
        let documents = try BudgetProposal().documents(from: Fixtures.sample(BudgetFixtures.dongThap), context: DocumentContext())
        #expect(documents.map(\.name) == ["to-trinh-kinh-phi-tinh-dong-thap-2022"])
        let values = documents[0].values
        #expect(values["doi_tuong"] == "Tổ Công nghệ số cộng đồng trên địa bàn tỉnh Đồng Tháp giai đoạn 2022 - 2023")
        #expect(values["kinh_gui"] == "Thường trực Hội đồng nhân dân tỉnh Đồng Tháp")
        #expect(values["tham_quyen_ky_dong"] == ["TM. ỦY BAN NHÂN DÂN"])
        #expect(values["chuc_vu_nguoi_ky"] == "Chủ tịch")
        #expect(values["tong_cong"] == 221_100_000)
        #expect(values["tong_cong_bang_chu"] == "Hai trăm hai mươi mốt triệu một trăm ngàn đồng")
        #expect(values["so_van_ban"] == nil && values["ngay_ban_hanh"] == nil)
        guard case .list(let summary)? = values["tong_hop"] else { Issue.record("no summary rows"); return }
        #expect(summary.map { ($0["dam"] ?? $0["thuong"])?["noi_dung"] } == [
            "Kinh phí tổ chức lớp tập huấn", "Năm 2022", "Năm 2023",
            "Kinh phí hoạt động của Tổ Công nghệ số cộng đồng triển khai Công nghệ số đến người dân", "Năm 2022", "Năm 2023",
            "Tổng cộng", "Năm 2022", "Năm 2023",
        ].map { Optional(TemplateValue.string($0)) })
        #expect(summary.map { ($0["dam"] ?? $0["thuong"])?["thanh_tien"] } == [
            41_100_000, 13_700_000, 27_400_000, 180_000_000, 60_000_000, 120_000_000, 221_100_000, 73_700_000, 147_400_000,
        ].map { Optional(TemplateValue.int($0)) })
        #expect(summary.map { $0["dam"] != nil } == [true, false, false, true, false, false, true, false, false])
        guard case .list(let sections)? = values["phan"], case .list(let tables)? = sections[1]["bang"] else {
            Issue.record("no detail tables"); return
        }
        #expect(sections.map { $0["so_la_ma"] } == ["I", "II"])
        #expect(tables.map { $0["tieu_de"] } == ["1. Khoán kinh phí hoạt động cho Tổ Công nghệ số cộng đồng",
                                                 "2. Tổng khoán kinh phí hoạt động cho Tổ Công nghệ số cộng đồng"])
        // The lump sum's make-up has no multiplier column; the team-years table has one.
        #expect(tables.map { $0["co_he_so"] == nil } == [true, false])
        #expect(tables.map { $0["khong_he_so"] == nil } == [false, true])
        #expect(tables[1]["co_he_so"]?["cot_he_so"] == "Thời gian (Năm)")
        guard case .list(let teamYears)? = tables[1]["co_he_so"]?["dong"] else { Issue.record("no team-year rows"); return }
        #expect(teamYears.map { $0["he_so"] } == ["0,5", "1"])
        #expect(teamYears.map { $0["thanh_tien"] } == [60_000_000, 120_000_000])
    }

    @Test("a deputy chairman signs under KT. CHỦ TỊCH")
    func deputy() throws {
        let json = try BudgetFixtures.editing(BudgetFixtures.socTrang) { data in
            var issuance = data["van_ban"] as! [String: Any]
            issuance["nguoi_ky"] = ["ho_ten": "Lê Văn Thử", "chuc_vu": "Phó Chủ tịch"]
            data["van_ban"] = issuance
        }
        let values = try BudgetProposal().documents(from: json, context: DocumentContext())[0].values
        #expect(values["tham_quyen_ky_dong"] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"])
    }

    @Test("both samples render in both formats with their totals, words and rows", arguments: DocumentFormat.allCases)
    func renders(format: DocumentFormat) throws {
        let template = try Fixtures.template("to-trinh-kinh-phi", format)
        let dongThap = try BudgetProposal().documents(from: Fixtures.sample(BudgetFixtures.dongThap), context: DocumentContext())[0]
        let text = try DocumentText.of(template.render(dongThap.values))
        for expected in Self.dongThapText + Self.commonText(place: "Đồng Tháp") {
            #expect(text.contains(expected), "\(expected)")
        }
        #expect(text.contains("Số: /TTr-UBND"))
        let socTrang = try BudgetProposal().documents(from: Fixtures.sample(BudgetFixtures.socTrang), context: DocumentContext())[0]
        let socTrangText = try DocumentText.of(template.render(socTrang.values))
        for expected in Self.socTrangText + Self.commonText(place: "Sóc Trăng") {
            #expect(socTrangText.contains(expected), "\(expected)")
        }
    }

    static func commonText(place: String) -> [String] {
        ["TỜ TRÌNH", "ỦY BAN NHÂN DÂN", "TỈNH \(VietnameseCase.upper(place))", "Kính gửi: Thường trực Hội đồng nhân dân tỉnh \(place).",
         "I. SỰ CẦN THIẾT", "II. NỘI DUNG ĐỀ NGHỊ", "III. NGUỒN KINH PHÍ", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
         "A. TỔNG HỢP DỰ TOÁN KINH PHÍ", "B. CHI TIẾT DỰ TOÁN KINH PHÍ", "Tổng cộng"]
    }

    static let dongThapText = [
        "Về việc đề nghị phê duyệt dự toán kinh phí hoạt động của Tổ Công nghệ số cộng đồng trên địa bàn tỉnh Đồng Tháp giai đoạn 2022 - 2023",
        "Tổng dự toán kinh phí là: 221.100.000 đồng (Hai trăm hai mươi mốt triệu một trăm ngàn đồng). Trong đó, năm 2022: 73.700.000 đồng; năm 2023: 147.400.000 đồng.",
        "- Kinh phí tổ chức lớp tập huấn: 41.100.000 đồng;",
        "- Kinh phí hoạt động của Tổ Công nghệ số cộng đồng triển khai Công nghệ số đến người dân: 180.000.000 đồng.",
        "Ủy ban nhân dân tỉnh Đồng Tháp kính trình Thường trực Hội đồng nhân dân tỉnh Đồng Tháp xem xét, quyết định./.",
        "DỰ TOÁN CHI TIẾT KINH PHÍ TRIỂN KHAI CÁC HOẠT ĐỘNG ĐỀ ÁN",
        "I. KINH PHÍ TỔ CHỨC LỚP TẬP HUẤN", "1. Kinh phí Tổ chức 01 lớp tập huấn (01 buổi)",
        "a Giảng viên chính 1 500.000 500.000 Điểm d Khoản 2 Điều 7 Nghị quyết số 43/2021/NQ-HĐND",
        "b Trợ giảng 1 150.000 150.000",
        "d Nước uống cho học viên 60 20.000 1.200.000",
        "đ Hỗ trợ kinh phí cho học viên là cán bộ không được hưởng lương từ ngân sách nhà nước 60 50.000 3.000.000",
        "Cộng 6.850.000", "2. Tổng kinh phí tổ chức các lớp tập huấn",
        "1 Năm 2022: Tổ chức 02 lớp 2 6.850.000 13.700.000", "2 Năm 2023: Tổ chức 04 lớp 4 6.850.000 27.400.000",
        "Tổng cộng 41.100.000",
        "II. KINH PHÍ HOẠT ĐỘNG CỦA TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG",
        "Thời gian (Năm) Số lượng Tổ Khoán chi phí cho 1 Tổ/năm (đồng)",
        "1 Năm 2022 0,5 12 10.000.000 60.000.000 Đưa vào hoạt động từ tháng 6 năm 2022",
        "2 Năm 2023 1 12 10.000.000 120.000.000", "Tổng cộng 180.000.000",
        "Tổng cộng 221.100.000 Năm 2022 73.700.000 Năm 2023 147.400.000",
        "Tổng cộng: 221.100.000 đồng (Bằng chữ: Hai trăm hai mươi mốt triệu một trăm ngàn đồng)./.",
        "Phạm Thiện Nghĩa",
    ]

    static let socTrangText = [
        "Về việc đề nghị phê duyệt dự toán kinh phí hoạt động của Tổ công nghệ số cộng đồng giai đoạn 2023-2025",
        "Tổng dự toán kinh phí là: 18.162.000.000 đồng (Mười tám tỷ một trăm sáu mươi hai triệu đồng). Trong đó, năm 2023: 6.054.000.000 đồng; năm 2024: 6.054.000.000 đồng; năm 2025: 6.054.000.000 đồng.",
        "- Mức hỗ trợ 100.000 đồng/thành viên/tháng.",
        "Số tháng Số thành viên Mức hỗ trợ (đồng/thành viên/tháng)",
        "1 Năm 2023 12 5.045 100.000 6.054.000.000 775 Tổ/775 khóm, ấp",
        "3 Năm 2025 12 5.045 100.000 6.054.000.000",
        "Tổng cộng 18.162.000.000",
        "Tổng cộng: 18.162.000.000 đồng (Bằng chữ: Mười tám tỷ một trăm sáu mươi hai triệu đồng)./.",
        "Trần Văn Lâu",
    ]
}

@Suite("Budget proposal as PDF (LibreOffice)")
struct BudgetProposalPDFTests {
    @Test("both samples, draft and issued, in both formats: number and date lines, rows, totals and words on the pages",
          .enabled(if: LibreOffice.shouldRun, "LibreOffice or pdftotext is not installed (scripts/install-deps.sh installs them)"))
    func pdfText() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-to-trinh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        struct Case { var url: URL; var sample: String; var issued: Bool }
        var cases: [Case] = []
        for sample in [BudgetFixtures.dongThap, BudgetFixtures.socTrang] {
            let issued = try BudgetFixtures.editing(sample) { data in
                var issuance = data["van_ban"] as! [String: Any]
                issuance["so"] = 7
                issuance["ngay_ban_hanh"] = sample == BudgetFixtures.dongThap ? "2022-06-15" : "2023-08-04"
                data["van_ban"] = issuance
            }
            for (json, isIssued) in [(try Fixtures.sample(sample), false), (issued, true)] {
                let document = try BudgetProposal().documents(from: json, context: DocumentContext())[0]
                for format in DocumentFormat.allCases {
                    let url = folder.appendingPathComponent("\(document.name)-\(isIssued ? "ban-hanh" : "nhap").\(format.rawValue)")
                    try Data(Fixtures.template("to-trinh-kinh-phi", format).render(document.values) as [UInt8]).write(to: url)
                    cases.append(Case(url: url, sample: sample, issued: isIssued))
                }
            }
        }
        let texts = try LibreOffice.pdfTexts(of: cases.map(\.url))
        for item in cases {
            let text = DocumentText.collapsed(try #require(texts[item.url]))
            let file = item.url.lastPathComponent
            let dongThap = item.sample == BudgetFixtures.dongThap
            let place = dongThap ? "Đồng Tháp" : "Sóc Trăng"
            if item.issued {
                #expect(text.contains("Số: 07/TTr-UBND"), "\(file)")
                let date = dongThap ? "ngày 15 tháng 6 năm 2022" : "ngày 04 tháng 8 năm 2023"
                #expect(text.contains("\(place), \(date)"), "\(file)")
                #expect(text.contains("(Kèm theo Tờ trình số 07/TTr-UBND \(date) của Ủy ban nhân dân tỉnh \(place))"), "\(file)")
            } else {
                #expect(text.contains("Số: /TTr-UBND"), "\(file)")
                #expect(text.contains("\(place), ngày tháng năm \(dongThap ? 2022 : 2023)"), "\(file)")
                #expect(text.contains("(Kèm theo Tờ trình số /TTr-UBND ngày tháng năm"), "\(file)")
            }
            for expected in BudgetProposalTests.commonText(place: place) { #expect(text.contains(expected), "\(expected) in \(file)") }
            for expected in dongThap ? Self.dongThapPDF : Self.socTrangPDF { #expect(text.contains(expected), "\(expected) in \(file)") }
        }
    }

    /// What the pages show, row by row; long cell texts wrap in the PDF, so rows are checked by their short cells.
    static let dongThapPDF = [
        "Tổng dự toán kinh phí là: 221.100.000 đồng (Hai trăm hai mươi mốt triệu một trăm ngàn đồng). Trong đó, năm 2022: 73.700.000 đồng; năm 2023: 147.400.000 đồng.",
        "Tổng cộng: 221.100.000 đồng (Bằng chữ: Hai trăm hai mươi mốt triệu một trăm ngàn đồng)./.",
        "Giảng viên chính 1 500.000 500.000", "Trợ giảng 1 150.000 150.000", "2.000.000", "Nước uống cho học viên 60 20.000 1.200.000",
        "60 50.000 3.000.000", "6.850.000", "13.700.000", "27.400.000", "41.100.000",
        "Năm 2022 0,5 12 10.000.000 60.000.000", "Năm 2023 1 12 10.000.000 120.000.000", "180.000.000",
        "Tổng cộng 221.100.000", "73.700.000", "147.400.000", "Phạm Thiện Nghĩa",
    ]

    static let socTrangPDF = [
        "Tổng dự toán kinh phí là: 18.162.000.000 đồng (Mười tám tỷ một trăm sáu mươi hai triệu đồng). Trong đó, năm 2023: 6.054.000.000 đồng; năm 2024: 6.054.000.000 đồng; năm 2025: 6.054.000.000 đồng.",
        "Tổng cộng: 18.162.000.000 đồng (Bằng chữ: Mười tám tỷ một trăm sáu mươi hai triệu đồng)./.",
        "Năm 2023 12 5.045 100.000 6.054.000.000", "Năm 2024 12 5.045 100.000 6.054.000.000", "Năm 2025 12 5.045 100.000 6.054.000.000",
        "Tổng cộng 18.162.000.000", "Trần Văn Lâu",
    ]
}
