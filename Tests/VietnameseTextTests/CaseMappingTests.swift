import Foundation
import Testing
import VietnameseText

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
}
