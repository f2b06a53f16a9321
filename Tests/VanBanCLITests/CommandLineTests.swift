import Foundation
import OfficeZip
import Testing

/// Runs the built `vanban` binary as a user would and checks what it prints and writes.
@Suite("vanban command line")
struct CommandLineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("vanban")
    static let template = root.appendingPathComponent("templates/quyet-dinh-thanh-lap-cac-to.docx").path
    static let sample = root.appendingPathComponent("samples/gia-cat.json").path

    struct Result {
        let status: Int32
        let stdout: [UInt8]
        let stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    static func run(_ arguments: [String], stdin: [UInt8]? = nil, environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.currentDirectoryURL = root
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin)) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: [UInt8](stdoutData), stderr: String(decoding: stderrData, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("render writes the document and says where")
    func renderToFile() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("qd.docx").path
        let result = try Self.run(["render", "--template", Self.template, "--data", Self.sample, "--out", out])
        #expect(result.status == 0)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: out)[.size] as? Int)
        #expect(result.stderr == "Đã tạo \(out) (\(size) byte).\n")
        let archive = try ZipArchive(bytes: [UInt8](Data(contentsOf: URL(fileURLWithPath: out))))
        let document = String(decoding: try archive.contents(of: try #require(archive.entry(named: "word/document.xml"))), as: UTF8.self)
        #expect(document.contains("Hoàng Văn Páo"))
    }

    @Test("render reads data from standard input and writes the document to standard output")
    func renderThroughPipes() throws {
        let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.sample)))
        let result = try Self.run(["render", "-t", Self.template, "-d", "-", "-o", "-"], stdin: data)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let archive = try ZipArchive(bytes: result.stdout)
        #expect(archive.entry(named: "word/document.xml") != nil)
    }

    @Test("a missing field fails with its path; --lenient renders it empty")
    func strictAndLenient() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("thieu.json")
        try Data(#"{"ten_xa": "Gia Cát", "thanh_vien": []}"#.utf8).write(to: data)
        let out = dir.appendingPathComponent("qd.docx").path
        let strict = try Self.run(["render", "-t", Self.template, "-d", data.path, "-o", out])
        #expect(strict.status == 1)
        #expect(strict.stderr == "word/document.xml, bảng 1, hàng 1, ô 1: thiếu dữ liệu cho trường “co_quan_chu_quan” (thẻ {{co_quan_chu_quan | upper}}).\n")
        #expect(!FileManager.default.fileExists(atPath: out))
        let lenient = try Self.run(["render", "-t", Self.template, "-d", data.path, "-o", out, "--lenient"])
        #expect(lenient.status == 0)
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test("render refuses an output extension that differs from the template's format")
    func wrongExtension() throws {
        let result = try Self.run(["render", "-t", Self.template, "-d", Self.sample, "-o", "/tmp/x.odt"])
        #expect(result.status == 2)
        #expect(result.stderr == "Mẫu là tệp .docx nên văn bản tạo ra cũng là .docx; hãy đổi đuôi của “/tmp/x.odt”.\n")
    }

    @Test("bad JSON data is reported with the file name")
    func badJSON() throws {
        let result = try Self.run(["render", "-t", Self.template, "-d", "-", "-o", "-"], stdin: Array("{\"a\": ".utf8))
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("-: Dữ liệu JSON không hợp lệ:"))
    }

    @Test("validate accepts the Gia Cát teams under the Lạng Sơn policy and prints the chat-group name")
    func validateSample() throws {
        let result = try Self.run(["validate", "samples/gia-cat-to.json"])
        #expect(result.status == 0)
        #expect(result.text == """
            Xã Gia Cát: 6 tổ, 24 thành viên; chính sách Lạng Sơn.
            Tên nhóm chung của xã: KTS_GiaCat_CaoLoc_Viettel
            Hợp lệ: không có lỗi nào.

            """)
    }

    @Test("validate lists every violation and exits 1 when there are errors")
    func validateViolations() throws {
        let data = """
            {"xa": {"ten": "Gia Cát", "huyen": "Cao Lộc", "tinh": "Lạng Sơn", "chu_tich": "Đặng Đức Sơn", "chinh_sach": "ninh-thuan"},
             "to": [{"thon": {"ten": "Nà Bó"}, "thanh_vien": [{"ho_ten": "Hứa Văn Ngân", "chuc_vu": "Trưởng thôn", "vai_tro": "to_truong",
                     "doan_vien": true, "hoi_phu_nu": true}, {"ho_ten": "Chu Thị Chiêu", "dien_thoai": "12345"}]}]}
            """
        let result = try Self.run(["validate", "-"], stdin: Array(data.utf8))
        #expect(result.status == 1)
        #expect(result.text == """
            Xã Gia Cát: 1 tổ, 2 thành viên; chính sách Ninh Thuận.
            - Lỗi: Tổ thôn Nà Bó, dòng 2: số điện thoại “12345” của Chu Thị Chiêu không hợp lệ (cần 10 chữ số, bắt đầu bằng 0, hoặc +84).
            - Lỗi: Tổ thôn Nà Bó có 2 thành viên, ít hơn mức tối thiểu 3 người (chính sách Ninh Thuận).
            Tên nhóm của Tổ thôn Nà Bó: CNCĐ_NaBo_GiaCat_CaoLoc
            2 lỗi, 0 lưu ý.

            """)
    }

    @Test("validate names the missing field and the unknown policy", arguments: [
        (#"{"xa": {"ten": "A", "tinh": "B", "chu_tich": "C", "chinh_sach": "lang-son"}, "to": [{"thon": {"ten": "X"}, "thanh_vien": [{"chuc_vu": "Trưởng thôn"}]}]}"#,
         "-: Thiếu trường “ho_ten” ở “to[1].thanh_vien[1]”."),
        (#"{"xa": {"ten": "A", "tinh": "B", "chu_tich": "C", "chinh_sach": "ha-noi"}, "to": []}"#,
         "Không có chính sách “ha-noi” trong policies/ (có: dong-thap, lam-dong, lang-son, ninh-thuan, soc-trang, trung-uong)."),
    ])
    func validateBadInput(data: String, message: String) throws {
        let result = try Self.run(["validate", "-"], stdin: Array(data.utf8))
        #expect(result.status == 1)
        #expect(result.stderr == message + "\n")
    }

    @Test("import-members prints the teams as JSON and the problem rows on standard error, exit 1")
    func importMembers() throws {
        let folder = try Self.temporaryDirectory()
        let csv = folder.appendingPathComponent("na-bo.csv")
        try Data("Họ tên;Vai trò;Giới tính\nHứa Văn Ngân;Tổ trưởng;Nam\nChu Thị Chiêu;;Nữa\n".utf8).write(to: csv)
        let result = try Self.run(["import-members", csv.path, "--village", "Nà Bó"])
        #expect(result.status == 1)
        #expect(result.stderr == "\(csv.path): 2 thành viên, 1 tổ; 1 dòng có vấn đề:\n- Dòng 3, cột “Giới tính”: “Nữa” không phải Nam hoặc Nữ.\n")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any]
        let teams = try #require(json?["to"] as? [[String: Any]])
        #expect((teams.first?["thon"] as? [String: Any])?["ten"] as? String == "Nà Bó")
        #expect((teams.first?["thanh_vien"] as? [[String: Any]])?.compactMap { $0["ho_ten"] as? String } == ["Hứa Văn Ngân", "Chu Thị Chiêu"])
    }

    @Test("check accepts the sample templates")
    func checkValid() throws {
        let result = try Self.run(["check", Self.template])
        #expect(result.status == 0)
        #expect(result.text == "\(Self.template): mẫu hợp lệ (DOCX, 19 trường dữ liệu ở cấp ngoài cùng).\n")
    }

    @Test("check lists every problem and exits 1")
    func checkProblems() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var writer = ZipWriter()
        writer.addStored(name: "mimetype", bytes: Array("application/vnd.oasis.opendocument.text".utf8))
        writer.addDeflated(name: "content.xml", bytes: Array("""
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>{{#a}}{{b | nope}}</text:p></office:text></office:body></office:document-content>
            """.utf8))
        let path = dir.appendingPathComponent("loi.odt").path
        try Data(writer.finish()).write(to: URL(fileURLWithPath: path))
        let result = try Self.run(["check", path])
        #expect(result.status == 1)
        #expect(result.text == """
            content.xml, đoạn 1: Mục “{{#a}}” không có thẻ đóng {{/a}}. [unclosed-section]
                | {{#a}}{{b | nope}}
                | ^^^^^^
            content.xml, đoạn 1: Bộ định dạng không tồn tại: “nope”. Các bộ định dạng có: number, words, date, date_short, upper, lower, ascii, pad, default. [unknown-formatter]
                | {{#a}}{{b | nope}}
                |       ^^^^^^^^^^^^
            2 lỗi trong mẫu văn bản.

            """)
    }

    @Test("fields prints a JSON skeleton with every field the template uses")
    func fields() throws {
        let result = try Self.run(["fields", Self.template])
        #expect(result.status == 0)
        let skeleton = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any])
        #expect(Set(skeleton.keys) == ["co_quan_chu_quan", "loai_xa", "ten_xa", "so_van_ban", "dia_danh", "ngay_ban_hanh", "nam", "ten_to", "can_cu",
                                        "de_nghi", "noi_nhan", "tham_quyen_ky_dong", "chuc_vu_nguoi_ky", "nguoi_ky", "thanh_vien", "so_thanh_vien",
                                        "chu_ky", "con_dau", "thoi_gian_ky"])
        #expect(skeleton["chu_ky"] is NSNull && skeleton["con_dau"] is NSNull, "a picture field is null: no picture until filled")
        let members = try #require(skeleton["thanh_vien"] as? [[String: Any]])
        #expect(Set(members[0].keys) == ["ho_ten", "chuc_vu", "dia_chi", "phu_trach_thon", "ghi_chu"])
        #expect(skeleton["ngay_ban_hanh"] as? String == "2025-01-05")
        #expect(skeleton["can_cu"] as? [String] == [""])
        #expect(skeleton["noi_nhan"] as? [String] == [""])
    }

    @Test("a missing template file gets a clear message")
    func missingFile() throws {
        let result = try Self.run(["check", "/khong/co.docx"])
        #expect(result.status == 1)
        #expect(result.text == "Không tìm thấy tệp “/khong/co.docx”.\n")
    }

    @Test("bench render prints documents per second, latency and memory")
    func bench() throws {
        let result = try Self.run(["bench", "render", "-t", Self.template, "-d", Self.sample, "-c", "30", "--floor", "--json"])
        #expect(result.status == 0)
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Double])
        #expect(figures["docs"] == 30)
        #expect((figures["docs_per_s"] ?? 0) > 0)
        #expect((figures["peak_rss_mb"] ?? 0) > 0)
        #expect(figures["render_to_floor"] != nil)
    }
}
