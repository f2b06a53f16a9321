import Foundation

/// Converts documents to PDF with LibreOffice: one `soffice` start for the whole batch, with a private profile so
/// that it neither touches nor waits for the user's own LibreOffice.
struct PDFConverter {
    let soffice: URL

    /// The installed LibreOffice, or a failure that says how to install it.
    static func find() throws -> PDFConverter {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/soffice" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else {
            throw CommandFailure("Cần LibreOffice để tạo PDF nhưng máy này chưa cài (không thấy lệnh soffice). Chạy scripts/install-deps.sh, hoặc chọn --format odt,docx.", exitCode: 2)
        }
        return PDFConverter(soffice: URL(fileURLWithPath: path))
    }

    /// Converts each file to `folder/<name>.pdf` and returns the PDFs in the order of `files`. LibreOffice prints a
    /// line per converted file, which drives `progress`.
    func convert(_ files: [URL], to folder: URL, progress: @escaping @Sendable (Int, Int) -> Void) throws -> [URL] {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-soffice-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = soffice
        process.arguments = ["--headless", "--norestore", "-env:UserInstallation=file://\(profile.path)/user",
                             "--convert-to", "pdf", "--outdir", folder.path] + files.map(\.path)
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = profile.path
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var converted = 0
        var pending = Data()
        while true {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            pending.append(chunk)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending.removeSubrange(pending.startIndex...newline)
                if line.hasPrefix("convert ") {
                    converted += 1
                    progress(converted, files.count)
                }
            }
        }
        process.waitUntilExit()
        // soffice exits 0 even when it could not open a file: every PDF must really be there.
        let pdfs = files.map { folder.appendingPathComponent($0.deletingPathExtension().lastPathComponent + ".pdf") }
        let missing = pdfs.filter { !FileManager.default.fileExists(atPath: $0.path) }
        guard missing.isEmpty, process.terminationStatus == 0 else {
            throw CommandFailure("LibreOffice không chuyển được sang PDF: \(missing.map(\.lastPathComponent).joined(separator: ", ")) (mã thoát \(process.terminationStatus)).")
        }
        return pdfs
    }
}
