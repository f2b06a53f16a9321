import Foundation
import Testing
import TestSupport
@testable import VietnameseText

@Suite("ASCII folding")
struct AsciiFoldingTests {
    @Test(arguments: [
        ("Tổ CNSCĐ Kiến Mộc", "To CNSCD Kien Moc"),
        ("Đồng Tháp", "Dong Thap"),
        ("Kiến Mộc", "Kien Moc"),
        ("Ủy ban nhân dân xã Quảng Sơn", "Uy ban nhan dan xa Quang Son"),
        ("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ",
         "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd"),
        ("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ",
         "AAAAAAAAAAAAAAAAAEEEEEEEEEEEIIIIIOOOOOOOOOOOOOOOOOUUUUUUUUUUUYYYYYD"),
        ("Số 05/QĐ-UBND", "So 05/QD-UBND"),
        ("plain ASCII 123", "plain ASCII 123"),
    ])
    func foldsPrecomposedAndDecomposedText(text: String, folded: String) {
        #expect(AsciiFolding.fold(text) == folded)
        #expect(AsciiFolding.fold(text.decomposedStringWithCanonicalMapping) == folded)
    }

    @Test func keepsCharactersThatAreNotVietnameseLetters() {
        #expect(AsciiFolding.fold("Kế hoạch – “Chuyển đổi số”") == "Ke hoach – “Chuyen doi so”")
    }

    @Test("folding by table equals folding the whole text decomposed, scalar by scalar and in mixed text")
    func tableEqualsDecomposing() {
        let scalars = (UInt32(0)..<0x370).compactMap(Unicode.Scalar.init) + (UInt32(0x1E00)..<0x1F00).compactMap(Unicode.Scalar.init)
        for scalar in scalars {
            let text = String(Character(scalar))
            #expect(Array(AsciiFolding.fold(text).unicodeScalars) == Array(AsciiFolding.foldByDecomposing(text).unicodeScalars),
                    "U+\(String(scalar.value, radix: 16))")
        }
        let pieces = ["Đ", "ặ", "\u{0323}", "\u{0302}", "a", "\u{0344}", "ǅ", "Ω", "\u{1AB0}", "ΐ", " ", "Ư", "\u{031B}", "ǖ"]
        var random = SplitMix64(seed: 3)
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 1...5, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(Array(AsciiFolding.fold(text).unicodeScalars) == Array(AsciiFolding.foldByDecomposing(text).unicodeScalars),
                    "\(text.debugDescription)")
        }
        // Vietnamese text goes by the table.
        #expect(LatinFolding.folded("Tổ thôn Bắc Nga") == "To thon Bac Nga" && LatinFolding.folded("Ω") == nil)
    }
}
