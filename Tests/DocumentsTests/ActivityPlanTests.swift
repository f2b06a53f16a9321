import Domain
import Foundation
import Templating
import Testing
import TestSupport
import VietnameseText
@testable import Documents

/// The Quảng Sơn plan sample (seed 004) and edited copies of it.
enum PlanFixtures {
    static let sample = "quang-son-ke-hoach.json"

    static func json() throws -> Data { try Fixtures.sample(sample) }

    static func data() throws -> ActivityPlanData {
        try ActivityPlanData.decode(json: json())
    }

    /// The sample as JSON objects, changed by `edit`.
    static func editing(_ edit: (inout [String: Any]) throws -> Void) throws -> Data { try Fixtures.editing(sample, edit) }

    /// Sets `chi_tieu[index][key]` (0-based index).
    static func editTarget(_ data: inout [String: Any], _ index: Int, _ key: String, _ value: Any?) {
        var targets = data["chi_tieu"] as! [[String: Any]]
        targets[index][key] = value
        data["chi_tieu"] = targets
    }

    /// Sets `van_ban.nguoi_ky[key]`, or removes it for nil.
    static func editSigner(_ data: inout [String: Any], _ key: String, _ value: Any?) {
        var issuance = data["van_ban"] as! [String: Any]
        var signer = issuance["nguoi_ky"] as! [String: Any]
        signer[key] = value
        issuance["nguoi_ky"] = signer
        data["van_ban"] = issuance
    }

    /// The Vietnamese message of the error `decode` throws, or nil when it reads the data.
    static func error(_ json: Data) -> String? {
        do {
            _ = try ActivityPlanData.decode(json: json)
            return nil
        } catch {
            return error.message
        }
    }

    static func template(_ format: DocumentFormat) throws -> CompiledTemplate { try Fixtures.template("ke-hoach-hoat-dong", format) }
}


@Suite("Activity plan (ke-hoach-hoat-dong): data")
struct ActivityPlanDataTests {
    @Test("the Quảng Sơn sample reads with the seed's parts, years and eight targets")
    func sample() throws {
        let plan = try PlanFixtures.data()
        #expect(plan.commune.name == "Quảng Sơn")
        #expect(plan.planYear == 2025)
        #expect(plan.horizonYear == 2030)
        #expect(plan.purposes.count == 2)
        #expect(plan.requirements.count == 4)
        #expect(plan.funding.count == 2)
        #expect(plan.targets.count == 8)
        #expect(plan.assignments.count == 10)
        #expect(plan.assignments.map(\.tasks.count) == [13, 1, 1, 1, 6, 1, 3, 2, 1, 1])
        #expect(plan.subject == "Triển khai hoạt động của Tổ Công nghệ số cộng đồng trên địa bàn xã Quảng Sơn")
        #expect(plan.issuance.number == nil && plan.issuance.date == nil)
    }

    @Test("each target's two levels as the seed writes them (DOMAIN §4: VNeID 90/100, online services above 50/80, payment 50/80)")
    func levels() throws {
        let targets = try PlanFixtures.data().targets
        let expected: [(TargetLevel, TargetLevel)] = [
            (.percent(90), .percent(100)),
            (.range(80, 90), .percent(95)),
            (.atLeast(40), .above(70)),
            (.above(50), .above(80)),
            (.percent(50), .percent(80)),
            (.percent(10), .percent(50)),
            (.percent(90), .percent(100)),
            (.text("Ít nhất 01 tuyến đường “Không sử dụng tiền mặt”"),
             .text("Ít nhất 02 tuyến đường “Không sử dụng tiền mặt” và 01 mô hình “Chợ thanh toán không dùng tiền mặt”")),
        ]
        for (target, (early, late)) in zip(targets, expected) {
            #expect(target.planYearLevel == early, "\(target.description)")
            #expect(target.horizonLevel == late, "\(target.description)")
        }
        #expect(targets.map(\.planYearLevel.displayText).prefix(7)
            == ["90%", "80-90%", "Từ 40% trở lên", "Trên 50%", "50%", "10%", "90%"])
        #expect(targets.map(\.horizonLevel.displayText).prefix(7) == ["100%", "95%", "Trên 70%", "Trên 80%", "80%", "50%", "100%"])
        #expect(targets[0].population == "Người dân từ 14 tuổi trở lên")
        #expect(targets[2].population == "Cá nhân từ 18 tuổi trở lên")
        #expect(targets[4].population == "Người dân từ 15 tuổi trở lên")
        #expect(targets[7].population.isEmpty)
    }

    @Test("a share written as text (“92,5%”) is still a share, checked like a number")
    func percentText() throws {
        let json = try PlanFixtures.editing { PlanFixtures.editTarget(&$0, 0, "chi_tieu_nam", "92,5%") }
        let target = try ActivityPlanData.decode(json: json).targets[0]
        #expect(target.planYearLevel == .percent(92.5))
        #expect(target.planYearLevel.displayText == "92,5%")
        let tooHigh = try PlanFixtures.editing { PlanFixtures.editTarget(&$0, 0, "chi_tieu_nam", "120%") }
        #expect(PlanFixtures.error(tooHigh) == "Trường “chi_tieu[1].chi_tieu_nam” phải là tỷ lệ từ 0 đến 100%, đang là 120.")
    }

    @Test("shares outside 0–100% are refused, naming the field")
    func percentRange() throws {
        let high = try PlanFixtures.editing { PlanFixtures.editTarget(&$0, 1, "chi_tieu_den_nam", 101) }
        #expect(PlanFixtures.error(high) == "Trường “chi_tieu[2].chi_tieu_den_nam” phải là tỷ lệ từ 0 đến 100%, đang là 101.")
        let negative = try PlanFixtures.editing { PlanFixtures.editTarget(&$0, 5, "chi_tieu_nam", -5) }
        #expect(PlanFixtures.error(negative) == "Trường “chi_tieu[6].chi_tieu_nam” phải là tỷ lệ từ 0 đến 100%, đang là -5.")
        let rangeTop = try PlanFixtures.editing { PlanFixtures.editTarget(&$0, 1, "chi_tieu_nam", ["tu": 80, "den": 105]) }
        #expect(PlanFixtures.error(rangeTop) == "Trường “chi_tieu[2].chi_tieu_nam” phải là tỷ lệ từ 0 đến 100%, đang là 105.")
        let reversed = try PlanFixtures.editing { PlanFixtures.editTarget(&$0, 1, "chi_tieu_nam", ["tu": 90, "den": 80]) }
        #expect(PlanFixtures.error(reversed) == "Trường “chi_tieu[2].chi_tieu_nam”: cận trên “den” (80%) nhỏ hơn cận dưới “tu” (90%).")
    }

    @Test("a horizon level below the plan year's is refused, naming the target row")
    func laterNotBelowEarlier() throws {
        let json = try PlanFixtures.editing { PlanFixtures.editTarget(&$0, 3, "chi_tieu_den_nam", 40) }
        #expect(PlanFixtures.error(json) == "Chỉ tiêu “chi_tieu[4]” (Hỗ trợ, hướng dẫn người dân từ 18 tuổi trở lên sử dụng dịch vụ công trực tuyến): mức đến năm 2030 (40%, trường “chi_tieu[4].chi_tieu_den_nam”) thấp hơn mức năm 2025 (Trên 50%).")
        // A range is compared by its lower bound: 2025 “80-90%” then 2030 “85%” is allowed, “75%” is not.
        let within = try PlanFixtures.editing { PlanFixtures.editTarget(&$0, 1, "chi_tieu_den_nam", 85) }
        #expect(PlanFixtures.error(within) == nil)
        let below = try PlanFixtures.editing { PlanFixtures.editTarget(&$0, 1, "chi_tieu_den_nam", 75) }
        #expect(PlanFixtures.error(below)?.hasPrefix("Chỉ tiêu “chi_tieu[2]” (Hỗ trợ, hướng dẫn người dân từ 14 tuổi trở lên sử dụng ứng dụng hồ sơ sức khỏe điện tử (ứng dụng HSSK)): mức đến năm 2030 (75%") == true)
        // Equal levels are fine; a level in words is not compared.
        let equal = try PlanFixtures.editing { PlanFixtures.editTarget(&$0, 0, "chi_tieu_den_nam", 90) }
        #expect(PlanFixtures.error(equal) == nil)
    }

    @Test("other mistakes a clerk makes get a Vietnamese message with the field path")
    func otherErrors() throws {
        let noPopulation = try PlanFixtures.editing { PlanFixtures.editTarget(&$0, 2, "doi_tuong", " ") }
        #expect(PlanFixtures.error(noPopulation) == "Trường “chi_tieu[3].doi_tuong” không được để trống: chỉ tiêu tính theo tỷ lệ cần ghi đối tượng (ví dụ: Người dân từ 14 tuổi trở lên).")
        let toWithoutFrom = try PlanFixtures.editing { PlanFixtures.editTarget(&$0, 0, "chi_tieu_nam", ["den": 90]) }
        #expect(PlanFixtures.error(toWithoutFrom) == "Trường “chi_tieu[1].chi_tieu_nam.den” có giá trị không hợp lệ (“den” cần đi cùng “tu”).")
        let wrongShape = try PlanFixtures.editing { PlanFixtures.editTarget(&$0, 0, "chi_tieu_nam", [90]) }
        #expect(PlanFixtures.error(wrongShape)?.hasPrefix("Trường “chi_tieu[1].chi_tieu_nam” có giá trị không hợp lệ (cần một tỷ lệ như 90") == true)
        let noPurpose = try PlanFixtures.editing { $0["muc_dich"] = ["  "] }
        #expect(PlanFixtures.error(noPurpose) == "Trường “muc_dich” cần ít nhất một đoạn.")
        let noTargets = try PlanFixtures.editing { $0["chi_tieu"] = [Any]() }
        #expect(PlanFixtures.error(noTargets) == "Trường “chi_tieu” không có chỉ tiêu nào.")
        let horizon = try PlanFixtures.editing { $0["den_nam"] = 2025 }
        #expect(PlanFixtures.error(horizon) == "Trường “den_nam” (2025) phải sau năm chỉ tiêu “nam_chi_tieu” (2025).")
        let noTask = try PlanFixtures.editing {
            var units = $0["to_chuc_thuc_hien"] as! [[String: Any]]
            units[2]["nhiem_vu"] = [String]()
            $0["to_chuc_thuc_hien"] = units
        }
        #expect(PlanFixtures.error(noTask) == "Trường “to_chuc_thuc_hien[3].nhiem_vu” cần ít nhất một nhiệm vụ.")
        let missingHorizon = try PlanFixtures.editing { $0["den_nam"] = nil }
        #expect(PlanFixtures.error(missingHorizon) == "Thiếu trường “den_nam”.")
    }

    @Test("the signature block: none above CHỦ TỊCH as in the seed, TM. by default, KT. for a deputy, or what the data says")
    func authority() throws {
        #expect(templateValue(try PlanFixtures.data().templateValues, "tham_quyen_ky_dong") == .list([]))
        let absent = try ActivityPlanData.decode(json: PlanFixtures.editing { PlanFixtures.editSigner(&$0, "tham_quyen", nil) })
        #expect(templateValue(absent.templateValues, "tham_quyen_ky_dong") == .list(["TM. ỦY BAN NHÂN DÂN"]))
        let deputy = try ActivityPlanData.decode(json: PlanFixtures.editing {
            PlanFixtures.editSigner(&$0, "tham_quyen", nil)
            PlanFixtures.editSigner(&$0, "chuc_vu", "Phó Chủ tịch")
        })
        #expect(templateValue(deputy.templateValues, "tham_quyen_ky_dong") == .list(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]))
        let stated = try ActivityPlanData.decode(json: PlanFixtures.editing { PlanFixtures.editSigner(&$0, "tham_quyen", "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH") })
        #expect(templateValue(stated.templateValues, "tham_quyen_ky_dong") == .list(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]))
        let noSigner = try ActivityPlanData.decode(json: PlanFixtures.editing {
            var issuance = $0["van_ban"] as! [String: Any]
            issuance["nguoi_ky"] = nil
            $0["van_ban"] = issuance
        })
        #expect(templateValue(noSigner.templateValues, "tham_quyen_ky_dong") == .list(["TM. ỦY BAN NHÂN DÂN"]))
        #expect(templateValue(noSigner.templateValues, "nguoi_ky") == .string("Đoàn Văn Phương"))
    }

    @Test("template values: targets as rows, a single task on its unit's line, several as a list")
    func values() throws {
        let values = try PlanFixtures.data().templateValues
        #expect(templateValue(values, "nam_chi_tieu") == .int(2025))
        #expect(templateValue(values, "den_nam") == .int(2030))
        #expect(templateValue(values, "chi_tieu.1.chi_tieu_nam") == .string("80-90%"))
        #expect(templateValue(values, "chi_tieu.3.chi_tieu_den_nam") == .string("Trên 80%"))
        #expect(templateValue(values, "chi_tieu.7.doi_tuong") == .string(""))
        #expect(templateValue(values, "to_chuc_thuc_hien.0.don_vi") == .string("Giao Phòng Văn hoá - Xã hội"))
        #expect(templateValue(values, "to_chuc_thuc_hien.0.noi_dung") == .string(""))
        #expect(templateValue(values, "to_chuc_thuc_hien.1.so") == .int(2))
        #expect(templateValue(values, "to_chuc_thuc_hien.1.noi_dung") == .string("Chủ trì, phối hợp với các đơn vị có liên quan: Hướng dẫn người dân sử dụng dịch vụ công trực tuyến, hướng dẫn thanh toán không dùng tiền mặt (có niêm yết mã QR...)."))
        #expect(templateValue(values, "to_chuc_thuc_hien.1.nhiem_vu") == .list([]))
        let documents = try TeamActivityPlan().documents(from: PlanFixtures.json(), context: DocumentContext())
        #expect(documents.map(\.name) == ["ke-hoach-hoat-dong-xa-quang-son-2025"])
    }

    @Test("every field the templates use is filled and documented")
    func fields() throws {
        #expect(try FieldCatalog.undocumented(kinds: [TeamActivityPlan()], templates: repositoryRoot.appendingPathComponent("templates")) == [])
    }
}

@Suite("Activity plan (ke-hoach-hoat-dong): templates")
struct ActivityPlanTemplateTests {
    @Test("both templates render the sample's parts, targets table, units and signature", arguments: DocumentFormat.allCases)
    func renders(format: DocumentFormat) throws {
        let plan = try PlanFixtures.data()
        let text = try DocumentText.of(PlanFixtures.template(format).render(plan.templateValues))
        #expect(text.contains("UBND TỈNH LÂM ĐỒNG ỦY BAN NHÂN DÂN XÃ QUẢNG SƠN"))
        #expect(text.contains("/KH-UBND"))
        #expect(text.contains("Quảng Sơn, ngày tháng năm 2025"))
        #expect(text.contains("KẾ HOẠCH Triển khai hoạt động của Tổ Công nghệ số cộng đồng trên địa bàn xã Quảng Sơn"))
        #expect(text.contains("Căn cứ Kế hoạch số 854/KH-UBND ngày 30/7/2025 của UBND tỉnh Lâm Đồng"))
        #expect(text.contains("I. MỤC ĐÍCH, YÊU CẦU 1. Mục đích - Đưa nền tảng số"))
        #expect(text.contains("II. CHỈ TIÊU"))
        #expect(text.contains("TT Chỉ tiêu Đối tượng Năm 2025 Đến năm 2030"))
        #expect(text.contains("1 Hỗ trợ, hướng dẫn người dân từ 14 tuổi trở lên cài đặt, sử dụng ứng dụng tài khoản định danh điện tử mức 2 (VNeID) Người dân từ 14 tuổi trở lên 90% 100%"))
        #expect(text.contains("(ứng dụng HSSK) Người dân từ 14 tuổi trở lên 80-90% 95%"))
        #expect(text.contains("Cá nhân từ 18 tuổi trở lên Từ 40% trở lên Trên 70%"))
        #expect(text.contains("Người dân từ 18 tuổi trở lên Trên 50% Trên 80%"))
        #expect(text.contains("Người dân từ 15 tuổi trở lên 50% 80%"))
        #expect(text.contains("Ít nhất 01 tuyến đường “Không sử dụng tiền mặt” Ít nhất 02 tuyến đường"))
        #expect(text.contains("III. KINH PHÍ THỰC HIỆN 1. Ngân sách nhà nước"))
        #expect(text.contains("2. Kinh phí hoạt động của Tổ Công nghệ số cộng đồng"))
        #expect(text.contains("IV. TỔ CHỨC THỰC HIỆN 1. Giao Phòng Văn hoá - Xã hội - Là cơ quan đầu mối"))
        #expect(text.contains("2. Giao Trung tâm Phục vụ hành chính công: Chủ trì, phối hợp"))
        #expect(text.contains("5. Giao Phòng Kinh tế - Hướng dẫn mua bán trên sàn thương mại điện tử"))
        #expect(text.contains("10. Đề nghị UBMTTQ Việt Nam và các tổ chức chính trị - xã hội: Làm tốt công tác tuyên truyền"))
        #expect(text.contains("Trên đây là Kế hoạch hoạt động của Tổ Công nghệ số cộng đồng trên địa bàn xã Quảng Sơn. Yêu cầu các đơn vị nhanh chóng triển khai, thực hiện./."))
        #expect(text.contains("- Sở Khoa học và Công nghệ (báo cáo);"))
        #expect(text.contains("- Lưu: VT, VHXX (Dương)."))
        #expect(text.contains("CHỦ TỊCH Đoàn Văn Phương"))
        #expect(!text.contains("TM. ỦY BAN NHÂN DÂN"))
        #expect(!text.contains("{{"))
    }

    @Test("legal bases, when the data has them, come as italic lines before the opening; the default opening names the commune",
          arguments: DocumentFormat.allCases)
    func legalBases(format: DocumentFormat) throws {
        let plan = try ActivityPlanData.decode(json: PlanFixtures.editing {
            var issuance = $0["van_ban"] as! [String: Any]
            issuance["can_cu"] = ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
                                  "Căn cứ Kế hoạch số 854/KH-UBND ngày 30/7/2025 của UBND tỉnh Lâm Đồng"]
            $0["van_ban"] = issuance
            $0["mo_dau"] = nil
            $0["trich_yeu"] = nil
        })
        let text = try DocumentText.of(PlanFixtures.template(format).render(plan.templateValues))
        #expect(text.contains("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025; Căn cứ Kế hoạch số 854/KH-UBND ngày 30/7/2025 của UBND tỉnh Lâm Đồng. Ủy ban nhân dân xã Quảng Sơn ban hành Kế hoạch hoạt động của Tổ Công nghệ số cộng đồng trên địa bàn xã, với các nội dung như sau: I. MỤC ĐÍCH, YÊU CẦU"))
        #expect(text.contains("KẾ HOẠCH Triển khai hoạt động của Tổ Công nghệ số cộng đồng trên địa bàn xã Quảng Sơn"))
    }
}

@Suite("Activity plan (ke-hoach-hoat-dong): LibreOffice")
struct ActivityPlanPDFTests {
    @Test("draft and issued plans open in LibreOffice with the number, date, targets, units and signature on the pages",
          .enabled(if: LibreOffice.shouldRun, "LibreOffice or pdftotext is not installed (scripts/install-deps.sh installs them)"))
    func pdfText() throws {
        let printedDocuments = try DraftAndIssued.print(sample: PlanFixtures.json(), number: 7, date: "2025-08-14", prefix: "ke-hoach") { json, format in
            try PlanFixtures.template(format).render(ActivityPlanData.decode(json: json).templateValues)
        }
        for printed in printedDocuments {
            let text = printed.text, name = printed.name
            printed.expectNumberAndDate(code: "KH-UBND", number: "07", place: "Quảng Sơn", year: 2025, issued: "ngày 14 tháng 8 năm 2025")
            #expect(text.contains("KẾ HOẠCH"), "\(name)")
            #expect(text.contains("I. MỤC ĐÍCH, YÊU CẦU"), "\(name)")
            #expect(text.contains("III. KINH PHÍ THỰC HIỆN"), "\(name)")
            for level in ["80-90%", "Từ 40% trở lên", "Trên 50%", "Trên 70%", "Trên 80%", "95%", "100%"] {
                #expect(text.contains(level), "\(level) in \(name)")
            }
            for unit in ["Giao Phòng Văn hoá - Xã hội", "Giao Trung tâm Phục vụ hành chính công", "Giao Công an xã", "Giao Trạm Y tế xã",
                         "Giao Phòng Kinh tế", "Đề nghị Đoàn TNCS Hồ Chí Minh xã", "Đề nghị Hội Liên hiệp phụ nữ xã"] {
                #expect(text.contains(unit), "\(unit) in \(name)")
            }
            #expect(text.contains("thực hiện./."), "\(name)")
            #expect(text.contains("Nơi nhận:"), "\(name)")
            #expect(text.contains("CHỦ TỊCH"), "\(name)")
            #expect(text.contains("Đoàn Văn Phương"), "\(name)")
            #expect(!text.contains("TM. ỦY BAN NHÂN DÂN"), "\(name)")
            // Page numbers from page 2 on, none on page 1.
            let pages = printed.pages
            #expect(pages.count >= 3, "\(name)")
            #expect(pages.first?.first != "1", "\(name)")
            #expect(pages.count > 1 && pages[1].first == "2", "\(name)")
        }
    }
}
