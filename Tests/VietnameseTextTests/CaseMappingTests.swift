import Foundation
import Testing
import TestSupport
@testable import VietnameseText

@Suite("Case mapping")
struct CaseMappingTests {
    @Test func upperCasesAnAgencyName() {
        #expect(VietnameseCase.upper("ủy ban nhân dân xã quảng sơn") == "ỦY BAN NHÂN DÂN XÃ QUẢNG SƠN")
        #expect(VietnameseCase.upper("đồng") == "ĐỒNG")
        #expect(VietnameseCase.upper("đ") == "Đ")
    }

    @Test func lowerCases() {
        #expect(VietnameseCase.lower("ỦY BAN") == "ủy ban")
        #expect(VietnameseCase.lower("ĐỒNG THÁP") == "đồng tháp")
    }

    /// String == ignores the difference between NFC and NFD, so the scalars are compared.
    @Test func upperOfDecomposedInputIsPrecomposed() {
        let decomposed = "ủy".decomposedStringWithCanonicalMapping
        #expect(Array(decomposed.unicodeScalars) == ["u", "\u{0309}", "y"])
        #expect(Array(VietnameseCase.upper(decomposed).unicodeScalars) == ["\u{1EE6}", "Y"])
        #expect(Array(VietnameseCase.lower("ỦY".decomposedStringWithCanonicalMapping).unicodeScalars) == ["\u{1EE7}", "y"])
    }

    @Test func capitalizedFirst() {
        #expect(VietnameseCase.capitalizedFirst("âm một đồng") == "Âm một đồng")
        #expect(VietnameseCase.capitalizedFirst("đồng Tháp") == "Đồng Tháp")
        #expect(VietnameseCase.capitalizedFirst("ủy ban ND") == "Ủy ban ND")
        #expect(VietnameseCase.capitalizedFirst("") == "")
    }

    /// The table of Latin lower cases must give exactly what `String.lowercased()` gives.
    @Test("lower case by table: every scalar of the Latin and Vietnamese blocks as the standard library maps it")
    func lowerByTableEqualsTheStandardLibrary() {
        let scalars = (UInt32(0)..<0x370).compactMap(Unicode.Scalar.init) + (UInt32(0x1E00)..<0x1F00).compactMap(Unicode.Scalar.init)
        for scalar in scalars {
            let text = String(String.UnicodeScalarView([scalar]))
            #expect(Array(VietnameseCase.lower(text).unicodeScalars)
                    == Array(UnicodeNormalization.nfc(text.lowercased()).unicodeScalars), "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test("lower case by table: mixed text, decomposed marks, and scalars the table leaves to the standard library")
    func lowerOfMixedText() {
        let pieces = ["Đ", "Ặ", "ƯỚ", "İ", "Σ", "ẞ", "A\u{0301}", "\u{0130}x", "ǅ", " ", "Ω", "Ⅻ", "😀", "ŉ", "Ǆ", "Ĳ", "ΐ"]
        var random = SplitMix64(seed: 7)
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...5, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(Array(VietnameseCase.lower(text).unicodeScalars)
                    == Array(UnicodeNormalization.nfc(text.lowercased()).unicodeScalars), "\(text.debugDescription)")
        }
        #expect(VietnameseCase.lower("Đào Xuân ĐÔNG") == "đào xuân đông")
        // Vietnamese text goes by the table; other scripts are left to the standard library.
        #expect(LatinLowercase.lowercased("Đào Xuân ĐÔNG") == "đào xuân đông")
        #expect(LatinLowercase.lowercased("ΣΑ") == nil && LatinLowercase.lowercased("İ") == nil)
    }
}
