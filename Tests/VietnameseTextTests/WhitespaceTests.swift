import Testing
import VietnameseText

@Suite("Trimming white space")
struct WhitespaceTests {
    /// The definition the quick check must agree with: drop white-space characters from both ends.
    static func slowTrim(_ text: String) -> Substring {
        var s = text[...]
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return s
    }

    @Test("ends of every kind: ASCII and no-break spaces, line ends, letters with marks, nothing at all")
    func cases() {
        let cases: [(String, String)] = [
            ("  Nguyễn Văn A\u{00A0}", "Nguyễn Văn A"), ("A", "A"), ("", ""), (" \t", ""), ("Thủy ", "Thủy"),
            ("a\u{0301}", "a\u{0301}"), ("\u{00A0}x", "x"), ("x\r\n", "x"), ("Bắc Nga", "Bắc Nga"),
            ("\u{2003}Hoa\u{3000}", "Hoa"), ("0912 345 678", "0912 345 678"),
        ]
        for (text, trimmed) in cases {
            #expect(String(text.trimmingWhitespace()) == trimmed, "\(text.debugDescription)")
        }
    }

    @Test("agrees with dropping white-space characters one by one, on every mix of a few tricky pieces")
    func agreesWithTheDefinition() {
        let pieces = ["a", " ", "\u{00A0}", "\u{0301}", "\r", "\n", "ư", "\t", "Đ", "\u{200D}", "ế", "\u{0600}", "ȿ", "\u{85}", "\u{2028}"]
        for a in pieces { for b in pieces { for c in pieces {
            let text = a + b + c
            #expect(text.trimmingWhitespace() == Self.slowTrim(text), "\(text.debugDescription)")
        } } }
    }

    @Test("single spacing agrees with splitting at white-space characters, on every mix of a few tricky pieces")
    func singleSpacedAgreesWithTheDefinition() {
        let pieces = ["a", " ", "  ", "\u{00A0}", "\u{0301}", "\r\n", "ư", "\t", "Đ", "ế", "\u{0600}", "\u{2028}", "x y"]
        for a in pieces { for b in pieces { for c in pieces { for d in ["", " ", "b"] {
            let text = a + b + c + d
            #expect(text.singleSpaced == text.split(whereSeparator: \.isWhitespace).joined(separator: " "), "\(text.debugDescription)")
        } } } }
        #expect("  trưởng   thôn ".singleSpaced == "trưởng thôn")
    }
}
