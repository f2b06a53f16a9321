import TestSupport
import Foundation
import Testing
@testable import Templating

/// One feature rendered in both formats: the golden files pin the whole output, and LibreOffice proves it opens.
struct GoldenCase: CustomTestStringConvertible, Sendable {
    let name: String
    let docx: String
    let odt: String
    let data: TemplateValue
    /// Text the PDF of either format must contain (white space folded).
    let phrases: [String]
    var docxMedia: [String: [UInt8]] = [:]
    var odtPictures: [String: [UInt8]] = [:]
    var docxRelationships = ""

    var testDescription: String { name }

    func template(_ format: DocumentFormat) -> [UInt8] {
        switch format {
        case .docx: PackageBuilder.docx(body: docx, relationships: docxRelationships, media: docxMedia)
        case .odt: PackageBuilder.odt(body: odt, pictures: odtPictures)
        }
    }

    static func both(_ text: String) -> (String, String) { (Markup.p(text), Markup.op(text)) }

    static let all: [GoldenCase] = {
        let members: TemplateValue = ["thanh_vien": [
            ["ho_ten": "Đào Xuân Đông", "chuc_vu": "Trưởng thôn", "ghi_chu": "Tổ trưởng"],
            ["ho_ten": "Đặng Thị Hằng", "chuc_vu": "", "ghi_chu": ""],
            ["ho_ten": "Hứa Thị Chia & <Con>", "chuc_vu": "Phó trưởng thôn", "ghi_chu": ""],
        ]]
        func wordRow(_ cells: [String]) -> String { "<w:tr>" + cells.map { "<w:tc>\(Markup.p($0))</w:tc>" }.joined() + "</w:tr>" }
        func odfRow(_ cells: [String]) -> String { "<table:table-row>" + cells.map { "<table:table-cell>\(Markup.op($0))</table:table-cell>" }.joined() + "</table:table-row>" }
        let header = ["TT", "Họ tên", "Chức vụ", "Ghi chú"]
        let loop = ["{{#thanh_vien}}{{@number}}", "{{ho_ten}}", "{{chuc_vu}}", "{{ghi_chu}}{{/thanh_vien}}"]
        let values = both("Số: {{so}}/QĐ-UBND, {{dia_danh}}, {{ngay | date}}; tổ trưởng {{to_truong.ho_ten | upper}}; ghi chú: {{ghi_chu}}")
        let paragraphs = (
            Markup.p("Danh sách:") + Markup.p("{{#thanh_vien}}") + Markup.p("{{@number}}. {{ho_ten}}") + Markup.p("{{/thanh_vien}}") + Markup.p("Hết danh sách."),
            Markup.op("Danh sách:") + Markup.op("{{#thanh_vien}}") + Markup.op("{{@number}}. {{ho_ten}}") + Markup.op("{{/thanh_vien}}") + Markup.op("Hết danh sách."))
        let inline = both("Thành viên: {{#thanh_vien}}{{ho_ten}}{{^@last}}, {{/@last}}{{/thanh_vien}}.")
        let conditions = both("{{#khan}}KHẨN. {{/khan}}{{^thanh_vien}}Chưa có thành viên. {{/thanh_vien}}{{#mat}}MẬT{{/mat}}Hết.")
        let formatters = both("{{so_tien | number}} đồng ({{so_tien | words}}); {{ty_le | number}}; {{ngay | date_short}}; {{nhom | ascii}}; {{thang | pad 2}}; {{khong_co | default \"(trống)\"}}")
        let sample = PictureTests.signature
        return [
            GoldenCase(name: "values", docx: values.0, odt: values.1,
                       data: ["so": "05", "dia_danh": "Quảng Sơn", "ngay": "2025-01-05", "to_truong": ["ho_ten": "Nguyễn Văn Ánh"], "ghi_chu": "A & B <C>\nDòng hai\tcột"],
                       phrases: ["Số: 05/QĐ-UBND, Quảng Sơn, ngày 05 tháng 01 năm 2025; tổ trưởng NGUYỄN VĂN ÁNH; ghi chú: A & B <C>", "Dòng hai cột"]),
            GoldenCase(name: "row-loop",
                       docx: "<w:tbl><w:tblPr><w:tblBorders><w:insideH w:val=\"single\"/></w:tblBorders></w:tblPr><w:tblGrid><w:gridCol w:w=\"800\"/><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"2500\"/><w:gridCol w:w=\"1500\"/></w:tblGrid>"
                           + wordRow(header).replacingOccurrences(of: "<w:tr>", with: "<w:tr><w:trPr><w:tblHeader/></w:trPr>") + wordRow(loop) + "</w:tbl>",
                       odt: "<table:table><table:table-column table:number-columns-repeated=\"4\"/><table:table-header-rows>" + odfRow(header) + "</table:table-header-rows>" + odfRow(loop) + "</table:table>",
                       data: members, phrases: ["1 Đào Xuân Đông Trưởng thôn Tổ trưởng", "2 Đặng Thị Hằng", "3 Hứa Thị Chia & <Con> Phó trưởng thôn"]),
            GoldenCase(name: "paragraph-loop", docx: paragraphs.0, odt: paragraphs.1, data: members,
                       phrases: ["Danh sách: 1. Đào Xuân Đông 2. Đặng Thị Hằng 3. Hứa Thị Chia & <Con> Hết danh sách."]),
            GoldenCase(name: "inline-loop", docx: inline.0, odt: inline.1, data: members,
                       phrases: ["Thành viên: Đào Xuân Đông, Đặng Thị Hằng, Hứa Thị Chia & <Con>."]),
            GoldenCase(name: "conditions", docx: conditions.0, odt: conditions.1, data: ["khan": true, "thanh_vien": [], "mat": false],
                       phrases: ["KHẨN. Chưa có thành viên. Hết."]),
            GoldenCase(name: "formatters", docx: formatters.0, odt: formatters.1,
                       data: ["so_tien": 221_100_000, "ty_le": 0.5, "ngay": "2025-02-03", "nhom": "Tổ CNSCĐ Kiến Mộc", "thang": 5],
                       phrases: ["221.100.000 đồng (Hai trăm hai mươi mốt triệu một trăm nghìn đồng); 0,5; 03/02/2025; To CNSCD Kien Moc; 05; (trống)"]),
            GoldenCase(name: "split-tags",
                       docx: "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Xã {</w:t></w:r><w:proofErr w:type=\"spellStart\"/><w:r w:rsidR=\"00AB12CD\"><w:rPr><w:i/></w:rPr><w:t>{ten_</w:t></w:r><w:bookmarkStart w:id=\"0\" w:name=\"b\"/><w:r><w:t>xa}}</w:t></w:r><w:bookmarkEnd w:id=\"0\"/><w:r><w:t xml:space=\"preserve\"> đã lập tổ.</w:t></w:r></w:p>",
                       odt: "<text:p>Xã <text:span text:style-name=\"T1\">{{ten_</text:span>xa<text:s/>}} đã lập tổ.</text:p>",
                       data: ["ten_xa": "Gia Cát"], phrases: ["Xã Gia Cát đã lập tổ."]),
            GoldenCase(name: "picture", docx: PictureTests.wordPicture() + Markup.p("Đã ký."), odt: PictureTests.odfPicture() + Markup.op("Đã ký."),
                       data: ["chu_ky": .image(sample)], phrases: ["Đã ký."],
                       docxMedia: ["word/media/mau.png": PictureTests.placeholder], odtPictures: ["Pictures/mau.png": PictureTests.placeholder],
                       docxRelationships: PictureTests.wordRelationship),
        ]
    }()
}

@Suite("Golden outputs", .serialized)
struct GoldenTests {
    @Test("each feature's output matches its golden files, entry by entry", arguments: GoldenCase.all)
    func golden(_ testCase: GoldenCase) throws {
        for format in DocumentFormat.allCases {
            let template = testCase.template(format)
            let output: [UInt8] = try CompiledTemplate(bytes: template).render(testCase.data)
            try Golden.check(case: "\(testCase.name).\(format.rawValue)", template: template, output: output)
        }
    }

    @Test("every golden output opens in LibreOffice and shows its text",
          .enabled(if: LibreOffice.shouldRun, "LibreOffice or pdftotext is not installed (scripts/install-deps.sh installs them)"))
    func opens() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var files: [(URL, GoldenCase)] = []
        for testCase in GoldenCase.all {
            for format in DocumentFormat.allCases {
                let output: [UInt8] = try CompiledTemplate(bytes: testCase.template(format)).render(testCase.data)
                let url = work.appendingPathComponent("\(testCase.name)-\(format.rawValue).\(format.rawValue)")
                try Data(output).write(to: url)
                files.append((url, testCase))
            }
        }
        let texts = try LibreOffice.pdfTexts(of: files.map(\.0))
        for (url, testCase) in files {
            let text = (texts[url] ?? "").precomposedStringWithCanonicalMapping
            let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            for phrase in testCase.phrases {
                #expect(flat.contains(phrase), "\(url.lastPathComponent) should show “\(phrase)”, shows: \(flat)")
            }
            #expect(!flat.contains("{{"), "\(url.lastPathComponent) has a leftover tag")
        }
    }
}
