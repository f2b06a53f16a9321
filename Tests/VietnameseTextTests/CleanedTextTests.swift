import Testing
import VietnameseText

@Suite("Cleaned text and shared names")
struct CleanedTextTests {
    @Test("cleaned text is NFC without surrounding whitespace; inner line breaks stay; blank optional text is nil")
    func cleaned() {
        let decomposed = "  Tổ trưởng\n Bắc Nga \t".decomposedStringWithCanonicalMapping
        #expect(UnicodeNormalization.cleaned(decomposed).unicodeScalars.elementsEqual("Tổ trưởng\n Bắc Nga".unicodeScalars))
        #expect(UnicodeNormalization.cleaned(Optional(" \n ")) == nil)
        #expect(UnicodeNormalization.cleaned(Optional<String>.none) == nil)
        #expect(UnicodeNormalization.cleaned(Optional(" ấp ")) == "ấp")
    }

    @Test("the thousand word is read with or without diacritics, and nothing else is")
    func thousandWord() {
        #expect(ThousandWord(name: "nghìn") == .nghin && ThousandWord(name: "nghin") == .nghin)
        #expect(ThousandWord(name: " ngàn ") == .ngan && ThousandWord(name: "ngan") == .ngan)
        #expect(ThousandWord(name: "ngàn".decomposedStringWithCanonicalMapping) == .ngan)
        #expect(ThousandWord(name: "ngìn") == nil && ThousandWord(name: "bare") == nil)
    }

    @Test("point letters skip f, j, w, z and the marked letters other than đ")
    func pointLetters() {
        #expect(LegalNumbering.pointLetters.prefix(7) == ["a", "b", "c", "d", "đ", "e", "g"])
        #expect(!LegalNumbering.pointLetters.contains { ["f", "j", "w", "z", "ă", "â"].contains($0) })
        #expect(LegalNumbering.roman(4) == "IV" && LegalNumbering.roman(1999) == "MCMXCIX")
    }
}
