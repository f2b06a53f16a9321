import Foundation
import Testing
import VietnameseText

@Suite("Unicode normalisation")
struct NormalizationTests {
    /// String == ignores the difference between NFC and NFD, so the scalars are compared.
    @Test func composesDecomposedInput() {
        let precomposed = "Ủy ban nhân dân xã Quảng Sơn"
        let decomposed = precomposed.decomposedStringWithCanonicalMapping
        #expect(Array(decomposed.unicodeScalars) != Array(precomposed.unicodeScalars))
        #expect(Array(UnicodeNormalization.nfc(decomposed).unicodeScalars) == Array(precomposed.unicodeScalars))
    }

    @Test(arguments: ["UBND xã", "Ủy ban nhân dân xã Quảng Sơn", "Số 05/QĐ-UBND – “Kế hoạch”…", ""])
    func fastPathKeepsTextUnchanged(text: String) {
        #expect(UnicodeNormalization.isTriviallyNFC(text))
        #expect(Array(UnicodeNormalization.nfc(text).unicodeScalars) == Array(text.unicodeScalars))
    }

    @Test func decomposedTextIsNotTrivial() {
        #expect(!UnicodeNormalization.isTriviallyNFC("Quảng".decomposedStringWithCanonicalMapping))
    }

    /// Outside the fast path Foundation decides: the ohm sign is replaced, CJK text is already NFC.
    @Test func slowPathNormalises() {
        #expect(!UnicodeNormalization.isTriviallyNFC("\u{2126}"))
        #expect(Array(UnicodeNormalization.nfc("\u{2126}").unicodeScalars) == ["\u{03A9}"])
        #expect(Array(UnicodeNormalization.nfc("日本").unicodeScalars) == ["\u{65E5}", "\u{672C}"])
    }
}
