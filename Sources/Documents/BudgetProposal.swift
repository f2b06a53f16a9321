import Domain
import Foundation
import Templating
import VietnameseText

/// The text of a budget proposal (Tờ trình, `to_trinh` in a data file), laid out as seed 002's: to whom it goes,
/// why (legal and practical grounds), what is asked, and where the money comes from.
public struct ProposalText: Sendable, Decodable, Equatable {
    /// `Kính gửi: …`, without the colon or final stop: `Thường trực Hội đồng nhân dân tỉnh Sóc Trăng`.
    public var recipient: String
    /// What the commune calls its teams: `Tổ Công nghệ số cộng đồng` unless the data says otherwise.
    public var teamName: String
    /// What follows the team name in the subject: `xã Quảng Sơn năm 2025`, `giai đoạn 2023-2025`; nil for none.
    public var scope: String?
    /// I.1 Căn cứ pháp lý: paragraphs as written, a list item keeping its leading `- `.
    public var legalGrounds: [String]
    /// I.2 Căn cứ thực tiễn.
    public var practicalGrounds: [String]
    /// II. Nội dung đề nghị, before the totals the template adds from the estimate; may be empty.
    public var content: [String]
    /// III. Nguồn kinh phí.
    public var funding: [String]

    enum CodingKeys: String, CodingKey {
        case recipient = "kinh_gui", teamName = "ten_to", scope = "pham_vi", legalGrounds = "can_cu_phap_ly"
        case practicalGrounds = "can_cu_thuc_tien", content = "noi_dung", funding = "nguon_kinh_phi"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        recipient = Self.withoutFinalStop(UnicodeNormalization.cleaned(try c.decode(String.self, forKey: .recipient)))
        let name = UnicodeNormalization.cleaned(try c.decodeIfPresent(String.self, forKey: .teamName) ?? "")
        teamName = name.isEmpty ? FoundingDecisionData.centralTeamName : name
        scope = UnicodeNormalization.cleaned(try c.decodeIfPresent(String.self, forKey: .scope))
        legalGrounds = Self.paragraphs(try c.decode([String].self, forKey: .legalGrounds))
        practicalGrounds = Self.paragraphs(try c.decode([String].self, forKey: .practicalGrounds))
        content = Self.paragraphs(try c.decodeIfPresent([String].self, forKey: .content) ?? [])
        funding = Self.paragraphs(try c.decode([String].self, forKey: .funding))
    }

    /// `Tổ Công nghệ số cộng đồng giai đoạn 2023-2025`: the end of the subject line and of the closing sentence.
    public var subject: String { scope.map { "\(teamName) \($0)" } ?? teamName }

    static func paragraphs(_ texts: [String]) -> [String] { texts.map(UnicodeNormalization.cleaned).filter { !$0.isEmpty } }

    static func withoutFinalStop(_ text: String) -> String {
        var text = Substring(text)
        while text.last == "." { text = text.dropLast() }
        return String(text.trimmingWhitespace())
    }

    func validate() throws(DomainDataError) {
        try BudgetText.requireText(recipient, at: "to_trinh.kinh_gui")
        for (key, list) in [("can_cu_phap_ly", legalGrounds), ("can_cu_thuc_tien", practicalGrounds), ("nguon_kinh_phi", funding)]
        where list.isEmpty {
            throw DomainDataError(message: "Trường “to_trinh.\(key)” cần ít nhất một đoạn.")
        }
    }
}

/// A budget proposal read and checked: the commune, the issuance, the proposal's text and its estimate with every
/// amount worked out (samples/dong-thap-du-toan.json, samples/soc-trang-ho-tro.json).
public struct BudgetProposalData: Sendable, Equatable {
    /// The issuing body (`xa`): a commune, or a province as in both seeds.
    public var commune: Commune
    /// Number, date, legal bases, recipients and signer (`van_ban`).
    public var issuance: Issuance
    /// The proposal's text (`to_trinh`).
    public var proposal: ProposalText
    /// The estimate as written (`du_toan`). Read-only: `budget` is worked out from it once, when the file is read.
    public let estimate: BudgetEstimate
    /// The estimate's amounts, subtotals, totals and words.
    public let budget: ComputedBudget

    /// The data file as written, before the estimate is worked out.
    struct File: Decodable {
        var commune: Commune
        var issuance: Issuance
        var proposal: ProposalText
        var estimate: BudgetEstimate

        enum CodingKeys: String, CodingKey { case commune = "xa", issuance = "van_ban", proposal = "to_trinh", estimate = "du_toan" }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            commune = try c.decode(Commune.self, forKey: .commune)
            issuance = try c.decode(Issuance.self, forKey: .issuance)
            proposal = try c.decode(ProposalText.self, forKey: .proposal)
            estimate = try c.decode(BudgetEstimate.self, forKey: .estimate)
            }
    }

    /// Reads a proposal and works out its estimate; any gap or a figure the clerk got wrong is an error naming the field.
    public static func decode(json: Data) throws(DomainDataError) -> BudgetProposalData {
        let file = try decodeDomain(File.self, from: json)
        try file.proposal.validate()
        return BudgetProposalData(commune: file.commune, issuance: file.issuance, proposal: file.proposal, estimate: file.estimate,
                                  budget: try file.estimate.computed())
    }

    /// The attachment's title: the data's, or `Dự toán kinh phí hoạt động của <subject>`.
    public var estimateTitle: String { estimate.title ?? "Dự toán kinh phí hoạt động của \(proposal.subject)" }

    /// The common fields' source: the People's Committee acts as a body.
    public var header: DocumentHeader { DocumentHeader(commune: commune, issuance: issuance, signature: .collective) }

    /// The template values (templates/FIELDS.md, “to-trinh-kinh-phi”).
    public var templateValues: TemplateValue {
        var fields = header.fields
        fields["kinh_gui"] = .string(proposal.recipient)
        fields["doi_tuong"] = .string(proposal.subject)
        fields["can_cu_phap_ly"] = .list(proposal.legalGrounds.map(TemplateValue.string))
        fields["can_cu_thuc_tien"] = .list(proposal.practicalGrounds.map(TemplateValue.string))
        fields["noi_dung_de_nghi"] = .list(proposal.content.map(TemplateValue.string))
        fields["nguon_kinh_phi"] = .list(proposal.funding.map(TemplateValue.string))
        fields["tieu_de_du_toan"] = .string(estimateTitle)
        fields["tong_cong"] = .int(budget.total)
        fields["tong_cong_bang_chu"] = .string(budget.totalInWords)
        fields["theo_nam"] = .list(budget.yearTotals.map { year in
            .object(["nam_du_toan": .int(Int64(year.year)), "so_tien": .int(year.amount)])
        })
        fields["tong_hop"] = .list(summaryRows)
        fields["phan"] = .list(budget.sections.enumerated().map { index, section in Self.sectionValue(section, number: index + 1) })
        return .object(fields)
    }

    /// Table A as rows: each section with its years below it, then the grand total with its years (the seed's
    /// year columns, turned into rows so that any number of years fits the page). A single section's years would
    /// only repeat the total's, so they are left out. A section's row and the total's are bold: their text and
    /// amount sit under `dam`, a year's under `thuong`.
    var summaryRows: [TemplateValue] {
        func row(_ number: String, _ text: String, _ amount: Int64, bold: Bool) -> TemplateValue {
            .object(["stt": .string(number), (bold ? "dam" : "thuong"): .object(["noi_dung": .string(text), "thanh_tien": .int(amount)])])
        }
        func yearRows(_ years: [YearAmount]) -> [TemplateValue] {
            years.map { row("", "Năm \($0.year)", $0.amount, bold: false) }
        }
        var rows: [TemplateValue] = []
        for (index, section) in budget.sections.enumerated() {
            rows.append(row(String(index + 1), section.section.name, section.total, bold: true))
            if budget.sections.count > 1 { rows += yearRows(section.yearTotals) }
        }
        rows.append(row("", "Tổng cộng", budget.total, bold: true))
        rows += yearRows(budget.yearTotals)
        return rows
    }

    static func sectionValue(_ computed: ComputedSection, number: Int) -> TemplateValue {
        let section = computed.section
        var tables: [TemplateValue] = computed.unitCosts.enumerated().map { index, cost in
            tableValue(heading: "\(index + 1). \(cost.unitCost.content)", columns: BudgetColumns(), lines: cost.lines,
                       total: cost.total, totalLabel: "Cộng", lettered: true)
        }
        let linesHeading: String
        if computed.unitCosts.isEmpty {
            linesHeading = section.linesHeading ?? ""
        } else {
            // `computed()` makes sure a section with unit costs has a heading for its counted lines.
            linesHeading = "\(computed.unitCosts.count + 1). \(section.linesHeading ?? "")"
        }
        tables.append(tableValue(heading: linesHeading, columns: section.columns, lines: computed.lines, total: computed.total,
                                 totalLabel: "Tổng cộng", lettered: false))
        return .object([
            "so_la_ma": .string(LegalNumbering.roman(number)),
            "ten": .string(section.name),
            "tieu_de": .string(section.heading ?? section.name),
            "tong_phan": .int(computed.total),
            "bang": .list(tables),
        ])
    }

    /// One detail table: a unit cost's make-up (rows a, b, c…) or the counted lines (rows 1, 2, 3…).
    static func tableValue(heading: String, columns: BudgetColumns, lines: [ComputedLine], total: Int64, totalLabel: String,
                           lettered: Bool) -> TemplateValue {
        let hasMultiplier = lines.contains { $0.line.multiplier != nil }
        let rows: [TemplateValue] = lines.enumerated().map { index, computed in
            let line = computed.line
            let number = lettered && index < LegalNumbering.pointLetters.count ? LegalNumbering.pointLetters[index] : String(index + 1)
            var row: [String: TemplateValue] = [
                "stt": .string(number),
                "noi_dung": .string(line.content),
                "so_luong": .string(line.unit.map { "\(line.quantity) \($0)" } ?? line.quantity.formatted),
                "don_gia": .int(computed.unitPrice),
                "thanh_tien": .int(computed.amount),
                "ghi_chu": .string(line.note ?? ""),
            ]
            if hasMultiplier { row["he_so"] = .string(line.multiplier?.formatted ?? "1") }
            return .object(row)
        }
        var table: [String: TemplateValue] = [
            "cot_so_luong": .string(columns.quantity),
            "cot_don_gia": .string(columns.unitPrice),
            "dong": .list(rows),
            "nhan_tong": .string(totalLabel),
            "tong_bang": .int(total),
        ]
        if hasMultiplier { table["cot_he_so"] = .string(columns.multiplier) }
        // The template has a table with a multiplier column and one without; the table's data sits under the
        // name of the one to show.
        return .object(["tieu_de": .string(heading), (hasMultiplier ? "co_he_so" : "khong_he_so"): .object(table)])
    }
}

/// Template 6: the proposal (Tờ trình) asking for approval of the teams' operating budget, with the estimate
/// (Dự toán) attached as tables: the Đồng Tháp estimate of seed 000 or Sóc Trăng's monthly support per member (002).
public struct BudgetProposal: DocumentKind {
    public let id = "to-trinh-kinh-phi"
    public let title = "Tờ trình đề nghị phê duyệt dự toán kinh phí hoạt động của Tổ Công nghệ số cộng đồng, kèm dự toán"
    public let typeCode = "TTr"
    public let typeName = "Tờ trình"
    public let sample = "samples/dong-thap-du-toan.json"
    public let fieldDescriptions = BudgetProposal.describedFields

    public init() {}

    public func documents(from json: Data, context: DocumentContext) throws(DomainDataError) -> [DocumentValues] {
        let data = try BudgetProposalData.decode(json: json)
        let name = CommonFields.documentName(id, commune: data.commune, String(data.issuance.year))
        return [DocumentValues(name: name, values: data.templateValues, header: data.header)]
    }
}

extension BudgetProposal {
    /// The meaning of every field of the template (templates/FIELDS.md); the two detail tables share their fields.
    static var describedFields: [String: String] {
        var fields = [
            "tham_quyen_ky_dong": "Các dòng thẩm quyền ký trên chức vụ, từ trên xuống: mặc định `TM. ỦY BAN NHÂN DÂN` khi Chủ tịch ký (thêm `KT. CHỦ TỊCH` khi Phó Chủ tịch ký); `van_ban.nguoi_ky.tham_quyen` ghi rỗng thì không có dòng nào.",
            "doi_tuong": "Cuối trích yếu và câu kết: tên tổ (`to_trinh.ten_to`, mặc định `Tổ Công nghệ số cộng đồng`) và phạm vi (`to_trinh.pham_vi`): `Tổ công nghệ số cộng đồng giai đoạn 2023-2025`.",
            "kinh_gui": "Nơi nhận tờ trình, sau `Kính gửi:` và trong câu kết (`Thường trực Hội đồng nhân dân tỉnh Sóc Trăng`), không có dấu chấm cuối.",
            "can_cu_phap_ly": "Các đoạn của mục I.1 Căn cứ pháp lý, như văn bản viết (giữ dấu `- ` đầu các văn bản được liệt kê).",
            "can_cu_thuc_tien": "Các đoạn của mục I.2 Căn cứ thực tiễn.",
            "noi_dung_de_nghi": "Các đoạn của mục II. Nội dung đề nghị, trước câu tổng dự toán; có thể không có.",
            "nguon_kinh_phi": "Các đoạn của mục III. Nguồn kinh phí.",
            "tong_cong": "Tổng dự toán (đồng), tính từ các dòng của dự toán; mẫu hiện bằng `number` (`221.100.000`).",
            "tong_cong_bang_chu": "Tổng dự toán bằng chữ, viết hoa chữ đầu, có `đồng`; đọc `nghìn` hoặc `ngàn` theo `du_toan.cach_doc_nghin`.",
            "theo_nam": "Tổng theo năm, theo thứ tự năm; rỗng khi các dòng của dự toán không ghi năm.",
            "theo_nam.nam_du_toan": "Năm (`2022`).",
            "theo_nam.so_tien": "Tổng của năm (đồng).",
            "phan": "Các phần của dự toán (I, II…), theo thứ tự trong dữ liệu.",
            "phan.ten": "Tên phần trong bảng tổng hợp và trong mục II (`Kinh phí tổ chức lớp tập huấn`).",
            "phan.tong_phan": "Tổng của phần (đồng).",
            "phan.so_la_ma": "Số La Mã của phần (`I`, `II`).",
            "phan.tieu_de": "Tiêu đề phần ở mục B, mẫu in hoa; mặc định là tên phần.",
            "phan.bang": "Các bảng chi tiết của phần: trước là từng định mức (các dòng a, b, c…), sau là bảng các dòng tính vào tổng (1, 2…).",
            "phan.bang.tieu_de": "Tiêu đề bảng, có số khi phần có định mức (`1. Kinh phí Tổ chức 01 lớp tập huấn (01 buổi)`); trống khi phần chỉ có một bảng không tiêu đề.",
            "phan.bang.co_he_so": "Dữ liệu của bảng khi có cột hệ số (một dòng của bảng ghi `he_so`: số năm, số tháng); khi đó không có `khong_he_so`.",
            "phan.bang.khong_he_so": "Dữ liệu của bảng khi không có cột hệ số; khi đó không có `co_he_so`.",
            "phan.bang.co_he_so.cot_he_so": "Tiêu đề cột hệ số (`Thời gian (Năm)`, `Số tháng`; mặc định `Hệ số`).",
            "tieu_de_du_toan": "Tiêu đề phụ lục dự toán, mẫu in hoa: `du_toan.tieu_de`, hoặc `Dự toán kinh phí hoạt động của …`.",
            "tong_hop": "Bảng A (tổng hợp): mỗi phần, các năm của phần (khi có từ hai phần trở lên), rồi dòng Tổng cộng và các năm.",
            "tong_hop.stt": "Số thứ tự của phần (1, 2…); trống ở dòng năm và dòng tổng cộng.",
            "tong_hop.dam": "Dòng in đậm (một phần hoặc Tổng cộng); không có ở dòng năm.",
            "tong_hop.dam.noi_dung": "Tên phần, hoặc `Tổng cộng`.",
            "tong_hop.dam.thanh_tien": "Tổng của phần, hoặc tổng dự toán (đồng).",
            "tong_hop.thuong": "Dòng một năm, chữ thường; không có ở dòng in đậm.",
            "tong_hop.thuong.noi_dung": "`Năm 2022`.",
            "tong_hop.thuong.thanh_tien": "Số tiền của năm (đồng).",
        ]
        for table in ["co_he_so", "khong_he_so"] {
            let path = "phan.bang.\(table)"
            fields["\(path).cot_so_luong"] = "Tiêu đề cột số lượng (`Số lượng Tổ`, `Số thành viên`; mặc định `Số lượng`)."
            fields["\(path).cot_don_gia"] = "Tiêu đề cột đơn giá (`Khoán chi phí cho 1 Tổ/năm (đồng)`; mặc định `Đơn giá (đồng)`)."
            fields["\(path).dong"] = "Các dòng của bảng, theo thứ tự trong dữ liệu."
            fields["\(path).dong.stt"] = "Số thứ tự: a, b, c, d, đ… trong bảng định mức; 1, 2… trong bảng các dòng tính vào tổng."
            fields["\(path).dong.noi_dung"] = "Nội dung dòng; xuống dòng trong dữ liệu thì xuống dòng trong ô."
            fields["\(path).dong.so_luong"] = "Số lượng viết kiểu Việt Nam (`5.045`, `0,5`), kèm `don_vi` khi dữ liệu có."
            fields["\(path).dong.don_gia"] = "Đơn giá (đồng); là tổng của định mức khi dòng ghi `dinh_muc`."
            fields["\(path).dong.thanh_tien"] = "Thành tiền = số lượng × đơn giá × hệ số, tính đúng từng đồng."
            fields["\(path).dong.ghi_chu"] = "Ghi chú của dòng (căn cứ của mức chi, thời điểm bắt đầu…)."
            fields["\(path).nhan_tong"] = "Nhãn dòng tổng: `Cộng` ở bảng định mức, `Tổng cộng` ở bảng các dòng tính vào tổng."
            fields["\(path).tong_bang"] = "Tổng của bảng (đồng)."
        }
        fields["phan.bang.co_he_so.dong.he_so"] = "Hệ số viết kiểu Việt Nam (`0,5` năm, `12` tháng); `1` khi dòng không ghi."
        return fields
    }
}
