import Foundation
import Testing
import TestSupport
import VietnameseText

@Suite("JSON writer")
struct JSONWriterTests {
    static func encoderOutput<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(value))
    }

    struct Sample: Encodable {
        let a: [String]
        let b: Int
        let c: String?
        let d: [String: String]
    }

    static func written(_ sample: Sample) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("a")
        writer.strings(sample.a)
        writer.key("b")
        writer.int(sample.b)
        if let c = sample.c {
            writer.key("c")
            writer.string(c)
        }
        writer.key("d")
        writer.beginObject()
        for key in sample.d.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            writer.key(key)
            writer.string(sample.d[key]!)
        }
        writer.endObject()
        writer.endObject()
        return writer.bytes
    }

    @Test("writes what JSONEncoder writes with sorted keys and unescaped slashes: every ASCII character, and beyond")
    func sameAsJSONEncoder() throws {
        var everyASCII = ""
        for value in UInt8(0)..<0x80 { everyASCII.unicodeScalars.append(Unicode.Scalar(value)) }
        let texts = [everyASCII, "", "Lưu: VT, VHXH.", "a/b", "\u{2028}\u{2029}\u{FEFF}\u{85}é\u{301}😀", "\"\\", "Đặng Đức Sơn"]
        var random = SplitMix64(seed: 11)
        for _ in 0..<200 {
            func text() -> String { texts.randomElement(using: &random)! }
            let sample = Sample(
                a: (0..<Int.random(in: 0...3, using: &random)).map { _ in text() }, b: Int.random(in: -1_000_000...1_000_000, using: &random),
                c: Bool.random(using: &random) ? text() : nil,
                d: Dictionary((0..<Int.random(in: 0...3, using: &random)).map { _ in (["ho_ten", "chuc_vu", "Zed", "a_b", "aB", "ab"].randomElement(using: &random)!, text()) },
                              uniquingKeysWith: { first, _ in first }))
            #expect(Self.written(sample) == (try Self.encoderOutput(sample)))
        }
    }
}
