import Domain
import Foundation
import Templating
import Testing
import TestSupport
import VietnameseText
@testable import Documents

/// The illustrative Quảng Sơn quarterly report sample and edited copies of it.
enum ReportFixtures {
    static let sample = "quang-son-bao-cao-quy.json"

    static func json() throws -> Data { try Fixtures.sample(sample) }

    static func data() throws -> QuarterlyReportData {
        try QuarterlyReportData.decode(json: json())
    }

    /// The sample as JSON objects, changed by `edit`.
    static func editing(_ edit: (inout [String: Any]) throws -> Void) throws -> Data { try Fixtures.editing(sample, edit) }

    /// Sets `to[team].so_lieu[code]` (0-based team), or removes it for nil.
    static func editCount(_ data: inout [String: Any], team: Int, _ code: String, _ value: Any?) {
        var teams = data["to"] as! [[String: Any]]
        var counts = teams[team]["so_lieu"] as! [String: Any]
        counts[code] = value
        teams[team]["so_lieu"] = counts
        data["to"] = teams
    }

    /// Sets `chi_tieu[index][key]` (0-based index).
    static func editTarget(_ data: inout [String: Any], _ index: Int, _ key: String, _ value: Any?) {
        var targets = data["chi_tieu"] as! [[String: Any]]
        targets[index][key] = value
        data["chi_tieu"] = targets
    }

    static func error(_ json: Data) -> String? {
        do {
            _ = try QuarterlyReportData.decode(json: json)
            return nil
        } catch {
            return error.message
        }
    }

    static func template(_ format: DocumentFormat) throws -> CompiledTemplate { try Fixtures.template("bao-cao-quy", format) }

    /// A one-indicator, one-team report: `reached` of `population` against `target` percent.
    static func single(reached: Int, population: Int, target: Double) throws -> QuarterlyReportData {
        let json = try editing {
            $0["chi_tieu"] = [["ma": "vneid", "so_doi_tuong": population, "ty_le_chi_tieu": target]]
            $0["to"] = [["thon": "1", "so_thanh_vien": 5, "so_lieu": ["vneid": reached]]]
        }
        return try QuarterlyReportData.decode(json: json)
    }
}


@Suite("Quarterly report (bao-cao-quy): quarters and due dates")
struct ReportingQuarterTests {
    @Test("each quarter's days, numeral and due date: the 5th of the first month of the next quarter (seed 000, IV.6)")
    func quarters() throws {
        let expected: [(Int, String, String, String, String)] = [
            (1, "I", "2025-01-01", "2025-03-31", "2025-04-05"),
            (2, "II", "2025-04-01", "2025-06-30", "2025-07-05"),
            (3, "III", "2025-07-01", "2025-09-30", "2025-10-05"),
            (4, "IV", "2025-10-01", "2025-12-31", "2026-01-05"),
        ]
        for (quarter, roman, first, last, due) in expected {
            let period = try #require(ReportingQuarter(quarter: quarter, year: 2025))
            #expect(period.roman == roman)
            #expect(period.firstDay.iso == first)
            #expect(period.lastDay.iso == last)
            #expect(period.dueDate.iso == due)
        }
        #expect(ReportingQuarter(quarter: 1, year: 2025)?.dueDate.long == "ngày 05 tháng 4 năm 2025")
        #expect(ReportingQuarter(quarter: 4, year: 2025)?.dueDate.long == "ngày 05 tháng 01 năm 2026")
        #expect(ReportingQuarter(quarter: 0, year: 2025) == nil)
        #expect(ReportingQuarter(quarter: 5, year: 2025) == nil)
    }
}

@Suite("Quarterly report (bao-cao-quy): data and computed values")
struct QuarterlyReportDataTests {
    @Test("the sample: quarter III of 2025, eight teams, 45 members, seven indicators with the seed's 2025 targets")
    func sample() throws {
        let report = try ReportFixtures.data()
        #expect(report.period == ReportingQuarter(quarter: 3, year: 2025))
        #expect(report.teams.count == 8)
        #expect(report.totalMembers == 45)
        #expect(report.targets.map(\.indicator) == ReportIndicator.allCases)
        #expect(report.targets.map(\.targetPercent) == [90, 80, 40, 50, 50, 10, 90])
        #expect(report.targets[0].population == "Người dân từ 14 tuổi trở lên")
        #expect(report.targets[6].population == "Doanh nghiệp, hộ kinh doanh, cửa hàng, tiểu thương")
        #expect(report.teams[0].village.displayName == "thôn 1")
    }

    @Test("totals, shares to one decimal with a comma, and met or not")
    func achievements() throws {
        let results = try ReportFixtures.data().achievements
        #expect(results.map(\.reached) == [10_469, 7_902, 2_314, 5_618, 6_967, 1_422, 307])
        #expect(results.map(\.percentText) == ["83,9%", "63,3%", "21,1%", "51,3%", "57,8%", "11,4%", "74,5%"])
        #expect(results.map(\.isMet) == [false, false, false, true, true, true, false])
    }

    @Test("rounding is half up on the tenth, and the verdict follows the printed share")
    func rounding() throws {
        let cases: [(Int, Int, Double, String, Bool)] = [
            (1, 3, 30, "33,3%", true),
            (2, 3, 70, "66,7%", false),
            (1, 16, 6.3, "6,3%", true),       // 6,25% rounds up to 6,3%
            (899, 1_000, 90, "89,9%", false),
            (900, 1_000, 90, "90,0%", true),
            (8_999, 10_000, 90, "90,0%", true), // 89,99% prints as 90,0%: the table must not say “Chưa đạt” beside it
            (0, 412, 0, "0,0%", true),
            (412, 412, 100, "100,0%", true),
        ]
        for (reached, population, target, text, met) in cases {
            let result = try #require(try ReportFixtures.single(reached: reached, population: population, target: target).achievements.first)
            #expect(result.percentText == text, "\(reached)/\(population)")
            #expect(result.isMet == met, "\(reached)/\(population) against \(target)%")
        }
    }

    @Test("template values: per-team rows, the total row, the comparison rows and the dates")
    func values() throws {
        let values = try ReportFixtures.data().templateValues
        #expect(templateValue(values, "quy_la_ma") == .string("III"))
        #expect(templateValue(values, "nam_bao_cao") == .int(2025))
        #expect(templateValue(values, "tu_ngay") == .string("2025-07-01"))
        #expect(templateValue(values, "den_ngay") == .string("2025-09-30"))
        #expect(templateValue(values, "han_bao_cao") == .string("2025-10-05"))
        #expect(templateValue(values, "so_to") == .int(8))
        #expect(templateValue(values, "tong_thanh_vien") == .int(45))
        #expect(templateValue(values, "to.0.ten_to") == .string("Thôn 1"))
        #expect(templateValue(values, "to.0.so_lieu.vneid") == .string("1.679"))
        #expect(templateValue(values, "to.7.so_lieu.ma_qr") == .string("34"))
        #expect(templateValue(values, "tong.so_thanh_vien") == .int(45))
        #expect(templateValue(values, "tong.so_lieu.vneid") == .string("10.469"))
        #expect(templateValue(values, "tong.so_lieu.ma_qr") == .string("307"))
        #expect(templateValue(values, "chi_tieu.3.ty_le_dat") == .string("51,3%"))
        #expect(templateValue(values, "chi_tieu.3.danh_gia") == .string("Đạt"))
        #expect(templateValue(values, "chi_tieu.0.danh_gia") == .string("Chưa đạt"))
        #expect(templateValue(values, "chi_tieu.0.so_doi_tuong") == .string("12.480"))
        #expect(templateValue(values, "chi_tieu.0.ty_le_chi_tieu") == .string("90%"))
        #expect(templateValue(values, "so_chi_tieu") == .int(7))
        #expect(templateValue(values, "so_chi_tieu_dat") == .int(3))
        #expect(templateValue(values, "tham_quyen_ky_dong") == .list(["TM. ỦY BAN NHÂN DÂN"]))
        let documents = try QuarterlyTeamReport().documents(from: ReportFixtures.json(), context: DocumentContext())
        #expect(documents.map(\.name) == ["bao-cao-quy-xa-quang-son-quy-3-2025"])
    }

    @Test("an indicator the report does not track shows a dash in its column")
    func untracked() throws {
        let json = try ReportFixtures.editing {
            var targets = $0["chi_tieu"] as! [[String: Any]]
            targets.removeLast()
            $0["chi_tieu"] = targets
            for team in 0..<8 { ReportFixtures.editCount(&$0, team: team, "ma_qr", nil) }
        }
        let values = try QuarterlyReportData.decode(json: json).templateValues
        #expect(templateValue(values, "to.0.so_lieu.ma_qr") == .string("-"))
        #expect(templateValue(values, "tong.so_lieu.ma_qr") == .string("-"))
        #expect(templateValue(values, "so_chi_tieu") == .int(6))
    }

    @Test("mistakes get a Vietnamese message with the field path")
    func errors() throws {
        let quarter = try ReportFixtures.editing { $0["quy"] = 5 }
        #expect(ReportFixtures.error(quarter) == "Trường “quy” có giá trị không hợp lệ (quý phải từ 1 đến 4, đang là 5).")
        let negative = try ReportFixtures.editing { ReportFixtures.editCount(&$0, team: 1, "dich_vu_cong", -3) }
        #expect(ReportFixtures.error(negative) == "Trường “to[2].so_lieu.dich_vu_cong” phải là số không âm, đang là -3.")
        let aboveTeam = try ReportFixtures.editing { ReportFixtures.editCount(&$0, team: 2, "ma_qr", 500) }
        #expect(ReportFixtures.error(aboveTeam) == "Trường “to[3].so_lieu.ma_qr” (500) lớn hơn số đối tượng của chỉ tiêu (412, “chi_tieu[7].so_doi_tuong”).")
        let aboveTotal = try ReportFixtures.editing { ReportFixtures.editTarget(&$0, 6, "so_doi_tuong", 300) }
        #expect(ReportFixtures.error(aboveTotal) == "Tổng “so_lieu.ma_qr” của các tổ (307) lớn hơn số đối tượng ở “chi_tieu[7].so_doi_tuong” (300).")
        let missing = try ReportFixtures.editing { ReportFixtures.editCount(&$0, team: 4, "chu_ky_so", nil) }
        #expect(ReportFixtures.error(missing) == "Thiếu trường “to[5].so_lieu.chu_ky_so” (Cài đặt chữ ký số hoặc chữ ký điện tử cá nhân, tổ thôn 5).")
        let unknownCount = try ReportFixtures.editing { ReportFixtures.editCount(&$0, team: 0, "zalo", 12) }
        #expect(ReportFixtures.error(unknownCount)?.hasPrefix("Trường “to[1].so_lieu.zalo”: không có chỉ tiêu “zalo” trong “chi_tieu” (các mã có: “vneid”, ") == true)
        let unknownCode = try ReportFixtures.editing { ReportFixtures.editTarget(&$0, 1, "ma", "hssk") }
        #expect(ReportFixtures.error(unknownCode)?.hasPrefix("Trường “chi_tieu[2].ma” có giá trị không hợp lệ (không có chỉ tiêu “hssk”; các mã có: “vneid”, “ho_so_suc_khoe”") == true)
        let duplicate = try ReportFixtures.editing { ReportFixtures.editTarget(&$0, 2, "ma", "vneid") }
        #expect(ReportFixtures.error(duplicate) == "Trường “chi_tieu[3].ma”: chỉ tiêu “vneid” đã có ở “chi_tieu[1]”.")
        let target = try ReportFixtures.editing { ReportFixtures.editTarget(&$0, 0, "ty_le_chi_tieu", 120) }
        #expect(ReportFixtures.error(target) == "Trường “chi_tieu[1].ty_le_chi_tieu” phải là tỷ lệ từ 0 đến 100%, đang là 120.")
        let population = try ReportFixtures.editing { ReportFixtures.editTarget(&$0, 5, "so_doi_tuong", 0) }
        #expect(ReportFixtures.error(population) == "Trường “chi_tieu[6].so_doi_tuong” phải là số lớn hơn 0 (số người dân từ 14 tuổi trở lên trên địa bàn).")
        let members = try ReportFixtures.editing {
            var teams = $0["to"] as! [[String: Any]]
            teams[3]["so_thanh_vien"] = 0
            $0["to"] = teams
        }
        #expect(ReportFixtures.error(members) == "Trường “to[4].so_thanh_vien” phải là số lớn hơn 0 (tổ thôn 4).")
        let fraction = try ReportFixtures.editing { ReportFixtures.editCount(&$0, team: 0, "vneid", 12.5) }
        #expect(ReportFixtures.error(fraction) == "Trường “to[1].so_lieu.vneid” có giá trị không hợp lệ (cần số nguyên, đang là 12,5).")
        let fractionPopulation = try ReportFixtures.editing { ReportFixtures.editTarget(&$0, 0, "so_doi_tuong", 1_000.5) }
        #expect(ReportFixtures.error(fractionPopulation) == "Trường “chi_tieu[1].so_doi_tuong” có giá trị không hợp lệ (cần số nguyên, đang là 1.000,5).")
        let text = try ReportFixtures.editing { ReportFixtures.editCount(&$0, team: 0, "vneid", "1.679") }
        #expect(ReportFixtures.error(text) == "Trường “to[1].so_lieu.vneid” sai kiểu: cần số.")
        let noDifficulties = try ReportFixtures.editing { $0["kho_khan"] = [String]() }
        #expect(ReportFixtures.error(noDifficulties) == "Trường “kho_khan” cần ít nhất một đoạn.")
        let noTeams = try ReportFixtures.editing { $0["to"] = [Any]() }
        #expect(ReportFixtures.error(noTeams) == "Trường “to” không có tổ nào.")
    }

    @Test("every field the templates use is filled and documented")
    func fields() throws {
        #expect(try FieldCatalog.undocumented(kinds: [QuarterlyTeamReport()], templates: repositoryRoot.appendingPathComponent("templates")) == [])
    }
}

@Suite("Quarterly report (bao-cao-quy): templates")
struct QuarterlyReportTemplateTests {
    @Test("both templates render the title, due date, per-team rows, total row and comparison rows", arguments: DocumentFormat.allCases)
    func renders(format: DocumentFormat) throws {
        let report = try ReportFixtures.data()
        let text = try DocumentText.of(ReportFixtures.template(format).render(report.templateValues))
        #expect(text.contains("UBND TỈNH LÂM ĐỒNG ỦY BAN NHÂN DÂN XÃ QUẢNG SƠN"))
        #expect(text.contains("/BC-UBND"))
        #expect(text.contains("Quảng Sơn, ngày tháng năm 2025"))
        #expect(text.contains("BÁO CÁO Kết quả hoạt động của các Tổ Công nghệ số cộng đồng quý III năm 2025"))
        #expect(text.contains("(Từ ngày 01/07/2025 đến ngày 30/09/2025)"))
        #expect(text.contains("(hạn gửi báo cáo: ngày 05 tháng 10 năm 2025)"))
        #expect(text.contains("Toàn xã có 8 Tổ Công nghệ số cộng đồng với tổng số 45 thành viên."))
        #expect(text.contains("1 Thôn 1 7 1.679 1.204 381 863 1.127 227 46"))
        #expect(text.contains("8 Thôn 8 5 1.148 929 243 624 799 151 34"))
        #expect(text.contains("Tổng cộng 45 10.469 7.902 2.314 5.618 6.967 1.422 307"))
        #expect(text.contains("1 Cài đặt, sử dụng ứng dụng tài khoản định danh điện tử mức 2 (VNeID) (Người dân từ 14 tuổi trở lên) 12.480 90% 10.469 83,9% Chưa đạt"))
        #expect(text.contains("4 Sử dụng dịch vụ công trực tuyến (Người dân từ 18 tuổi trở lên) 10.950 50% 5.618 51,3% Đạt"))
        #expect(text.contains("(Doanh nghiệp, hộ kinh doanh, cửa hàng, tiểu thương) 412 90% 307 74,5% Chưa đạt"))
        #expect(text.contains("Có 3/7 chỉ tiêu đạt mức chỉ tiêu năm 2025."))
        #expect(text.contains("III. KHÓ KHĂN, VƯỚNG MẮC - Một bộ phận người dân"))
        #expect(text.contains("IV. KIẾN NGHỊ, ĐỀ XUẤT - Đề nghị Sở Khoa học và Công nghệ"))
        #expect(text.contains("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Đoàn Văn Phương"))
        #expect(!text.contains("{{"))
    }
}

@Suite("Quarterly report (bao-cao-quy): LibreOffice")
struct QuarterlyReportPDFTests {
    @Test("draft and issued reports open in LibreOffice with the number, date, due date, every team, the totals and shares",
          .enabled(if: LibreOffice.shouldRun, "LibreOffice or pdftotext is not installed (scripts/install-deps.sh installs them)"))
    func pdfText() throws {
        let printedDocuments = try DraftAndIssued.print(sample: ReportFixtures.json(), number: 112, date: "03/10/2025", prefix: "bao-cao") { json, format in
            try ReportFixtures.template(format).render(QuarterlyReportData.decode(json: json).templateValues)
        }
        for printed in printedDocuments {
            let text = printed.text, name = printed.name
            printed.expectNumberAndDate(code: "BC-UBND", number: "112", place: "Quảng Sơn", year: 2025, issued: "ngày 03 tháng 10 năm 2025")
            #expect(text.contains("BÁO CÁO"), "\(name)")
            #expect(text.contains("quý III năm 2025"), "\(name)")
            #expect(text.contains("ngày 05 tháng 10 năm 2025"), "\(name)")
            for team in 1...8 { #expect(text.contains("Thôn \(team)"), "Thôn \(team) in \(name)") }
            #expect(text.contains("1 Thôn 1 7 1.679 1.204 381 863 1.127 227 46"), "\(name)")
            #expect(text.contains("Tổng cộng 45 10.469 7.902 2.314 5.618 6.967 1.422 307"), "\(name)")
            for share in ["83,9%", "63,3%", "21,1%", "51,3%", "57,8%", "11,4%", "74,5%"] {
                #expect(text.contains(share), "\(share) in \(name)")
            }
            #expect(text.contains("Có 3/7 chỉ tiêu đạt mức chỉ tiêu năm 2025."), "\(name)")
            #expect(text.contains("TM. ỦY BAN NHÂN DÂN"), "\(name)")
            #expect(text.contains("CHỦ TỊCH"), "\(name)")
            #expect(text.contains("Đoàn Văn Phương"), "\(name)")
            let pages = printed.pages
            #expect(pages.count >= 2, "\(name)")
            #expect(pages.first?.first != "1", "\(name)")
            #expect(pages.count > 1 && pages[1].first == "2", "\(name)")
        }
    }
}
