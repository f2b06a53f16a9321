import ArgumentParser
import Foundation
import Templating

/// `vanban demo`: renders the sample founding decision so a newcomer sees the whole path at once.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render the sample founding decision (Gia Cát, 24 members) as DOCX and ODT and say where they are.",
        discussion: "Run it from the repository root (templates/ and samples/ are read from there)."
    )

    @Option(name: .shortAndLong, help: "Folder for the documents.")
    var out = "out"

    static let template = "templates/quyet-dinh-thanh-lap-cac-to"
    static let sample = "samples/gia-cat.json"

    func run() throws {
        do {
            let values = try CommandIO.data(Self.sample)
            print("VanBan: tạo quyết định thành lập Tổ công nghệ cộng đồng xã Gia Cát (bản dự thảo, \(Self.sample)).")
            for format in DocumentFormat.allCases {
                let compiled = try CommandIO.template("\(Self.template).\(format.rawValue)")
                let start = ContinuousClock.now
                let bytes: [UInt8]
                do { bytes = try compiled.render(values) } catch { throw CommandFailure(error.description) }
                let elapsed = ContinuousClock.now - start
                let path = "\(out)/quyet-dinh-thanh-lap-cac-to-gia-cat.\(format.rawValue)"
                try CommandIO.write(bytes, to: path)
                let url = URL(fileURLWithPath: path).standardizedFileURL
                print("  \(format.rawValue.uppercased()): \(url.path) (\(bytes.count / 1024) KB, \(String(format: "%.1f", elapsed.milliseconds)) ms)")
            }
            print("Mở bằng LibreOffice hoặc Word. Xem dữ liệu mẫu cần có: swift run vanban fields \(Self.template).docx")
        } catch let failure as CommandFailure {
            CommandIO.note(failure.description)
            throw ExitCode(failure.exitCode)
        }
    }
}
