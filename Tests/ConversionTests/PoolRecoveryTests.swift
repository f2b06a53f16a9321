import Foundation
import Testing
import TestSupport

@testable import Conversion

/// Hangs, crashes, a full queue and shutdown, each on a pool of its own (one at a time: each starts LibreOffice).
@Suite("LibreOffice pool recovery", .enabled(if: LibreOffice.poolShouldRun, Comment(rawValue: LibreOffice.poolSkipReason)), .serialized)
struct PoolRecoveryTests {
    @Test("a worker killed with SIGKILL mid-job: the request is retried on a fresh worker, and the pool is whole again")
    func crashMidJob() async throws {
        try await withPool(.init(workers: 1)) { pool in
            try await pool.warmUp()
            let before = try #require(await pool.workerProcesses().first)
            // Stopped, soffice.bin holds the request until it is killed: the kill lands mid-job for sure.
            kill(before.office, SIGSTOP)
            let request = Task { try await pool.pdf(from: try Samples.foundingDecision(.odt), format: .odt, options: PDFOptions()) }
            try await waitUntil { await pool.status().busy == 1 }
            try await Task.sleep(for: .milliseconds(300))
            kill(before.office, SIGKILL)
            let pdf = try await request.value
            #expect(try PDFReader.text(of: pdf).contains("Đào Xuân Đông"))
            let status = await pool.status()
            #expect(status.restarts == 1)
            #expect(status.running == 1)
            let after = try #require(await pool.workerProcesses().first)
            #expect(after.worker != before.worker && after.office != before.office)
            try await waitUntil { kill(before.worker, 0) != 0 }
            let next = try await pool.pdf(from: try Samples.foundingDecision(.docx), format: .docx, options: PDFOptions())
            #expect(try PDFReader.text(of: next).contains("Danh sách ấn định 24 người./."))
        }
    }

    @Test("a stuck job is killed at the timeout with its process group, the worker restarted, and a full queue refuses more")
    func stuckJob() async throws {
        try await withPool(.init(workers: 1, conversionTimeout: .seconds(8), queueLimit: 1)) { pool in
            try await pool.warmUp()
            let before = try #require(await pool.workerProcesses().first)
            kill(before.office, SIGSTOP)
            let document = try Samples.foundingDecision(.odt)
            let start = ContinuousClock.now
            let stuck = Task { try await pool.pdf(from: document, format: .odt, options: PDFOptions()) }
            try await waitUntil { await pool.status().busy == 1 }
            let queued = Task { try await pool.pdf(from: document, format: .odt, options: PDFOptions()) }
            try await waitUntil { await pool.status().waiting == 1 }
            let full = await #expect(throws: ConversionError.self) {
                try await pool.pdf(from: document, format: .odt, options: PDFOptions())
            }
            #expect(full?.description == "Máy chủ đang bận chuyển sang PDF (đã có 1 văn bản chờ); vui lòng thử lại sau ít phút.")

            let timeout = await #expect(throws: ConversionError.self) { try await stuck.value }
            let elapsed = ContinuousClock.now - start
            #expect(timeout?.description == "Không chuyển được văn bản sang PDF: LibreOffice chưa xong sau 8 giây nên đã bị dừng. Văn bản có thể quá lớn hoặc bị hỏng.")
            #expect(elapsed >= .seconds(8) && elapsed < .seconds(40))
            // SIGKILL to the group reaches the stopped soffice.bin as well as the Python worker.
            try await waitUntil { kill(before.office, 0) != 0 && kill(before.worker, 0) != 0 }
            // The waiting request gets the fresh worker.
            #expect(try PDFReader.text(of: try await queued.value).contains("Đào Xuân Đông"))
            let status = await pool.status()
            #expect(status.restarts == 1 && status.running == 1 && status.waiting == 0)
        }
    }

    @Test("shutdown stops every LibreOffice of the pool, removes its folder and refuses later requests")
    func shutdown() async throws {
        let pool = try LibreOfficePool(configuration: .init(workers: 2))
        try await pool.warmUp()
        _ = try await pool.pdf(from: try Samples.foundingDecision(.odt), format: .odt, options: PDFOptions())
        let folder = pool.folder.path
        // Both Python workers and both soffice.bin name the pool's folder on their command line.
        #expect(try processes(mentioning: folder).count == 4)
        await pool.shutdown()
        #expect(try processes(mentioning: folder) == [])
        #expect(!FileManager.default.fileExists(atPath: folder))
        let error = await #expect(throws: ConversionError.self) {
            try await pool.pdf(from: try Samples.foundingDecision(.odt), format: .odt, options: PDFOptions())
        }
        #expect(error?.description == "Bộ chuyển PDF đã dừng (máy chủ đang tắt); vui lòng thử lại sau.")
    }

    @Test("a pool dropped without shutdown still leaves no LibreOffice behind")
    func droppedPool() async throws {
        var pool: LibreOfficePool? = try LibreOfficePool(configuration: .init(workers: 1))
        try await pool?.warmUp()
        let folder = try #require(pool?.folder.path)
        #expect(try processes(mentioning: folder).count == 2)
        pool = nil
        try await waitUntil { try processes(mentioning: folder).isEmpty }
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test("a Python without the uno module is reported as python3-uno missing")
    func missingUNO() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-nouno-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // -S leaves out site-packages, where Debian puts uno.py: the real ImportError path.
        let python = folder.appendingPathComponent("python3")
        try writeExecutable("#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n", to: python)
        try await withPool(.init(workers: 1, python: python.path)) { pool in
            let error = await #expect(throws: ConversionError.self) {
                try await pool.pdf(from: try Samples.foundingDecision(.odt), format: .odt, options: PDFOptions())
            }
            #expect(error == .notInstalled(tool: "python3-uno", package: "python3-uno"))
            #expect(error?.description == "Cần python3-uno (gói python3-uno) để xử lý PDF nhưng máy này chưa cài.")
            #expect(await pool.status().running == 0)
        }
    }

    @Test("a missing soffice or Python is refused when the pool is made, naming the package to install")
    func missingPrograms() throws {
        #expect(throws: ConversionError.notInstalled(tool: "soffice", package: "libreoffice-writer-nogui")) {
            try LibreOfficePool(configuration: .init(soffice: "/nonexistent/soffice"))
        }
        #expect(ConversionError.notInstalled(tool: "soffice", package: "libreoffice-writer-nogui").description
                == "Cần LibreOffice để tạo PDF nhưng máy này chưa cài (không thấy lệnh soffice, gói libreoffice-writer-nogui).")
        #expect(throws: ConversionError.notInstalled(tool: "python3-uno", package: "python3-uno")) {
            try LibreOfficePool(configuration: .init(python: "/nonexistent/python3"))
        }
    }
}

/// Runs `body` with a new pool and shuts it down afterwards, whatever happens.
func withPool(_ configuration: LibreOfficePool.Configuration, _ body: (LibreOfficePool) async throws -> Void) async throws {
    let pool = try LibreOfficePool(configuration: configuration)
    do {
        try await body(pool)
    } catch {
        await pool.shutdown()
        throw error
    }
    await pool.shutdown()
}

/// Waits until `condition` holds, checking every 50 ms; fails after `limit`.
func waitUntil(_ limit: Duration = .seconds(30), _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + limit
    while try await !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("condition not met within \(limit)")
            return
        }
        try await Task.sleep(for: .milliseconds(50))
    }
}
