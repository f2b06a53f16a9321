import ArgumentParser
import Foundation
import Documents
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
        abstract: "Print the data a template expects as a JSON skeleton to fill in.",
        discussion: "With --catalog, print templates/FIELDS.md instead: every field of every template of the document set, with its meaning."
    )

    @Argument(help: "The template (.docx or .odt).")
    var template: String?

    @Flag(help: "Print the field catalogue of the whole document set (Markdown) from the templates folder.")
    var catalog = false

    @Option(help: "The folder of templates, for --catalog.")
    var templates = "templates"

    func validate() throws {
        if catalog == (template != nil) { throw ValidationError("Give either a template or --catalog.") }
    }

    func run() throws {
        do {
            if catalog {
                do {
                    print(try FieldCatalog.markdown(templates: URL(fileURLWithPath: templates)), terminator: "")
                } catch {
                    throw CommandFailure("\(error)")
                }
            } else if let template {
                print(try CommandIO.template(template).schema.jsonSkeleton())
            }
        } catch let failure as CommandFailure {
            CommandIO.note(failure.description)
            throw ExitCode(failure.exitCode)
        }
    }
}
