import Foundation
import Testing
import TestSupport
@testable import Domain
@testable import Documents
import Templating

/// The quick decoder of data files must give exactly what Foundation's `JSONDecoder` gives, value and message alike.
@Suite("Strict JSON decoding")
struct StrictJSONTests {
    static func sample(_ name: String) throws -> Data {
        try Data(contentsOf: repositoryRoot.appendingPathComponent("samples/\(name)"))
    }

    /// Checks that the quick path answers for a sample and equals `JSONDecoder`.
    static func expectQuick<T: Decodable & Equatable>(_ type: T.Type, _ name: String) throws {
        let data = try sample(name)
        let quick = try #require(StrictJSON.decode(type, from: data), "the quick path gave up on \(name)")
        #expect(quick == (try JSONDecoder().decode(type, from: data)), "\(name)")
    }

    @Test("every sample data file is read by the quick path, to the same value as JSONDecoder")
    func samples() throws {
        try Self.expectQuick(FoundingDecisionData.self, "gia-cat-to.json")
        try Self.expectQuick(CommuneTeams.self, "gia-cat-to.json")
        try Self.expectQuick(ActivityPlanData.self, "quang-son-ke-hoach.json")
        try Self.expectQuick(QuarterlyReportData.self, "quang-son-bao-cao-quy.json")
        try Self.expectQuick(SteeringCommitteeDecisionData.self, "yen-hoa-ban-chi-dao.json")
        try Self.expectQuick(OperatingRulesDecisionData.self, "yen-hoa-quy-che.json")
        // A budget file is read as a file type of its own, then worked out.
        for name in ["dong-thap-du-toan.json", "soc-trang-ho-tro.json"] {
            let data = try Self.sample(name)
            let quick = try #require(StrictJSON.decode(BudgetProposalData.File.self, from: data), "the quick path gave up on \(name)")
            let reference = try JSONDecoder().decode(BudgetProposalData.File.self, from: data)
            #expect(quick.commune == reference.commune && quick.issuance == reference.issuance
                && quick.proposal == reference.proposal && quick.estimate == reference.estimate, "\(name)")
        }
    }

    /// Typed fields, some optional, as the data model reads them.
    struct Record: Decodable, Equatable {
        let name: String
        let count: Int
        let flag: Bool?
        let share: Double?
        let small: UInt8?
        let items: [String]?

        enum CodingKeys: String, CodingKey { case name = "ten", count = "so", flag = "co", share = "ty_le", small = "nho", items = "ds" }
    }

    static let trickyInputs: [String] = [
        // Numbers JSONDecoder reads as integers, or refuses, or reads only as doubles.
        #"{"ten": "a", "so": 1.0}"#, #"{"ten": "a", "so": 1e2}"#, #"{"ten": "a", "so": 1E2}"#, #"{"ten": "a", "so": 2.000}"#,
        #"{"ten": "a", "so": 0.5}"#, #"{"ten": "a", "so": 1.5e0}"#, #"{"ten": "a", "so": -0}"#, #"{"ten": "a", "so": 01}"#,
        #"{"ten": "a", "so": 99999999999999999999}"#, #"{"ten": "a", "so": -9223372036854775808}"#,
        #"{"ten": "a", "so": 9223372036854775807}"#, #"{"ten": "a", "so": 9223372036854775808}"#,
        #"{"ten": "a", "so": 123456789012345678.5}"#, #"{"ten": "a", "so": 1, "ty_le": 1e400}"#,
        #"{"ten": "a", "so": 1, "ty_le": -0.0}"#, #"{"ten": "a", "so": 1, "ty_le": 0.1}"#, #"{"ten": "a", "so": 1, "ty_le": 12}"#,
        #"{"ten": "a", "so": 1, "nho": 255}"#, #"{"ten": "a", "so": 1, "nho": 256}"#, #"{"ten": "a", "so": 1, "nho": -1}"#,
        #"{"ten": "a", "so": 1, "nho": 2.0}"#, #"{"ten": "a", "so": +1}"#, #"{"ten": "a", "so": .5}"#, #"{"ten": "a", "so": 1.}"#,
        // Kinds that do not match.
        #"{"ten": 5, "so": 1}"#, #"{"ten": "a", "so": true}"#, #"{"ten": "a", "so": 1, "co": 1}"#, #"{"ten": "a", "so": "1"}"#,
        #"{"ten": "a", "so": 1, "ty_le": "0,5"}"#, #"{"ten": "a", "so": null}"#, #"{"ten": "a"}"#, #"{"ten": "a", "so": 1, "co": null}"#,
        #"{"ten": "a", "so": 1, "ds": ["x", 2]}"#, #"{"ten": "a", "so": 1, "ds": "x"}"#, #"["ten"]"#, #""ten""#, "12", "null",
        // Strings and escapes.
        #"{"ten": "\u00e9\u0301", "so": 1}"#, #"{"ten": "\ud83d\ude00", "so": 1}"#, #"{"ten": "\ud800", "so": 1}"#,
        #"{"ten": "\udc00\ud800", "so": 1}"#, #"{"ten": "a\/b\"c\\d\b\f\n\r\t", "so": 1}"#, #"{"ten": "\x", "so": 1}"#,
        #"{"ten": "\u12", "so": 1}"#, "{\"ten\": \"a\tb\", \"so\": 1}", "{\"ten\": \"a\u{0}b\", \"so\": 1}", #"{"\u0074en": "a", "so": 1}"#,
        #"{"ten": "Đặng Đức Sơn", "so": 1}"#, "{\"ten\": \"De\u{0301}\", \"so\": 1}",
        // Syntax JSONDecoder may be lenient about, or not.
        #"{"ten": "a", "so": 1,}"#, #"{"ten": "a", "so": 1, "so": 2}"#, #"{"ten": "a", "so": 1} x"#, #"{"ten": "a" "so": 1}"#,
        "\u{FEFF}{\"ten\": \"a\", \"so\": 1}", "{\"ten\":\"a\",\u{0B}\"so\":1}", #"{ten: "a", "so": 1}"#, #"{"ten": 'a', "so": 1}"#,
        "{\"ten\": \"a\", \"so\": 1 /* c */}", "", " ", "{", #"{"ten": "a", "so": [1, 2,]}"#, #"{"ten": "a", "so": tru}"#,
        #"{"ten": "a", "so": 1, "ds": [,]}"#, #"{"ten": "a", "so": 1, "ds": []}"#, #"{"ten": "a", "so": 1, "ds": [] }"#,
        String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
        "{\"ten\": \"a\", \"so\": 1, \"ds\": " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "}",
    ]

    static func both<T: Decodable & Equatable>(_ type: T.Type, _ data: Data) -> (Result<T, DomainDataError>, Result<T, DomainDataError>) {
        (Result { () throws(DomainDataError) -> T in try decodeDomain(type, from: data) },
         Result { () throws(DomainDataError) -> T in try decodeDomainWithFoundation(type, from: data) })
    }

    @Test("tricky inputs: the same value or the same message as JSONDecoder", arguments: trickyInputs)
    func tricky(_ text: String) {
        let data = Data(text.utf8)
        let (record, recordByFoundation) = Self.both(Record.self, data)
        #expect(record == recordByFoundation)
        // Any JSON value, decoded as a permissive type does: each kind tried in turn with `try?`, so that a decoder
        // that refuses or accepts a kind differently gives a different value.
        let (any, anyByFoundation) = Self.both(TemplateValue.self, data)
        #expect(any == anyByFoundation)
    }

    @Test("invalid UTF-8 gives JSONDecoder's message")
    func invalidUTF8() {
        for bytes: [UInt8] in [[0x7B, 0x22, 0xC3, 0x22, 0x3A, 0x31, 0x7D], Array(#"{"ten": "a"#.utf8) + [0xFF] + Array(#"", "so": 1}"#.utf8)] {
            let (record, recordByFoundation) = Self.both(Record.self, Data(bytes))
            #expect(record == recordByFoundation)
        }
    }

    @Test("the quick path answers for plain strict JSON and gives up where JSONDecoder may differ")
    func answersOrGivesUp() {
        #expect(StrictJSON.decode(Record.self, from: Data(#"{"ten": "a", "so": 1, "ds": ["x"], "ty_le": 0.5}"#.utf8))
            == Record(name: "a", count: 1, flag: nil, share: 0.5, small: nil, items: ["x"]))
        let manyKeys = "{\"ten\": \"a\", \"so\": 1, " + (0..<100).map { "\"k\($0)\": \($0)" }.joined(separator: ", ") + "}"
        for text in [#"{"ten": "a", "so": 1.0}"#, #"{"ten": "a", "so": 1,}"#, #"{"ten": "a", "so": 1, "so": 2}"#, manyKeys] {
            #expect(StrictJSON.decode(Record.self, from: Data(text.utf8)) == nil, "\(text)")
        }
    }

    @Test("a founding decision's data file with random damage: the same value or the same message as JSONDecoder")
    func damagedFiles() throws {
        let original = [UInt8](try Self.sample("gia-cat-to.json"))
        let pieces: [[UInt8]] = ["", ",", "}", "]", "\"", "1.0", "null", "true", "\\u0041", "é", "-", "0", " ", "[", "{\"a\":1}"]
            .map { Array($0.utf8) }
        var random = SplitMix64(seed: 20261123)
        var quick = 0
        for _ in 0..<300 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...2, using: &random) {
                let start = Int.random(in: 0..<bytes.count, using: &random)
                let end = min(bytes.count, start + Int.random(in: 0...3, using: &random))
                bytes.replaceSubrange(start..<end, with: pieces.randomElement(using: &random)!)
            }
            let data = Data(bytes)
            let (value, valueByFoundation) = Self.both(FoundingDecisionData.self, data)
            #expect(value == valueByFoundation, "\(String(decoding: bytes, as: UTF8.self))")
            if StrictJSON.decode(FoundingDecisionData.self, from: data) != nil { quick += 1 }
        }
        // Damage inside a string leaves the file valid: some of the cases must have gone the quick way.
        #expect(quick > 0)
    }
}
