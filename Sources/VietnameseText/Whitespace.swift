extension StringProtocol {
    /// The text without leading and trailing white space (including the no-break spaces Word inserts).
    /// Inlinable, so that callers get it specialised for `String` and `Substring`.
    @inlinable
    public func trimmingWhitespace() -> SubSequence {
        // Most text starts and ends with a letter, and then there is nothing to trim. A character is white space when
        // its first scalar is, so the first scalar decides at the start. At the end, a last scalar that is an ASCII
        // character other than white space, or a precomposed Latin letter, is a character of its own or ends one
        // whose first scalar is not white space (only a Prepend scalar may go before it in one character). This
        // spares finding the first and last characters, which costs a scan of the grapheme rules each time.
        let scalars = unicodeScalars
        if let first = scalars.first, let last = scalars.last, !WhitespaceScan.isWhitespace(first),
           WhitespaceScan.endsCharacterThatIsNotWhitespace(last) {
            return self[...]
        }
        var s = self[...]
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return s
    }
}

@usableFromInline
enum WhitespaceScan {
    /// `scalar.properties.isWhitespace`, without the property lookup for ASCII and the Latin letters.
    @inlinable
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        if isPrecomposedLatinLetter(value) { return false }
        return scalar.properties.isWhitespace
    }

    /// Whether a string's last scalar ends a character that is not white space, for the cases that are sure.
    @inlinable
    static func endsCharacterThatIsNotWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return !(value == 0x20 || (0x09...0x0D).contains(value)) }
        return isPrecomposedLatinLetter(value)
    }

    /// U+00C0–U+024F (Latin-1 letters, × and ÷, Latin Extended-A and B) and U+1E00–U+1EFF (Latin Extended
    /// Additional): none is white space, and none joins the character before it (they are no combining marks).
    @inlinable
    static func isPrecomposedLatinLetter(_ value: UInt32) -> Bool {
        (0xC0...0x24F).contains(value) || (0x1E00...0x1EFF).contains(value)
    }
}

extension String {
    /// The words of the text with one space between them and none at the ends:
    /// `split(whereSeparator: \.isWhitespace).joined(separator: " ")`, which rules compare titles and positions by.
    public var singleSpaced: String {
        // Text of printable ASCII and precomposed Latin letters has one character per scalar and no white space but
        // the space, so its bytes can be split at spaces; anything else goes by characters.
        let plain = unicodeScalars.allSatisfy { scalar in
            (0x20...0x7E).contains(scalar.value) || WhitespaceScan.isPrecomposedLatinLetter(scalar.value)
        }
        guard plain else { return split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        var words: [UInt8] = []
        words.reserveCapacity(utf8.count)
        for word in utf8.split(separator: 0x20) {
            if !words.isEmpty { words.append(0x20) }
            words.append(contentsOf: word)
        }
        return String(decoding: words, as: UTF8.self)
    }
}
