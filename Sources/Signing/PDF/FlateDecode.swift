import CZlib

/// /FlateDecode (zlib) with the PNG predictors xref and object streams use, bounded in output.
enum FlateDecode {
    /// Inflates a zlib stream. The two-byte zlib header is checked and skipped and the data inflated raw (the
    /// project's zlib bridge exposes raw inflation); the Adler-32 trailer is not checked, the PDF signature is.
    static func decode(_ input: ArraySlice<UInt8>, limit: Int = PDFLimits.maximumDecodedStream) throws -> [UInt8] {
        guard input.count >= 2, input[input.startIndex] & 0x0F == 8,
              (Int(input[input.startIndex]) << 8 | Int(input[input.startIndex + 1])) % 31 == 0,
              input[input.startIndex + 1] & 0x20 == 0 else {
            throw PDFError.malformed("luồng FlateDecode không có đầu zlib", offset: 0)
        }
        let body = Array(input.dropFirst(2))
        var stream = z_stream()
        guard vanban_inflateInitRaw(&stream) == Z_OK else { throw PDFError.malformed("không khởi tạo được zlib", offset: 0) }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        return try body.withUnsafeBufferPointer { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = UInt32(source.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                output.append(contentsOf: chunk[0..<produced])
                guard output.count <= limit else { throw PDFError.limitExceeded("luồng giải nén lớn hơn \(limit) byte") }
                if status == Z_STREAM_END { return output }
                guard status == Z_OK else { throw PDFError.malformed("luồng FlateDecode hỏng", offset: 0) }
                if produced == 0, stream.avail_in == 0 { return output }
            }
        }
    }

    /// Undoes PNG predictors (/Predictor 10–15): each row starts with its filter type byte.
    static func unpredict(_ data: [UInt8], columns: Int) throws -> [UInt8] {
        guard columns > 0, columns <= 4096 else { throw PDFError.unsupported("/Columns \(columns)") }
        let rowLength = columns + 1
        guard data.count % rowLength == 0 else { throw PDFError.malformed("dữ liệu dự đoán PNG lệch hàng", offset: 0) }
        var previous = [UInt8](repeating: 0, count: columns)
        var output: [UInt8] = []
        output.reserveCapacity(data.count / rowLength * columns)
        for rowStart in stride(from: 0, to: data.count, by: rowLength) {
            let filter = data[rowStart]
            var row = Array(data[(rowStart + 1)..<(rowStart + rowLength)])
            for i in 0..<columns {
                let left = i > 0 ? Int(row[i - 1]) : 0
                let up = Int(previous[i])
                let upLeft = i > 0 ? Int(previous[i - 1]) : 0
                let add: Int
                switch filter {
                case 0: add = 0
                case 1: add = left
                case 2: add = up
                case 3: add = (left + up) / 2
                case 4:
                    let p = left + up - upLeft
                    let (pa, pb, pc) = (abs(p - left), abs(p - up), abs(p - upLeft))
                    add = pa <= pb && pa <= pc ? left : (pb <= pc ? up : upLeft)
                default: throw PDFError.malformed("bộ lọc PNG \(filter) không hợp lệ", offset: 0)
                }
                row[i] = UInt8((Int(row[i]) + add) & 0xFF)
            }
            output += row
            previous = row
        }
        return output
    }
}
