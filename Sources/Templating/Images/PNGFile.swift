import OfficeZip

/// A PNG file whose structure has been checked chunk by chunk: signature, header, CRC of every chunk, image data,
/// end. Pictures that go into signed documents are checked this way when they are loaded, so that a damaged file is
/// refused with a reason instead of printing as a broken-image box.
public struct PNGFile: Sendable, Equatable {
    /// Width and height in pixels.
    public let width: Int
    public let height: Int
    /// Whether pixels can be transparent: an alpha channel (colour types 4 and 6) or a `tRNS` chunk.
    public let hasTransparency: Bool

    /// Why bytes are not a usable PNG, in Vietnamese.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// The largest width or height accepted: more than a 600 dpi print of an A4 page needs.
    public static let maxSide = 8_000

    /// Checks `bytes`; throws a reason a clerk can act on when they are not a whole, undamaged PNG.
    public init(checking bytes: [UInt8]) throws(Failure) {
        func fail(_ reason: String) -> Failure { Failure(description: reason) }
        func be32(_ i: Int) -> Int { Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]) }
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
            throw fail("không phải tệp PNG")
        }
        var position = 8
        var header: (width: Int, height: Int, colourType: UInt8)?
        var sawPalette = false, sawTransparency = false, sawData = false, dataEnded = false
        while true {
            guard position + 12 <= bytes.count else { throw fail("tệp PNG bị cắt cụt (thiếu phần kết IEND)") }
            let length = be32(position)
            let type = String(decoding: bytes[(position + 4)..<(position + 8)], as: UTF8.self)
            guard length <= bytes.count - position - 12 else { throw fail("tệp PNG bị cắt cụt trong khối \(type)") }
            let body = Array(bytes[(position + 4)..<(position + 8 + length)])
            guard crc32(of: body) == UInt32(be32(position + 8 + length)) else { throw fail("tệp PNG bị hỏng (sai mã kiểm tra ở khối \(type))") }
            let data = body.dropFirst(4)
            if header == nil, type != "IHDR" { throw fail("tệp PNG không bắt đầu bằng khối IHDR") }
            if sawData, type != "IDAT" { dataEnded = true }
            switch type {
            case "IHDR":
                guard header == nil, length == 13 else { throw fail("tệp PNG có khối IHDR sai") }
                let start = data.startIndex
                let width = Int(data[start]) << 24 | Int(data[start + 1]) << 16 | Int(data[start + 2]) << 8 | Int(data[start + 3])
                let height = Int(data[start + 4]) << 24 | Int(data[start + 5]) << 16 | Int(data[start + 6]) << 8 | Int(data[start + 7])
                let depth = data[start + 8], colourType = data[start + 9]
                let depths: [UInt8: [UInt8]] = [0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]]
                guard depths[colourType]?.contains(depth) == true, data[start + 10] == 0, data[start + 11] == 0, data[start + 12] <= 1 else {
                    throw fail("tệp PNG có kiểu màu hoặc độ sâu màu không hợp lệ")
                }
                guard (1...Self.maxSide).contains(width), (1...Self.maxSide).contains(height) else {
                    throw fail("ảnh \(width)×\(height) điểm ảnh, vượt giới hạn \(Self.maxSide)×\(Self.maxSide)")
                }
                header = (width, height, colourType)
            case "PLTE": sawPalette = true
            case "tRNS": sawTransparency = true
            case "IDAT":
                guard !dataEnded else { throw fail("tệp PNG có dữ liệu ảnh (IDAT) không liền nhau") }
                sawData = true
            case "IEND":
                guard sawData else { throw fail("tệp PNG không có dữ liệu ảnh (IDAT)") }
                guard position + 12 + length == bytes.count else { throw fail("tệp PNG có dữ liệu thừa sau khối IEND") }
                guard let header else { throw fail("tệp PNG không có khối IHDR") }
                if header.colourType == 3, !sawPalette { throw fail("tệp PNG dùng bảng màu nhưng thiếu khối PLTE") }
                width = header.width
                height = header.height
                hasTransparency = header.colourType == 4 || header.colourType == 6 || sawTransparency
                return
            default: break
            }
            position += 12 + length
        }
    }
}
