import Foundation
import Storage
import TestSupport
import Testing

/// A decision signed on the command line gets its PDF original from `vanban originals`, and `vanban verify` accepts
/// it, and refuses it with one byte changed.
@Suite("vanban originals and verify", .enabled(if: LibreOffice.poolShouldRun, Comment(rawValue: LibreOffice.poolSkipReason)))
struct OriginalsCommandTests {
    func vanban(_ arguments: [String], database: String) throws -> CommandLineTests.Result {
        try CommandLineTests.run(arguments + ["--database", database])
    }

    @Test("without keys the job waits with the reason (exit 1); with them it is signed, verified (exit 0), and a changed byte fails (exit 1)")
    func signedOnTheCommandLine() async throws {
        let dir = try CommandLineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("v.sqlite").path
        #expect(try vanban(["init"], database: db).status == 0)
        #expect(try vanban(["docs", "create", "quyet-dinh-thanh-lap-cac-to", "--data", "samples/gia-cat-to.json", "--as", "canbo"],
                           database: db).status == 0)
        for (action, user) in [("submit", "canbo"), ("approve", "chutich"), ("sign", "chutich")] {
            #expect(try vanban(["docs", "act", "1", action, "--as", user], database: db).status == 0)
        }
        let package = dir.appendingPathComponent("goi.zip").path
        let waiting = try vanban(["export", "--from", "2000-01-01", "--to", "31/12/2099", "--out", package], database: db)
        #expect(waiting.status == 1 && waiting.stderr.contains("1/1 văn bản của") && waiting.stderr.contains("chưa có bản PDF ký số"),
                "\(waiting.stderr)")
        #expect(!FileManager.default.fileExists(atPath: package))
        let noKeys = try vanban(["originals"], database: db)
        #expect(noKeys.status == 1)
        #expect(noKeys.stderr.contains("[1/1] 01/QĐ-UBND: chưa được") && noKeys.stderr.contains("Chưa có khóa ký số của Đặng Đức Sơn"),
                "\(noKeys.stderr)")

        let keys = dir.appendingPathComponent("keys").path
        let made = try CommandLineTests.run(["keys", "demo", "--out", keys])
        #expect(made.status == 0 && made.text.contains("users/chutich-key.pem"), "\(made.stderr)")
        #expect(made.text.contains("gia-cat/seal.png") && made.text.contains("gia-cat/signatures/chutich.png"), "the demo's pictures are copied")
        #expect(try CommandLineTests.run(["keys", "demo", "--out", keys]).status == 1, "keys are not overwritten without --force")
        // The failed job waits before its next attempt: nothing is due yet.
        #expect(try vanban(["originals"], database: db).text.contains("Không có văn bản nào chờ"))

        let store = try SQLiteStore(path: db)
        try await store.failSigning(documentID: 1, error: "thử lại ngay", retryAt: "2000-01-01T00:00:00+07:00")
        let signed = try vanban(["originals"], database: db)
        #expect(signed.status == 0 && signed.text.hasPrefix("[1/1] 01/QĐ-UBND: đã ký số, SHA-256 "), "\(signed.text) \(signed.stderr)")
        let original = try #require(try await store.signedPDF(of: 1))
        #expect(signed.text.contains(original.sha256))

        let exported = try vanban(["export", "--from", "2000-01-01", "--to", "31/12/2099", "--out", package], database: db)
        #expect(exported.status == 0 && exported.text.hasPrefix("Đã xuất 1 văn bản (6 tệp, "), "\(exported.text) \(exported.stderr)")
        let checked = try CommandLineTests.run(["verify", package, "--trust", "\(keys)/ca.pem"])
        #expect(checked.status == 0 && checked.text.contains("HỢP LỆ"), "\(checked.text) \(checked.stderr)")
        #expect(try vanban(["export", "--from", "2000-01-01", "--to", "2099-12-31", "--out", package], database: db).status == 1,
                "an existing package is not replaced without --force")
        let empty = try vanban(["export", "--from", "2000-01-01", "--to", "2000-12-31", "--out", package, "--force"], database: db)
        #expect(empty.status == 1 && empty.stderr.contains("Không có văn bản nào ban hành từ ngày 01/01/2000"), "\(empty.stderr)")
        #expect(try vanban(["export", "--from", "hôm qua", "--to", "2000-12-31", "--out", package], database: db).status == 64)
        var zip = [UInt8](try Data(contentsOf: URL(fileURLWithPath: package)))
        zip[zip.count / 2] ^= 0x01
        try Data(zip).write(to: URL(fileURLWithPath: package))
        #expect(try CommandLineTests.run(["verify", package, "--trust", "\(keys)/ca.pem"]).status == 1, "a changed byte in the package")

        let pdf = dir.appendingPathComponent("01-QĐ-UBND.pdf")
        try original.pdf.write(to: pdf)
        let valid = try CommandLineTests.run(["verify", pdf.path, "--trust", "\(keys)/ca.pem", "--sha256", original.sha256])
        #expect(valid.status == 0 && valid.text.contains("Kết luận: HỢP LỆ (2 chữ ký"), "\(valid.text)")
        var bytes = [UInt8](original.pdf)
        bytes[bytes.count / 3] ^= 0x01
        try Data(bytes).write(to: pdf)
        #expect(try CommandLineTests.run(["verify", pdf.path, "--trust", "\(keys)/ca.pem"]).status == 1)
        try Data("không phải PDF".utf8).write(to: pdf)
        #expect(try CommandLineTests.run(["verify", pdf.path, "--trust", "\(keys)/ca.pem"]).status == 2)
    }
}
