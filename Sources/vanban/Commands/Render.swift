import ArgumentParser
import Foundation
import Templating

/// `vanban render`: one document from a template and a JSON data file.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render one document from a template and JSON data.",
        discussion: "The output format follows the template (.docx → .docx, .odt → .odt). Use - for standard input or output."
    )

    @Option(name: .shortAndLong, help: "The template (.docx or .odt), or - for standard input.")
    var template: String

    @Option(name: .shortAndLong, help: "The data as JSON, or - for standard input.")
    var data: String

    @Option(name: .shortAndLong, help: "Where to write the document, or - for standard output.")
    var out: String

    @Flag(help: "Render missing fields as empty text instead of failing.")
    var lenient = false

    func validate() throws {
        if template == "-" && data == "-" { throw ValidationError("Only one of --template and --data can read standard input.") }
    }

    func run() throws {
        do {
            let compiled = try CommandIO.template(template)
            if out != "-", let outputFormat = DocumentFormat(fileExtension: URL(fileURLWithPath: out).pathExtension),
                outputFormat != compiled.format
            {
                throw CommandFailure("Mẫu là tệp .\(compiled.format.rawValue) nên văn bản tạo ra cũng là .\(compiled.format.rawValue); hãy đổi đuôi của “\(out)”.", exitCode: 2)
            }
            let values = try CommandIO.data(data)
            let bytes: [UInt8]
            do {
                bytes = try compiled.render(values, options: RenderOptions(lenient: lenient))
            } catch {
                throw CommandFailure(error.description)
            }
            try CommandIO.write(bytes, to: out)
            if out != "-" { CommandIO.note("Đã tạo \(out) (\(bytes.count) byte).") }
        } catch let failure as CommandFailure {
            CommandIO.note(failure.description)
            throw ExitCode(failure.exitCode)
        }
    }
}
