import Foundation

/// Unicode normalisation: text from Word, browsers and macOS file names may arrive decomposed (NFD),
/// and generated documents must be NFC so that search and comparison by bytes work.
public enum UnicodeNormalization {
    /// NFC with a fast path: returns the input unchanged (no allocation) when every scalar is below U+0300 or in U+1E00–U+1EFF (Latin Extended Additional, all precomposed Vietnamese letters), or in U+2010–U+2027 (dashes, quotes, ellipsis); otherwise Foundation's precomposedStringWithCanonicalMapping.
    public static func nfc(_ s: String) -> String {
        isTriviallyNFC(s) ? s : s.precomposedStringWithCanonicalMapping
    }

    /// True when `nfc(s) == s` can be decided by the fast path above.
    public static func isTriviallyNFC(_ s: String) -> Bool {
        // None of these scalars is a combining mark, a composition exclusion or the second half of a composition,
        // so any sequence of them is already NFC.
        s.unicodeScalars.allSatisfy { scalar in
            let value = scalar.value
            return value < 0x0300 || (0x1E00...0x1EFF).contains(value) || (0x2010...0x2027).contains(value)
        }
    }
}
