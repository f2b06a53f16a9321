import Foundation
import Testing
import TestSupport

@testable import vanban

@Suite("vanban pdf")
struct PDFCommandTests {
    typealias CLI = CommandLineTests

    /// The demo decision in both formats, in a new folder.
    static func demo() throws -> URL {
        let dir = try CLI.temporaryDirectory()
        let result = try CLI.run(["demo", "--out", dir.path])
        #expect(result.status == 0, "\(result.stderr)")
        return dir
    }

    @Test("ODT and DOCX become PDFs in the out folder, one line per file; the same name in both formats keeps them apart",
          .enabled(if: LibreOffice.poolShouldRun, Comment(rawValue: LibreOffice.poolSkipReason)))
    func convertsBoth() throws {
        let dir = try Self.demo()
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = "quyet-dinh-thanh-lap-cac-to-xa-gia-cat"
        let out = dir.appendingPathComponent("pdf")
        let result = try CLI.run(["pdf", dir.appendingPathComponent("\(name).odt").path, dir.appendingPathComponent("\(name).docx").path,
                                  "--out-dir", out.path, "--pdfa"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.map { $0.prefix(6) }.sorted() == ["[1/2] ", "[2/2] "])
        for format in ["odt", "docx"] {
            let pdf = out.appendingPathComponent("\(name).\(format).pdf")
            #expect(result.text.contains(pdf.standardizedFileURL.path))
            let bytes = try Data(contentsOf: pdf)
            #expect(String(decoding: bytes, as: UTF8.self).contains("<pdfaid:part>2</pdfaid:part>"))
        }
    }

    @Test("a corrupt file is named with the reason, the other files are still converted, and the exit code is 1",
          .enabled(if: LibreOffice.poolShouldRun, Comment(rawValue: LibreOffice.poolSkipReason)))
    func corruptFile() throws {
        let dir = try Self.demo()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("hong.docx")
        try Data("không phải DOCX".utf8).write(to: bad)
        let good = dir.appendingPathComponent("quyet-dinh-thanh-lap-cac-to-xa-gia-cat.odt")
        let result = try CLI.run(["pdf", bad.path, good.path, "--workers", "1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("hong.docx: Không chuyển được văn bản sang PDF: LibreOffice không mở được tệp DOCX này (tệp hỏng hoặc không đúng định dạng)."))
        #expect(result.stderr.hasSuffix("1 trong 2 tệp không chuyển được sang PDF (xem các dòng trên); các tệp khác đã xong.\n"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("quyet-dinh-thanh-lap-cac-to-xa-gia-cat.pdf").path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("hong.pdf").path))
    }

    @Test("vanban killed with SIGKILL while its LibreOffice hangs leaves no LibreOffice behind",
          .enabled(if: LibreOffice.poolShouldRun, Comment(rawValue: LibreOffice.poolSkipReason)))
    func killedMidway() throws {
        let dir = try Self.demo()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A soffice.bin that never answers (and is not stopped: a stopped process would make the kernel hang up its
        // orphaned group by itself): the worker waits for it, reading no input, so only its watch on vanban can end it.
        // It writes its arguments to a file first, so that the test knows it started without listing processes.
        let fake = dir.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: fake, withIntermediateDirectories: true)
        let started = dir.appendingPathComponent("office-started.txt")
        for (name, body) in [("soffice", "exit 1"),
                             ("soffice.bin", "echo \"$*\" > '\(started.path).part' && mv '\(started.path).part' '\(started.path)'\nwhile true; do sleep 1; done")] {
            try writeExecutable("#!/bin/sh\n\(body)\n", to: fake.appendingPathComponent(name))
        }
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["pdf", dir.appendingPathComponent("quyet-dinh-thanh-lap-cac-to-xa-gia-cat.odt").path, "--workers", "1"]
        process.environment = ["PATH": "\(fake.path):/usr/bin:/bin", "HOME": dir.path]
        // What vanban says when it gives up (the worker's start timeout on a machine too loaded to start it).
        let errors = dir.appendingPathComponent("stderr.txt")
        #expect(FileManager.default.createFile(atPath: errors.path, contents: nil))
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        // The worker (pdf-worker.py) names its folder, under the pool's `vanban-pdf-pool-<vanban's pid>-…`, in its
        // arguments, as the fake soffice.bin does once started. The test waits for the worker, then gives the fake a
        // moment: what must hold is that nothing of the pool outlives vanban, whether or not soffice.bin got going
        // (on a loaded CI run it has not started within the worker's 60 s more than once).
        let prefix = "vanban-pdf-pool-\(process.processIdentifier)-"
        var folder: String?
        // Generous: on a loaded 2-core machine starting the worker's Python alone has taken most of a minute.
        // The test is synchronous and sleeps its own thread while it watches. As an async test it waited in
        // Task.sleep, and under the full suite, tests that block their threads on child processes kept the
        // cooperative pool busy past the worker's 60 s: the watch did not run until vanban had given up (in a
        // failed run, dozens of tests reported passing at the same instant when the pool came free).
        let deadline = ContinuousClock.now + .seconds(180)
        while folder == nil && ContinuousClock.now < deadline && process.isRunning {
            folder = Self.processes(naming: prefix).lazy.compactMap { Self.poolFolder(in: $0, prefix: prefix) }.first
            Thread.sleep(forTimeInterval: 0.02)
        }
        let said = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        let pool = try #require(folder, "no worker seen; vanban \(process.isRunning ? "still running" : "exited with \(process.terminationStatus)"): \(said)")
        defer { try? FileManager.default.removeItem(atPath: pool) }
        let officeDeadline = ContinuousClock.now + .seconds(5)
        while !FileManager.default.fileExists(atPath: started.path) && ContinuousClock.now < officeDeadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        if let arguments = try? String(contentsOf: started, encoding: .utf8) {
            #expect(arguments.contains("UserInstallation=file://" + pool), "the fake soffice.bin runs in the pool's folder")
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // The worker notices within a second that vanban is gone and kills its group.
        var left = Self.processes(naming: pool)
        let gone = ContinuousClock.now + .seconds(10)
        while !left.isEmpty && ContinuousClock.now < gone {
            Thread.sleep(forTimeInterval: 0.1)
            left = Self.processes(naming: pool)
        }
        #expect(left == [])
    }

    /// `/tmp/vanban-pdf-pool-<pid>-<uuid>` from a command line that names a path under it.
    static func poolFolder(in commandLine: String, prefix: String) -> String? {
        for word in commandLine.split(separator: " ") {
            guard let range = word.range(of: prefix) else { continue }
            let rest = word[range.lowerBound...]
            let name = rest.prefix { $0 != "/" }
            let start = word[..<range.lowerBound]
            // `file:///tmp/…` and `/tmp/…` both give `/tmp/…`.
            var path = String(start.drop { $0 != "/" }) + String(name)
            while path.hasPrefix("//") { path.removeFirst() }
            return path.hasPrefix("/") ? path : nil
        }
        return nil
    }

    /// The command lines of the running processes that contain `text`, read from /proc in this process: no child
    /// process of the test's own to start, wait for or read.
    static func processes(naming text: String) -> [String] {
        let ids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return ids.filter { $0.allSatisfy(\.isNumber) }.compactMap { id -> String? in
            guard let raw = FileManager.default.contents(atPath: "/proc/\(id)/cmdline"), !raw.isEmpty else { return nil }
            let line = String(decoding: raw.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
            return line.contains(text) ? "\(id) \(line)" : nil
        }
    }

    @Test("without LibreOffice it says what to install and writes nothing")
    func withoutLibreOffice() throws {
        let dir = try Self.demo()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CLI.run(["pdf", dir.appendingPathComponent("quyet-dinh-thanh-lap-cac-to-xa-gia-cat.odt").path],
                                 environment: ["PATH": "/nonexistent", "HOME": dir.path])
        #expect(result.status == 2)
        #expect(result.stderr == "Cần LibreOffice để tạo PDF nhưng máy này chưa cài (không thấy lệnh soffice, gói libreoffice-writer-nogui). Chạy scripts/install-deps.sh.\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".pdf") }.isEmpty)
    }

    @Test("a missing file or one that is neither ODT nor DOCX is refused by name")
    func refusedFiles() throws {
        let missing = try CLI.run(["pdf", "/nonexistent/a.odt"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "Không tìm thấy tệp: “/nonexistent/a.odt”.\n")
        let other = try CLI.run(["pdf", "samples/gia-cat.json", "templates/bao-cao-quy.odt"])
        #expect(other.status == 2)
        #expect(other.stderr == "Chỉ chuyển được tệp .odt hoặc .docx sang PDF, không chuyển được: “samples/gia-cat.json”.\n")
    }

    @Test("PDF names: beside the file or in the out folder, with the source extension only where two would clash")
    func pdfNames() {
        let files = ["/a/qd.odt", "/b/qd.docx", "/a/bc.odt"].map { URL(fileURLWithPath: $0) }
        #expect(PDFBatch.pdfNames(files, outFolder: nil).map(\.path) == ["/a/qd.pdf", "/b/qd.pdf", "/a/bc.pdf"])
        #expect(PDFBatch.pdfNames(files, outFolder: URL(fileURLWithPath: "/out")).map(\.path)
                == ["/out/qd.odt.pdf", "/out/qd.docx.pdf", "/out/bc.pdf"])
    }
}
