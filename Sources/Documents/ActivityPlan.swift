import Domain
import Foundation
import Templating
import VietnameseText

/// How far a target goes in one year, as a plan writes it after `đạt`: a share of the people it counts, or, for a
/// target that is no share (streets without cash), the words themselves.
///
/// In a data file: a number is a plain percentage (`90` → `90%`); an object `{"tu": 80, "den": 90}` a range
/// (`80-90%`), `{"tu": 40}` a floor (`Từ 40% trở lên`), `{"tren": 50}` a share to exceed (`Trên 50%`); a string is
/// printed as it is (`Ít nhất 01 tuyến đường “Không sử dụng tiền mặt”`).
public enum TargetLevel: Sendable, Equatable, Decodable {
    /// `đạt 90%`.
    case percent(Double)
    /// `đạt từ 40% trở lên`.
    case atLeast(Double)
    /// `đạt trên 50%`.
    case above(Double)
    /// `đạt từ 80-90%`: lower and upper bound.
    case range(Double, Double)
    /// A level that is not a share.
    case text(String)

    enum CodingKeys: String, CodingKey { case from = "tu", to = "den", above = "tren" }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer() {
            if let value = try? single.decode(Double.self) {
                self = .percent(value)
                return
            }
            if let text = try? single.decode(String.self) {
                let cleaned = NarrativeText.clean(text)
                guard !cleaned.isEmpty else {
                    throw DecodingError.dataCorruptedError(in: single, debugDescription: "mức chỉ tiêu để trống")
                }
                // `"90%"` written as text is still a share.
                if let share = Self.percentage(in: cleaned) {
                    self = .percent(share)
                } else {
                    self = .text(cleaned)
                }
                return
            }
        }
        let c: KeyedDecodingContainer<CodingKeys>
        do {
            c = try decoder.container(keyedBy: CodingKeys.self)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "cần một tỷ lệ như 90, một đối tượng như {\"tu\": 80, \"den\": 90}, {\"tu\": 40}, {\"tren\": 50} hoặc một câu chữ"))
        }
        let from = try c.decodeIfPresent(Double.self, forKey: .from)
        let to = try c.decodeIfPresent(Double.self, forKey: .to)
        let above = try c.decodeIfPresent(Double.self, forKey: .above)
        switch (from, to, above) {
        case (let from?, let to?, nil): self = .range(from, to)
        case (let from?, nil, nil): self = .atLeast(from)
        case (nil, nil, let above?): self = .above(above)
        case (nil, _?, _):
            throw DecodingError.dataCorruptedError(forKey: .to, in: c, debugDescription: "“den” cần đi cùng “tu”")
        case (_?, _, _?):
            throw DecodingError.dataCorruptedError(forKey: .above, in: c, debugDescription: "chỉ ghi một trong hai: “tu” hoặc “tren”")
        case (nil, nil, nil):
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "cần “tu” hoặc “tren”"))
        }
    }

    /// `90%`, `92,5 %` or `92.5%` as a number; nil for any other text.
    static func percentage(in text: String) -> Double? {
        guard text.hasSuffix("%") else { return nil }
        let number = text.dropLast().trimmingWhitespace().replacingOccurrences(of: ",", with: ".")
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return nil }
        return Double(number)
    }

    /// The percentages the level names, for the 0–100 check.
    var percentages: [Double] {
        switch self {
        case .percent(let v), .atLeast(let v), .above(let v): [v]
        case .range(let low, let high): [low, high]
        case .text: []
        }
    }

    /// The least share the level accepts, for comparing two years; nil for a level in words.
    var floor: Double? {
        switch self {
        case .percent(let v), .atLeast(let v), .above(let v), .range(let v, _): v
        case .text: nil
        }
    }

    /// `90%`, `80-90%`, `Từ 40% trở lên`, `Trên 50%`, or the words.
    public var displayText: String {
        switch self {
        case .percent(let v): "\(NarrativeText.percent(v))%"
        case .atLeast(let v): "Từ \(NarrativeText.percent(v))% trở lên"
        case .above(let v): "Trên \(NarrativeText.percent(v))%"
        case .range(let low, let high): "\(NarrativeText.percent(low))-\(NarrativeText.percent(high))%"
        case .text(let words): words
        }
    }
}

/// One row of the plan's targets (II. CHỈ TIÊU): what is to be done, whom it counts, and how far it goes in the
/// plan's year and by the horizon year.
public struct PlanTarget: Sendable, Decodable, Equatable {
    /// What the teams do, without the level: `Hỗ trợ, hướng dẫn người dân từ 14 tuổi trở lên cài đặt, sử dụng ứng
    /// dụng tài khoản định danh điện tử mức 2 (VNeID)`.
    public var description: String
    /// The population the share is of: `Người dân từ 14 tuổi trở lên`; may be empty only for a level in words.
    public var population: String
    /// The level in the plan's year (`chi_tieu_nam`, 2025 in seed 004).
    public var planYearLevel: TargetLevel
    /// The level by the horizon year (`chi_tieu_den_nam`, 2030 in seed 004).
    public var horizonLevel: TargetLevel

    enum CodingKeys: String, CodingKey {
        case description = "noi_dung", population = "doi_tuong", planYearLevel = "chi_tieu_nam", horizonLevel = "chi_tieu_den_nam"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        description = NarrativeText.clean(try c.decode(String.self, forKey: .description))
        population = NarrativeText.clean(try c.decodeIfPresent(String.self, forKey: .population) ?? "")
        planYearLevel = try c.decode(TargetLevel.self, forKey: .planYearLevel)
        horizonLevel = try c.decode(TargetLevel.self, forKey: .horizonLevel)
    }
}

/// One numbered item of IV. TỔ CHỨC THỰC HIỆN: the office or organisation (with the verb the plan uses, `Giao …`
/// or `Đề nghị …`) and its tasks.
public struct PlanAssignment: Sendable, Decodable, Equatable {
    /// `Giao Phòng Văn hoá - Xã hội`, `Đề nghị Đoàn TNCS Hồ Chí Minh xã`.
    public var unit: String
    /// The tasks, one paragraph each; a single task is printed on the unit's line after a colon.
    public var tasks: [String]

    enum CodingKeys: String, CodingKey { case unit = "don_vi", tasks = "nhiem_vu" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        unit = NarrativeText.clean(try c.decode(String.self, forKey: .unit))
        while unit.hasSuffix(":") { unit.removeLast() }
        if let one = try? c.decode(String.self, forKey: .tasks) {
            tasks = NarrativeText.lines([one])
        } else {
            tasks = NarrativeText.lines(try c.decode([String].self, forKey: .tasks))
        }
    }
}

/// The data file of a team activity plan (Kế hoạch hoạt động của Tổ Công nghệ số cộng đồng, seed 004,
/// samples/quang-son-ke-hoach.json): the commune, the issuance, and the plan's parts I–IV.
public struct ActivityPlanData: Sendable, Decodable, Equatable {
    public var commune: Commune
    public var issuance: Issuance
    /// The subject under `KẾ HOẠCH`; by default the seed's `Triển khai hoạt động của Tổ Công nghệ số cộng đồng trên
    /// địa bàn xã …`.
    public var subject: String
    /// The paragraph before part I, usually the plan it implements and `… như sau:`.
    public var opening: String
    /// The year of the first targets column (`Chỉ tiêu năm 2025`); the issuance year when absent.
    public var planYear: Int
    /// The horizon of the second column (`Chỉ tiêu đến năm 2030`).
    public var horizonYear: Int
    /// I.1 Mục đích, one paragraph each.
    public var purposes: [String]
    /// I.2 Yêu cầu.
    public var requirements: [String]
    /// II. CHỈ TIÊU.
    public var targets: [PlanTarget]
    /// III. KINH PHÍ THỰC HIỆN: the funding sources, numbered.
    public var funding: [String]
    /// IV. TỔ CHỨC THỰC HIỆN.
    public var assignments: [PlanAssignment]

    enum CodingKeys: String, CodingKey {
        case commune = "xa", issuance = "van_ban", subject = "trich_yeu", opening = "mo_dau", planYear = "nam_chi_tieu"
        case horizonYear = "den_nam", purposes = "muc_dich", requirements = "yeu_cau", targets = "chi_tieu"
        case funding = "kinh_phi", assignments = "to_chuc_thuc_hien"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        commune = try c.decode(Commune.self, forKey: .commune)
        issuance = try c.decode(Issuance.self, forKey: .issuance)
        let area = "\(commune.kind) \(commune.name)"
        let subject = NarrativeText.clean(try c.decodeIfPresent(String.self, forKey: .subject) ?? "")
        self.subject = subject.isEmpty ? "Triển khai hoạt động của Tổ Công nghệ số cộng đồng trên địa bàn \(area)" : subject
        let opening = NarrativeText.clean(try c.decodeIfPresent(String.self, forKey: .opening) ?? "")
        self.opening = opening.isEmpty
            ? "Ủy ban nhân dân \(area) ban hành Kế hoạch hoạt động của Tổ Công nghệ số cộng đồng trên địa bàn \(commune.kind), với các nội dung như sau:"
            : opening
        planYear = try c.decodeIfPresent(Int.self, forKey: .planYear) ?? issuance.year
        horizonYear = try c.decode(Int.self, forKey: .horizonYear)
        purposes = NarrativeText.lines(try c.decode([String].self, forKey: .purposes))
        requirements = NarrativeText.lines(try c.decode([String].self, forKey: .requirements))
        targets = try c.decode([PlanTarget].self, forKey: .targets)
        funding = NarrativeText.lines(try c.decode([String].self, forKey: .funding))
        assignments = try c.decode([PlanAssignment].self, forKey: .assignments)
    }

    /// Reads and checks a plan: every part filled in, every share between 0 and 100%, and no horizon level below
    /// the plan year's.
    public static func decode(json: Data) throws(DomainDataError) -> ActivityPlanData {
        let data = try decodeDomain(ActivityPlanData.self, from: json)
        try data.validate()
        return data
    }

    func validate() throws(DomainDataError) {
        for (key, list) in [("muc_dich", purposes), ("yeu_cau", requirements), ("kinh_phi", funding)] where list.isEmpty {
            throw DomainDataError(message: "Trường “\(key)” cần ít nhất một đoạn.")
        }
        guard !targets.isEmpty else { throw DomainDataError(message: "Trường “chi_tieu” không có chỉ tiêu nào.") }
        guard !assignments.isEmpty else { throw DomainDataError(message: "Trường “to_chuc_thuc_hien” không có đơn vị nào.") }
        guard horizonYear > planYear else {
            throw DomainDataError(message: "Trường “den_nam” (\(horizonYear)) phải sau năm chỉ tiêu “nam_chi_tieu” (\(planYear)).")
        }
        for (index, target) in targets.enumerated() {
            let row = "chi_tieu[\(index + 1)]"
            guard !target.description.isEmpty else { throw DomainDataError(message: "Trường “\(row).noi_dung” không được để trống.") }
            for (key, level) in [("chi_tieu_nam", target.planYearLevel), ("chi_tieu_den_nam", target.horizonLevel)] {
                for value in level.percentages where !(0...100).contains(value) {
                    throw DomainDataError(message: "Trường “\(row).\(key)” phải là tỷ lệ từ 0 đến 100%, đang là \(NarrativeText.percent(value)).")
                }
                if case .range(let low, let high) = level, high < low {
                    throw DomainDataError(message: "Trường “\(row).\(key)”: cận trên “den” (\(NarrativeText.percent(high))%) nhỏ hơn cận dưới “tu” (\(NarrativeText.percent(low))%).")
                }
                if level.floor != nil && target.population.isEmpty {
                    throw DomainDataError(message: "Trường “\(row).doi_tuong” không được để trống: chỉ tiêu tính theo tỷ lệ cần ghi đối tượng (ví dụ: Người dân từ 14 tuổi trở lên).")
                }
            }
            if let early = target.planYearLevel.floor, let late = target.horizonLevel.floor, late < early {
                throw DomainDataError(message: "Chỉ tiêu “\(row)” (\(target.description)): mức đến năm \(horizonYear) (\(target.horizonLevel.displayText), trường “\(row).chi_tieu_den_nam”) thấp hơn mức năm \(planYear) (\(target.planYearLevel.displayText)).")
            }
        }
        for (index, assignment) in assignments.enumerated() {
            let row = "to_chuc_thuc_hien[\(index + 1)]"
            guard !assignment.unit.isEmpty else { throw DomainDataError(message: "Trường “\(row).don_vi” không được để trống.") }
            guard !assignment.tasks.isEmpty else { throw DomainDataError(message: "Trường “\(row).nhiem_vu” cần ít nhất một nhiệm vụ.") }
        }
    }

    /// The common fields' source: the People's Committee acts as a body. A target year equal to the year of issue
    /// may have been taken from it, so a change of that year makes the plan be read again.
    public var header: DocumentHeader {
        DocumentHeader(commune: commune, issuance: issuance, signature: .collective, yearReachesBeyond: planYear == issuance.year)
    }

    /// The template values (templates/FIELDS.md, “ke-hoach-hoat-dong”).
    public var templateValues: TemplateValue {
        var fields = header.fields
        fields["trich_yeu"] = .string(subject)
        fields["mo_dau"] = .string(opening)
        fields["muc_dich"] = .list(purposes.map(TemplateValue.string))
        fields["yeu_cau"] = .list(requirements.map(TemplateValue.string))
        fields["nam_chi_tieu"] = .int(Int64(planYear))
        fields["den_nam"] = .int(Int64(horizonYear))
        fields["chi_tieu"] = .list(targets.map { target in
            .object([
                "noi_dung": .string(target.description),
                "doi_tuong": .string(target.population),
                "chi_tieu_nam": .string(target.planYearLevel.displayText),
                "chi_tieu_den_nam": .string(target.horizonLevel.displayText),
            ])
        })
        fields["so_chi_tieu"] = .int(Int64(targets.count))
        fields["kinh_phi"] = .list(funding.map(TemplateValue.string))
        fields["to_chuc_thuc_hien"] = .list(assignments.enumerated().map { index, assignment in
            // One task goes on the unit's own line (`2. Giao Trung tâm …: Chủ trì …`), several go below it as `- …`.
            let single = assignment.tasks.count == 1
            return .object([
                "so": .int(Int64(index + 1)),
                "don_vi": .string(assignment.unit),
                "noi_dung": .string(single ? assignment.tasks[0] : ""),
                "nhiem_vu": .list(single ? [] : assignment.tasks.map(TemplateValue.string)),
            ])
        })
        return .object(fields)
    }
}

/// Template 3: the commune's activity plan for its teams, with the targets table for the plan year and the horizon
/// (seed 004, Quảng Sơn 2025).
public struct TeamActivityPlan: DocumentKind {
    public let id = "ke-hoach-hoat-dong"
    public let title = "Kế hoạch hoạt động của Tổ Công nghệ số cộng đồng trên địa bàn xã, kèm bảng chỉ tiêu"
    public let typeCode = "KH"
    public let typeName = "Kế hoạch"
    public let sample = "samples/quang-son-ke-hoach.json"
    public let fieldDescriptions = [
        "tham_quyen_ky_dong": "Các dòng thẩm quyền ký trên chức vụ, từ trên xuống: mặc định `TM. ỦY BAN NHÂN DÂN` khi Chủ tịch ký (thêm `KT. CHỦ TỊCH` khi Phó Chủ tịch ký); `van_ban.nguoi_ky.tham_quyen` ghi rỗng thì không có dòng nào (như bản gốc 004).",
        "trich_yeu": "Trích yếu dưới chữ `KẾ HOẠCH` (mặc định `Triển khai hoạt động của Tổ Công nghệ số cộng đồng trên địa bàn xã …`).",
        "mo_dau": "Đoạn mở đầu trước phần I (kế hoạch cấp trên làm căn cứ, `… với các nội dung như sau:`).",
        "muc_dich": "Các đoạn của mục I.1 Mục đích, mỗi đoạn một gạch đầu dòng.",
        "yeu_cau": "Các đoạn của mục I.2 Yêu cầu.",
        "nam_chi_tieu": "Năm của cột chỉ tiêu thứ nhất (`2025`); mặc định là năm văn bản.",
        "den_nam": "Năm của cột chỉ tiêu thứ hai (`Đến năm 2030`).",
        "chi_tieu": "Bảng chỉ tiêu (phần II), theo thứ tự trong dữ liệu; cột TT đánh số tự động.",
        "chi_tieu.noi_dung": "Nội dung chỉ tiêu, không kèm mức (`Hỗ trợ, hướng dẫn người dân từ 14 tuổi trở lên … (VNeID)`).",
        "chi_tieu.doi_tuong": "Đối tượng tính tỷ lệ (`Người dân từ 14 tuổi trở lên`); có thể trống với chỉ tiêu ghi bằng lời.",
        "chi_tieu.chi_tieu_nam": "Mức năm `nam_chi_tieu` như văn bản viết: `90%`, `80-90%`, `Từ 40% trở lên`, `Trên 50%` hoặc lời (`Ít nhất 01 tuyến đường …`).",
        "chi_tieu.chi_tieu_den_nam": "Mức đến năm `den_nam`, cùng cách viết; không thấp hơn mức năm trước (đã kiểm tra).",
        "kinh_phi": "Các nguồn kinh phí của phần III, đánh số 1, 2…",
        "to_chuc_thuc_hien": "Các đơn vị của phần IV. TỔ CHỨC THỰC HIỆN, theo thứ tự.",
        "to_chuc_thuc_hien.so": "Số thứ tự của đơn vị (1, 2…).",
        "to_chuc_thuc_hien.don_vi": "Đơn vị kèm động từ của văn bản (`Giao Phòng Văn hoá - Xã hội`, `Đề nghị Đoàn TNCS Hồ Chí Minh xã`), in đậm.",
        "to_chuc_thuc_hien.noi_dung": "Nhiệm vụ duy nhất của đơn vị, viết tiếp sau dấu `:` trên cùng dòng; trống khi đơn vị có nhiều nhiệm vụ.",
        "to_chuc_thuc_hien.nhiem_vu": "Các nhiệm vụ của đơn vị, mỗi nhiệm vụ một gạch đầu dòng; trống khi chỉ có một nhiệm vụ.",
    ]

    public init() {}

    public func documents(from json: Data, context: DocumentContext) throws(DomainDataError) -> [DocumentValues] {
        let data = try ActivityPlanData.decode(json: json)
        let name = CommonFields.documentName(id, commune: data.commune, String(data.planYear))
        return [DocumentValues(name: name, values: data.templateValues, header: data.header)]
    }
}
