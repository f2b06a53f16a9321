/// Case mapping for Vietnamese text, e.g. upper-case agency names in a document header.
public enum VietnameseCase {
    /// Unicode-correct upper case, NFC: "ủy ban nhân dân xã quảng sơn" -> "ỦY BAN NHÂN DÂN XÃ QUẢNG SƠN", "đ" -> "Đ".
    public static func upper(_ s: String) -> String {
        // Case mapping keeps combining marks as they are, so decomposed input stays decomposed until normalised.
        UnicodeNormalization.nfc(s.uppercased())
    }

    /// Lower case, NFC.
    public static func lower(_ s: String) -> String {
        UnicodeNormalization.nfc(LatinLowercase.lowercased(s) ?? s.lowercased())
    }

    /// First character upper-cased, rest unchanged.
    public static func capitalizedFirst(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.uppercased() + s.dropFirst()
    }
}

/// `String.lowercased()` for text in the Latin blocks Vietnamese is written in, by table.
///
/// The standard library builds a string for every scalar it lower-cases; rules and messages lower-case every
/// member's name and address. The table is the standard library's own answer for each scalar of U+0000–U+036F
/// (Latin letters and combining marks) and U+1E00–U+1EFF (Latin Extended Additional: the precomposed Vietnamese
/// letters), taken once, so the result is the same by construction; text with any other scalar, or with one whose
/// lower case is more than one scalar (U+0130 İ), is left to the standard library.
enum LatinLowercase {
    static let noSingleScalar = UInt32.max
    static let latin = table(0..<0x370)
    static let vietnamese = table(0x1E00..<0x1F00)

    private static func table(_ range: Range<UInt32>) -> [UInt32] {
        range.map { value in
            let mapping = Unicode.Scalar(value)!.properties.lowercaseMapping.unicodeScalars
            return mapping.count == 1 ? mapping.first!.value : noSingleScalar
        }
    }

    /// The lower case of `s`, or nil when the table does not cover it.
    static func lowercased(_ s: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            let value = scalar.value
            let lower: UInt32
            if value < 0x370 {
                lower = latin[Int(value)]
            } else if value >= 0x1E00 && value < 0x1F00 {
                lower = vietnamese[Int(value - 0x1E00)]
            } else {
                return nil
            }
            switch lower {
            case 0..<0x80:
                bytes.append(UInt8(lower))
            case 0x80..<0x800:
                bytes.append(UInt8(0xC0 | lower >> 6))
                bytes.append(UInt8(0x80 | lower & 0x3F))
            case 0x800..<0x10000:
                bytes.append(UInt8(0xE0 | lower >> 12))
                bytes.append(UInt8(0x80 | lower >> 6 & 0x3F))
                bytes.append(UInt8(0x80 | lower & 0x3F))
            default:
                return nil
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
