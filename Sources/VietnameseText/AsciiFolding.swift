import Foundation

/// Vietnamese text without diacritics, for file names, identifiers and accent-insensitive search keys.
public enum AsciiFolding {
    /// Removes diacritics and maps đ→d, Đ→D: "Tổ CNSCĐ Kiến Mộc" -> "To CNSCD Kien Moc". Works on NFC and NFD input.
    ///
    /// Only the combining diacritical marks U+0300–U+036F are removed, so other scripts' marks survive;
    /// characters other than Latin letters with diacritics are kept as they are.
    public static func fold(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s }
        var folded = String.UnicodeScalarView()
        // Decomposing first turns every precomposed letter into its base letter followed by its marks.
        for scalar in s.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar {
            case "\u{0300}"..."\u{036F}": continue
            // Đ and đ are letters of their own, not D and d with a mark, so decomposition leaves them alone.
            case "đ": folded.append("d")
            case "Đ": folded.append("D")
            default: folded.append(scalar)
            }
        }
        return String(folded)
    }
}
