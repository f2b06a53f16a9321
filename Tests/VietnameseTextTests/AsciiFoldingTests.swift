import Foundation
import Testing
import VietnameseText

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
}
