extension StringProtocol {
    /// The text without leading and trailing white space (including the no-break spaces Word inserts).
    public func trimmingWhitespace() -> SubSequence {
        // Most text starts and ends with a visible ASCII character, and then there is nothing to trim: a character
        // whose first scalar is not white space is not, and an ASCII scalar at the end is a character of its own
        // or ends one that starts with another scalar. This spares finding the first and last characters, which
        // costs a scan of the grapheme rules each time.
        let scalars = unicodeScalars
        if let first = scalars.first, let last = scalars.last, first.isASCII, last.isASCII,
           !first.properties.isWhitespace, !last.properties.isWhitespace {
            return self[...]
        }
        var s = self[...]
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return s
    }
}
