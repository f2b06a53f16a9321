import Documents
import Foundation
import Storage

/// A draft's data split around the value of its `van_ban`, so that signing writes number, date and signer into it
/// without parsing or writing the rest again: every other byte stays as the draft had it.
///
/// The data stays the single source of a version's content: the signed file is rendered from this JSON, and the
/// JSON is stored beside it, so the version can be rendered again and compared. `van_ban` goes through `Issuance`,
/// so its keys and checks are the data model's own.
struct IssuedData: Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The bytes before and after the value of the top-level `van_ban`.
    private let before: Data
    private let after: Data
    /// The draft's issuance.
    let issuance: Issuance

    /// `decoded` is the issuance the document kind already read from this data, when it did; otherwise it is read
    /// from the data's `van_ban` here.
    init(_ json: Data, decoded: Issuance? = nil) throws {
        let bytes = [UInt8](json)
        guard let value = try JSONTopLevel.valueRange(of: "van_ban", in: bytes) else {
            throw Failure(description: "dữ liệu văn bản không phải một đối tượng JSON có “van_ban”")
        }
        before = Data(bytes[..<value.lowerBound])
        after = Data(bytes[value.upperBound...])
        issuance = try decoded ?? JSONDecoder().decode(Issuance.self, from: Data(bytes[value]))
    }

    /// Whether the data outside `van_ban` holds `text`.
    func contains(_ text: String) -> Bool {
        let bytes = Data(text.utf8)
        return before.range(of: bytes) != nil || after.range(of: bytes) != nil
    }

    /// The draft's issuance as a signing gives it: number, date, instant and signer from `issue`.
    func issuance(for issue: Issue) -> Issuance {
        issuance.issued(number: issue.number, date: issue.date, signedAt: issue.at,
                        signerName: issue.signer.fullName, signerTitle: issue.signer.title)
    }

    /// The data with `issuance` in place of the draft's.
    func stamped(_ issuance: Issuance) -> Data {
        var data = before
        data.append(contentsOf: issuance.json)
        data.append(after)
        return data
    }
}

/// Finds a member's value in a JSON object without decoding the object: a scanner that knows strings, nesting and
/// whitespace, enough to cut a value out of a document that a decoder has already accepted.
enum JSONTopLevel {
    /// The byte range of the value of `key` in the top-level object of `json`; nil when the object has no such
    /// member. Throws when `json` is not an object, or names `key` twice.
    static func valueRange(of key: String, in json: [UInt8]) throws -> Range<Int>? {
        var scanner = Scanner(bytes: json)
        scanner.skipSpace()
        guard scanner.take(UInt8(ascii: "{")) else { throw IssuedData.Failure(description: "dữ liệu văn bản không phải một đối tượng JSON") }
        var found: Range<Int>?
        scanner.skipSpace()
        if scanner.take(UInt8(ascii: "}")) { return nil }
        while true {
            scanner.skipSpace()
            let name = try scanner.string()
            scanner.skipSpace()
            guard scanner.take(UInt8(ascii: ":")) else { throw scanner.failure }
            scanner.skipSpace()
            let start = scanner.position
            try scanner.skipValue()
            if try decodedName(json[name]) == key {
                guard found == nil else { throw IssuedData.Failure(description: "dữ liệu văn bản có hai trường “\(key)”") }
                found = start..<scanner.position
            }
            scanner.skipSpace()
            if scanner.take(UInt8(ascii: ",")) { continue }
            guard scanner.take(UInt8(ascii: "}")) else { throw scanner.failure }
            return found
        }
    }

    /// A key's text: its bytes between the quotes, unescaped only when it has escapes.
    private static func decodedName(_ quoted: ArraySlice<UInt8>) throws -> String {
        guard quoted.contains(UInt8(ascii: "\\")) else { return String(decoding: quoted.dropFirst().dropLast(), as: UTF8.self) }
        return try JSONDecoder().decode(String.self, from: Data(quoted))
    }

    private struct Scanner {
        let bytes: [UInt8]
        var position = 0

        var failure: IssuedData.Failure {
            IssuedData.Failure(description: "dữ liệu văn bản không đọc được ở byte \(position)")
        }

        mutating func skipSpace() {
            // A byte-order mark may open the file.
            if position == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        /// A string with its quotes; its range.
        mutating func string() throws -> Range<Int> {
            let start = position
            guard take(UInt8(ascii: "\"")) else { throw failure }
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "\\"): position += 2
                case UInt8(ascii: "\""):
                    position += 1
                    return start..<position
                default: position += 1
                }
            }
            throw failure
        }

        mutating func skipValue() throws {
            guard position < bytes.count else { throw failure }
            switch bytes[position] {
            case UInt8(ascii: "\""):
                _ = try string()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                repeat {
                    guard position < bytes.count else { throw failure }
                    switch bytes[position] {
                    case UInt8(ascii: "\""):
                        _ = try string()
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                    default: break
                    }
                    position += 1
                } while depth > 0
            default:
                let start = position
                while position < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D]
                    .contains(bytes[position]) { position += 1 }
                guard position > start else { throw failure }
            }
        }
    }
}
