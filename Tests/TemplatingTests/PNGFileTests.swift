import Testing
import TestSupport
@testable import Templating

@Suite("PNG files checked before they go into a signed document")
struct PNGFileTests {
    static func failure(_ bytes: [UInt8]) -> String? {
        do {
            _ = try PNGFile(checking: bytes)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("size and transparency: RGB has none, RGBA and a tRNS chunk have it")
    func transparency() throws {
        let rgb = try PNGFile(checking: PNG.make(width: 40, height: 20))
        #expect(rgb.width == 40 && rgb.height == 20 && !rgb.hasTransparency)
        #expect(try PNGFile(checking: PNG.make(width: 3, height: 2, alpha: true)).hasTransparency)
        #expect(try PNGFile(checking: PNG.make(width: 3, height: 2, extraChunks: [("tRNS", [0, 0, 0, 0, 0, 0])])).hasTransparency)
    }

    @Test("one flipped byte anywhere in the file is refused")
    func everyByteMatters() {
        let png = PNG.make(width: 5, height: 3, alpha: true)
        for index in png.indices {
            var damaged = png
            damaged[index] ^= 0x10
            #expect(Self.failure(damaged) != nil, "byte \(index)")
        }
    }

    @Test("what is wrong is said in Vietnamese")
    func reasons() {
        let png = PNG.make(width: 5, height: 3)
        #expect(Self.failure(Array("GIF89a".utf8)) == "không phải tệp PNG")
        #expect(Self.failure(Array(png.dropLast(12))) == "tệp PNG bị cắt cụt (thiếu phần kết IEND)")
        #expect(Self.failure(Array(png.dropLast(14))) == "tệp PNG bị cắt cụt trong khối IDAT")
        #expect(Self.failure(png + [0]) == "tệp PNG có dữ liệu thừa sau khối IEND")
        #expect(Self.failure(PNG.make(width: 9_000, height: 1)) == "ảnh 9000×1 điểm ảnh, vượt giới hạn 8000×8000")
        var crc = png
        crc[29] ^= 1
        #expect(Self.failure(crc) == "tệp PNG bị hỏng (sai mã kiểm tra ở khối IHDR)")
        let noData = Array(png[..<33]) + PNG.chunk("IEND", [])
        #expect(Self.failure(noData) == "tệp PNG không có dữ liệu ảnh (IDAT)")
    }
}
