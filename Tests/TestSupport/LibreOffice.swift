import Foundation

/// Converts documents to PDF with LibreOffice and extracts their text with pdftotext, for tests that prove output opens.
public enum LibreOffice {
    /// Whether `soffice` and `pdftotext` are installed.
    public static var isAvailable: Bool { executable("soffice") != nil && executable("pdftotext") != nil }

    /// Whether this run is CI, where a missing LibreOffice is a failure rather than a reason to skip.
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Tests that need LibreOffice run when it is installed, and always in CI (where its absence fails them).
    public static var shouldRun: Bool { isAvailable || isCI }

    /// Whether the program's own PDF path can run: LibreOffice, Debian's python3-uno (the pool drives LibreOffice
    /// through it) and poppler-utils.
    public static var poolIsAvailable: Bool {
        isAvailable && FileManager.default.fileExists(atPath: "/usr/lib/python3/dist-packages/uno.py")
            && ["pdftoppm", "pdfinfo", "pdffonts"].allSatisfy { executable($0) != nil }
    }

    /// Tests of the program's PDF path run when it can, and always in CI.
    public static var poolShouldRun: Bool { poolIsAvailable || isCI }

    /// Why such a test was skipped.
    public static let poolSkipReason = "LibreOffice, python3-uno or poppler-utils is not installed (scripts/install-deps.sh installs them)"

    public static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Converts every file with one LibreOffice start (with a private profile) into `folder` and returns the
    /// converted files in the order given. `target` is soffice's `--convert-to` value (`pdf`,
    /// `xlsx:Calc MS Excel 2007 XML`); `inputFilter` its `--infilter`. soffice exits 0 even when it converts nothing,
    /// so a missing output is an error here.
    public static func convert(_ files: [URL], to target: String, into folder: URL, inputFilter: String? = nil) throws -> [URL] {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-lo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        try run("soffice", ["--headless", "--norestore", "-env:UserInstallation=file://\(work.path)/profile"]
                + (inputFilter.map { ["--infilter=\($0)"] } ?? []) + ["--convert-to", target, "--outdir", folder.path] + files.map(\.path),
                home: work.path)
        let fileExtension = String(target.prefix { $0 != ":" })
        return try files.map { file in
            let output = folder.appendingPathComponent(file.deletingPathExtension().lastPathComponent + "." + fileExtension)
            guard FileManager.default.fileExists(atPath: output.path) else { throw Failure.notConverted(file.lastPathComponent) }
            return output
        }
    }

    /// Converts every file to PDF in one LibreOffice start and returns each PDF's text.
    public static func pdfTexts(of files: [URL]) throws -> [URL: String] {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let pdfs = try convert(files, to: "pdf", into: work)
        var texts: [URL: String] = [:]
        for (file, pdf) in zip(files, pdfs) {
            let txt = work.appendingPathComponent(file.lastPathComponent + ".txt")
            try run("pdftotext", ["-layout", pdf.path, txt.path], home: work.path)
            texts[file] = try String(contentsOf: txt, encoding: .utf8)
        }
        return texts
    }

    public enum Failure: Error, CustomStringConvertible {
        case notConverted(String)
        case failed(String, Int32)
        public var description: String {
            switch self {
            case .notConverted(let name): "LibreOffice did not convert \(name) to PDF (it could not open it)"
            case .failed(let tool, let status): "\(tool) exited with \(status)"
            }
        }
    }

    private static func run(_ tool: String, _ arguments: [String], home: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable(tool) ?? "/usr/bin/\(tool)")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure.failed(tool, process.terminationStatus) }
    }
}

/// The repository root, found from this file's path (Tests/TestSupport/LibreOffice.swift).
public let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

extension LibreOffice {
    /// A rendered document as LibreOffice prints it.
    public struct PrintedDocument: Sendable {
        /// The file name it was printed under (`ke-hoach-nhap.docx`).
        public let name: String
        /// pdftotext's layout text, pages separated by form feeds.
        public let raw: String
        /// The text with whitespace runs (and the line breaks inside long lines) as one space.
        public var text: String { DocumentText.collapsed(raw) }
        /// Each page's non-empty lines, trimmed: `pages[1].first == "2"` checks the page number of page 2.
        public var pages: [[String]] {
            raw.split(separator: "\u{0C}").map { page in
                page.split(whereSeparator: \.isNewline).map { String($0.trimmingCharacters(in: .whitespaces)) }.filter { !$0.isEmpty }
            }
        }
    }

    /// Writes each document under its name (whose extension tells LibreOffice the format) to a scratch folder, prints
    /// them all in one LibreOffice start and returns them in the order given.
    public static func print(_ documents: [(name: String, bytes: [UInt8])]) throws -> [PrintedDocument] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-print-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try documents.map { document in
            let url = folder.appendingPathComponent(document.name)
            try Data(document.bytes).write(to: url)
            return url
        }
        let texts = try pdfTexts(of: files)
        return zip(documents, files).map { document, url in PrintedDocument(name: document.name, raw: texts[url] ?? "") }
    }
}
