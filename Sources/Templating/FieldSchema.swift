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
            case .literal, .imageAttribute:
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
                if head.hasPrefix("@") {
                    collect(body, rootNames: &rootNames, isRoot: isRoot)
                    continue
                }
                if isRoot { rootNames.insert(head) }
                var inner = FieldSchema()
                inner.collect(body, rootNames: &rootNames, isRoot: false)
                if inner.names.isEmpty {
                    if !operation.inverted { insert(operation.path.segments, .flag) }
                } else {
                    insert(operation.path.segments, .group(inner))
                }
            }
        }
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

    /// A JSON skeleton a clerk or developer can fill in: groups become a list with one item.
    public func jsonSkeleton(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let lines = names.map { name -> String in
            let key = "\(pad)\"\(name)\": "
            switch shapes[name]! {
            case .value(.text): return key + "\"\""
            case .value(.number): return key + "0"
            case .value(.date): return key + "\"2025-01-05\""
            case .value(.image): return key + "\"data:image/png;base64,\""
            case .flag: return key + "true"
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
