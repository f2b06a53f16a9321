import Foundation

/// Unicode normalisation: text from Word, browsers and macOS file names may arrive decomposed (NFD),
/// and generated documents must be NFC so that search and comparison by bytes work.
public enum UnicodeNormalization {
    /// NFC with a fast path: returns the input unchanged (no allocation) when every scalar is below U+0300 or in U+1E00–U+1EFF (Latin Extended Additional, all precomposed Vietnamese letters), or in U+2010–U+2027 (dashes, quotes, ellipsis); otherwise Foundation's precomposedStringWithCanonicalMapping.
    public static func nfc(_ s: String) -> String {
        isTriviallyNFC(s) ? s : s.precomposedStringWithCanonicalMapping
    }

    /// True when `nfc(s) == s` can be decided by the fast path above.
    /// Text as a clerk meant it: NFC (old keyboards send decomposed marks) and without surrounding whitespace; inner
    /// line breaks stay.
    public static func cleaned(_ s: String) -> String {
        String(Substring(nfc(s)).trimmingWhitespace())
    }

    /// `cleaned(s)`, or nil when `s` is nil or only whitespace: an optional text a clerk may leave blank.
    public static func cleaned(_ s: String?) -> String? {
        guard let s else { return nil }
        let text = cleaned(s)
        return text.isEmpty ? nil : text
    }

    public static func isTriviallyNFC(_ s: String) -> Bool {
        // None of these scalars is a combining mark, a composition exclusion or the second half of a composition,
        // so any sequence of them is already NFC. Checked on UTF-8 bytes: this runs for every value rendered.
        if let answer = s.utf8.withContiguousStorageIfAvailable(isTriviallyNFC(utf8:)) { return answer }
        return s.unicodeScalars.allSatisfy { scalar in
            let value = scalar.value
            return value < 0x0300 || (0x1E00...0x1EFF).contains(value) || (0x2010...0x2027).contains(value)
        }
    }

    /// The fast-path test on UTF-8: every character is one `triviallyNFCLength` accepts.
    private static func isTriviallyNFC(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let length = triviallyNFCLength(bytes, at: i)
            if length == 0 { return false }
            i += length
        }
        return true
    }

    /// The length of the UTF-8 sequence starting at `i` when its character is NFC whatever surrounds it, or 0:
    /// U+0000–U+02FF (one byte, or lead bytes C2–CB), U+1E00–U+1EFF (E1 B8–BB xx), U+2010–U+2027 (E2 80 90–A7).
    /// The one definition of the fast path, shared with the XML escaper that fuses this check into its scan.
    @inlinable
    public static func triviallyNFCLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b = bytes[i], n = bytes.count
        if b < 0x80 { return 1 }
        if b >= 0xC2 && b <= 0xCB { return i + 1 < n ? 2 : 0 }
        if b == 0xE1, i + 2 < n, (0xB8...0xBB).contains(bytes[i + 1]) { return 3 }
        if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, (0x90...0xA7).contains(bytes[i + 2]) { return 3 }
        return 0
    }
}
