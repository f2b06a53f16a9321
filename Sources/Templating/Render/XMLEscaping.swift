import VietnameseText

extension Array where Element == UInt8 {
    /// Appends a value as XML text: NFC, escaped, characters illegal in XML 1.0 dropped, newlines and tabs as
    /// the format's break and tab elements, and (ODT) runs of spaces as `text:s` so they are not collapsed.
    mutating func appendText(_ value: String, format: DocumentFormat) {
        var normalized = UnicodeNormalization.nfc(value)
        normalized.withUTF8 { bytes in
            let n = bytes.count
            var i = 0
            while i < n {
                let b = bytes[i]
                switch b {
                case UInt8(ascii: "&"): append(contentsOf: Self.amp)
                case UInt8(ascii: "<"): append(contentsOf: Self.lt)
                case UInt8(ascii: ">"): append(contentsOf: Self.gt)
                case UInt8(ascii: "\n"): append(contentsOf: format.lineBreak)
                case UInt8(ascii: "\r"):
                    if i + 1 < n, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                    append(contentsOf: format.lineBreak)
                case UInt8(ascii: "\t"): append(contentsOf: format.tab)
                case 0..<0x20: break
                case 0xEF where i + 2 < n && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF):
                    i += 2
                case UInt8(ascii: " ") where format == .odt && i + 1 < n && bytes[i + 1] == UInt8(ascii: " "):
                    var run = 1
                    while i + run < n, bytes[i + run] == UInt8(ascii: " ") { run += 1 }
                    append(UInt8(ascii: " "))
                    append(contentsOf: Array("<text:s text:c=\"\(run - 1)\"/>".utf8))
                    i += run - 1
                default: append(b)
                }
                i += 1
            }
        }
    }

    /// Appends a value as an XML attribute value (escaped for double quotes), dropping illegal characters.
    mutating func appendAttribute(_ value: String) {
        for b in UnicodeNormalization.nfc(value).utf8 {
            switch b {
            case UInt8(ascii: "&"): append(contentsOf: Self.amp)
            case UInt8(ascii: "<"): append(contentsOf: Self.lt)
            case UInt8(ascii: ">"): append(contentsOf: Self.gt)
            case UInt8(ascii: "\""): append(contentsOf: Self.quot)
            case 0..<0x20: break
            default: append(b)
            }
        }
    }

    private static let amp = Array("&amp;".utf8)
    private static let lt = Array("&lt;".utf8)
    private static let gt = Array("&gt;".utf8)
    private static let quot = Array("&quot;".utf8)
}
