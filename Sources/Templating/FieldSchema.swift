/// The data a template expects, gathered from its tags: the basis of `vanban fields`.
public struct FieldSchema: Sendable, Equatable {
    /// What a field holds.
    public indirect enum Shape: Sendable, Equatable {
        /// A value shown by a tag; the hint says what kind (text, number, date, image).
        case value(Hint)
        /// A section shown or hidden by a flag.
        case flag
        /// A section over a list of items with fields of its own.
        case group(FieldSchema)
        /// An object reached by dotted paths such as `to_truong.ho_ten`.
        case object(FieldSchema)
        /// A list of plain values shown with `{{.}}`.
        case values(Hint)
    }

    /// What kind of value a tag's formatters suggest.
    public enum Hint: Sendable, Equatable {
        case text, number, date, image
    }

    /// Field names in first-use order.
    public private(set) var names: [String] = []
    /// The shape of each field.
    public private(set) var shapes: [String: Shape] = [:]

    init() {}

    mutating func collect(_ program: [ProgramNode]) {
        var rootNames = Set<String>()
        collect(program, rootNames: &rootNames, isRoot: true)
    }

    private mutating func collect(_ program: [ProgramNode], rootNames: inout Set<String>, isRoot: Bool) {
        for node in program {
            switch node {
            case .literal, .imageAttribute, .drawingID:
                continue
            case .value(let operation):
                guard case .value(let path) = operation.tag.kind, let head = path.segments.first else { continue }
                if !isRoot, rootNames.contains(head) { continue }
                if isRoot { rootNames.insert(head) }
                insert(path.segments, .value(Self.hint(operation.tag.formatters)))
            case .image(let operation, _):
                insert(operation.path.segments, .value(.image))
            case .section(let operation, let body):
                guard let head = operation.path.segments.first else { continue }
                // Loop-flag and inverted sections keep the surrounding context, and so does the "show if present"
                // pattern {{#x}}{{x | date}}{{/x}}: their fields belong to this level.
                if head.hasPrefix("@") || operation.inverted || Self.usesOwnValue(body, operation.path) {
                    collect(body, rootNames: &rootNames, isRoot: isRoot)
                    continue
                }
                if isRoot { rootNames.insert(head) }
                var inner = FieldSchema()
                inner.collect(body, rootNames: &rootNames, isRoot: false)
                if inner.names.isEmpty, let itemHint = Self.currentItemHint(body) {
                    insert(operation.path.segments, .values(itemHint))
                } else if inner.names.isEmpty {
                    if !operation.inverted { insert(operation.path.segments, .flag) }
                } else {
                    insert(operation.path.segments, .group(inner))
                }
            }
        }
    }

    /// Whether a section's body shows the section's own field as a value.
    private static func usesOwnValue(_ body: [ProgramNode], _ path: FieldPath) -> Bool {
        body.contains { node in
            if case .value(let operation) = node, case .value(let valuePath) = operation.tag.kind { return valuePath == path }
            return false
        }
    }

    /// The hint of a `{{.}}` tag in a section's body, if it has one.
    private static func currentItemHint(_ body: [ProgramNode]) -> Hint? {
        for node in body {
            if case .value(let operation) = node, case .value(let path) = operation.tag.kind, path.segments.isEmpty {
                return hint(operation.tag.formatters)
            }
        }
        return nil
    }

    private static func hint(_ formatters: [FormatterCall]) -> Hint {
        for call in formatters {
            switch call.formatter {
            case .number, .words: return .number
            case .date, .dateShort: return .date
            default: continue
            }
        }
        return .text
    }

    private mutating func insert(_ segments: [String], _ shape: Shape) {
        guard let head = segments.first else { return }
        if !shapes.keys.contains(head) { names.append(head) }
        if segments.count == 1 {
            switch (shapes[head], shape) {
            case (.group(var existing)?, .group(let incoming)):
                existing.merge(incoming)
                shapes[head] = .group(existing)
            case (.object(let existing)?, .group(var incoming)):
                incoming.merge(existing)
                shapes[head] = .group(incoming)
            case (.group?, _), (.object?, _): break
            default: shapes[head] = shape
            }
            return
        }
        switch shapes[head] {
        case .group(var inner)?:
            inner.insert(Array(segments.dropFirst()), shape)
            shapes[head] = .group(inner)
        case .object(var inner)?:
            inner.insert(Array(segments.dropFirst()), shape)
            shapes[head] = .object(inner)
        default:
            var inner = FieldSchema()
            inner.insert(Array(segments.dropFirst()), shape)
            shapes[head] = .object(inner)
        }
    }

    private mutating func merge(_ other: FieldSchema) {
        for name in other.names { insert([name], other.shapes[name]!) }
    }

    /// A JSON value standing for a field of this kind.
    private static func placeholder(_ hint: Hint) -> String {
        switch hint {
        case .text: "\"\""
        case .number: "0"
        case .date: "\"2025-01-05\""
        // No picture: the skeleton renders as it stands (the picture is removed); fill in "data:image/png;base64,…".
        case .image: "null"
        }
    }

    /// A JSON skeleton a clerk or developer can fill in: groups become a list with one item.
    public func jsonSkeleton(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let lines = names.map { name -> String in
            let key = "\(pad)\"\(name)\": "
            switch shapes[name]! {
            case .value(let hint): return key + Self.placeholder(hint)
            case .flag: return key + "true"
            case .values(let hint): return key + "[" + Self.placeholder(hint) + "]"
            case .group(let inner):
                let object = inner.jsonSkeleton(indent: indent + 2)
                let innerPad = String(repeating: "  ", count: indent + 2)
                return key + "[\n" + innerPad + object + "\n" + pad + "]"
            case .object(let inner):
                return key + inner.jsonSkeleton(indent: indent + 1)
            }
        }
        return "{\n" + lines.joined(separator: ",\n") + "\n" + String(repeating: "  ", count: indent) + "}"
    }
}
