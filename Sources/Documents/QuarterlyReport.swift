import Domain
import Foundation
import Templating
import VietnameseText

/// What the teams count each quarter: the shares of seed 004's targets that can be counted person by person (or
/// shop by shop), each with its column in the per-team table of the report template.
public enum ReportIndicator: String, Sendable, CaseIterable {
    /// VNeID level 2 accounts, people from 14 years (004 target 1).
    case vneid = "vneid"
    /// Electronic health records (HSSK), people from 14 years (target 2).
    case healthRecords = "ho_so_suc_khoe"
    /// Digital or electronic signatures, individuals from 18 years (target 3).
    case digitalSignature = "chu_ky_so"
    /// Online public services, people from 18 years (target 4).
    case onlineServices = "dich_vu_cong"
    /// Digital payment accounts, people from 15 years (target 5).
    case paymentAccounts = "thanh_toan"
    /// E-commerce platforms, people from 14 years (target 6).
    case eCommerce = "thuong_mai_dien_tu"
    /// Businesses and shops taking cashless payment with a QR code on display (target 7).
    case qrPayment = "ma_qr"

    /// The indicator as the comparison table names it, from the seed's wording.
    public var defaultName: String {
        switch self {
        case .vneid: "Cài đặt, sử dụng ứng dụng tài khoản định danh điện tử mức 2 (VNeID)"
        case .healthRecords: "Sử dụng ứng dụng hồ sơ sức khỏe điện tử (ứng dụng HSSK)"
        case .digitalSignature: "Cài đặt chữ ký số hoặc chữ ký điện tử cá nhân"
        case .onlineServices: "Sử dụng dịch vụ công trực tuyến"
        case .paymentAccounts: "Đăng ký tài khoản giao dịch thanh toán số tại ngân hàng hoặc tổ chức tín dụng"
        case .eCommerce: "Khai thác các sàn thương mại điện tử"
        case .qrPayment: "Chấp nhận thanh toán không dùng tiền mặt (có niêm yết mã QR)"
        }
    }

    /// Whom the share counts, from the seed's wording.
    public var defaultPopulation: String {
        switch self {
        case .vneid, .healthRecords, .eCommerce: "Người dân từ 14 tuổi trở lên"
        case .digitalSignature: "Cá nhân từ 18 tuổi trở lên"
        case .onlineServices: "Người dân từ 18 tuổi trở lên"
        case .paymentAccounts: "Người dân từ 15 tuổi trở lên"
        case .qrPayment: "Doanh nghiệp, hộ kinh doanh, cửa hàng, tiểu thương"
        }
    }

    static var codeList: String { allCases.map { "“\($0.rawValue)”" }.joined(separator: ", ") }
}

/// One reporting quarter: its days, its Roman numeral and when its report is due.
public struct ReportingQuarter: Sendable, Equatable {
    /// 1 to 4.
    public let quarter: Int
    public let year: Int

    /// Nil unless the quarter is 1–4 and the year 1–9998 (so that the next quarter still has a four-digit year).
    public init?(quarter: Int, year: Int) {
        guard (1...4).contains(quarter), (1...9998).contains(year) else { return nil }
        self.quarter = quarter
        self.year = year
    }

    /// `I`, `II`, `III`, `IV`, as `quý I năm 2025` writes it.
    public var roman: String { LegalNumbering.roman(quarter) }

    /// The quarter's first day: 1 January, 1 April, 1 July or 1 October.
    public var firstDay: VietnameseDate { VietnameseDate(year: year, month: quarter * 3 - 2, day: 1)! }

    /// The quarter's last day: 31 March, 30 June, 30 September or 31 December.
    public var lastDay: VietnameseDate {
        let month = quarter * 3
        return VietnameseDate(year: year, month: month, day: month == 6 || month == 9 ? 30 : 31)!
    }

    /// The report is due on the 5th day of the first month of the next quarter (seed 000, IV.6): 05 April for the
    /// first quarter, 05 January of the next year for the fourth.
    public var dueDate: VietnameseDate {
        quarter == 4 ? VietnameseDate(year: year + 1, month: 1, day: 5)! : VietnameseDate(year: year, month: quarter * 3 + 1, day: 5)!
    }
}

/// An indicator the report compares with its target: the share aimed at and the number of people (or businesses)
/// it is a share of.
public struct ReportTarget: Sendable, Decodable, Equatable {
    public var indicator: ReportIndicator
    /// The name printed in the comparison table; the indicator's default name when absent.
    public var name: String
    /// Whom it counts; the indicator's default population when absent.
    public var population: String
    /// How many people (or businesses) that is in the commune.
    public var populationCount: Int
    /// The year's target share, in percent (for `đạt từ 80-90%` the lower bound, for `trên 50%` the 50).
    public var targetPercent: Double

    enum CodingKeys: String, CodingKey {
        case indicator = "ma", name = "ten", population = "doi_tuong", populationCount = "so_doi_tuong", targetPercent = "ty_le_chi_tieu"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let code = try c.decode(String.self, forKey: .indicator).trimmingWhitespace()
        guard let indicator = ReportIndicator(rawValue: String(code)) else {
            throw DecodingError.dataCorruptedError(forKey: .indicator, in: c,
                debugDescription: "không có chỉ tiêu “\(code)”; các mã có: \(ReportIndicator.codeList)")
        }
        self.indicator = indicator
        let name = NarrativeText.clean(try c.decodeIfPresent(String.self, forKey: .name) ?? "")
        self.name = name.isEmpty ? indicator.defaultName : name
        let population = NarrativeText.clean(try c.decodeIfPresent(String.self, forKey: .population) ?? "")
        self.population = population.isEmpty ? indicator.defaultPopulation : population
        populationCount = try WholeNumber.decode(from: c, forKey: .populationCount)
        targetPercent = try c.decode(Double.self, forKey: .targetPercent)
    }
}

/// Counts of people: JSON numbers that must be whole. Read as Double first so that `12.5` gets a message naming the
/// field rather than the decoder's “not valid JSON”.
enum WholeNumber {
    struct Key: CodingKey {
        let stringValue: String
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    static func decode<K: CodingKey>(from container: KeyedDecodingContainer<K>, forKey key: K) throws -> Int {
        try checked(container.decode(Double.self, forKey: key), codingPath: container.codingPath + [key])
    }

    static func checked(_ value: Double, codingPath: [any CodingKey]) throws -> Int {
        guard value.rounded() == value, abs(value) < 1e15 else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath,
                debugDescription: "cần số nguyên, đang là \(VietnameseNumberFormat.decimal(value))"))
        }
        return Int(value)
    }
}

/// One team's line of the report: its village, its size and what it counted for each indicator by the end of the
/// quarter.
public struct TeamQuarterResult: Sendable, Decodable, Equatable {
    public var village: Village
    public var memberCount: Int
    /// People (or businesses) reached, by indicator code as the data file writes it (checked against the targets).
    public var counts: [String: Int]

    enum CodingKeys: String, CodingKey { case village = "thon", memberCount = "so_thanh_vien", counts = "so_lieu" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        village = try c.decode(Village.self, forKey: .village)
        memberCount = try WholeNumber.decode(from: c, forKey: .memberCount)
        let raw = try c.decode([String: Double].self, forKey: .counts)
        var counts: [String: Int] = [:]
        for (code, value) in raw {
            counts[code] = try WholeNumber.checked(value, codingPath: c.codingPath + [CodingKeys.counts, WholeNumber.Key(code)])
        }
        self.counts = counts
    }
}

/// The data file of a quarterly report on the commune's teams (Báo cáo kết quả hoạt động quý, seed 000 §6e and
/// §IV.6, targets of seed 004; samples/quang-son-bao-cao-quy.json).
public struct QuarterlyReportData: Sendable, Decodable, Equatable {
    public var commune: Commune
    public var issuance: Issuance
    public var period: ReportingQuarter
    /// I. Tình hình chung: paragraphs after the computed sentence on teams and members.
    public var situation: [String]
    /// II.1: what the teams did in the quarter (`kết quả`).
    public var resultNotes: [String]
    /// III. Khó khăn, vướng mắc.
    public var difficulties: [String]
    /// IV. Kiến nghị, đề xuất.
    public var proposals: [String]
    /// The indicators compared with the year's targets, in table order.
    public var targets: [ReportTarget]
    /// One line per team, in table order.
    public var teams: [TeamQuarterResult]

    enum CodingKeys: String, CodingKey {
        case commune = "xa", issuance = "van_ban", quarter = "quy", year = "nam", situation = "tinh_hinh"
        case resultNotes = "ket_qua", difficulties = "kho_khan", proposals = "kien_nghi", targets = "chi_tieu", teams = "to"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        commune = try c.decode(Commune.self, forKey: .commune)
        issuance = try c.decode(Issuance.self, forKey: .issuance)
        let quarter = try c.decode(Int.self, forKey: .quarter)
        let year = try c.decode(Int.self, forKey: .year)
        guard (1...4).contains(quarter) else {
            throw DecodingError.dataCorruptedError(forKey: .quarter, in: c, debugDescription: "quý phải từ 1 đến 4, đang là \(quarter)")
        }
        guard let period = ReportingQuarter(quarter: quarter, year: year) else {
            throw DecodingError.dataCorruptedError(forKey: .year, in: c, debugDescription: "năm \(year) không hợp lệ")
        }
        self.period = period
        situation = NarrativeText.lines(try c.decodeIfPresent([String].self, forKey: .situation) ?? [])
        resultNotes = NarrativeText.lines(try c.decode([String].self, forKey: .resultNotes))
        difficulties = NarrativeText.lines(try c.decode([String].self, forKey: .difficulties))
        proposals = NarrativeText.lines(try c.decode([String].self, forKey: .proposals))
        targets = try c.decode([ReportTarget].self, forKey: .targets)
        teams = try c.decode([TeamQuarterResult].self, forKey: .teams)
    }

    /// Reads and checks a report: the quarter, every target share between 0 and 100%, every count non-negative and
    /// given for each indicator, and no count (nor the commune's total) above the population it is a share of.
    public static func decode(json: Data) throws(DomainDataError) -> QuarterlyReportData {
        let data = try decodeDomain(QuarterlyReportData.self, from: json)
        try data.validate()
        return data
    }

    func validate() throws(DomainDataError) {
        for (key, list) in [("ket_qua", resultNotes), ("kho_khan", difficulties), ("kien_nghi", proposals)] where list.isEmpty {
            throw DomainDataError(message: "Trường “\(key)” cần ít nhất một đoạn.")
        }
        guard !targets.isEmpty else { throw DomainDataError(message: "Trường “chi_tieu” không có chỉ tiêu nào.") }
        guard !teams.isEmpty else { throw DomainDataError(message: "Trường “to” không có tổ nào.") }
        var seen: [ReportIndicator: Int] = [:]
        for (index, target) in targets.enumerated() {
            let row = "chi_tieu[\(index + 1)]"
            if let first = seen[target.indicator] {
                throw DomainDataError(message: "Trường “\(row).ma”: chỉ tiêu “\(target.indicator.rawValue)” đã có ở “chi_tieu[\(first)]”.")
            }
            seen[target.indicator] = index + 1
            guard (0...100).contains(target.targetPercent) else {
                throw DomainDataError(message: "Trường “\(row).ty_le_chi_tieu” phải là tỷ lệ từ 0 đến 100%, đang là \(NarrativeText.percent(target.targetPercent)).")
            }
            guard target.populationCount > 0 else {
                throw DomainDataError(message: "Trường “\(row).so_doi_tuong” phải là số lớn hơn 0 (số \(VietnameseCase.lower(target.population)) trên địa bàn).")
            }
        }
        for (index, team) in teams.enumerated() {
            let row = "to[\(index + 1)]"
            guard !team.village.name.isEmpty else { throw DomainDataError(message: "Trường “\(row).thon” không được để trống.") }
            guard team.memberCount > 0 else {
                throw DomainDataError(message: "Trường “\(row).so_thanh_vien” phải là số lớn hơn 0 (tổ \(team.village.displayName)).")
            }
            for code in team.counts.keys.sorted() {
                guard let indicator = ReportIndicator(rawValue: code), seen[indicator] != nil else {
                    throw DomainDataError(message: "Trường “\(row).so_lieu.\(code)”: không có chỉ tiêu “\(code)” trong “chi_tieu” (các mã có: \(targets.map { "“\($0.indicator.rawValue)”" }.joined(separator: ", "))).")
                }
            }
            for target in targets {
                let field = "\(row).so_lieu.\(target.indicator.rawValue)"
                guard let count = team.counts[target.indicator.rawValue] else {
                    throw DomainDataError(message: "Thiếu trường “\(field)” (\(target.name), tổ \(team.village.displayName)).")
                }
                guard count >= 0 else { throw DomainDataError(message: "Trường “\(field)” phải là số không âm, đang là \(count).") }
                guard count <= target.populationCount else {
                    throw DomainDataError(message: "Trường “\(field)” (\(VietnameseNumberFormat.grouped(Int64(count)))) lớn hơn số đối tượng của chỉ tiêu (\(VietnameseNumberFormat.grouped(Int64(target.populationCount))), “chi_tieu[\(seen[target.indicator]!)].so_doi_tuong”).")
                }
            }
        }
        for (index, target) in targets.enumerated() {
            let total = total(of: target.indicator)
            guard total <= target.populationCount else {
                throw DomainDataError(message: "Tổng “so_lieu.\(target.indicator.rawValue)” của các tổ (\(VietnameseNumberFormat.grouped(Int64(total)))) lớn hơn số đối tượng ở “chi_tieu[\(index + 1)].so_doi_tuong” (\(VietnameseNumberFormat.grouped(Int64(target.populationCount)))).")
            }
        }
    }

    // MARK: - Computed values

    /// The commune's total for an indicator: the sum over the teams.
    public func total(of indicator: ReportIndicator) -> Int {
        teams.reduce(0) { $0 + ($1.counts[indicator.rawValue] ?? 0) }
    }

    public var totalMembers: Int { teams.reduce(0) { $0 + $1.memberCount } }

    /// An indicator's result against its target.
    public struct Achievement: Sendable, Equatable {
        public let target: ReportTarget
        /// People (or businesses) reached by all teams.
        public let reached: Int
        /// The share reached in tenths of a percent, rounded half up: 453 for 45,3%.
        public let tenthsOfPercent: Int
        /// Whether the share as printed (one decimal) reaches the target, so that the table never contradicts itself.
        public var isMet: Bool { Double(tenthsOfPercent) >= (target.targetPercent * 10).rounded(.up) }
        /// `45,3%`.
        public var percentText: String { "\(tenthsOfPercent / 10),\(tenthsOfPercent % 10)%" }
    }

    /// Every indicator's result, in table order.
    public var achievements: [Achievement] { targets.map(achievement) }

    public func achievement(_ target: ReportTarget) -> Achievement {
        let reached = total(of: target.indicator)
        let tenths = (reached * 2_000 + target.populationCount) / (2 * target.populationCount)
        return Achievement(target: target, reached: reached, tenthsOfPercent: tenths)
    }

    /// The common fields' source: the People's Committee acts as a body.
    public var header: DocumentHeader { DocumentHeader(commune: commune, issuance: issuance, signature: .collective) }

    /// The template values (templates/FIELDS.md, “bao-cao-quy”).
    public var templateValues: TemplateValue {
        var fields = header.fields
        fields["quy"] = .int(Int64(period.quarter))
        fields["quy_la_ma"] = .string(period.roman)
        fields["nam_bao_cao"] = .int(Int64(period.year))
        fields["tu_ngay"] = .string(period.firstDay.iso)
        fields["den_ngay"] = .string(period.lastDay.iso)
        fields["han_bao_cao"] = .string(period.dueDate.iso)
        fields["tinh_hinh"] = .list(situation.map(TemplateValue.string))
        fields["ket_qua"] = .list(resultNotes.map(TemplateValue.string))
        fields["kho_khan"] = .list(difficulties.map(TemplateValue.string))
        fields["kien_nghi"] = .list(proposals.map(TemplateValue.string))
        fields["so_to"] = .int(Int64(teams.count))
        fields["tong_thanh_vien"] = .int(Int64(totalMembers))

        let tracked = Set(targets.map(\.indicator))
        // Every column of the template gets a value: a count for a tracked indicator, a dash for one the report
        // leaves out.
        func columns(_ count: (ReportIndicator) -> Int) -> TemplateValue {
            var cells: [String: TemplateValue] = [:]
            for indicator in ReportIndicator.allCases {
                cells[indicator.rawValue] = .string(tracked.contains(indicator) ? VietnameseNumberFormat.grouped(Int64(count(indicator))) : "-")
            }
            return .object(cells)
        }
        fields["to"] = .list(teams.map { team in
            .object([
                "ten_to": .string(VietnameseCase.capitalizedFirst(team.village.displayName)),
                "so_thanh_vien": .int(Int64(team.memberCount)),
                "so_lieu": columns { team.counts[$0.rawValue] ?? 0 },
            ])
        })
        fields["tong"] = .object([
            "so_thanh_vien": .int(Int64(totalMembers)),
            "so_lieu": columns(total(of:)),
        ])
        let results = achievements
        fields["chi_tieu"] = .list(results.map { result in
            .object([
                "ten": .string(result.target.name),
                "doi_tuong": .string(result.target.population),
                "so_doi_tuong": .string(VietnameseNumberFormat.grouped(Int64(result.target.populationCount))),
                "ty_le_chi_tieu": .string("\(NarrativeText.percent(result.target.targetPercent))%"),
                "so_dat": .string(VietnameseNumberFormat.grouped(Int64(result.reached))),
                "ty_le_dat": .string(result.percentText),
                "danh_gia": .string(result.isMet ? "Đạt" : "Chưa đạt"),
            ])
        })
        fields["so_chi_tieu"] = .int(Int64(results.count))
        fields["so_chi_tieu_dat"] = .int(Int64(results.filter(\.isMet).count))
        return .object(fields)
    }
}

/// Template 7: the commune's quarterly report on its teams, with the per-team table, the total row and the
/// comparison with the year's targets; due on the 5th of the month after the quarter.
public struct QuarterlyTeamReport: DocumentKind {
    public let id = "bao-cao-quy"
    public let title = "Báo cáo kết quả hoạt động của các Tổ Công nghệ số cộng đồng theo quý, so với chỉ tiêu năm"
    public let typeCode = "BC"
    public let typeName = "Báo cáo"
    public let sample = "samples/quang-son-bao-cao-quy.json"
    public let fieldDescriptions = [
        "tham_quyen_ky_dong": "Các dòng thẩm quyền ký trên chức vụ, từ trên xuống: mặc định `TM. ỦY BAN NHÂN DÂN` khi Chủ tịch ký (thêm `KT. CHỦ TỊCH` khi Phó Chủ tịch ký); `van_ban.nguoi_ky.tham_quyen` ghi rỗng thì không có dòng nào.",
        "quy_la_ma": "Quý báo cáo bằng chữ số La Mã (`I`…`IV`).",
        "nam_bao_cao": "Năm của quý báo cáo (có thể khác năm văn bản: báo cáo quý IV ký vào tháng 1 năm sau).",
        "tu_ngay": "Ngày đầu quý (`2025-07-01`).",
        "den_ngay": "Ngày cuối quý (`2025-09-30`).",
        "han_bao_cao": "Hạn gửi báo cáo: ngày 05 tháng đầu của quý sau (tài liệu 000, mục IV.6), tính trong chương trình.",
        "tinh_hinh": "Các đoạn thêm của phần I. Tình hình chung (sau câu về số Tổ và số thành viên); có thể trống.",
        "ket_qua": "Các đoạn của mục II.1 Kết quả hoạt động.",
        "kho_khan": "Các đoạn của phần III. Khó khăn, vướng mắc.",
        "kien_nghi": "Các đoạn của phần IV. Kiến nghị, đề xuất.",
        "so_to": "Số Tổ trong báo cáo.",
        "tong_thanh_vien": "Tổng số thành viên của mọi Tổ.",
        "to": "Bảng kết quả theo từng Tổ, theo thứ tự trong dữ liệu; cột TT đánh số tự động.",
        "to.ten_to": "Thôn của Tổ, viết hoa chữ đầu (`Thôn 1`, `Bon …`).",
        "to.so_thanh_vien": "Số thành viên của Tổ.",
        "to.so_lieu": "Số liệu của Tổ theo mã chỉ tiêu; mỗi cột của bảng là một mã.",
        "tong": "Dòng Tổng cộng của bảng theo từng Tổ.",
        "tong.so_thanh_vien": "Tổng số thành viên.",
        "tong.so_lieu": "Tổng số liệu theo mã chỉ tiêu.",
        "to.so_lieu.vneid": "Số người (cơ sở) của Tổ đã đạt chỉ tiêu tài khoản định danh điện tử mức 2 (VNeID), lũy kế đến cuối quý, viết có dấu chấm phân nhóm; `-` khi báo cáo không theo dõi chỉ tiêu này.",
        "tong.so_lieu.vneid": "Tổng cột tài khoản định danh điện tử mức 2 (VNeID) của mọi Tổ (tính trong chương trình); `-` khi không theo dõi.",
        "to.so_lieu.ho_so_suc_khoe": "Số người (cơ sở) của Tổ đã đạt chỉ tiêu hồ sơ sức khỏe điện tử, lũy kế đến cuối quý, viết có dấu chấm phân nhóm; `-` khi báo cáo không theo dõi chỉ tiêu này.",
        "tong.so_lieu.ho_so_suc_khoe": "Tổng cột hồ sơ sức khỏe điện tử của mọi Tổ (tính trong chương trình); `-` khi không theo dõi.",
        "to.so_lieu.chu_ky_so": "Số người (cơ sở) của Tổ đã đạt chỉ tiêu chữ ký số hoặc chữ ký điện tử, lũy kế đến cuối quý, viết có dấu chấm phân nhóm; `-` khi báo cáo không theo dõi chỉ tiêu này.",
        "tong.so_lieu.chu_ky_so": "Tổng cột chữ ký số hoặc chữ ký điện tử của mọi Tổ (tính trong chương trình); `-` khi không theo dõi.",
        "to.so_lieu.dich_vu_cong": "Số người (cơ sở) của Tổ đã đạt chỉ tiêu dịch vụ công trực tuyến, lũy kế đến cuối quý, viết có dấu chấm phân nhóm; `-` khi báo cáo không theo dõi chỉ tiêu này.",
        "tong.so_lieu.dich_vu_cong": "Tổng cột dịch vụ công trực tuyến của mọi Tổ (tính trong chương trình); `-` khi không theo dõi.",
        "to.so_lieu.thanh_toan": "Số người (cơ sở) của Tổ đã đạt chỉ tiêu tài khoản thanh toán số, lũy kế đến cuối quý, viết có dấu chấm phân nhóm; `-` khi báo cáo không theo dõi chỉ tiêu này.",
        "tong.so_lieu.thanh_toan": "Tổng cột tài khoản thanh toán số của mọi Tổ (tính trong chương trình); `-` khi không theo dõi.",
        "to.so_lieu.thuong_mai_dien_tu": "Số người (cơ sở) của Tổ đã đạt chỉ tiêu sàn thương mại điện tử, lũy kế đến cuối quý, viết có dấu chấm phân nhóm; `-` khi báo cáo không theo dõi chỉ tiêu này.",
        "tong.so_lieu.thuong_mai_dien_tu": "Tổng cột sàn thương mại điện tử của mọi Tổ (tính trong chương trình); `-` khi không theo dõi.",
        "to.so_lieu.ma_qr": "Số người (cơ sở) của Tổ đã đạt chỉ tiêu cơ sở kinh doanh niêm yết mã QR, lũy kế đến cuối quý, viết có dấu chấm phân nhóm; `-` khi báo cáo không theo dõi chỉ tiêu này.",
        "tong.so_lieu.ma_qr": "Tổng cột cơ sở kinh doanh niêm yết mã QR của mọi Tổ (tính trong chương trình); `-` khi không theo dõi.",
        "chi_tieu": "Bảng so sánh với chỉ tiêu năm, theo thứ tự chỉ tiêu trong dữ liệu.",
        "chi_tieu.ten": "Tên chỉ tiêu (mặc định theo mã, lời của tài liệu 004).",
        "chi_tieu.doi_tuong": "Đối tượng tính tỷ lệ (`Người dân từ 14 tuổi trở lên`).",
        "chi_tieu.so_doi_tuong": "Số đối tượng trên địa bàn, có dấu chấm phân nhóm (`12.480`).",
        "chi_tieu.ty_le_chi_tieu": "Chỉ tiêu của năm, có dấu % (`90%`).",
        "chi_tieu.so_dat": "Tổng số đã đạt của mọi Tổ, lũy kế đến cuối quý (`10.469`).",
        "chi_tieu.ty_le_dat": "Tỷ lệ đạt = `so_dat` / số đối tượng, một chữ số thập phân với dấu phẩy (`83,9%`).",
        "chi_tieu.danh_gia": "`Đạt` khi tỷ lệ đạt (như đã in) không thấp hơn chỉ tiêu, ngược lại `Chưa đạt`.",
        "so_chi_tieu": "Số chỉ tiêu được so sánh.",
        "so_chi_tieu_dat": "Số chỉ tiêu đạt.",
    ]

    public init() {}

    public func documents(from json: Data, context: DocumentContext) throws(DomainDataError) -> [DocumentValues] {
        let data = try QuarterlyReportData.decode(json: json)
        let name = CommonFields.documentName(id, commune: data.commune, "quy", String(data.period.quarter), String(data.period.year))
        return [DocumentValues(name: name, values: data.templateValues, header: data.header)]
    }
}
