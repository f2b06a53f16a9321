/// Case mapping for Vietnamese text, e.g. upper-case agency names in a document header.
public enum VietnameseCase {
    /// Unicode-correct upper case, NFC: "ủy ban nhân dân xã quảng sơn" -> "ỦY BAN NHÂN DÂN XÃ QUẢNG SƠN", "đ" -> "Đ".
    public static func upper(_ s: String) -> String {
        // Case mapping keeps combining marks as they are, so decomposed input stays decomposed until normalised.
        UnicodeNormalization.nfc(s.uppercased())
    }

    /// Lower case, NFC.
    public static func lower(_ s: String) -> String {
        UnicodeNormalization.nfc(s.lowercased())
    }

    /// First character upper-cased, rest unchanged.
    public static func capitalizedFirst(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.uppercased() + s.dropFirst()
    }
}
