import Foundation
import VietnameseText
import Yams

/// A province's rules for its teams, read from a file in `policies/`: data, not code, because every province
/// writes its own (`../shared/DOMAIN.md` §3).
public struct TeamPolicy: Sendable, Equatable {
    /// How strongly a rule applies: a required one makes a violation an error, a recommended one a warning.
    public enum Requirement: String, Sendable, CaseIterable {
        case none, recommended, required
    }

    /// What the policy says of the village head (trưởng thôn, ấp…).
    public enum VillageHeadRule: String, Sendable, CaseIterable {
        /// Nothing.
        case none
        /// The village head is on the team.
        case member
        /// The village head is the team's leader (Lạng Sơn, after Vạn Linh).
        case leader
    }

    /// A chat-group naming pattern such as `KTS_{xa}_{huyen}_Viettel`.
    public struct ChatGroup: Sendable, Equatable {
        public enum Scope: String, Sendable, CaseIterable {
            /// One group per team.
            case team
            /// One group per commune.
            case commune
        }

        public let scope: Scope
        /// Literal text with placeholders `{thon}`, `{xa}`, `{huyen}`, `{tinh}`; names are folded to ASCII
        /// and written without spaces, each word capitalised (`Kiên Mộc` → `KienMoc`).
        public let pattern: String

        static let placeholders = ["thon", "xa", "huyen", "tinh"]
    }

    public let id: String
    /// The province or area, as messages name the policy: `Lạng Sơn`.
    public let name: String
    /// The document the rules come from.
    public let source: String
    /// The rules in the source's own words.
    public let quote: String
    public let minMembers: Int?
    public let maxMembers: Int?
    /// At least one deputy leader (tổ phó).
    public let deputy: Requirement
    public let villageHead: VillageHeadRule
    /// At least one youth-union member.
    public let youthUnion: Requirement
    /// At least one women's-union member.
    public let womensUnion: Requirement
    public let chatGroup: ChatGroup?

    public init(id: String, name: String, source: String, quote: String, minMembers: Int? = nil, maxMembers: Int? = nil,
                deputy: Requirement = .none, villageHead: VillageHeadRule = .none, youthUnion: Requirement = .none,
                womensUnion: Requirement = .none, chatGroup: ChatGroup? = nil) {
        self.id = id
        self.name = name
        self.source = source
        self.quote = quote
        self.minMembers = minMembers
        self.maxMembers = maxMembers
        self.deputy = deputy
        self.villageHead = villageHead
        self.youthUnion = youthUnion
        self.womensUnion = womensUnion
        self.chatGroup = chatGroup
    }

    /// The chat-group name for a team of a commune, or nil when the policy sets no pattern.
    public func chatGroupName(commune: Commune, team: Team? = nil) -> String? {
        guard let chatGroup else { return nil }
        var name = chatGroup.pattern
        let values = ["thon": team?.village.name ?? "", "xa": commune.name, "huyen": commune.district ?? "", "tinh": commune.province]
        for (key, value) in values {
            name = name.replacingOccurrences(of: "{\(key)}", with: Self.compact(value))
        }
        return name
    }

    /// `Bắc Đông I` → `BacDongI`.
    static func compact(_ text: String) -> String {
        AsciiFolding.fold(text).split(whereSeparator: { $0 == " " || $0 == "-" }).map { word in
            word.prefix(1).uppercased() + word.dropFirst()
        }.joined()
    }
}

// MARK: - Loading

/// Why a policy file could not be used; the message names the file and the key, in Vietnamese.
public struct PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let message: String
    public var description: String { "\(file): \(message)" }
}

extension TeamPolicy {
    /// Reads a policy from YAML, refusing unknown keys and out-of-range values so that a typo is not a silently
    /// ignored rule.
    public static func load(yaml: String, file: String) throws(PolicyError) -> TeamPolicy {
        func fail(_ message: String) -> PolicyError { PolicyError(file: file, message: message) }
        let composed: Node?
        do { composed = try Yams.compose(yaml: yaml) } catch { throw fail("không đọc được YAML: \(error)") }
        guard let root = composed else { throw fail("tệp rỗng.") }
        var reader = MappingReader(node: root, path: "", fail: fail)
        let policy = try reader.read { (r: inout MappingReader) throws(PolicyError) -> TeamPolicy in
            let id = try r.string("id")
            guard id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
                throw fail("“id” phải gồm chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ: lang-son.")
            }
            let name = try r.string("name"), source = try r.string("source"), quote = try r.string("quote")
            let chatGroup = try r.optionalMapping("chat_group") { (c: inout MappingReader) throws(PolicyError) -> ChatGroup in
                let pattern = try c.string("pattern")
                var rest = pattern
                for key in ChatGroup.placeholders { rest = rest.replacingOccurrences(of: "{\(key)}", with: "") }
                if rest.contains("{") || rest.contains("}") {
                    throw fail("“chat_group.pattern” có chỗ trống lạ; chỉ dùng {thon}, {xa}, {huyen}, {tinh}.")
                }
                return ChatGroup(scope: try c.choice("scope", default: Optional<ChatGroup.Scope>.none), pattern: pattern)
            }
            return try r.mapping("team") { (t: inout MappingReader) throws(PolicyError) -> TeamPolicy in
                let minimum = try t.optionalInt("min_members"), maximum = try t.optionalInt("max_members")
                if let minimum, minimum < 1 { throw fail("“team.min_members” phải từ 1 trở lên.") }
                if let minimum, let maximum, maximum < minimum { throw fail("“team.max_members” nhỏ hơn “team.min_members”.") }
                return TeamPolicy(
                    id: id, name: name, source: source, quote: quote, minMembers: minimum, maxMembers: maximum,
                    deputy: try t.choice("deputy", default: .some(Requirement.none)),
                    villageHead: try t.choice("village_head", default: .some(VillageHeadRule.none)),
                    youthUnion: try t.choice("youth_union", default: .some(Requirement.none)),
                    womensUnion: try t.choice("womens_union", default: .some(Requirement.none)),
                    chatGroup: chatGroup)
            }
        }
        let expected = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        if file.hasSuffix(".yaml"), expected != policy.id {
            throw fail("“id” là “\(policy.id)” nhưng tệp tên “\(expected).yaml”; hai tên phải trùng nhau.")
        }
        return policy
    }

    /// Every policy in a folder (`*.yaml`), by id.
    public static func loadAll(directory: URL) throws(PolicyError) -> [String: TeamPolicy] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }.sorted()
        } catch {
            throw PolicyError(file: directory.path, message: "không đọc được thư mục chính sách: \(error.localizedDescription)")
        }
        var policies: [String: TeamPolicy] = [:]
        for name in names {
            let url = directory.appendingPathComponent(name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw PolicyError(file: name, message: "không đọc được tệp (cần văn bản UTF-8).")
            }
            let policy = try load(yaml: text, file: name)
            policies[policy.id] = policy
        }
        return policies
    }
}

/// Reads one YAML mapping, remembering which keys were used so that any other key is reported.
struct MappingReader {
    let pairs: [(key: String, value: Node)]
    let path: String
    let fail: (String) -> PolicyError
    private var used: Set<String> = []

    init(node: Node, path: String, fail: @escaping (String) -> PolicyError) {
        self.path = path
        self.fail = fail
        pairs = node.mapping.map { mapping in mapping.map { (key: $0.key.string ?? "", value: $0.value) } } ?? []
    }

    private func name(_ key: String) -> String { "“\(path)\(key)”" }

    /// Runs `body` on this mapping, then refuses keys it did not read.
    mutating func read<T>(_ body: (inout MappingReader) throws(PolicyError) -> T) throws(PolicyError) -> T {
        let result = try body(&self)
        if let unknown = pairs.first(where: { !used.contains($0.key) }) {
            throw fail("khóa \(name(unknown.key)) không có trong mẫu chính sách (viết nhầm?).")
        }
        return result
    }

    private mutating func value(_ key: String) -> Node? {
        used.insert(key)
        return pairs.first { $0.key == key }?.value
    }

    mutating func string(_ key: String) throws(PolicyError) -> String {
        guard let node = value(key) else { throw fail("thiếu khóa \(name(key)).") }
        guard let text = node.scalar?.string, !text.isEmpty else { throw fail("\(name(key)) phải là một chuỗi không rỗng.") }
        return UnicodeNormalization.nfc(text)
    }

    mutating func optionalInt(_ key: String) throws(PolicyError) -> Int? {
        guard let node = value(key) else { return nil }
        if node.scalar?.string == "null" || node.scalar?.string == "~" { return nil }
        guard let number = node.int else { throw fail("\(name(key)) phải là một số nguyên.") }
        return number
    }

    /// One of an enumeration's raw values; `fallback` when the key is absent (nil: the key is required).
    /// The fallback is not `T?`: an enumeration with a case named `none` would read `.none` as nil.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String, default fallback: Optional<T>) throws(PolicyError) -> T
    where T.RawValue == String {
        guard let node = value(key) else {
            if case .some(let fallback) = fallback { return fallback }
            throw fail("thiếu khóa \(name(key)).")
        }
        guard let text = node.scalar?.string, let result = T(rawValue: text) else {
            throw fail("\(name(key)) phải là một trong: \(T.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return result
    }

    mutating func mapping<T>(_ key: String, _ body: (inout MappingReader) throws(PolicyError) -> T) throws(PolicyError) -> T {
        guard let result = try optionalMapping(key, body) else { throw fail("thiếu khóa \(name(key)).") }
        return result
    }

    mutating func optionalMapping<T>(_ key: String, _ body: (inout MappingReader) throws(PolicyError) -> T) throws(PolicyError) -> T? {
        guard let node = value(key) else { return nil }
        guard node.mapping != nil else { throw fail("\(name(key)) phải là một bảng khóa–giá trị.") }
        var reader = MappingReader(node: node, path: path + key + ".", fail: fail)
        return try reader.read(body)
    }
}
