import Foundation
import VietnameseText
import Yams

/// The workflows of one installation (`workflows/*.yaml`) and the working calendar beside them.
public struct WorkflowCatalog: Sendable {
    /// The definitions, by id.
    public let definitions: [String: WorkflowDefinition]
    /// Each definition's source text, by id, so that a store can keep the exact version a document started with.
    public let sources: [String: String]
    /// The office's working days (`calendar.yaml`; Monday to Friday when the file is absent).
    public let calendar: WorkingCalendar

    public init(definitions: [WorkflowDefinition], sources: [String: String] = [:], calendar: WorkingCalendar = .init()) {
        self.definitions = Dictionary(definitions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.sources = sources
        self.calendar = calendar
    }

    /// The workflow a document kind follows.
    public func definition(forKind kind: String) -> WorkflowDefinition? {
        definitions.values.first { $0.kinds.contains(kind) }
    }

    /// Reads every `*.yaml` of a folder except `calendar.yaml`, which lists the days off.
    ///
    /// All files are read before anything is reported, so that one run shows every problem in every file; a kind
    /// claimed by two workflows is a problem too.
    public static func load(directory: URL) throws(WorkflowDefinitionError) -> WorkflowCatalog {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".yaml") }.sorted()
        } catch {
            throw WorkflowDefinitionError(file: directory.path, problems: [
                .init(line: nil, column: nil, message: "cannot read the workflows folder: \(error.localizedDescription)"),
            ])
        }
        var definitions: [WorkflowDefinition] = []
        var sources: [String: String] = [:]
        var problems: [WorkflowDefinitionError] = []
        var calendar = WorkingCalendar()
        for name in names {
            let path = directory.appendingPathComponent(name).path
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                problems.append(.init(file: path, problems: [.init(line: nil, column: nil, message: "not readable UTF-8 text")]))
                continue
            }
            do throws(WorkflowDefinitionError) {
                if name == "calendar.yaml" {
                    calendar = try loadCalendar(yaml: text, file: path)
                } else {
                    let definition = try WorkflowDefinition.load(yaml: text, file: path)
                    definitions.append(definition)
                    sources[definition.id] = text
                }
            } catch {
                problems.append(error)
            }
        }
        var owners: [String: String] = [:]
        for definition in definitions {
            for kind in definition.kinds {
                if let owner = owners[kind] {
                    problems.append(.init(file: directory.appendingPathComponent("\(definition.id).yaml").path, problems: [
                        .init(line: nil, column: nil, message: "kind '\(kind)' already follows workflow '\(owner)'"),
                    ]))
                }
                owners[kind] = definition.id
            }
        }
        guard problems.isEmpty else {
            throw WorkflowDefinitionError(file: directory.path, problems: problems.flatMap { error in
                error.problems.map {
                    .init(line: nil, column: nil, message: $0.line == nil ? "\(error.file): \($0)" : "\(error.file):\($0)")
                }
            })
        }
        return WorkflowCatalog(definitions: definitions, sources: sources, calendar: calendar)
    }

    /// `days_off:` a list of dates written `YYYY-MM-DD`.
    static func loadCalendar(yaml: String, file: String) throws(WorkflowDefinitionError) -> WorkingCalendar {
        func problem(_ node: Node?, _ message: String) -> WorkflowDefinitionError {
            WorkflowDefinitionError(file: file, problems: [.init(line: node?.mark?.line, column: node?.mark?.column, message: message)])
        }
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch { throw problem(nil, "YAML syntax: \(error)") }
        guard let mapping = root?.mapping else { throw problem(root, "expected a mapping with the key days_off") }
        var days: Set<VietnameseDate> = []
        for (key, value) in mapping {
            guard key.string == "days_off" else { throw problem(key, "unknown key '\(key.string ?? "?")'; expected days_off") }
            guard let list = value.sequence else { throw problem(value, "days_off must be a list of dates") }
            for node in list {
                guard let text = node.string, text.count == 10, let day = VietnameseDate(parsing: text) else {
                    throw problem(node, "'\(node.string ?? "…")' is not a date written YYYY-MM-DD")
                }
                days.insert(day)
            }
        }
        return WorkingCalendar(daysOff: days)
    }
}
