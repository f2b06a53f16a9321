import Foundation
import Testing
import TestSupport

@Suite("vanban generate")
struct GenerateCommandTests {
    typealias CLI = CommandLineTests
    static let sample = "samples/gia-cat-to.json"

    static func files(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test("one founding decision per team in DOCX and ODT, and a summary line")
    func perTeam() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.run(["generate", "quyet-dinh-thanh-lap-to", "--data", Self.sample, "--out", dir.path])
        #expect(result.status == 0, "\(result.stderr)")
        let names = try Self.files(in: dir)
        #expect(names.count == 12)
        #expect(names.contains("quyet-dinh-thanh-lap-to-thon-bac-nga.docx") && names.contains("quyet-dinh-thanh-lap-to-thon-son-hong.odt"))
        #expect(result.text.hasPrefix("Đã tạo 6 văn bản “quyet-dinh-thanh-lap-to” (DOCX, ODT): 12 tệp trong "))
        let text = try DocumentText.of([UInt8](Data(contentsOf: dir.appendingPathComponent("quyet-dinh-thanh-lap-to-thon-na-bo.docx"))))
        #expect(text.contains("Hứa Văn Ngân"))
    }

    @Test("an unknown kind or format is refused with the list of what exists, exit 2")
    func badArguments() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let kind = try CLI.run(["generate", "quyet-dinh", "--data", Self.sample, "--out", dir.path])
        #expect(kind.status == 2)
        #expect(kind.stderr.contains("Không có loại văn bản “quyet-dinh”. Các loại có: quyet-dinh-thanh-lap-to, quyet-dinh-thanh-lap-cac-to"))
        let format = try CLI.run(["generate", "quyet-dinh-thanh-lap-to", "--data", Self.sample, "--out", dir.path, "--format", "doc"])
        #expect(format.status == 2)
        #expect(format.stderr.contains("Định dạng “doc” không có"))
        #expect(try Self.files(in: dir).isEmpty)
    }

    @Test("teams that break their policy stop the run before any file is written, unless --ignore-policy")
    func policyErrors() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var data = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: CLI.root.appendingPathComponent(Self.sample))) as? [String: Any])
        var teams = try #require(data["to"] as? [[String: Any]])
        teams[0]["thanh_vien"] = Array(try #require(teams[0]["thanh_vien"] as? [Any]).prefix(1))
        data["to"] = teams
        let input = dir.appendingPathComponent("nho.json")
        try JSONSerialization.data(withJSONObject: data).write(to: input)
        let out = dir.appendingPathComponent("out")
        let refused = try CLI.run(["generate", "quyet-dinh-thanh-lap-to", "--data", input.path, "--out", out.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("Tổ thôn Bắc Nga"))
        #expect(refused.stderr.contains("chưa tạo văn bản nào"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let forced = try CLI.run(["generate", "quyet-dinh-thanh-lap-to", "--data", input.path, "--out", out.path, "--ignore-policy", "--format", "odt"])
        #expect(forced.status == 0)
        #expect(try Self.files(in: out).count == 6)
    }

    @Test("PDF without LibreOffice says how to install it and writes nothing")
    func pdfWithoutLibreOffice() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.run(["generate", "quyet-dinh-thanh-lap-cac-to", "--data", Self.sample, "--out", dir.path, "--format", "pdf"],
                                 environment: ["PATH": "/nonexistent", "HOME": dir.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Cần LibreOffice để tạo PDF"))
        #expect(try Self.files(in: dir).isEmpty)
    }

    @Test("PDF only: the PDFs are written and the ODT they came from is not left behind",
          .enabled(if: LibreOffice.poolShouldRun, Comment(rawValue: LibreOffice.poolSkipReason)))
    func pdfOnly() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.run(["generate", "quyet-dinh-thanh-lap-to", "--data", Self.sample, "--out", dir.path, "--format", "pdf"])
        #expect(result.status == 0, "\(result.stderr)")
        let names = try Self.files(in: dir)
        #expect(names.count == 6)
        #expect(names.allSatisfy { $0.hasSuffix(".pdf") })
    }
}

@Suite("vanban demo")
struct DemoCommandTests {
    @Test("the README's first command writes the Gia Cát decision in both formats from the domain sample and says where")
    func demo() throws {
        let dir = try CommandLineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CommandLineTests.run(["demo", "--out", dir.path])
        #expect(result.status == 0, "\(result.stderr)")
        for format in ["docx", "odt"] {
            let url = dir.appendingPathComponent("quyet-dinh-thanh-lap-cac-to-xa-gia-cat.\(format)")
            #expect(result.text.contains(url.standardizedFileURL.path))
            let text = try DocumentText.of([UInt8](Data(contentsOf: url)))
            #expect(text.contains("Đào Xuân Đông") && text.contains("Danh sách ấn định 24 người./."))
            #expect(text.contains("Số: /QĐ-UBND"))
        }
    }
}
