import Foundation
import Testing

/// `vanban init`, `docs` and `register` as a clerk, a chairman and a records clerk use them.
@Suite("vanban docs and register")
struct DocsCommandTests {
    func vanban(_ arguments: [String], database: String) throws -> CommandLineTests.Result {
        try CommandLineTests.run(arguments + ["--database", database])
    }

    @Test("a founding decision goes from draft to signed on the command line, with its history and register line")
    func wholeStory() throws {
        let dir = try CommandLineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("v.sqlite").path
        let initialised = try vanban(["init"], database: db)
        #expect(initialised.status == 0)
        #expect(initialised.text.contains("  chutich     Đặng Đức Sơn, Chủ tịch (Lãnh đạo phê duyệt)\n"))
        #expect(try vanban(["init"], database: db).text.hasPrefix("Kho \(db) đã có xã Gia Cát"))

        let created = try vanban(["docs", "create", "quyet-dinh-thanh-lap-cac-to", "--data", "samples/gia-cat-to.json",
                                  "--as", "canbo"], database: db)
        #expect(created.text == "Đã tạo văn bản số hiệu 1: Thành lập Tổ công nghệ cộng đồng phát triển kinh tế số xã Gia Cát (dự thảo, lần sửa 1).\n")
        #expect(try vanban(["docs", "act", "1", "submit", "--as", "canbo"], database: db).status == 0)

        let early = try vanban(["docs", "act", "1", "sign", "--as", "chutich"], database: db)
        #expect(early.status == 1)
        #expect(early.stderr == "Không thể “ký ban hành” văn bản đang ở trạng thái “Chờ xã xem xét”; lúc này chỉ có thể “trả lại”, “duyệt”, “thu hồi”.\n")
        let silentReturn = try vanban(["docs", "act", "1", "return", "--as", "chutich"], database: db)
        #expect(silentReturn.stderr == "Cần ghi ý kiến khi “trả lại” văn bản, để người soạn biết phải sửa gì.\n")
        #expect(try vanban(["docs", "act", "1", "return", "--as", "chutich", "--comment", "Bổ sung Tổ phó"], database: db).status == 0)
        #expect(try vanban(["docs", "edit", "1", "--data", "samples/gia-cat-to.json", "--as", "canbo", "--revision", "3"],
                           database: db).text == "Đã lưu bản dự thảo mới của văn bản 1 (lần sửa 4).\n")
        let stale = try vanban(["docs", "act", "1", "submit", "--as", "canbo", "--revision", "3"], database: db)
        #expect(stale.status == 1 && stale.stderr.hasPrefix("Văn bản đã được Nguyễn Thị Hoa thay đổi (sửa dự thảo) lúc "))
        for (action, user) in [("submit", "canbo"), ("approve", "phochutich")] {
            #expect(try vanban(["docs", "act", "1", action, "--as", user], database: db).status == 0)
        }
        let signed = try vanban(["docs", "act", "1", "sign", "--as", "chutich", "--key", "ky-1"], database: db)
        #expect(signed.text.hasPrefix("Đã ký ban hành văn bản 1: nay “Đã ký ban hành”; số 01/QĐ-UBND, ngày "))
        let retried = try vanban(["docs", "act", "1", "sign", "--as", "chutich", "--key", "ky-1"], database: db)
        #expect(retried.text.hasPrefix("Đã làm từ trước văn bản 1: nay “Đã ký ban hành”; số 01/QĐ-UBND"))
        // The signed version stays as it is: a new draft is refused, with the state named.
        let edited = try vanban(["docs", "edit", "1", "--data", "samples/gia-cat-to.json", "--as", "canbo"], database: db)
        #expect(edited.status == 1 && edited.stderr.contains("Đã ký ban hành"), "\(edited.stderr)")
        // It is corrected by a new document that names it.
        let replacement = try vanban(["docs", "create", "quyet-dinh-thanh-lap-cac-to", "--data", "samples/gia-cat-to.json",
                                      "--as", "canbo", "--replaces", "1"], database: db)
        #expect(replacement.text.hasSuffix("(dự thảo, lần sửa 1, thay thế văn bản 01/QĐ-UBND).\n"), "\(replacement.text) \(replacement.stderr)")

        let history = try vanban(["docs", "history", "1"], database: db).text.components(separatedBy: "\n")
        #expect(history.count == 10)
        #expect(history[3].contains("Đặng Đức Sơn (Lãnh đạo phê duyệt)  trả lại  Chờ xã xem xét → Dự thảo"))
        #expect(history[4] == "   Ý kiến: Bổ sung Tổ phó")
        #expect(history[8].contains("ký ban hành  Đã duyệt, chờ ký → Đã ký ban hành  sha256 "))

        let out = dir.appendingPathComponent("signed.odt").path
        let shown = try vanban(["docs", "show", "1", "--out", out], database: db)
        #expect(shown.text.hasPrefix("Đã ghi phiên bản 3 (bản ký ban hành) của văn bản 1 (ODT, sha256 "))
        #expect(FileManager.default.fileExists(atPath: out))

        let year = Calendar(identifier: .gregorian).component(.year, from: Date().addingTimeInterval(7 * 3600))
        let csv = try vanban(["register", "--year", String(year), "--csv"], database: db).text
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "\u{FEFF}\"Số, ký hiệu văn bản\",Ngày tháng văn bản,Tên loại và trích yếu nội dung,Người ký,Nơi nhận văn bản,\"Đơn vị, người nhận bản lưu\",Số lượng bản,Ngày chuyển,Ký nhận,Ghi chú")
        #expect(lines[1].hasPrefix("01/QĐ-UBND,"))
        #expect(lines[1].hasSuffix(",Quyết định Thành lập Tổ công nghệ cộng đồng phát triển kinh tế số xã Gia Cát,Đặng Đức Sơn,\"Như Điều 4; TT ĐU, TT HĐND xã; CT, PCT UBND xã; UB MTTQ, các Đoàn thể xã; Các cơ quan, đơn vị; Các thôn; Lưu: VT, VHXH\",\"VT, VHXH\",7,,,"))
        let list = try vanban(["docs", "list", "--state", "signed"], database: db).text
        #expect(list.contains("1   Đã ký ban hành                7    quyet-dinh-thanh-lap-cac-to   Thành lập Tổ"))
    }
}

@Suite("vanban users")
struct UsersCommandTests {
    @Test("add a user, set a password from standard input, list who can sign in; bad input is refused")
    func addAndPassword() throws {
        let dir = try CommandLineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = ["--database", dir.appendingPathComponent("v.sqlite").path]
        #expect(try CommandLineTests.run(["init"] + db).status == 0)
        let added = try CommandLineTests.run(["users", "add", "thuky", "--name", "Phạm Thu Hà", "--title", "Văn thư",
                                              "--roles", "archivist,clerk"] + db)
        #expect(added.status == 0 && added.text.contains("Đã thêm người dùng thuky."))
        let short = try CommandLineTests.run(["users", "password", "thuky"] + db, stdin: Array("ngan\n".utf8))
        #expect(short.status == 2 && short.stderr.contains("Mật khẩu cần ít nhất 8 ký tự."))
        let set = try CommandLineTests.run(["users", "password", "thuky"] + db, stdin: Array("mat-khau-dai\n".utf8))
        #expect(set.status == 0 && set.text.contains("Đã đặt mật khẩu cho thuky."))
        let list = try CommandLineTests.run(["users", "list"] + db).text
        #expect(list.contains("thuky        Phạm Thu Hà, Văn thư (Cán bộ soạn thảo, Văn thư); có mật khẩu"))
        #expect(list.contains("canbo") && list.contains("chưa có mật khẩu"))
        #expect(try CommandLineTests.run(["users", "add", "Thu Ky", "--name", "X", "--title", "Y", "--roles", "clerk"] + db).status == 2)
        #expect(try CommandLineTests.run(["users", "add", "thuky2", "--name", "X", "--title", "Y", "--roles", "boss"] + db).status == 2)
        #expect(try CommandLineTests.run(["users", "password", "khongco"] + db, stdin: Array("mat-khau-dai\n".utf8)).status == 1)
    }
}

@Suite("vanban communes")
struct CommunesCommandTests {
    @Test("a commune is added from the demo's profile edited, listed, shown; users then need --commune and keep theirs")
    func addListShow() throws {
        let dir = try CommandLineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = ["--database", dir.appendingPathComponent("v.sqlite").path]
        #expect(try CommandLineTests.run(["init"] + db).status == 0)
        let shown = try CommandLineTests.run(["communes", "show", "gia-cat"] + db)
        #expect(shown.status == 0 && shown.text.contains("\"ten\" : \"Gia Cát\"") && shown.text.contains("\"thon\""))
        let edited = shown.text.replacingOccurrences(of: "Gia Cát", with: "Quảng Sơn")
        let file = dir.appendingPathComponent("quang-son.json")
        try Data(edited.utf8).write(to: file)
        let saved = try CommandLineTests.run(["communes", "save", "quang-son", "--profile", file.path, "--numbering", "per-type"] + db)
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(saved.text.hasPrefix("Đã thêm xã Quảng Sơn (quang-son): 6 thôn, số văn bản dạng …/QĐ-UBND."))
        let list = try CommandLineTests.run(["communes", "list"] + db).text
        #expect(list.contains("gia-cat        xã Gia Cát: số …/QĐ-UBND (một dãy số), 6 thôn, 4 người dùng"))
        #expect(list.contains("quang-son      xã Quảng Sơn: số …/QĐ-UBND (mỗi loại văn bản một dãy số), 6 thôn, 0 người dùng"))
        let bad = try CommandLineTests.run(["communes", "save", "quang-son", "--profile", "-"] + db, stdin: Array("{}".utf8))
        #expect(bad.status == 1 && bad.stderr.contains("Hồ sơ xã không đọc được: Thiếu trường"))

        // Two communes: a new user must say which; an existing one keeps theirs and cannot be moved.
        let ambiguous = try CommandLineTests.run(["users", "add", "canbo2", "--name", "Lò Văn Tú", "--title", "Công chức", "--roles", "clerk"] + db)
        #expect(ambiguous.status == 2 && ambiguous.stderr.contains("Kho có nhiều xã (gia-cat, quang-son): chọn một bằng --commune."))
        #expect(try CommandLineTests.run(["users", "add", "canbo2", "--name", "Lò Văn Tú", "--title", "Công chức", "--roles", "clerk",
                                          "--commune", "quang-son"] + db).status == 0)
        let renamed = try CommandLineTests.run(["users", "add", "canbo2", "--name", "Lò Văn Tú", "--title", "Công chức Văn hóa - Xã hội",
                                                "--roles", "clerk"] + db)
        #expect(renamed.status == 0 && renamed.text.contains("Đã sửa người dùng canbo2."))
        #expect(try CommandLineTests.run(["users", "list", "--commune", "quang-son"] + db).text.contains("canbo2       Lò Văn Tú, Công chức Văn hóa - Xã hội"))
        let moved = try CommandLineTests.run(["users", "add", "canbo", "--name", "Nguyễn Thị Hoa", "--title", "Công chức",
                                              "--roles", "clerk", "--commune", "quang-son"] + db)
        #expect(moved.status == 2 && moved.stderr.contains("Người dùng canbo thuộc xã “gia-cat”, không chuyển sang “quang-son” được"))
    }
}
