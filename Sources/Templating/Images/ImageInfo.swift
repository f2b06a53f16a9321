import Foundation

/// The format and pixel size of a PNG, JPEG or GIF image, read from its header.
struct ImageInfo: Sendable, Equatable {
    let width: Int
    let height: Int
    let mediaType: String
    let fileExtension: String

    init(width: Int, height: Int, mediaType: String, fileExtension: String) {
        (self.width, self.height, self.mediaType, self.fileExtension) = (width, height, mediaType, fileExtension)
    }

    /// Reads the header; nil when the bytes are not a PNG, JPEG or GIF with a usable size.
    init?(_ bytes: [UInt8]) {
        func be16(_ i: Int) -> Int { Int(bytes[i]) << 8 | Int(bytes[i + 1]) }
        func be32(_ i: Int) -> Int { be16(i) << 16 | be16(i + 2) }
        if bytes.count >= 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            (width, height, mediaType, fileExtension) = (be32(16), be32(20), "image/png", "png")
        } else if bytes.count >= 10, bytes.starts(with: Array("GIF8".utf8)) {
            (width, height, mediaType, fileExtension) =
                (Int(bytes[6]) | Int(bytes[7]) << 8, Int(bytes[8]) | Int(bytes[9]) << 8, "image/gif", "gif")
        } else if bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 {
            var i = 2
            var size: (Int, Int)?
            while i + 9 < bytes.count, bytes[i] == 0xFF {
                let marker = bytes[i + 1]
                if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
                let length = be16(i + 2)
                if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                    size = (be16(i + 7), be16(i + 5))
                    break
                }
                i += 2 + length
            }
            guard let size else { return nil }
            (width, height, mediaType, fileExtension) = (size.0, size.1, "image/jpeg", "jpeg")
        } else {
            return nil
        }
        guard width > 0, height > 0 else { return nil }
    }

    /// The largest size with the image's aspect ratio that fits in the frame.
    func fitted(inWidth frameWidth: Double, height frameHeight: Double) -> (Double, Double) {
        let scale = min(frameWidth / Double(width), frameHeight / Double(height))
        return (Double(width) * scale, Double(height) * scale)
    }

    /// Decodes `data:image/…;base64,…`.
    static func decodeDataURI(_ text: String) -> [UInt8]? {
        guard text.hasPrefix("data:"), let comma = text.firstIndex(of: ","), text[..<comma].hasSuffix(";base64") else { return nil }
        return Data(base64Encoded: String(text[text.index(after: comma)...]), options: .ignoreUnknownCharacters).map { [UInt8]($0) }
    }
}
