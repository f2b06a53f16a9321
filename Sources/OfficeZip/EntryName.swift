/// Rules that keep an entry name from escaping the package when some tool extracts it (zip slip).
enum EntryName {
    /// Whether `name` is a relative path that stays inside the package on every platform.
    static func isSafe(_ name: String) -> Bool {
        let utf8 = name.utf8
        guard let first = utf8.first, first != UInt8(ascii: "/") else { return false }
        // Backslashes are separators on Windows and NUL truncates names in C APIs, so neither is ever legitimate.
        guard !utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == 0 }) else { return false }
        if utf8.count >= 2, isASCIILetter(first), utf8.dropFirst().first == UInt8(ascii: ":") { return false }
        return !utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            .contains { $0.elementsEqual("..".utf8) }
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }
}
