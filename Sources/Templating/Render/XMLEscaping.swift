import VietnameseText

extension Array where Element == UInt8 {
    /// Appends a value as XML text: NFC, escaped, characters illegal in XML 1.0 dropped, newlines and tabs as
    /// the format's break and tab elements, and (ODT) runs of spaces as `text:s` so they are not collapsed.
    /// Clean stretches are copied in one go: this is the innermost loop of rendering.
    mutating func appendText(_ value: String, format: DocumentFormat) {
        var text = value
        let done = text.withUTF8 { appendEscaped($0, format: format, requireNFC: true) }
        if !done {
            // Not trivially NFC (combining marks, say): normalise, then escape without the check.
            var normalized = UnicodeNormalization.nfc(text)
            _ = normalized.withUTF8 { appendEscaped($0, format: format, requireNFC: false) }
        }
    }

    /// Escapes UTF-8 into the buffer. With `requireNFC`, it stops and returns false (appending nothing) at the first
    /// byte outside the ranges that are NFC whatever follows (see `UnicodeNormalization.isTriviallyNFC`), so that the
    /// NFC check costs no second pass over the text.
    private mutating func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, format: DocumentFormat, requireNFC: Bool) -> Bool {
        let odt = format == .odt
        let mark = count
        do {
            let n = bytes.count
            var runStart = 0
            var i = 0
            while i < n {
                let b = bytes[i]
                if b >= 0x80 {
                    if b == 0xEF, i + 2 < n, bytes[i + 1] == 0xBF, bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF {
                        // U+FFFE and U+FFFF are not allowed in XML.
                        if i > runStart { append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
                        i += 3
                        runStart = i
                        continue
                    }
                    if requireNFC {
                        let length: Int
                        if b >= 0xC2 && b <= 0xCB {
                            length = 2
                        } else if b == 0xE1, i + 1 < n, (0xB8...0xBB).contains(bytes[i + 1]) {
                            length = 3
                        } else if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, (0x90...0xA7).contains(bytes[i + 2]) {
                            length = 3
                        } else {
                            removeSubrange(mark...)
                            return false
                        }
                        i += length
                    } else {
                        i += 1
                    }
                    continue
                }
                let plain = b >= 0x20 && b != UInt8(ascii: "&") && b != UInt8(ascii: "<") && b != UInt8(ascii: ">")
                    && !(odt && b == UInt8(ascii: " ") && i + 1 < n && bytes[i + 1] == UInt8(ascii: " "))
                if plain {
                    i += 1
                    continue
                }
                if i > runStart { append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
                switch b {
                case UInt8(ascii: "&"): append(contentsOf: Self.amp)
                case UInt8(ascii: "<"): append(contentsOf: Self.lt)
                case UInt8(ascii: ">"): append(contentsOf: Self.gt)
                case UInt8(ascii: "\n"): append(contentsOf: format.lineBreak)
                case UInt8(ascii: "\r"):
                    if i + 1 < n, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                    append(contentsOf: format.lineBreak)
                case UInt8(ascii: "\t"): append(contentsOf: format.tab)
                case UInt8(ascii: " "):
                    var run = 1
                    while i + run < n, bytes[i + run] == UInt8(ascii: " ") { run += 1 }
                    append(UInt8(ascii: " "))
                    append(contentsOf: Array("<text:s text:c=\"\(run - 1)\"/>".utf8))
                    i += run - 1
                default:
                    break  // other C0 controls are illegal in XML 1.0
                }
                i += 1
                runStart = i
            }
            if n > runStart { append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<n])) }
        }
        return true
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
