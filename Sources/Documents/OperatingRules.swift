import Domain
import Foundation
import Templating
import VietnameseText

/// Operating rules (Quy chế) as a legal text: chapters of articles of clauses. Numbers are not in the data: chapters
/// are numbered I, II, III…, articles run on from 1 across chapters, clauses restart at 1 in each article and points
/// are lettered a), b), c), d), đ)… as Vietnamese legal texts letter them.
public struct OperatingRules: Sendable, Decodable, Equatable {
    public var chapters: [Chapter]

    enum CodingKeys: String, CodingKey { case chapters = "chuong" }

    public init(chapters: [Chapter]) {
        self.chapters = chapters
    }

    /// A chapter (Chương): its title and articles.
    public struct Chapter: Sendable, Decodable, Equatable {
        /// Title as the data writes it; the template prints it in capitals (`NHỮNG QUY ĐỊNH CHUNG`).
        public var title: String
        public var articles: [Article]

        enum CodingKeys: String, CodingKey { case title = "tieu_de", articles = "dieu" }

        public init(title: String, articles: [Article]) {
            self.title = UnicodeNormalization.cleaned(title)
            self.articles = articles
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(title: try c.decodeIfPresent(String.self, forKey: .title) ?? "",
                      articles: try c.decodeIfPresent([Article].self, forKey: .articles) ?? [])
        }
    }

    /// An article (Điều): its title, then unnumbered paragraphs (`doan`) if any, then numbered clauses (`khoan`).
    public struct Article: Sendable, Decodable, Equatable {
        public var title: String
        /// Paragraphs without a number, printed before the clauses.
        public var paragraphs: [String]
        public var clauses: [Clause]

        enum CodingKeys: String, CodingKey { case title = "tieu_de", paragraphs = "doan", clauses = "khoan" }

        public init(title: String, paragraphs: [String] = [], clauses: [Clause] = []) {
            self.title = UnicodeNormalization.cleaned(title)
            self.paragraphs = paragraphs.map(UnicodeNormalization.cleaned)
            self.clauses = clauses
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(title: try c.decodeIfPresent(String.self, forKey: .title) ?? "",
                      paragraphs: try c.decodeIfPresent([String].self, forKey: .paragraphs) ?? [],
                      clauses: try c.decodeIfPresent([Clause].self, forKey: .clauses) ?? [])
        }
    }

    /// A clause (Khoản): a text, or `{"noi_dung": …, "diem": […]}` when it has lettered points (Điểm).
    public struct Clause: Sendable, Decodable, Equatable {
        public var text: String
        public var points: [String]

        enum CodingKeys: String, CodingKey { case text = "noi_dung", points = "diem" }

        public init(text: String, points: [String] = []) {
            self.text = UnicodeNormalization.cleaned(text)
            self.points = points.map(UnicodeNormalization.cleaned)
        }

        public init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                self.init(text: text)
                return
            }
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(text: try c.decodeIfPresent(String.self, forKey: .text) ?? "",
                      points: try c.decodeIfPresent([String].self, forKey: .points) ?? [])
        }
    }

    /// How many articles the rules have; the last article's number.
    public var articleCount: Int { chapters.reduce(0) { $0 + $1.articles.count } }

    /// Checks that nothing a reader would see as a hole is empty, naming the field with `path` (`quy_che`) in front
    /// and the article by its computed number.
    public func validate(path: String) throws(DomainDataError) {
        guard !chapters.isEmpty else { throw DomainDataError(message: "Trường “\(path).chuong” không có chương nào.") }
        var number = 0
        for (c, chapter) in chapters.enumerated() {
            let chapterPath = "\(path).chuong[\(c + 1)]"
            let chapterName = "Chương \(LegalNumbering.roman(c + 1))"
            guard !chapter.title.isEmpty else {
                throw DomainDataError(message: "Trường “\(chapterPath).tieu_de” (\(chapterName)) không được để trống.")
            }
            guard !chapter.articles.isEmpty else {
                throw DomainDataError(message: "Trường “\(chapterPath).dieu” (\(chapterName)) không có điều nào.")
            }
            for (a, article) in chapter.articles.enumerated() {
                number += 1
                let articlePath = "\(chapterPath).dieu[\(a + 1)]"
                guard !article.title.isEmpty else {
                    throw DomainDataError(message: "Trường “\(articlePath).tieu_de” (Điều \(number)) không được để trống.")
                }
                guard !article.paragraphs.isEmpty || !article.clauses.isEmpty else {
                    throw DomainDataError(message: "Điều \(number) (“\(articlePath)”) không có nội dung: ghi “khoan” (các khoản đánh số) hoặc “doan” (các đoạn không đánh số).")
                }
                if let empty = article.paragraphs.firstIndex(where: \.isEmpty) {
                    throw DomainDataError(message: "Trường “\(articlePath).doan[\(empty + 1)]” (Điều \(number)) không được để trống.")
                }
                for (k, clause) in article.clauses.enumerated() {
                    let clausePath = "\(articlePath).khoan[\(k + 1)]"
                    guard !clause.text.isEmpty else {
                        throw DomainDataError(message: "Trường “\(clausePath)” (khoản \(k + 1) Điều \(number)) không được để trống.")
                    }
                    if clause.points.count > LegalNumbering.pointLetters.count {
                        throw DomainDataError(message: "Trường “\(clausePath).diem” (khoản \(k + 1) Điều \(number)) có \(clause.points.count) điểm, nhiều hơn \(LegalNumbering.pointLetters.count) chữ cái đánh điểm.")
                    }
                    if let empty = clause.points.firstIndex(where: \.isEmpty) {
                        throw DomainDataError(message: "Trường “\(clausePath).diem[\(empty + 1)]” (khoản \(k + 1) Điều \(number)) không được để trống.")
                    }
                }
            }
        }
    }

    /// The rules as template values, with every number computed (templates/FIELDS.md, `chuong`).
    public var templateChapters: TemplateValue {
        var number = 0
        var chapterValues: [TemplateValue] = []
        for (c, chapter) in chapters.enumerated() {
            var articleValues: [TemplateValue] = []
            for article in chapter.articles {
                number += 1
                var clauseValues: [TemplateValue] = []
                for (k, clause) in article.clauses.enumerated() {
                    let points: [TemplateValue] = clause.points.enumerated().map { p, point in
                        .object(["chu": .string(LegalNumbering.pointLetters[p]), "noi_dung": .string(point)])
                    }
                    clauseValues.append(.object(["so": .int(Int64(k + 1)), "noi_dung": .string(clause.text), "diem": .list(points)]))
                }
                articleValues.append(.object([
                    "so": .int(Int64(number)),
                    "tieu_de": .string(article.title),
                    "doan": .list(article.paragraphs.map(TemplateValue.string)),
                    "khoan": .list(clauseValues),
                ]))
            }
            chapterValues.append(.object([
                "so": .int(Int64(c + 1)),
                "so_la_ma": .string(LegalNumbering.roman(c + 1)),
                "tieu_de": .string(chapter.title),
                "dieu": .list(articleValues),
            ]))
        }
        return .list(chapterValues)
    }
}

/// The data file of the decision issuing a steering committee's operating rules (samples/yen-hoa-quy-che.json).
public struct OperatingRulesDecisionData: Sendable, Decodable, Equatable {
    public var commune: Commune
    public var issuance: Issuance
    public var rules: OperatingRules
    /// The signer's own post, printed under the committee title in the signature block (`TRƯỞNG BAN` /
    /// `CHỦ TỊCH UBND XÃ`); when the data file names no signer, the commune's chairman signs as Trưởng ban and this
    /// defaults to `Chủ tịch UBND <loai xã>`.
    public var signerOwnPost: String?

    enum CodingKeys: String, CodingKey {
        case commune = "xa", issuance = "van_ban", rules = "quy_che", signerOwnPost = "chuc_vu_kiem_nhiem"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        commune = try c.decode(Commune.self, forKey: .commune)
        issuance = try c.decode(Issuance.self, forKey: .issuance)
        rules = try c.decode(OperatingRules.self, forKey: .rules)
        let post = try c.decodeIfPresent(String.self, forKey: .signerOwnPost).map(UnicodeNormalization.cleaned)
        if issuance.signer == nil {
            // The head of a commune's steering committee is its chairman (seed 003: Trưởng ban, Chủ tịch UBND xã).
            issuance.signer = Signer(name: commune.chairman, title: "Trưởng ban")
            signerOwnPost = post ?? "Chủ tịch UBND \(commune.kind)"
        } else {
            signerOwnPost = post?.isEmpty == false ? post : nil
        }
    }

    /// Decodes and validates a data file.
    public static func decode(json: Data) throws(DomainDataError) -> OperatingRulesDecisionData {
        let data = try decodeDomain(OperatingRulesDecisionData.self, from: json)
        try data.rules.validate(path: CodingKeys.rules.rawValue)
        return data
    }
}

/// Template 5: the decision of the steering committee's head issuing its operating rules, with the rules attached
/// after the signature (the Yên Hòa Quy chế of seed 003).
public struct OperatingRulesDecision: DocumentKind {
    public let id = "quyet-dinh-quy-che"
    public let title = "Quyết định ban hành Quy chế hoạt động của Ban Chỉ đạo chuyển đổi số xã, kèm Quy chế"
    public let typeCode = "QĐ"
    public let typeName = "Quyết định"
    public let sample = "samples/yen-hoa-quy-che.json"
    public let fieldDescriptions = [
        "de_nghi": "Cơ quan đề nghị (`Xét đề nghị của …`, như tài liệu 003); không có thì bỏ cả dòng.",
        "chuc_vu_kiem_nhiem": "Chức vụ của người ký ở dòng dưới chức danh (`TRƯỞNG BAN` / `CHỦ TỊCH UBND XÃ`); mặc định `Chủ tịch UBND xã` khi dữ liệu không ghi người ký.",
        "chuong": "Các chương của Quy chế, đánh số La Mã theo thứ tự.",
        "chuong.so": "Số thứ tự của chương (1, 2, …).",
        "chuong.so_la_ma": "Số chương bằng chữ số La Mã (`I`, `II`, …), do chương trình đánh.",
        "chuong.tieu_de": "Tên chương; mẫu in hoa.",
        "chuong.dieu": "Các điều của chương.",
        "chuong.dieu.so": "Số điều, đánh liên tục qua các chương (Điều 1 đến Điều cuối), do chương trình đánh.",
        "chuong.dieu.tieu_de": "Tên điều (`Phạm vi, đối tượng áp dụng`).",
        "chuong.dieu.doan": "Các đoạn không đánh số, in trước các khoản.",
        "chuong.dieu.khoan": "Các khoản của điều, đánh số lại từ 1 trong mỗi điều.",
        "chuong.dieu.khoan.so": "Số khoản.",
        "chuong.dieu.khoan.noi_dung": "Nội dung khoản.",
        "chuong.dieu.khoan.diem": "Các điểm của khoản, đánh chữ a), b), c), d), đ), e)…",
        "chuong.dieu.khoan.diem.chu": "Chữ của điểm (`a`, `đ`).",
        "chuong.dieu.khoan.diem.noi_dung": "Nội dung điểm.",
        "so_chuong": "Số chương của Quy chế.",
        "so_dieu": "Số điều của Quy chế.",
    ]

    public init() {}

    public func documents(from json: Data, context: DocumentContext) throws(DomainDataError) -> [DocumentValues] {
        let data = try OperatingRulesDecisionData.decode(json: json)
        let header = DocumentHeader(commune: data.commune, issuance: data.issuance)
        var fields = header.fields
        fields["chuong"] = data.rules.templateChapters
        fields["so_chuong"] = .int(Int64(data.rules.chapters.count))
        fields["so_dieu"] = .int(Int64(data.rules.articleCount))
        if let post = data.signerOwnPost { fields["chuc_vu_kiem_nhiem"] = .string(post) }
        let name = CommonFields.documentName(id, commune: data.commune)
        return [DocumentValues(name: name, values: .object(fields), header: header)]
    }
}
