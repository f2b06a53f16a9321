import Foundation
import Testing
import TestSupport

@testable import Conversion

/// The pool's own logic with a stand-in for the Python worker (a shell script that speaks its protocol), so these
/// run without LibreOffice and fail the same way every time.
@Suite("LibreOffice pool with a stand-in worker")
struct FakeWorkerTests {
    @Test("a worker that dies on every request: the request is retried once on a fresh worker, then fails clearly")
    func crashTwice() async throws {
        // Says it is ready, then exits on the first request, like a Python worker whose soffice.bin crashed.
        try await withFakeWorker("echo \"{\\\"ready\\\": true, \\\"office_pid\\\": $$}\"\nread request\nexit 9\n") { pool in
            let error = await #expect(throws: ConversionError.self) {
                try await pool.pdf(from: Data("PK".utf8), format: .odt, options: PDFOptions())
            }
            #expect(error?.description == "Không chuyển được văn bản sang PDF: LibreOffice dừng đột ngột (đã được khởi động lại). Vui lòng thử lại.")
            #expect(error?.logDetail.hasPrefix("LibreOffice worker crashed: the worker exited (wait status 2304)") == true)
            #expect(await pool.status().restarts == 2)
            try await waitUntil { await pool.status().running == 1 }
        }
    }

    @Test("the folders of pools whose process is gone are removed; a live process keeps its folder")
    func sweepsAbandonedFolders() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-sweep-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: parent) }
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let names = ["vanban-pdf-pool-\(gone.processIdentifier)-a", "vanban-pdf-pool-\(ProcessInfo.processInfo.processIdentifier)-b",
                     "vanban-pdf-pool-old-layout", "other-\(gone.processIdentifier)"]
        for name in names {
            try FileManager.default.createDirectory(at: parent.appendingPathComponent("\(name)/jobs"), withIntermediateDirectories: true)
        }
        LibreOfficePool.sweepAbandonedFolders(in: parent)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: parent.path)) == Set(names.dropFirst()))
    }

    @Test("a worker that does not say it is ready is reported with its log")
    func notReady() async throws {
        try await withFakeWorker("echo 'soffice.bin: cannot open display' >&2\nexit 1\n") { pool in
            let error = await #expect(throws: ConversionError.self) {
                try await pool.pdf(from: Data("PK".utf8), format: .docx, options: PDFOptions())
            }
            #expect(error?.description == "Không khởi động được LibreOffice để tạo PDF; người quản trị xem nhật ký của máy chủ.")
            #expect(error?.logDetail == "LibreOffice worker did not start: exited while starting. Log: soffice.bin: cannot open display")
            #expect(await pool.status() == .init(running: 0, busy: 0, starting: 0, waiting: 0, restarts: 0, recycled: 0))
        }
    }

    @Test("a worker is replaced by a fresh one after its share of conversions, and requests go on meanwhile")
    func recycling() async throws {
        // A stand-in that speaks the protocol in Python and writes a tiny PDF naming its own process.
        let worker = """
            import json, os, sys
            print(json.dumps({"ready": True, "office_pid": os.getpid()}), flush=True)
            for line in sys.stdin:
                with open(json.loads(line)["output"], "w") as pdf:
                    pdf.write("%PDF-1.4 worker " + str(os.getpid()))
                print(json.dumps({"ok": True}), flush=True)
            """
        try await withFakeWorker("exec /usr/bin/python3 -c '\(worker)'\n", conversionsPerWorker: 3) { pool in
            var makers: [String] = []
            for _ in 0..<7 {
                let pdf = try await pool.pdf(from: Data("PK".utf8), format: .odt, options: PDFOptions())
                makers.append(String(decoding: pdf, as: UTF8.self))
            }
            #expect(Set(makers[0..<3]).count == 1 && Set(makers[3..<6]).count == 1 && makers[6] != makers[5] && makers[3] != makers[0])
            let status = await pool.status()
            #expect(status.recycled == 2 && status.restarts == 0)
        }
    }

    @Test("a request whose files cannot be written gets a clear error")
    func scratchSpace() async throws {
        try await withFakeWorker("exit 0\n") { pool in
            try FileManager.default.removeItem(at: pool.folder.appendingPathComponent("jobs"))
            let error = await #expect(throws: ConversionError.self) {
                try await pool.pdf(from: Data("PK".utf8), format: .odt, options: PDFOptions())
            }
            #expect(error?.description == "Máy chủ không ghi được tệp tạm để tạo PDF (ổ đĩa có thể đã đầy); người quản trị xem nhật ký của máy chủ.")
        }
    }
}

/// A one-worker pool whose "Python" is a shell script with `body` (LibreOffice itself is never started).
func withFakeWorker(_ body: String, conversionsPerWorker: Int = 500, _ test: (LibreOfficePool) async throws -> Void) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-fake-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let script = folder.appendingPathComponent("python3")
    try writeExecutable("#!/bin/sh\n" + body, to: script)
    try await withPool(.init(workers: 1, startTimeout: .seconds(20), conversionsPerWorker: conversionsPerWorker, soffice: "/bin/sh",
                             python: script.path), test)
}
