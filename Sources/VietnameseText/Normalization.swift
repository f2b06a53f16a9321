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
        // so any sequence of them is already NFC. Checked on UTF-8 bytes: this runs for every value rendered.
        if let answer = s.utf8.withContiguousStorageIfAvailable(isTriviallyNFC(utf8:)) { return answer }
        return s.unicodeScalars.allSatisfy { scalar in
            let value = scalar.value
            return value < 0x0300 || (0x1E00...0x1EFF).contains(value) || (0x2010...0x2027).contains(value)
        }
    }

    /// The fast-path test on UTF-8: U+0000–U+02FF (one byte, or lead bytes C2–CB), U+1E00–U+1EFF (E1 B8–BB xx),
    /// U+2010–U+2027 (E2 80 90–A7).
    private static func isTriviallyNFC(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
            } else if b >= 0xC2 && b <= 0xCB {
                i += 2
            } else if b == 0xE1, i + 1 < n, (0xB8...0xBB).contains(bytes[i + 1]) {
                i += 3
            } else if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, (0x90...0xA7).contains(bytes[i + 2]) {
                i += 3
            } else {
                return false
            }
        }
        return true
    }
}
