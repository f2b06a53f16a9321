import VietnameseText

/// Clerk-written paragraphs of a plan or report: NFC, trimmed, without a leading list dash the template adds itself.
enum NarrativeText {
    static func clean(_ text: String) -> String {
        var line = Substring(UnicodeNormalization.cleaned(text))
        if line.hasPrefix("- ") || line.hasPrefix("– ") { line = line.dropFirst(2).trimmingWhitespace() }
        return String(line)
    }

    /// The non-empty cleaned lines of a list.
    static func lines(_ texts: [String]) -> [String] {
        texts.map(clean).filter { !$0.isEmpty }
    }

    /// `1,5` / `90`: a percentage figure as documents write it, without the sign.
    static func percent(_ value: Double) -> String {
        VietnameseNumberFormat.decimal(value, fractionDigits: value.rounded() == value ? 0 : nil)
    }
}
