import Foundation
import OfficeZip
import Testing
@testable import Domain
@testable import Templating

@Suite("Importing member lists")
struct MemberImportTests {
    @Test("CSV from Excel: byte-order mark, semicolons, quoted fields with separators, quotes and line breaks, CRLF")
    func csvExcel() throws {
        let csv = "\u{FEFF}STT;Họ và tên;Giới tính;Chức vụ;Vai trò;Thôn;Đoàn viên;Điện thoại\r\n"
            + "1;Đào Xuân Đông;Nam;Trưởng thôn;Tổ trưởng;Bắc Nga;;0912 345 678\r\n"
            + "2;\"Đặng Thị \"\"Hằng\"\"\";Nữ;\"Bí thư; chi đoàn\";Tổ phó;Bắc Nga;x;\r\n"
            + "3;Đặng Văn Bội;nam;Trưởng thôn;tổ trưởng;Liên Hòa;;\r\n"
            + ";;;;;;;\r\n"
            + "4;\"Vi Thị\nÁnh\";NỮ;;;liên hòa;có;\r\n"
        let result = try MemberImport.read(fileName: "thanh-vien.csv", bytes: Array(csv.utf8))
        #expect(result.problems.isEmpty)
        #expect(result.teams.map(\.village.name) == ["Bắc Nga", "Liên Hòa"])
        let bacNga = result.teams[0].members
        #expect(bacNga[0] == Member(fullName: "Đào Xuân Đông", gender: .male, position: "Trưởng thôn", role: .leader, phone: "0912 345 678"))
        #expect(bacNga[1] == Member(fullName: "Đặng Thị \"Hằng\"", gender: .female, position: "Bí thư; chi đoàn", role: .deputy, youthUnion: true))
        let lienHoa = result.teams[1].members
        #expect(lienHoa.map(\.fullName) == ["Đặng Văn Bội", "Vi Thị\nÁnh"])
        #expect(lienHoa[1].gender == .female && lienHoa[1].youthUnion)
    }

    @Test("CSV with commas, no byte-order mark, headers without diacritics, and a default village")
    func csvPlain() throws {
        let csv = "ho ten,chuc vu,ghi chu\nHứa Văn Ngân,Trưởng thôn,Tổ trưởng\nChu Thị Chiêu,TB CTMT,Mới bổ sung\n"
        let result = try MemberImport.read(fileName: "NA-BO.CSV", bytes: Array(csv.utf8), defaultVillage: Village(name: "Nà Bó"))
        #expect(result.problems.isEmpty)
        #expect(result.teams.count == 1 && result.teams[0].village.name == "Nà Bó")
        #expect(result.teams[0].members.map(\.role) == [.leader, .member])
    }

    @Test("rows that cannot be read are reported one by one, in Vietnamese, with row and column; the rest are kept")
    func rowProblems() throws {
        let csv = "Họ tên,Giới tính,Vai trò,Thôn,Đoàn viên,Điện thoại\n"
            + "Đào Xuân Đông,Nan,Tổ trưởng,Bắc Nga,,\n"
            + ",Nữ,,Bắc Nga,,\n"
            + "Đặng Thị Hằng,Nữ,Trưởng nhóm,Bắc Nga,hình như,12345\n"
            + "Nông Thị Hợi,Nữ,,,,\n"
        let result = try MemberImport.read(fileName: "a.csv", bytes: Array(csv.utf8))
        #expect(result.problems.map(\.description) == [
            "Dòng 2, cột “Giới tính”: “Nan” không phải Nam hoặc Nữ.",
            "Dòng 3, cột “Họ tên”: chưa có họ tên; dòng này bị bỏ qua.",
            "Dòng 4, cột “Vai trò”: “Trưởng nhóm” không phải Tổ trưởng, Tổ phó hoặc Tổ viên.",
            "Dòng 4, cột “Đoàn viên”: “hình như” không rõ có hay không; ghi “x” hoặc “có” khi đúng, để trống khi không.",
            "Dòng 4, cột “Điện thoại”: số điện thoại “12345” không hợp lệ (cần 10 chữ số, bắt đầu bằng 0).",
            "Dòng 5, cột “Thôn”: chưa ghi thôn; dòng này bị bỏ qua.",
        ])
        #expect(result.teams.count == 1 && result.teams[0].members.map(\.fullName) == ["Đào Xuân Đông", "Đặng Thị Hằng"])
    }

    @Test("files that cannot be read at all say why", arguments: [
        ("a.csv", [0x48, 0xE4, 0x20, 0x4E, 0x0A] as [UInt8], "Tệp CSV không phải UTF-8"),
        ("a.csv", Array("Tên đơn vị,Số lượng\nA,1\n".utf8), "phải là dòng tiêu đề có cột “Họ tên”"),
        ("a.csv", Array("Họ tên\nA\n".utf8), "Danh sách không có cột “Thôn”"),
        ("a.csv", Array("Họ tên,Thôn\n\"A,B\n".utf8), "mở dấu ngoặc kép mà không đóng"),
        ("a.xls", [0xD0, 0xCF, 0x11, 0xE0] as [UInt8], "Tệp .xls (Excel 97–2003) chưa đọc được"),
        ("a.pdf", [0x25, 0x50] as [UInt8], "Chỉ nhận tệp .xlsx hoặc .csv"),
        ("a.xlsx", Array("not a zip".utf8), "Tệp Excel hỏng hoặc không phải .xlsx"),
    ])
    func unreadable(name: String, bytes: [UInt8], message: String) {
        #expect {
            try MemberImport.read(fileName: name, bytes: bytes)
        } throws: { error in
            (error as? ImportError)?.message.contains(message) == true
        }
    }

    /// A workbook as Excel writes one: shared strings (one with rich-text runs and a phonetic guide), an inline
    /// string, a number that lost its leading zero, a boolean, an empty column skipped by cell references, and the
    /// sheet reached through the workbook's relationships.
    static func workbook(sheetXML: String, sharedStrings: [String]) -> [UInt8] {
        var writer = ZipWriter()
        let workbook = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId7"/></sheets></workbook>
            """
        let rels = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/danhsach.xml"/></Relationships>
            """
        let strings = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
            + sharedStrings.joined() + "</sst>"
        writer.addDeflated(name: "xl/workbook.xml", bytes: Array(workbook.utf8))
        writer.addDeflated(name: "xl/_rels/workbook.xml.rels", bytes: Array(rels.utf8))
        writer.addDeflated(name: "xl/sharedStrings.xml", bytes: Array(strings.utf8))
        writer.addDeflated(name: "xl/worksheets/danhsach.xml", bytes: Array(sheetXML.utf8))
        return writer.finish()
    }

    @Test("XLSX: shared and inline strings, rich text, numbers, booleans and skipped cells")
    func xlsx() throws {
        let shared = [
            "<si><t>Họ tên</t></si>", "<si><t>Vai trò</t></si>", "<si><t>Thôn</t></si>", "<si><t>Điện thoại</t></si>",
            "<si><t>Đoàn viên</t></si>",
            "<si><r><rPr><b/></rPr><t>Đào </t></r><r><t xml:space=\"preserve\">Xuân Đông</t></r><rPh sb=\"0\" eb=\"1\"><t>ダオ</t></rPh></si>",
            "<si><t>Tổ trưởng</t></si>", "<si><t>Bắc Nga</t></si>", "<si><t>Đặng Thị Hằng &amp; con</t></si>",
        ]
        let sheet = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            <row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>2</v></c><c r="E2" t="s"><v>3</v></c><c r="F2" t="s"><v>4</v></c></row>
            <row r="3"><c r="A3" t="s"><v>5</v></c><c r="B3" t="s"><v>6</v></c><c r="C3" t="s"><v>7</v></c><c r="E3"><v>912345678</v></c><c r="F3" t="b"><v>0</v></c></row>
            <row r="4"><c r="A4" t="inlineStr"><is><t>Nông Thị Hợi</t></is></c><c r="C4" t="s"><v>7</v></c><c r="F4" t="str"><v>x</v></c></row>
            <row r="6"><c r="A6" t="s"><v>8</v></c><c r="C6" t="s"><v>7</v></c><c r="E6"><v>1.5</v></c></row>
            </sheetData></worksheet>
            """
        let result = try MemberImport.read(fileName: "Danh sach.XLSX", bytes: Self.workbook(sheetXML: sheet, sharedStrings: shared))
        #expect(result.teams.count == 1)
        let members = result.teams[0].members
        #expect(members.map(\.fullName) == ["Đào Xuân Đông", "Nông Thị Hợi", "Đặng Thị Hằng & con"])
        #expect(members[0].role == .leader && members[0].phone == "0912345678" && !members[0].youthUnion)
        #expect(members[1].youthUnion)
        #expect(result.problems.map(\.description) == ["Dòng 6, cột “Điện thoại”: số điện thoại “1.5” không hợp lệ (cần 10 chữ số, bắt đầu bằng 0)."])
    }

    @Test("XLSX with a document type declaration is refused before parsing")
    func xlsxDoctype() {
        let sheet = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><worksheet/>"
        #expect(throws: ImportError.self) {
            try MemberImport.read(fileName: "a.xlsx", bytes: Self.workbook(sheetXML: sheet, sharedStrings: []))
        }
    }

    @Test("column letters", arguments: [("A1", 0), ("C12", 2), ("Z3", 25), ("AA7", 26), ("AB1", 27)])
    func columns(reference: String, index: Int) {
        #expect(XLSXTable.columnIndex(reference) == index)
    }
}
