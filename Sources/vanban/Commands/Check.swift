import ArgumentParser
import Templating

/// `vanban check`: every problem of a template, before anything is rendered.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a template and list every problem at once (exit code 1 when there are problems)."
    )

    @Argument(help: "The template (.docx or .odt).")
    var template: String

    func run() throws {
        do {
            let compiled = try CommandIO.template(template)
            print("\(template): mẫu hợp lệ (\(compiled.format.rawValue.uppercased()), \(compiled.schema.names.count) trường dữ liệu ở cấp ngoài cùng).")
        } catch let failure as CommandFailure {
            print(failure.description)
            throw ExitCode(failure.exitCode)
        }
    }
}

/// `vanban fields`: the data a template expects, as a JSON skeleton.
struct Fields: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the data a template expects as a JSON skeleton to fill in."
    )

    @Argument(help: "The template (.docx or .odt).")
    var template: String

    func run() throws {
        do {
            print(try CommandIO.template(template).schema.jsonSkeleton())
        } catch let failure as CommandFailure {
            CommandIO.note(failure.description)
            throw ExitCode(failure.exitCode)
        }
    }
}
