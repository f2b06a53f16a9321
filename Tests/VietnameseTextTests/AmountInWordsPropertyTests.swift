import TestSupport
import Testing
import VietnameseText

/// Round trips through an independent strict parser, and the shape of readings, over many values up to 10^15.
@Suite("Amounts in words: properties")
struct AmountInWordsPropertyTests {
    private static let limit: Int64 = 1_000_000_000_000_000

    /// Uniform values, values assembled from groups (most of them empty or small, where the rules bite),
    /// and every value up to 10 000.
    private static func sampleValues() -> [Int64] {
        var generator = SplitMix64(seed: 0x5641_4E42_414E)
        var values = Array(Int64(0)...10_000)
        for _ in 0..<5_000 {
            values.append(Int64.random(in: 0..<limit, using: &generator))
        }
        for _ in 0..<10_000 {
            var value: Int64 = 0
            for _ in 0..<Int.random(in: 1...5, using: &generator) {
                let group: Int64 = switch Int.random(in: 0..<6, using: &generator) {
                case 0, 1: 0
                case 2: Int64.random(in: 1...9, using: &generator)
                case 3: Int64.random(in: 10...99, using: &generator)
                case 4: Int64.random(in: 1...9, using: &generator) * 100 + Int64.random(in: 0...9, using: &generator)
                default: Int64.random(in: 100...999, using: &generator)
                }
                value = value * 1_000 + group
            }
            values.append(value)
        }
        return values
    }

    @Test func readingParsesBackToTheValue() {
        for value in Self.sampleValues() {
            let words = VietnameseNumberWords.reading(of: value)
            #expect(NumberWordsParser.parse(words) == value, "\(value): \(words)")
        }
    }

    @Test func southernReadingParsesBackToTheValue() {
        for value in Self.sampleValues() where value % 7 == 0 {
            let words = VietnameseNumberWords.reading(of: value, thousand: .ngan)
            #expect(NumberWordsParser.parse(words) == value, "\(value): \(words)")
            #expect(!words.contains("nghìn"), "\(value): \(words)")
        }
    }

    @Test func negativeReadingIsAmPlusThePositiveReading() {
        for value in Self.sampleValues() where value > 0 && value % 11 == 0 {
            let words = VietnameseNumberWords.reading(of: -value)
            #expect(words == "âm " + VietnameseNumberWords.reading(of: value))
            #expect(NumberWordsParser.parse(words) == -value, "\(-value): \(words)")
        }
    }

    /// Above 10^18 the part above a billion is itself above a billion: "… tỷ … tỷ …".
    @Test func readingParsesBackAboveTenToTheEighteen() {
        var generator = SplitMix64(seed: 18)
        var values: [Int64] = [.max, .min, 1_000_000_000_000_000_000, 1_000_000_000_000_000_001]
        for _ in 0..<1_000 {
            values.append(Int64.random(in: 1_000_000_000_000_000_000 ... .max, using: &generator))
        }
        for value in values {
            let words = VietnameseNumberWords.reading(of: value)
            #expect(NumberWordsParser.parse(words) == value, "\(value): \(words)")
        }
    }

    @Test func readingsHaveTheirUsualShape() {
        for value in Self.sampleValues() {
            let words = VietnameseNumberWords.reading(of: value)
            #expect(words.split(separator: " ").filter { $0 == "tỷ" }.count <= 1, "\(value): \(words)")
            #expect(!words.contains("  "), "\(value): \(words)")
            #expect(words.first != " " && words.last != " ", "\(value): \(words)")
            #expect(!words.contains("mươi một"), "\(value): \(words)")
            #expect(!words.contains("mươi năm"), "\(value): \(words)")
            #expect(!words.contains("mười năm"), "\(value): \(words)")
        }
    }
}
