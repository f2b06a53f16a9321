import Foundation
import VietnameseText
import Yams

extension WorkflowDefinition {
    /// Reads and checks a definition; every problem in the file is reported at once, with its line and column.
    ///
    /// Besides the shape of the file, it checks that the workflow can be used: states and actions are known, no two
    /// transitions leave one state by the same action, every state can be reached from the initial one, and a final
    /// state can be reached from every state. When `file` ends in `.yaml`, its name must be the workflow's `id`.
    public static func load(yaml: String, file: String) throws(WorkflowDefinitionError) -> WorkflowDefinition {
        var reader = DefinitionReader()
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw WorkflowDefinitionError(file: file, problems: [DefinitionReader.syntaxProblem(error)])
        }
        guard let root, let definition = reader.definition(root) else {
            let problems = reader.problems.isEmpty
                ? [WorkflowDefinitionError.Problem(line: nil, column: nil, message: "the file is empty")]
                : reader.problemsInFileOrder
            throw WorkflowDefinitionError(file: file, problems: problems)
        }
        var problems = reader.problemsInFileOrder
        let expected = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        if file.hasSuffix(".yaml"), expected != definition.id {
            problems.insert(.init(line: nil, column: nil,
                message: "id is '\(definition.id)' but the file is named '\(expected).yaml'; the two must match"), at: 0)
        }
        problems += DefinitionCheck(definition: definition, marks: reader.marks).problems
        guard problems.isEmpty else { throw WorkflowDefinitionError(file: file, problems: problems) }
        return definition
    }
}

/// Turns the composed YAML into a definition, collecting shape problems instead of stopping at the first.
struct DefinitionReader {
    var problems: [WorkflowDefinitionError.Problem] = []
    /// Where each state and transition was written, for the semantic checks' messages.
    var marks = DefinitionMarks()

    /// File order reads best; the reader reports a mapping's keys before their values.
    var problemsInFileOrder: [WorkflowDefinitionError.Problem] {
        problems.enumerated().sorted {
            ($0.element.line ?? 0, $0.element.column ?? 0, $0.offset) < ($1.element.line ?? 0, $1.element.column ?? 0, $1.offset)
        }.map(\.element)
    }

    static func syntaxProblem(_ error: Error) -> WorkflowDefinitionError.Problem {
        if let yamlError = error as? YamlError, case let .scanner(_, problem, mark, _) = yamlError {
            return .init(line: mark.line, column: mark.column, message: "YAML syntax: \(problem)")
        }
        if let yamlError = error as? YamlError, case let .parser(_, problem, mark, _) = yamlError {
            return .init(line: mark.line, column: mark.column, message: "YAML syntax: \(problem)")
        }
        return .init(line: nil, column: nil, message: "YAML syntax: \(error)")
    }

    mutating func report(_ node: Node?, _ message: String) {
        problems.append(.init(line: node?.mark?.line, column: node?.mark?.column, message: message))
    }

    mutating func definition(_ root: Node) -> WorkflowDefinition? {
        guard let fields = fields(of: root, allowed: ["id", "version", "title", "kinds", "initial", "states", "transitions"],
                                  in: "the workflow") else { return nil }
        let id = identifier(fields["id"], key: "id", pattern: .kebab)
        let version = positiveInt(fields["version"], key: "version", required: true)
        let title = text(fields["title"], key: "title")
        let kinds = list(fields["kinds"], key: "kinds").compactMap { identifier($0, key: "kinds", pattern: .kebab) }
        let initial = identifier(fields["initial"], key: "initial", pattern: .snake)
        let states = list(fields["states"], key: "states").compactMap { state($0) }
        let transitions = list(fields["transitions"], key: "transitions").compactMap { transition($0) }
        guard let id, let version, let title, let initial else { return nil }
        return WorkflowDefinition(
            id: id, version: version, title: title, kinds: kinds, initialState: initial,
            states: states, transitions: transitions)
    }

    private mutating func state(_ node: Node) -> WorkflowDefinition.State? {
        guard let fields = fields(of: node, allowed: ["id", "title", "final", "due_working_days"], in: "a state") else {
            return nil
        }
        let id = identifier(fields["id"], key: "id", pattern: .snake)
        let title = text(fields["title"], key: "title")
        let isFinal = flag(fields["final"], key: "final")
        let due = positiveInt(fields["due_working_days"], key: "due_working_days", required: false)
        guard let id, let title else { return nil }
        marks.states[id, default: node.mark] = node.mark
        return .init(id: id, title: title, isFinal: isFinal, dueWorkingDays: due)
    }

    private mutating func transition(_ node: Node) -> WorkflowDefinition.Transition? {
        guard let fields = fields(of: node, allowed: ["action", "from", "to", "roles", "guards", "effects"],
                                  in: "a transition") else { return nil }
        let action: WorkflowAction? = choice(fields["action"], key: "action")
        let from = (fields["from"]?.scalar != nil ? [fields["from"]!] : list(fields["from"], key: "from"))
            .compactMap { identifier($0, key: "from", pattern: .snake) }
        let to = identifier(fields["to"], key: "to", pattern: .snake)
        let roles: [Role] = list(fields["roles"], key: "roles").compactMap { choice($0, key: "roles") }
        if fields["roles"] != nil, roles.isEmpty { report(fields["roles"], "roles: name at least one role") }
        let guards: [WorkflowGuard] = optionalList(fields["guards"], key: "guards").compactMap { choice($0, key: "guards") }
        let effects: [WorkflowEffect] = optionalList(fields["effects"], key: "effects").compactMap { choice($0, key: "effects") }
        guard let action, !from.isEmpty, let to, !roles.isEmpty else { return nil }
        let transition = WorkflowDefinition.Transition(
            action: action, from: from, to: to, roles: Set(roles), guards: guards, effects: effects)
        marks.transitions.append((transition, node.mark))
        return transition
    }

    // MARK: Values

    private mutating func fields(of node: Node, allowed: [String], in context: String) -> [String: Node]? {
        guard let mapping = node.mapping else {
            report(node, "\(context) must be a mapping of keys to values")
            return nil
        }
        var fields: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string, allowed.contains(name) else {
                report(key, "unknown key '\(key.string ?? "?")' in \(context); expected one of: \(allowed.joined(separator: ", "))")
                continue
            }
            if fields[name] != nil { report(key, "key '\(name)' is given twice") }
            fields[name] = value
        }
        for name in allowed where fields[name] == nil && Self.required.contains(name) {
            report(node, "\(context) has no '\(name)'")
        }
        return fields
    }

    /// Keys that must be present wherever they are allowed.
    private static let required: Set<String> = ["id", "version", "title", "kinds", "initial", "states", "transitions",
                                                "action", "from", "to", "roles"]

    enum IdentifierPattern {
        case kebab, snake
        func matches(_ text: String) -> Bool {
            let separator: Character = self == .kebab ? "-" : "_"
            return !text.isEmpty && text.first!.isLetter && text.allSatisfy {
                $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == separator)
            }
        }
    }

    private mutating func identifier(_ node: Node?, key: String, pattern: IdentifierPattern) -> String? {
        guard let node else { return nil }
        guard let value = node.scalar?.string, pattern.matches(value) else {
            let example = pattern == .kebab ? "quyet-dinh-thanh-lap" : "commune_review"
            report(node, "\(key): '\(node.scalar?.string ?? "…")' is not an identifier like '\(example)' (lower-case ASCII)")
            return nil
        }
        return value
    }

    private mutating func text(_ node: Node?, key: String) -> String? {
        guard let node else { return nil }
        guard let value = node.scalar?.string.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
            report(node, "\(key) must be non-empty text")
            return nil
        }
        return UnicodeNormalization.nfc(value)
    }

    private mutating func positiveInt(_ node: Node?, key: String, required: Bool) -> Int? {
        guard let node else { return nil }
        guard let value = node.int, value >= 1 else {
            report(node, "\(key) must be a whole number of 1 or more")
            return nil
        }
        return value
    }

    private mutating func flag(_ node: Node?, key: String) -> Bool {
        guard let node else { return false }
        guard let value = node.bool else {
            report(node, "\(key) must be true or false")
            return false
        }
        return value
    }

    private mutating func list(_ node: Node?, key: String) -> [Node] {
        guard let node else { return [] }
        guard let sequence = node.sequence else {
            report(node, "\(key) must be a list")
            return []
        }
        if sequence.isEmpty { report(node, "\(key) must not be empty") }
        return Array(sequence)
    }

    private mutating func optionalList(_ node: Node?, key: String) -> [Node] {
        guard let node else { return [] }
        guard let sequence = node.sequence else {
            report(node, "\(key) must be a list")
            return []
        }
        return Array(sequence)
    }

    private mutating func choice<T: RawRepresentable & CaseIterable>(_ node: Node?, key: String) -> T?
    where T.RawValue == String {
        guard let node else { return nil }
        guard let raw = node.scalar?.string, let value = T(rawValue: raw) else {
            let known = T.allCases.map(\.rawValue).joined(separator: ", ")
            report(node, "\(key): unknown value '\(node.scalar?.string ?? "…")'; expected one of: \(known)")
            return nil
        }
        return value
    }
}

/// Where the reader found each state and transition, so that semantic problems point at a line.
struct DefinitionMarks {
    var states: [String: Mark?] = [:]
    var transitions: [(WorkflowDefinition.Transition, Mark?)] = []
}
