import Foundation

/// A quick JSON decoder for data files that are plain, strict JSON: the common case, tried before Foundation's
/// `JSONDecoder`.
///
/// It answers only when it is sure to give what `JSONDecoder` gives. Anything it does not handle the same way
/// (JSON5 leniencies such as a trailing comma, duplicate keys, numbers written with a fraction or an exponent where an
/// integer is wanted, `Date`, `Data`, `URL` or `Decimal` values) makes it give up, and so does any error: the caller
/// then decodes with `JSONDecoder`, whose value or error (and so the Vietnamese message) is the one used. This
/// decoder's own errors are never shown.
///
/// It is quicker because it parses the bytes once into plain arrays, looks keys up by scanning the few keys of an
/// object, and builds a coding path only when a type asks for it.
enum StrictJSON {
    /// The value `JSONDecoder` would decode from `data`, or nil when this decoder is not sure of it (or it fails).
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) -> T? {
        let node: Node
        do {
            node = try data.withUnsafeBytes { raw throws(Refusal) -> Node in
                var parser = Parser(bytes: raw.bindMemory(to: UInt8.self))
                return try parser.document()
            }
        } catch {
            return nil
        }
        let session = Session()
        let value = try? NodeDecoder(node: node, path: nil, session: session).decode(type)
        return session.unsure ? nil : value
    }

    /// A JSON value, parsed.
    enum Node {
        case null
        case bool(Bool)
        /// The number as written, already checked against the JSON grammar.
        case number(String)
        case string(String)
        case array([Node])
        case object(Fields)
    }

    /// An object's members in their order; keys are distinct.
    struct Fields {
        var keys: [String] = []
        var values: [Node] = []

        /// The value of `key`: a scan, because objects in data files have a handful of keys.
        func value(_ key: String) -> Node? {
            for index in keys.indices where keys[index] == key { return values[index] }
            return nil
        }
    }

    /// Why parsing gave up; not shown to anyone.
    struct Refusal: Error {}

    /// What one decoding learned: whether it met something it may not decode as `JSONDecoder` does.
    final class Session {
        var unsure = false

        /// Gives up on the whole decoding: `JSONDecoder` must decide.
        func giveUp() -> Mismatch {
            unsure = true
            return Mismatch()
        }
    }

    /// The position of a value, built into a coding path only when asked.
    final class Path {
        let key: any CodingKey
        let parent: Path?

        init(_ key: any CodingKey, parent: Path?) {
            self.key = key
            self.parent = parent
        }

        static func codingPath(_ path: Path?) -> [any CodingKey] {
            var keys: [any CodingKey] = []
            var step = path
            while let current = step {
                keys.append(current.key)
                step = current.parent
            }
            return keys.reversed()
        }
    }

    /// A coding key for an array position.
    struct IndexKey: CodingKey {
        let intValue: Int?
        var stringValue: String { "Index \(intValue ?? 0)" }
        init(_ index: Int) { intValue = index }
        init?(stringValue: String) { nil }
        init?(intValue: Int) { self.intValue = intValue }
    }
}

// MARK: - Parsing

extension StrictJSON {
    /// RFC 8259 JSON, nothing more: no comments, no trailing commas, no duplicate keys, UTF-8 only (a leading
    /// byte-order mark aside, which `JSONDecoder` also skips).
    struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        var depth = 0

        /// Deeper documents are left to `JSONDecoder`, which has a limit of its own.
        static let maximumDepth = 256
        /// Objects with more keys are left to `JSONDecoder`.
        static let maximumKeys = 64

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        }

        mutating func document() throws(Refusal) -> Node {
            let node = try value()
            skipSpace()
            guard position == bytes.count else { throw Refusal() }
            return node
        }

        private mutating func skipSpace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        private mutating func value() throws(Refusal) -> Node {
            skipSpace()
            guard position < bytes.count else { throw Refusal() }
            switch bytes[position] {
            case UInt8(ascii: "{"): return try object()
            case UInt8(ascii: "["): return try array()
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default: return .number(try number())
            }
        }

        private mutating func literal(_ word: StaticString) throws(Refusal) {
            let count = word.utf8CodeUnitCount
            guard bytes.count - position >= count else { throw Refusal() }
            for offset in 0..<count where bytes[position + offset] != word.utf8Start[offset] { throw Refusal() }
            position += count
        }

        /// The members of an object or the items of an array, `member` reading each, up to `closing`.
        private mutating func elements(closing: UInt8, _ member: (inout Parser) throws(Refusal) -> Void) throws(Refusal) {
            depth += 1
            guard depth <= Self.maximumDepth else { throw Refusal() }
            position += 1
            skipSpace()
            if position < bytes.count, bytes[position] == closing {
                position += 1
                depth -= 1
                return
            }
            while true {
                try member(&self)
                skipSpace()
                guard position < bytes.count else { throw Refusal() }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                guard bytes[position] == closing else { throw Refusal() }
                position += 1
                depth -= 1
                return
            }
        }

        private mutating func object() throws(Refusal) -> Node {
            var fields = Fields()
            try elements(closing: UInt8(ascii: "}")) { (parser: inout Parser) throws(Refusal) in
                parser.skipSpace()
                guard parser.position < parser.bytes.count, parser.bytes[parser.position] == UInt8(ascii: "\"") else { throw Refusal() }
                let key = try parser.string()
                // Equal keys as Swift compares strings, the way a decoder's lookup finds them. Keys are scanned, so
                // an object with many is left to JSONDecoder, which hashes them.
                guard fields.keys.count < Self.maximumKeys, !fields.keys.contains(key) else { throw Refusal() }
                parser.skipSpace()
                guard parser.position < parser.bytes.count, parser.bytes[parser.position] == UInt8(ascii: ":") else { throw Refusal() }
                parser.position += 1
                fields.keys.append(key)
                fields.values.append(try parser.value())
            }
            return .object(fields)
        }

        private mutating func array() throws(Refusal) -> Node {
            var items: [Node] = []
            try elements(closing: UInt8(ascii: "]")) { (parser: inout Parser) throws(Refusal) in items.append(try parser.value()) }
            return .array(items)
        }

        /// A string at `position` (its opening quote): its text, with escapes resolved and its UTF-8 checked.
        private mutating func string() throws(Refusal) -> String {
            position += 1
            let start = position
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                    position += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
                guard byte >= 0x20 else { throw Refusal() }
                position += byte < 0x80 ? 1 : try sequenceLength()
            }
            throw Refusal()
        }

        /// The length of the well-formed UTF-8 sequence of more than one byte at `position` (RFC 3629: no overlong
        /// forms, no surrogates, nothing above U+10FFFF); anything else is refused.
        private func sequenceLength() throws(Refusal) -> Int {
            let lead = bytes[position]
            let continuations: Int
            var lowest: UInt8 = 0x80, highest: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: continuations = 1
            case 0xE0: continuations = 2; lowest = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: continuations = 2
            case 0xED: continuations = 2; highest = 0x9F
            case 0xF0: continuations = 3; lowest = 0x90
            case 0xF1...0xF3: continuations = 3
            case 0xF4: continuations = 3; highest = 0x8F
            default: throw Refusal()
            }
            guard position + continuations < bytes.count, (lowest...highest).contains(bytes[position + 1]) else { throw Refusal() }
            for offset in stride(from: 2, through: continuations, by: 1) where !(0x80...0xBF).contains(bytes[position + offset]) {
                throw Refusal()
            }
            return continuations + 1
        }

        /// The rest of a string that has an escape at `position`, begun at `start`.
        private mutating func escapedString(from start: Int) throws(Refusal) -> String {
            var text = Array(bytes[start..<position])
            while position < bytes.count {
                let byte = bytes[position]
                switch byte {
                case UInt8(ascii: "\""):
                    position += 1
                    return String(decoding: text, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    position += 1
                    guard position < bytes.count else { throw Refusal() }
                    let escape = bytes[position]
                    position += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escape)
                    case UInt8(ascii: "b"): text.append(0x08)
                    case UInt8(ascii: "f"): text.append(0x0C)
                    case UInt8(ascii: "n"): text.append(0x0A)
                    case UInt8(ascii: "r"): text.append(0x0D)
                    case UInt8(ascii: "t"): text.append(0x09)
                    case UInt8(ascii: "u"): text.append(contentsOf: try unicodeEscape().utf8)
                    default: throw Refusal()
                    }
                default:
                    guard byte >= 0x20 else { throw Refusal() }
                    let length = byte < 0x80 ? 1 : try sequenceLength()
                    text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<(position + length)]))
                    position += length
                }
            }
            throw Refusal()
        }

        /// `XXXX` after `\u`, or a surrogate pair `XXXX\uXXXX`; a lone surrogate is refused.
        private mutating func unicodeEscape() throws(Refusal) -> String {
            let first = try hexQuad()
            var scalar: UInt32 = first
            if (0xD800...0xDBFF).contains(first) {
                guard bytes.count - position >= 6, bytes[position] == UInt8(ascii: "\\"),
                      bytes[position + 1] == UInt8(ascii: "u") else { throw Refusal() }
                position += 2
                let second = try hexQuad()
                guard (0xDC00...0xDFFF).contains(second) else { throw Refusal() }
                scalar = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            guard let value = Unicode.Scalar(scalar) else { throw Refusal() }
            return String(Character(value))
        }

        private mutating func hexQuad() throws(Refusal) -> UInt32 {
            guard bytes.count - position >= 4 else { throw Refusal() }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[position]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw Refusal()
                }
                value = value << 4 | UInt32(digit)
                position += 1
            }
            return value
        }

        /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, as written.
        private mutating func number() throws(Refusal) -> String {
            let start = position
            func digits(_ parser: inout Parser) -> Int {
                let first = parser.position
                while parser.position < parser.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(parser.bytes[parser.position]) {
                    parser.position += 1
                }
                return parser.position - first
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard position < bytes.count else { throw Refusal() }
            if bytes[position] == UInt8(ascii: "0") {
                position += 1
            } else if digits(&self) == 0 {
                throw Refusal()
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                position += 1
                guard digits(&self) > 0 else { throw Refusal() }
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                    position += 1
                }
                guard digits(&self) > 0 else { throw Refusal() }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        }
    }
}

// MARK: - Decoding

extension StrictJSON {
    /// Why a value did not decode; `JSONDecoder` then says why in its own words.
    struct Mismatch: Error {}

    /// Decodes values of other types than the JSON kinds: objects, arrays, and types that decode themselves.
    struct NodeDecoder: Decoder {
        let node: Node
        let path: Path?
        let session: Session

        var codingPath: [any CodingKey] { Path.codingPath(path) }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            guard case .object(let fields) = node else { throw Mismatch() }
            return KeyedDecodingContainer(KeyedContainer<Key>(fields: fields, path: path, session: session))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            guard case .array(let items) = node else { throw Mismatch() }
            return UnkeyedContainer(items: items, path: path, session: session)
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

        /// `T` decoded from `node` at `key` below `parent`: the JSON kinds read straight from the node, other types
        /// through a decoder (which is when the coding path is made).
        static func decode<T: Decodable>(_ type: T.Type, from node: Node, key: @autoclosure () -> any CodingKey, parent: Path?,
                                         session: Session) throws -> T {
            if let value = try primitive(type, from: node, session: session) { return value }
            return try T(from: NodeDecoder(node: node, path: Path(key(), parent: parent), session: session))
        }

        /// `T` read from `node` when it is a JSON kind; nil for a type that decodes itself. Gives up on the types
        /// `JSONDecoder` treats in a way of its own.
        @inline(__always)
        static func primitive<T: Decodable>(_ type: T.Type, from node: Node, session: Session) throws -> T? {
            if T.self == String.self { return try node.string() as? T }
            if T.self == Int.self { return try node.integer(Int.self, session) as? T }
            if T.self == Bool.self { return try node.bool() as? T }
            if T.self == Int64.self { return try node.integer(Int64.self, session) as? T }
            if T.self == Double.self { return try node.double(session) as? T }
            if T.self == Date.self || T.self == Data.self || T.self == URL.self || T.self == Decimal.self
                || T.self == Float.self { throw session.giveUp() }
            return nil
        }
    }

    struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let fields: Fields
        let path: Path?
        let session: Session

        var codingPath: [any CodingKey] { Path.codingPath(path) }
        var allKeys: [Key] { fields.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { fields.value(key.stringValue) != nil }

        private func value(_ key: Key) throws -> Node {
            guard let node = fields.value(key.stringValue) else { throw Mismatch() }
            return node
        }

        /// The value of `key`, or nil when it is absent or null.
        private func present(_ key: Key) -> Node? {
            guard let node = fields.value(key.stringValue) else { return nil }
            if case .null = node { return nil }
            return node
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            if case .null = try value(key) { return true }
            return false
        }

        func decode(_ type: String.Type, forKey key: Key) throws -> String { try value(key).string() }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try value(key).bool() }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try value(key).double(session) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { throw session.giveUp() }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try value(key).integer(type, session) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try value(key).integer(type, session) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try value(key).integer(type, session) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try value(key).integer(type, session) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try value(key).integer(type, session) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try value(key).integer(type, session) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try value(key).integer(type, session) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try value(key).integer(type, session) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try value(key).integer(type, session) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try value(key).integer(type, session) }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try NodeDecoder.decode(type, from: value(key), key: key, parent: path, session: session)
        }

        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present(key)?.string() }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present(key)?.bool() }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present(key)?.integer(type, session) }
        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try present(key)?.integer(type, session) }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try present(key)?.double(session) }
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard let node = present(key) else { return nil }
            return try NodeDecoder.decode(type, from: node, key: key, parent: path, session: session)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey> {
            try NodeDecoder(node: value(key), path: Path(key, parent: path), session: session).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try NodeDecoder(node: value(key), path: Path(key, parent: path), session: session).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder { throw session.giveUp() }
        func superDecoder(forKey key: Key) throws -> any Decoder { throw session.giveUp() }
    }

    struct UnkeyedContainer: UnkeyedDecodingContainer {
        let items: [Node]
        let path: Path?
        let session: Session
        private(set) var currentIndex = 0

        init(items: [Node], path: Path?, session: Session) {
            self.items = items
            self.path = path
            self.session = session
        }

        var codingPath: [any CodingKey] { Path.codingPath(path) }
        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }

        /// The next item.
        private func current() throws -> Node {
            guard !isAtEnd else { throw Mismatch() }
            return items[currentIndex]
        }

        /// The next item, decoded by `body`; the index moves on only when that succeeds, as `JSONDecoder`'s does.
        private mutating func next<T>(_ body: (Node) throws -> T) throws -> T {
            let value = try body(current())
            currentIndex += 1
            return value
        }

        private mutating func next() throws -> Node { try next { $0 } }

        mutating func decodeNil() throws -> Bool {
            if case .null = try current() {
                currentIndex += 1
                return true
            }
            return false
        }

        mutating func decode(_ type: String.Type) throws -> String { try next { try $0.string() } }
        mutating func decode(_ type: Bool.Type) throws -> Bool { try next { try $0.bool() } }
        mutating func decode(_ type: Double.Type) throws -> Double { try next { [session] in try $0.double(session) } }
        mutating func decode(_ type: Float.Type) throws -> Float { throw session.giveUp() }
        mutating func decode(_ type: Int.Type) throws -> Int { try next { [session] in try $0.integer(type, session) } }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try next { [session] in try $0.integer(type, session) } }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try next { [session] in try $0.integer(type, session) } }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try next { [session] in try $0.integer(type, session) } }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try next { [session] in try $0.integer(type, session) } }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try next { [session] in try $0.integer(type, session) } }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next { [session] in try $0.integer(type, session) } }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next { [session] in try $0.integer(type, session) } }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next { [session] in try $0.integer(type, session) } }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next { [session] in try $0.integer(type, session) } }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let index = currentIndex, path = path, session = session
            return try next { try NodeDecoder.decode(type, from: $0, key: IndexKey(index), parent: path, session: session) }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
            -> KeyedDecodingContainer<NestedKey> {
            let index = currentIndex, path = path, session = session
            return try next { try NodeDecoder(node: $0, path: Path(IndexKey(index), parent: path), session: session).container(keyedBy: type) }
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            let index = currentIndex, path = path, session = session
            return try next { try NodeDecoder(node: $0, path: Path(IndexKey(index), parent: path), session: session).unkeyedContainer() }
        }

        mutating func superDecoder() throws -> any Decoder { throw session.giveUp() }
    }
}

extension StrictJSON.Node {
    func string() throws -> String {
        guard case .string(let text) = self else { throw StrictJSON.Mismatch() }
        return text
    }

    func bool() throws -> Bool {
        guard case .bool(let value) = self else { throw StrictJSON.Mismatch() }
        return value
    }

    /// A plain integer in range; a number with a fraction or an exponent is left to `JSONDecoder` (it takes `1.0`
    /// and `1e2`) unless it surely is not whole.
    func integer<I: FixedWidthInteger>(_ type: I.Type, _ session: StrictJSON.Session) throws -> I {
        guard case .number(let text) = self else { throw StrictJSON.Mismatch() }
        if let value = I(text, radix: 10) { return value }
        if Self.isSurelyFractional(text) { throw StrictJSON.Mismatch() }
        throw session.giveUp()
    }

    /// A number written without an exponent, with a non-zero digit after the point and few enough digits that no
    /// rounding can make it whole.
    static func isSurelyFractional(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard let point = utf8.firstIndex(of: UInt8(ascii: ".")),
              !utf8.contains(UInt8(ascii: "e")), !utf8.contains(UInt8(ascii: "E")) else { return false }
        let digitCount = utf8.filter { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }.count
        return digitCount <= 15 && utf8[utf8.index(after: point)...].contains { $0 != UInt8(ascii: "0") }
    }

    /// A finite double; one too large for a double is left to `JSONDecoder`.
    func double(_ session: StrictJSON.Session) throws -> Double {
        guard case .number(let text) = self else { throw StrictJSON.Mismatch() }
        guard let value = Double(text), value.isFinite else { throw session.giveUp() }
        return value
    }
}

extension StrictJSON.NodeDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool {
        if case .null = node { return true }
        return false
    }

    func decode(_ type: String.Type) throws -> String { try node.string() }
    func decode(_ type: Bool.Type) throws -> Bool { try node.bool() }
    func decode(_ type: Double.Type) throws -> Double { try node.double(session) }
    func decode(_ type: Float.Type) throws -> Float { throw session.giveUp() }
    func decode(_ type: Int.Type) throws -> Int { try node.integer(type, session) }
    func decode(_ type: Int8.Type) throws -> Int8 { try node.integer(type, session) }
    func decode(_ type: Int16.Type) throws -> Int16 { try node.integer(type, session) }
    func decode(_ type: Int32.Type) throws -> Int32 { try node.integer(type, session) }
    func decode(_ type: Int64.Type) throws -> Int64 { try node.integer(type, session) }
    func decode(_ type: UInt.Type) throws -> UInt { try node.integer(type, session) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try node.integer(type, session) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try node.integer(type, session) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try node.integer(type, session) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try node.integer(type, session) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if let value = try Self.primitive(type, from: node, session: session) { return value }
        // A type decoding itself from a single value gets the same decoder, as with JSONDecoder.
        return try T(from: self)
    }
}
