import VietnameseText

/// Builds XML text with every value escaped, NFC and stripped of characters XML 1.0 forbids, indented two spaces a
/// level, so every file the package holds is well-formed whatever a clerk typed.
struct XMLText {
    private(set) var text = ""
    private var open: [String] = []

    init(declaration: Bool = true) {
        if declaration { text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" }
    }

    /// Opens `name` with `attributes` (nil values are left out); `level` indents when this text is a fragment.
    mutating func start(_ name: String, _ attributes: [(String, String?)] = []) {
        indent()
        text += "<\(name)\(Self.attributes(attributes))>\n"
        open.append(name)
    }

    mutating func end() {
        let name = open.removeLast()
        indent()
        text += "</\(name)>\n"
    }

    /// `<name attributes>value</name>`, or `<name attributes/>` for nil; a nil value with no attributes writes nothing.
    mutating func element(_ name: String, _ value: String?, _ attributes: [(String, String?)] = []) {
        guard value != nil || !attributes.isEmpty else { return }
        indent()
        if let value {
            text += "<\(name)\(Self.attributes(attributes))>\(Self.escaped(value, quote: false))</\(name)>\n"
        } else {
            text += "<\(name)\(Self.attributes(attributes))/>\n"
        }
    }

    /// Hands the text built so far to `sink` once it passes 256 KiB (always with `force`) and goes on at the same
    /// depth: large files are written in pieces.
    mutating func flush(to sink: (String) throws -> Void, force: Bool = false) rethrows {
        guard force || text.utf8.count > 256 << 10 else { return }
        try sink(text)
        text = ""
    }

    private mutating func indent() {
        text += String(repeating: "  ", count: open.count)
    }

    private static func attributes(_ attributes: [(String, String?)]) -> String {
        attributes.compactMap { name, value in value.map { " \(name)=\"\(escaped($0, quote: true))\"" } }.joined()
    }

    /// `value` in NFC with `& < >` (and `"` in attributes) escaped and characters illegal in XML 1.0 dropped.
    static func escaped(_ value: String, quote: Bool) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in UnicodeNormalization.nfc(value).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quote: out += "&quot;"
            case "\n" where quote: out += "&#10;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case "\u{20}"..."\u{D7FF}", "\u{E000}"..."\u{FFFD}", "\u{10000}"...: out.unicodeScalars.append(scalar)
            default: continue
            }
        }
        return out
    }
}
