import Foundation

/// Vietnamese text without diacritics, for file names, identifiers and accent-insensitive search keys.
public enum AsciiFolding {
    /// Removes diacritics and maps đ→d, Đ→D: "Tổ CNSCĐ Kiến Mộc" -> "To CNSCD Kien Moc". Works on NFC and NFD input.
    ///
    /// Only the combining diacritical marks U+0300–U+036F are removed, so other scripts' marks survive;
    /// characters other than Latin letters with diacritics are kept as they are.
    public static func fold(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s }
        return LatinFolding.folded(s) ?? foldByDecomposing(s)
    }

    /// `fold` the long way: the whole text decomposed, then its marks dropped.
    static func foldByDecomposing(_ s: String) -> String {
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

/// `AsciiFolding.fold` by table for the Latin blocks Vietnamese is written in: each scalar of U+0000–U+036F and
/// U+1E00–U+1EFF folded once the long way. Folding text scalar by scalar gives what folding it whole gives, because
/// every scalar these blocks decompose into is either kept (a letter: decomposition never moves it) or a mark of
/// U+0300–U+036F (dropped wherever reordering puts it). Text with any other scalar is folded the long way.
enum LatinFolding {
    static let latin = table(0..<0x370)
    static let vietnamese = table(0x1E00..<0x1F00)

    private static func table(_ range: Range<UInt32>) -> [String] {
        range.map { AsciiFolding.foldByDecomposing(String(Character(Unicode.Scalar($0)!))) }
    }

    static func folded(_ s: String) -> String? {
        var folded = ""
        folded.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                folded.unicodeScalars.append(scalar)
            } else if value < 0x370 {
                folded += latin[Int(value)]
            } else if value >= 0x1E00 && value < 0x1F00 {
                folded += vietnamese[Int(value - 0x1E00)]
            } else {
                return nil
            }
        }
        return folded
    }
}
