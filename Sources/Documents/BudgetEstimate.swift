import Domain
import VietnameseText

/// A budget estimate (dự toán kinh phí): sections of lines whose amounts are computed here in whole đồng, with a
/// subtotal per section and per year, a grand total and the total in words (`du_toan` in a data file).
///
/// It follows the estimate attached to the Đồng Tháp scheme (seed 000, Phụ lục II): a section may first work out unit
/// costs (định mức: the cost of one training class from its lecturer, hall, water…) that its counted lines then use
/// as their unit price (two classes in 2022 at 6.850.000 đồng). Only the counted lines add up to the totals.
public struct BudgetEstimate: Sendable, Decodable, Equatable {
    /// The attachment's title as the seed words it (`Dự toán chi tiết kinh phí triển khai các hoạt động Đề án`); nil
    /// lets the proposal name it after the teams.
    public var title: String?
    /// How the total in words says a thousand: `nghìn` (the default, administrative usage) or `ngàn` (the southern
    /// usage of seed 000).
    public var thousandWord: ThousandWord
    /// The sections (phần I, II…), in order.
    public var sections: [BudgetSection]
    /// The grand total as the clerk wrote it, checked against the computed one; nil when not stated.
    public var statedTotal: Int64?
    /// Per-year totals as the clerk wrote them (`{"2022": 73700000}`), each checked against the computed one.
    public var statedYearTotals: [String: Int64]

    enum CodingKeys: String, CodingKey {
        case title = "tieu_de", thousandWord = "cach_doc_nghin", sections = "phan", statedTotal = "tong_cong"
        case statedYearTotals = "tong_theo_nam"
    }

    /// An estimate from its parts; text is NFC and trimmed.
    public init(title: String? = nil, thousandWord: ThousandWord = .nghin, sections: [BudgetSection],
                statedTotal: Int64? = nil, statedYearTotals: [String: Int64] = [:]) {
        self.title = UnicodeNormalization.cleaned(title)
        self.thousandWord = thousandWord
        self.sections = sections
        self.statedTotal = statedTotal
        self.statedYearTotals = statedYearTotals
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var thousandWord = ThousandWord.nghin
        if let word = try c.decodeIfPresent(String.self, forKey: .thousandWord) {
            guard let parsed = ThousandWord(name: word) else {
                throw DecodingError.dataCorruptedError(forKey: .thousandWord, in: c, debugDescription: "chỉ nhận “nghìn” hoặc “ngàn”")
            }
            thousandWord = parsed
        }
        self.init(
            title: try c.decodeIfPresent(String.self, forKey: .title),
            thousandWord: thousandWord,
            sections: try c.decode([BudgetSection].self, forKey: .sections),
            statedTotal: try c.decodeIfPresent(Int64.self, forKey: .statedTotal),
            statedYearTotals: try c.decodeIfPresent([String: Int64].self, forKey: .statedYearTotals) ?? [:])
    }
}

/// A group of lines with its own subtotal: `Kinh phí tổ chức lớp tập huấn`.
public struct BudgetSection: Sendable, Decodable, Equatable {
    /// The name in the summary table and the proposal's text, in sentence case.
    public var name: String
    /// The heading of its detail part when it differs from the name (the seed's
    /// `Kinh phí hoạt động của Tổ Công nghệ số cộng đồng`); written in capitals.
    public var heading: String?
    /// The headers of the quantity, multiplier and unit-price columns of the counted lines' table (a unit cost's
    /// table has the plain `Số lượng` and `Đơn giá (đồng)`).
    public var columns: BudgetColumns
    /// Unit costs worked out before the counted lines, which refer to them by key.
    public var unitCosts: [UnitCost]
    /// The title over the counted lines (`Tổng kinh phí tổ chức các lớp tập huấn`); needed only with unit costs.
    public var linesHeading: String?
    /// The lines that add up to the section's total.
    public var lines: [BudgetLine]
    /// The section total as the clerk wrote it; nil when not stated.
    public var statedTotal: Int64?

    enum CodingKeys: String, CodingKey {
        case name = "ten", heading = "tieu_de", columns = "cot", unitCosts = "dinh_muc", linesHeading = "tieu_de_dong"
        case lines = "dong", statedTotal = "tong_cong"
    }

    /// A section from its parts; text is NFC and trimmed.
    public init(name: String, heading: String? = nil, columns: BudgetColumns = BudgetColumns(), unitCosts: [UnitCost] = [],
                linesHeading: String? = nil, lines: [BudgetLine], statedTotal: Int64? = nil) {
        self.name = UnicodeNormalization.cleaned(name)
        self.heading = UnicodeNormalization.cleaned(heading)
        self.columns = columns
        self.unitCosts = unitCosts
        self.linesHeading = UnicodeNormalization.cleaned(linesHeading)
        self.lines = lines
        self.statedTotal = statedTotal
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try c.decode(String.self, forKey: .name),
            heading: try c.decodeIfPresent(String.self, forKey: .heading),
            columns: try c.decodeIfPresent(BudgetColumns.self, forKey: .columns) ?? BudgetColumns(),
            unitCosts: try c.decodeIfPresent([UnitCost].self, forKey: .unitCosts) ?? [],
            linesHeading: try c.decodeIfPresent(String.self, forKey: .linesHeading),
            lines: try c.decode([BudgetLine].self, forKey: .lines),
            statedTotal: try c.decodeIfPresent(Int64.self, forKey: .statedTotal))
    }
}

/// Column headers of a section's tables: the seed's team lump sum reads `Thời gian (Năm)`, `Số lượng Tổ`,
/// `Khoán chi phí cho 1 Tổ/năm (đồng)`; Sóc Trăng's support reads months, members and the monthly rate.
public struct BudgetColumns: Sendable, Decodable, Equatable {
    /// `Số lượng` by default.
    public var quantity: String
    /// `Hệ số` by default.
    public var multiplier: String
    /// `Đơn giá (đồng)` by default.
    public var unitPrice: String

    enum CodingKeys: String, CodingKey { case quantity = "so_luong", multiplier = "he_so", unitPrice = "don_gia" }

    /// Headers from their text; the defaults are the plain ones.
    public init(quantity: String = "Số lượng", multiplier: String = "Hệ số", unitPrice: String = "Đơn giá (đồng)") {
        self.quantity = UnicodeNormalization.cleaned(quantity)
        self.multiplier = UnicodeNormalization.cleaned(multiplier)
        self.unitPrice = UnicodeNormalization.cleaned(unitPrice)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = BudgetColumns()
        self.init(quantity: try c.decodeIfPresent(String.self, forKey: .quantity) ?? defaults.quantity,
                  multiplier: try c.decodeIfPresent(String.self, forKey: .multiplier) ?? defaults.multiplier,
                  unitPrice: try c.decodeIfPresent(String.self, forKey: .unitPrice) ?? defaults.unitPrice)
    }
}

/// A unit cost (định mức) worked out from its own lines, such as one training class (01 buổi) = 6.850.000 đồng.
public struct UnitCost: Sendable, Decodable, Equatable {
    /// The key counted lines use in `dinh_muc` to take this cost as their unit price.
    public var key: String
    /// `Kinh phí Tổ chức 01 lớp tập huấn (01 buổi)`.
    public var content: String
    /// What the unit cost is made of.
    public var lines: [BudgetLine]
    /// The unit cost as the clerk wrote it; nil when not stated.
    public var statedTotal: Int64?

    enum CodingKeys: String, CodingKey { case key = "ma", content = "noi_dung", lines = "chi_tiet", statedTotal = "tong_cong" }

    /// A unit cost from its parts; text is NFC and trimmed.
    public init(key: String, content: String, lines: [BudgetLine], statedTotal: Int64? = nil) {
        self.key = UnicodeNormalization.cleaned(key)
        self.content = UnicodeNormalization.cleaned(content)
        self.lines = lines
        self.statedTotal = statedTotal
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(key: try c.decode(String.self, forKey: .key), content: try c.decode(String.self, forKey: .content),
                  lines: try c.decode([BudgetLine].self, forKey: .lines),
                  statedTotal: try c.decodeIfPresent(Int64.self, forKey: .statedTotal))
    }
}

/// One line: amount = quantity × unit price × multiplier, in whole đồng.
///
/// The multiplier carries what the quantity does not: the 0,5 year of 2022 for 12 teams, or the 12 months for which
/// 5.045 members get 100.000 đồng each.
public struct BudgetLine: Sendable, Decodable, Equatable {
    /// `Giảng viên chính`; may span several lines.
    public var content: String
    /// The unit of the quantity (`người`, `Tổ`), shown after it; nil when the column header says it.
    public var unit: String?
    /// How many: people, classes, teams, members.
    public var quantity: ExactDecimal
    /// A further factor such as years or months; nil for 1 and no multiplier column.
    public var multiplier: ExactDecimal?
    /// The unit price in đồng; nil when the line takes a unit cost instead.
    public var unitPrice: Int64?
    /// The key of a unit cost of the same estimate whose total is the unit price.
    public var unitCost: String?
    /// The year the line's amount is spent in, for the per-year totals.
    public var year: Int?
    /// The amount as the clerk wrote it, checked against the computed one; nil when not stated.
    public var statedAmount: Int64?
    /// `Ghi chú`: the legal basis of the rate, or when the spending starts.
    public var note: String?

    enum CodingKeys: String, CodingKey {
        case content = "noi_dung", unit = "don_vi", quantity = "so_luong", multiplier = "he_so", unitPrice = "don_gia"
        case unitCost = "dinh_muc", year = "nam", statedAmount = "thanh_tien", note = "ghi_chu"
    }

    /// A line from its parts; text is NFC and trimmed.
    public init(content: String, unit: String? = nil, quantity: ExactDecimal, multiplier: ExactDecimal? = nil,
                unitPrice: Int64? = nil, unitCost: String? = nil, year: Int? = nil, statedAmount: Int64? = nil, note: String? = nil) {
        self.content = UnicodeNormalization.cleaned(content)
        self.unit = UnicodeNormalization.cleaned(unit)
        self.quantity = quantity
        self.multiplier = multiplier
        self.unitPrice = unitPrice
        self.unitCost = unitCost.map(UnicodeNormalization.cleaned)
        self.year = year
        self.statedAmount = statedAmount
        self.note = UnicodeNormalization.cleaned(note)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            content: try c.decode(String.self, forKey: .content),
            unit: try c.decodeIfPresent(String.self, forKey: .unit),
            quantity: try c.decode(ExactDecimal.self, forKey: .quantity),
            multiplier: try c.decodeIfPresent(ExactDecimal.self, forKey: .multiplier),
            unitPrice: try c.decodeIfPresent(Int64.self, forKey: .unitPrice),
            unitCost: try c.decodeIfPresent(String.self, forKey: .unitCost),
            year: try c.decodeIfPresent(Int.self, forKey: .year),
            statedAmount: try c.decodeIfPresent(Int64.self, forKey: .statedAmount),
            note: try c.decodeIfPresent(String.self, forKey: .note))
    }
}

// MARK: - Computed values

/// An estimate with every amount worked out and checked.
public struct ComputedBudget: Sendable, Equatable {
    /// The sections with their lines and subtotals, in order.
    public var sections: [ComputedSection]
    /// The grand total in đồng.
    public var total: Int64
    /// Totals per year in year order; empty when the lines carry no year.
    public var yearTotals: [YearAmount]
    /// `Hai trăm hai mươi mốt triệu một trăm nghìn đồng`, with the estimate's word for a thousand.
    public var totalInWords: String
}

/// An amount spent in one year.
public struct YearAmount: Sendable, Equatable {
    /// `2022`.
    public var year: Int
    /// In đồng.
    public var amount: Int64
}

/// A section with its unit costs, lines and totals worked out.
public struct ComputedSection: Sendable, Equatable {
    /// The section as written.
    public var section: BudgetSection
    /// Its unit costs, worked out, in order.
    public var unitCosts: [ComputedUnitCost]
    /// Its counted lines, worked out, in order.
    public var lines: [ComputedLine]
    /// The sum of the counted lines, in đồng.
    public var total: Int64
    /// The section's spending per year, in year order; empty when its lines carry no year.
    public var yearTotals: [YearAmount]
}

/// A unit cost and the lines it is made of.
public struct ComputedUnitCost: Sendable, Equatable {
    /// The unit cost as written.
    public var unitCost: UnitCost
    /// Its lines, worked out.
    public var lines: [ComputedLine]
    /// The unit cost in đồng: the sum of its lines.
    public var total: Int64
}

/// A line with its unit price resolved (from a unit cost when it names one) and its amount.
public struct ComputedLine: Sendable, Equatable {
    /// The line as written.
    public var line: BudgetLine
    /// The unit price in đồng, the unit cost's total when the line names one.
    public var unitPrice: Int64
    /// Thành tiền, in whole đồng.
    public var amount: Int64
}

extension BudgetEstimate {
    /// Works out every amount and checks the estimate: contents present, quantities and prices not negative, unit
    /// costs known, years on every counted line or on none, each amount a whole đồng, and every figure the clerk
    /// stated equal to the computed one. `path` names the estimate in error messages (`du_toan`).
    public func computed(path: String = "du_toan") throws(DomainDataError) -> ComputedBudget {
        guard !sections.isEmpty else { throw DomainDataError(message: "Trường “\(path).phan” không có phần nào.") }
        var unitCostTotals: [String: Int64] = [:]
        var computedSections: [ComputedSection] = []
        var total: Int64 = 0
        var yearTotals: [Int: Int64] = [:]
        var linesWithoutYear: [String] = []
        var linesWithYear: [String] = []

        for (s, section) in sections.enumerated() {
            let sectionPath = "\(path).phan[\(s + 1)]"
            try BudgetText.requireText(section.name, at: "\(sectionPath).ten")
            var computedUnitCosts: [ComputedUnitCost] = []
            for (u, unitCost) in section.unitCosts.enumerated() {
                let costPath = "\(sectionPath).dinh_muc[\(u + 1)]"
                try BudgetText.requireText(unitCost.key, at: "\(costPath).ma")
                try BudgetText.requireText(unitCost.content, at: "\(costPath).noi_dung")
                guard unitCostTotals[unitCost.key] == nil else {
                    throw DomainDataError(message: "Trường “\(costPath).ma”: mã “\(unitCost.key)” đã dùng cho một định mức khác.")
                }
                guard !unitCost.lines.isEmpty else {
                    throw DomainDataError(message: "Trường “\(costPath).chi_tiet” không có dòng nào.")
                }
                var lines: [ComputedLine] = []
                var costTotal: Int64 = 0
                for (l, line) in unitCost.lines.enumerated() {
                    let linePath = "\(costPath).chi_tiet[\(l + 1)]"
                    if line.unitCost != nil {
                        throw DomainDataError(message: "Trường “\(linePath).dinh_muc”: dòng chi tiết của định mức phải có đơn giá riêng (“don_gia”), không dùng định mức khác.")
                    }
                    if line.year != nil {
                        throw DomainDataError(message: "Trường “\(linePath).nam”: dòng chi tiết của định mức không tính theo năm; ghi năm ở dòng dùng định mức.")
                    }
                    let computed = try Self.compute(line, at: linePath, unitCosts: [:])
                    costTotal = try Self.add(costTotal, computed.amount, at: "\(costPath).chi_tiet")
                    lines.append(computed)
                }
                try Self.check(stated: unitCost.statedTotal, computed: costTotal, at: "\(costPath).tong_cong")
                unitCostTotals[unitCost.key] = costTotal
                computedUnitCosts.append(ComputedUnitCost(unitCost: unitCost, lines: lines, total: costTotal))
            }

            if !section.unitCosts.isEmpty && section.linesHeading == nil {
                throw DomainDataError(message: "Thiếu trường “tieu_de_dong” ở “\(sectionPath)”: phần có định mức cần tiêu đề cho các dòng tính tiền (ví dụ: Tổng kinh phí tổ chức các lớp tập huấn).")
            }
            guard !section.lines.isEmpty else { throw DomainDataError(message: "Trường “\(sectionPath).dong” không có dòng nào.") }
            var lines: [ComputedLine] = []
            var sectionTotal: Int64 = 0
            var sectionYears: [Int: Int64] = [:]
            for (l, line) in section.lines.enumerated() {
                let linePath = "\(sectionPath).dong[\(l + 1)]"
                let computed = try Self.compute(line, at: linePath, unitCosts: unitCostTotals)
                sectionTotal = try Self.add(sectionTotal, computed.amount, at: "\(sectionPath).dong")
                if let year = line.year {
                    guard (1900...2200).contains(year) else {
                        throw DomainDataError(message: "Trường “\(linePath).nam” phải là một năm, ví dụ 2025 (đang ghi \(year)).")
                    }
                    sectionYears[year] = try Self.add(sectionYears[year] ?? 0, computed.amount, at: "\(sectionPath).dong")
                    linesWithYear.append(linePath)
                } else {
                    linesWithoutYear.append(linePath)
                }
                lines.append(computed)
            }
            try Self.check(stated: section.statedTotal, computed: sectionTotal, at: "\(sectionPath).tong_cong")
            total = try Self.add(total, sectionTotal, at: "\(path).phan")
            for (year, amount) in sectionYears { yearTotals[year] = try Self.add(yearTotals[year] ?? 0, amount, at: "\(path).phan") }
            computedSections.append(ComputedSection(
                section: section, unitCosts: computedUnitCosts, lines: lines, total: sectionTotal,
                yearTotals: sectionYears.sorted { $0.key < $1.key }.map { YearAmount(year: $0.key, amount: $0.value) }))
        }

        // The per-year split must add up to the total, so either every counted line has its year or none has.
        if let first = linesWithYear.first, let missing = linesWithoutYear.first {
            throw DomainDataError(message: "Trường “\(missing).nam” bị thiếu: dòng “\(first)” đã ghi năm, nên mọi dòng tính vào tổng đều phải ghi năm để tổng theo năm khớp với tổng cộng.")
        }
        try Self.check(stated: statedTotal, computed: total, at: "\(path).tong_cong")
        for (key, stated) in statedYearTotals.sorted(by: { $0.key < $1.key }) {
            let keyPath = "\(path).tong_theo_nam.\(key)"
            guard let year = Int(key) else {
                throw DomainDataError(message: "Trường “\(keyPath)”: “\(key)” không phải là một năm.")
            }
            guard let computed = yearTotals[year] else {
                throw DomainDataError(message: "Trường “\(keyPath)” ghi \(VietnameseNumberFormat.grouped(stated)) đồng nhưng không có dòng nào của năm \(year).")
            }
            try Self.check(stated: stated, computed: computed, at: keyPath)
        }
        return ComputedBudget(
            sections: computedSections, total: total,
            yearTotals: yearTotals.sorted { $0.key < $1.key }.map { YearAmount(year: $0.key, amount: $0.value) },
            totalInWords: VietnameseNumberWords.amount(total, thousand: thousandWord))
    }

    /// quantity × unit price × multiplier, exactly: the decimals are scaled to whole units, multiplied in 64-bit
    /// integers with overflow checks and divided back only when that leaves no fraction of a đồng.
    static func compute(_ line: BudgetLine, at path: String, unitCosts: [String: Int64]) throws(DomainDataError) -> ComputedLine {
        try BudgetText.requireText(line.content, at: "\(path).noi_dung")
        guard !line.quantity.isNegative else { throw DomainDataError(message: "Trường “\(path).so_luong” phải là số không âm.") }
        if let multiplier = line.multiplier, multiplier.isNegative {
            throw DomainDataError(message: "Trường “\(path).he_so” phải là số không âm.")
        }
        let unitPrice: Int64
        switch (line.unitPrice, line.unitCost) {
        case (let price?, nil):
            guard price >= 0 else { throw DomainDataError(message: "Trường “\(path).don_gia” phải là số không âm.") }
            unitPrice = price
        case (nil, let key?):
            guard let cost = unitCosts[key] else {
                throw DomainDataError(message: "Trường “\(path).dinh_muc”: không có định mức mã “\(key)” trong phần này hoặc các phần trước.")
            }
            unitPrice = cost
        case (nil, nil):
            throw DomainDataError(message: "Thiếu trường “don_gia” (đơn giá, đồng) hoặc “dinh_muc” (mã định mức) ở “\(path)”.")
        case (_?, _?):
            throw DomainDataError(message: "Trường “\(path)” ghi cả “don_gia” lẫn “dinh_muc”: chỉ ghi một trong hai.")
        }
        let multiplier = line.multiplier ?? ExactDecimal(1)
        let (partial, overflow1) = line.quantity.units.multipliedReportingOverflow(by: multiplier.units)
        let (scaled, overflow2) = partial.multipliedReportingOverflow(by: unitPrice)
        guard !overflow1, !overflow2 else {
            throw DomainDataError(message: "Trường “\(path)”: thành tiền quá lớn để tính (\(line.quantity) × \(VietnameseNumberFormat.grouped(unitPrice)) × \(multiplier)).")
        }
        let divisor = ExactDecimal.powerOfTen(line.quantity.scale + multiplier.scale)
        guard scaled % divisor == 0 else {
            let exact = ExactDecimal.formatted(units: scaled, scale: line.quantity.scale + multiplier.scale)
            throw DomainDataError(message: "Trường “\(path)”: thành tiền \(line.quantity) × \(VietnameseNumberFormat.grouped(unitPrice))\(line.multiplier.map { " × \($0)" } ?? "") = \(exact) đồng không tròn đồng; hãy sửa số lượng, hệ số hoặc đơn giá.")
        }
        let amount = scaled / divisor
        try check(stated: line.statedAmount, computed: amount, at: "\(path).thanh_tien")
        return ComputedLine(line: line, unitPrice: unitPrice, amount: amount)
    }

    /// A stated figure must be the computed one: this is where a clerk's arithmetic slip shows.
    static func check(stated: Int64?, computed: Int64, at path: String) throws(DomainDataError) {
        guard let stated, stated != computed else { return }
        throw DomainDataError(message: "Trường “\(path)” ghi \(VietnameseNumberFormat.grouped(stated)) đồng nhưng tính ra \(VietnameseNumberFormat.grouped(computed)) đồng.")
    }

    static func add(_ a: Int64, _ b: Int64, at path: String) throws(DomainDataError) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw DomainDataError(message: "Trường “\(path)”: tổng quá lớn để tính.") }
        return sum
    }
}

/// Text checks shared by the estimate and the proposal.
enum BudgetText {
    static func requireText(_ text: String, at path: String) throws(DomainDataError) {
        guard text.isEmpty else { return }
        throw DomainDataError(message: "Trường “\(path)” đang trống.")
    }
}

