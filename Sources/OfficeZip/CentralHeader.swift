/// One central-directory header, parsed and checked against ``ZipLimits``: the part both readers share.
struct CentralHeader {
    let name: String
    let method: UInt16
    let crc: UInt32
    let compressedSize: Int
    let uncompressedSize: Int
    let localHeaderOffset: Int

    /// Parses the header at `cursor` (which must end by `end`) and advances `cursor` past it. Without `allowZip64`
    /// a Zip64 marker is refused; with it, the marked fields are read from the Zip64 extra field.
    init(in bytes: [UInt8], at cursor: inout Int, end: Int, limits: ZipLimits, allowZip64: Bool) throws(ZipError) {
        let header = cursor
        guard header + ZipFormat.centralHeaderSize <= end else { throw .truncated }
        guard bytes.littleEndianUInt32(at: header) == ZipFormat.centralHeaderSignature else { throw .notAZip }
        let flags = bytes.littleEndianUInt16(at: header + 8)
        let method = bytes.littleEndianUInt16(at: header + 10)
        let crc = bytes.littleEndianUInt32(at: header + 16)
        let compressed32 = bytes.littleEndianUInt32(at: header + 20)
        let uncompressed32 = bytes.littleEndianUInt32(at: header + 24)
        let nameLength = Int(bytes.littleEndianUInt16(at: header + 28))
        let extraLength = Int(bytes.littleEndianUInt16(at: header + 30))
        let commentLength = Int(bytes.littleEndianUInt16(at: header + 32))
        let startDisk = bytes.littleEndianUInt16(at: header + 34)
        let localOffset32 = bytes.littleEndianUInt32(at: header + 42)
        let nameStart = header + ZipFormat.centralHeaderSize
        cursor = nameStart + nameLength + extraLength + commentLength
        guard cursor <= end else { throw .truncated }

        var compressedSize = Int(compressed32)
        var uncompressedSize = Int(uncompressed32)
        var localOffset = Int(localOffset32)
        let marked = compressed32 == ZipFormat.zip64Marker32 || uncompressed32 == ZipFormat.zip64Marker32
            || localOffset32 == ZipFormat.zip64Marker32 || startDisk == ZipFormat.zip64Marker16
        if marked {
            guard allowZip64, startDisk != ZipFormat.zip64Marker16 else { throw .zip64Unsupported }
            // The extra field holds, in this order, only the values whose 32-bit field is the marker.
            guard var field = Self.zip64Field(in: bytes, extra: (nameStart + nameLength)..<(nameStart + nameLength + extraLength)) else {
                throw .notAZip
            }
            func next() throws(ZipError) -> Int {
                guard field.count >= 8 else { throw .notAZip }
                let value = bytes.littleEndian64(at: field.lowerBound)
                field = (field.lowerBound + 8)..<field.upperBound
                guard value <= UInt64(Int.max / 2) else { throw .notAZip }
                return Int(value)
            }
            if uncompressed32 == ZipFormat.zip64Marker32 { uncompressedSize = try next() }
            if compressed32 == ZipFormat.zip64Marker32 { compressedSize = try next() }
            if localOffset32 == ZipFormat.zip64Marker32 { localOffset = try next() }
        }
        // Decoding replaces invalid sequences with U+FFFD, so a name is valid UTF-8 exactly when it re-encodes to
        // the same bytes; String(validating:) would do the same but needs macOS 15.
        let nameBytes = bytes[nameStart..<(nameStart + nameLength)]
        let name = String(decoding: nameBytes, as: UTF8.self)
        guard name.utf8.elementsEqual(nameBytes) else { throw .invalidName }
        guard EntryName.isSafe(name) else { throw .unsafeName(name) }
        guard flags & ZipFormat.encryptionFlags == 0 else { throw .encrypted(name) }
        guard method == ZipFormat.methodStored || method == ZipFormat.methodDeflated else {
            throw .unsupportedMethod(name: name, method: method)
        }
        if method == ZipFormat.methodStored, compressedSize != uncompressedSize { throw .sizeMismatch(name) }
        if name.hasSuffix("/"), uncompressedSize != 0 { throw .sizeMismatch(name) }
        guard uncompressedSize <= limits.maxEntryUncompressedBytes else {
            throw .entryTooLarge(name: name, bytes: uncompressedSize)
        }
        if uncompressedSize > ZipLimits.ratioThresholdBytes {
            // max(_, 1): a large entry claiming zero compressed bytes is as suspicious as it gets, not a division trap.
            let ratio = uncompressedSize / max(compressedSize, 1)
            guard ratio <= limits.maxCompressionRatio else { throw .suspiciousRatio(name: name, ratio: ratio) }
        }
        self.name = name
        self.method = method
        self.crc = crc
        self.compressedSize = compressedSize
        self.uncompressedSize = uncompressedSize
        self.localHeaderOffset = localOffset
    }

    /// The data range of the Zip64 extended information field among the extra fields in `extra`.
    private static func zip64Field(in bytes: [UInt8], extra: Range<Int>) -> Range<Int>? {
        var position = extra.lowerBound
        while position + 4 <= extra.upperBound {
            let id = bytes.littleEndianUInt16(at: position)
            let size = Int(bytes.littleEndianUInt16(at: position + 2))
            let data = (position + 4)..<(position + 4 + size)
            guard data.upperBound <= extra.upperBound else { return nil }
            if id == ZipFormat.zip64ExtraID { return data }
            position = data.upperBound
        }
        return nil
    }
}
