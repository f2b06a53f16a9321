import ArgumentParser
import Documents
import Foundation
import Templating

/// `vanban demo`: the sample founding decision through the same path as `vanban generate`, so a newcomer sees the
/// whole product at once.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render the sample founding decision (Gia Cát, 24 members) as DOCX and ODT and say where they are.",
        discussion: "Run it from the repository root (templates/ and samples/ are read from there)."
    )

    @Option(name: .shortAndLong, help: "Folder for the documents.")
    var out = "out"

    static let sample = "samples/gia-cat-to.json"

    func run() throws {
        do {
            let kind = CommuneTeamsFoundingDecision()
            print("VanBan: tạo quyết định thành lập Tổ công nghệ cộng đồng xã Gia Cát (bản dự thảo, \(Self.sample)).")
            let json = Data(try CommandIO.read(Self.sample))
            let documents: [DocumentValues]
            do {
                documents = try kind.documents(from: json, context: DocumentContext())
            } catch {
                throw CommandFailure("\(Self.sample): \(error.message)")
            }
            for document in documents {
                for format in DocumentFormat.allCases {
                    let compiled = try CommandIO.template("templates/\(kind.id).\(format.rawValue)")
                    let start = ContinuousClock.now
                    let bytes: [UInt8]
                    do { bytes = try compiled.render(document.values) } catch { throw CommandFailure(error.description) }
                    let elapsed = ContinuousClock.now - start
                    let path = "\(out)/\(document.name).\(format.rawValue)"
                    try CommandIO.write(bytes, to: path)
                    let url = URL(fileURLWithPath: path).standardizedFileURL
                    print("  \(format.rawValue.uppercased()): \(url.path) (\(bytes.count / 1024) KB, \(String(format: "%.1f", elapsed.milliseconds)) ms)")
                }
            }
            print("Mở bằng LibreOffice hoặc Word. Các loại văn bản khác: swift run vanban generate --help")
        } catch let failure as CommandFailure {
            CommandIO.note(failure.description)
            throw ExitCode(failure.exitCode)
        }
    }
}
