import Foundation
import OfficeZip

/// Makes small valid PNG files (stored deflate blocks), so picture tests use real images LibreOffice can open.
public enum PNG {
    /// An image of one colour; with `alpha`, an RGBA image whose pixels are half transparent.
    public static func make(width: Int, height: Int, rgb: (UInt8, UInt8, UInt8) = (0x1F, 0x4E, 0xB4), alpha: Bool = false,
                     extraChunks: [(String, [UInt8])] = []) -> [UInt8] {
        var raw: [UInt8] = []
        for _ in 0..<height {
            raw.append(0)
            for _ in 0..<width { raw += alpha ? [rgb.0, rgb.1, rgb.2, 0x80] : [rgb.0, rgb.1, rgb.2] }
        }
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let block = Array(raw[offset..<min(raw.count, offset + 65_535)])
            offset += block.count
            let length = UInt16(block.count)
            zlib += [offset >= raw.count ? 1 : 0, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            zlib += block
        } while offset < raw.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        zlib += bigEndian(b << 16 | a)
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += chunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, alpha ? 6 : 2, 0, 0, 0])
        for (type, data) in extraChunks { png += chunk(type, data) }
        png += chunk("IDAT", zlib)
        png += chunk("IEND", [])
        return png
    }

    public static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(of: body))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    /// A `data:` URI for image bytes.
    public static func dataURI(_ bytes: [UInt8]) -> String {
        "data:image/png;base64," + Data(bytes).base64EncodedString()
    }
}

import Foundation
