import Foundation

extension PDFObject {
    /// The object in PDF syntax: strings as hex (byte-exact whatever they hold), names with `#xx` escapes.
    func write(into out: inout [UInt8]) {
        switch self {
        case .null: out += Array("null".utf8)
        case .bool(let value): out += Array((value ? "true" : "false").utf8)
        case .integer(let value): out += Array(String(value).utf8)
        case .real(let text): out += Array(text.utf8)
        case .string(let bytes): Self.writeHex(bytes, into: &out)
        case .name(let name): Self.writeName(name, into: &out)
        case .reference(let reference): out += Array("\(reference.number) \(reference.generation) R".utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(0x20) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .dictionary(let dictionary):
            out += Array("<<".utf8)
            for (key, value) in dictionary.entries {
                Self.writeName(key, into: &out)
                out.append(0x20)
                value.write(into: &out)
            }
            out += Array(">>".utf8)
        }
    }

    var bytes: [UInt8] {
        var out: [UInt8] = []
        write(into: &out)
        return out
    }

    static func writeHex(_ bytes: [UInt8], into out: inout [UInt8]) {
        let digits = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "<"))
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        out.append(UInt8(ascii: ">"))
    }

    static func writeName(_ name: String, into out: inout [UInt8]) {
        let digits = Array("0123456789ABCDEF".utf8)
        out.append(UInt8(ascii: "/"))
        for scalar in name.unicodeScalars {
            let byte = UInt8(truncatingIfNeeded: scalar.value)
            if byte > 0x20, byte < 0x7F, byte != UInt8(ascii: "#"), !PDFParser.isDelimiter(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "#"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
            }
        }
    }

    /// A text string (ISO 32000-1 §7.9.2.2): ASCII as is, anything else as UTF-16BE with a byte order mark.
    static func text(_ string: String) -> PDFObject {
        if string.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) { return .string(Array(string.utf8)) }
        var bytes: [UInt8] = [0xFE, 0xFF]
        for unit in string.precomposedStringWithCanonicalMapping.utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        return .string(bytes)
    }

    /// A text string's value: UTF-16BE with a byte order mark, UTF-8 with its mark, or PDFDocEncoding read as Latin-1.
    static func decodeText(_ bytes: [UInt8]) -> String {
        if bytes.starts(with: [0xFE, 0xFF]) {
            let units = stride(from: 2, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
            return String(decoding: units, as: UTF16.self)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return String(decoding: bytes.dropFirst(3), as: UTF8.self) }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }
}
