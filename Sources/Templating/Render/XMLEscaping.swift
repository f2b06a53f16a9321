import VietnameseText

extension OutputBuffer {
    /// Appends a value as XML text: NFC, escaped, characters illegal in XML 1.0 dropped, newlines and tabs as
    /// the format's break and tab elements, and (ODT) runs of spaces as `text:s` so they are not collapsed.
    /// Clean stretches are copied in one go: this is the innermost loop of rendering.
    func appendText(_ value: String, format: DocumentFormat) {
        let done = value.utf8.withContiguousStorageIfAvailable { appendEscapedNFC($0, format: format) }
            ?? { var copy = value; return copy.withUTF8 { appendEscapedNFC($0, format: format) } }()
        if !done {
            // Not trivially NFC (combining marks, say): normalise, then escape without the check.
            var normalized = UnicodeNormalization.nfc(value)
            _ = normalized.withUTF8 { appendEscaped($0, format: format, requireNFC: false) }
        }
    }

    /// What a byte needs in escaped text; see `byteClasses`.
    private enum ByteClass {
        static let specialInDOCX: UInt8 = 1
        static let specialInODT: UInt8 = 2
        /// A lead byte whose character may not be NFC whatever follows (checked only when NFC is required).
        static let maybeNotNFC: UInt8 = 4
        /// EF: may start U+FFFE or U+FFFF, which XML forbids.
        static let maybeNonCharacter: UInt8 = 8
    }

    /// A class per byte value: zero for bytes copied as they are, which is most of them, so the scan is one
    /// table load and test per byte. Continuation bytes and the lead bytes C2–CB (U+0080–U+02FF, all NFC
    /// whatever follows) are zero; other lead bytes are checked with `UnicodeNormalization.triviallyNFCLength`
    /// when met. Written once when first used, only read after: safe to share.
    nonisolated(unsafe) static let byteClasses: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for b in 0..<256 {
            var c: UInt8 = 0
            switch b {
            case 0..<0x20, Int(UInt8(ascii: "&")), Int(UInt8(ascii: "<")), Int(UInt8(ascii: ">")):
                c = ByteClass.specialInDOCX | ByteClass.specialInODT
            case Int(UInt8(ascii: " ")): c = ByteClass.specialInODT
            case 0xCC...0xEE, 0xF0...0xFF: c = ByteClass.maybeNotNFC
            case 0xEF: c = ByteClass.maybeNotNFC | ByteClass.maybeNonCharacter
            default: c = 0
            }
            table[b] = c
        }
        return UnsafePointer(table)
    }()

    /// Escapes UTF-8 that must be NFC (see `appendEscaped`). The common case, a value with nothing to escape and
    /// only characters that are NFC whatever follows, is one scan and one copy; anything else takes the general loop.
    @inline(__always)
    private func appendEscapedNFC(_ bytes: UnsafeBufferPointer<UInt8>, format: DocumentFormat) -> Bool {
        guard let start = bytes.baseAddress else { return true }
        let n = bytes.count
        let odt = format == .odt
        let mask = (odt ? ByteClass.specialInODT : ByteClass.specialInDOCX) | ByteClass.maybeNonCharacter | ByteClass.maybeNotNFC
        var i = 0
        scan: while i < n {
            let b = start[i]
            if classes[Int(b)] & mask != 0 {
                if b == UInt8(ascii: " ") {  // ODT only: a single space stays as it is, a run needs text:s
                    if i + 1 < n, start[i + 1] == UInt8(ascii: " ") { break scan }
                } else if b < 0x80 || UnicodeNormalization.triviallyNFCLength(bytes, at: i) == 0 {
                    break scan  // something to escape, or a character that may need normalising
                }
                // Otherwise a lead byte of a character that is NFC whatever follows (the precomposed Vietnamese
                // letters, typographic quotes and dashes); its continuation bytes are class zero.
            }
            i += 1
        }
        if i == n {
            append(start, count: n)
            return true
        }
        return appendEscaped(bytes, format: format, requireNFC: true)
    }

    /// Escapes UTF-8 into the buffer. With `requireNFC`, it stops and returns false (appending nothing) at the first
    /// character outside the ranges that are NFC whatever follows (see `UnicodeNormalization.isTriviallyNFC`), so
    /// that the NFC check costs no second pass over the text.
    @inline(never)
    private func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, format: DocumentFormat, requireNFC: Bool) -> Bool {
        guard let start = bytes.baseAddress else { return true }
        let odt = format == .odt
        let mask = (odt ? ByteClass.specialInODT : ByteClass.specialInDOCX) | ByteClass.maybeNonCharacter
            | (requireNFC ? ByteClass.maybeNotNFC : 0)
        let mark = count
        let n = bytes.count
        var runStart = 0
        var i = 0
        while i < n {
            let b = start[i]
            if classes[Int(b)] & mask == 0 {
                i += 1
                continue
            }
            if b >= 0x80 {
                if b == 0xEF, i + 2 < n, start[i + 1] == 0xBF, start[i + 2] == 0xBE || start[i + 2] == 0xBF {
                    // U+FFFE and U+FFFF are not allowed in XML.
                    append(start + runStart, count: i - runStart)
                    i += 3
                    runStart = i
                    continue
                }
                if !requireNFC || UnicodeNormalization.triviallyNFCLength(bytes, at: i) > 0 {
                    i += 1  // the continuation bytes that follow are class zero
                    continue
                }
                truncate(to: mark)
                return false
            }
            if b == UInt8(ascii: " "), !(i + 1 < n && start[i + 1] == UInt8(ascii: " ")) {
                i += 1  // ODT: a single space stays as it is
                continue
            }
            append(start + runStart, count: i - runStart)
            switch b {
            case UInt8(ascii: "&"): append(Self.amp)
            case UInt8(ascii: "<"): append(Self.lt)
            case UInt8(ascii: ">"): append(Self.gt)
            case UInt8(ascii: "\n"): append(format.lineBreak)
            case UInt8(ascii: "\r"):
                if i + 1 < n, start[i + 1] == UInt8(ascii: "\n") { i += 1 }
                append(format.lineBreak)
            case UInt8(ascii: "\t"): append(format.tab)
            case UInt8(ascii: " "):
                var run = 1
                while i + run < n, start[i + run] == UInt8(ascii: " ") { run += 1 }
                append(UInt8(ascii: " "))
                append(Array("<text:s text:c=\"\(run - 1)\"/>".utf8))
                i += run - 1
            default:
                break  // other C0 controls are illegal in XML 1.0
            }
            i += 1
            runStart = i
        }
        append(start + runStart, count: n - runStart)
        return true
    }

    /// Appends a value as an XML attribute value (escaped for double quotes), dropping illegal characters.
    func appendAttribute(_ value: String) {
        for b in UnicodeNormalization.nfc(value).utf8 {
            switch b {
            case UInt8(ascii: "&"): append(Self.amp)
            case UInt8(ascii: "<"): append(Self.lt)
            case UInt8(ascii: ">"): append(Self.gt)
            case UInt8(ascii: "\""): append(Self.quot)
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
