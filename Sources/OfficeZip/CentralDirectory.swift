/// Where the central directory lies, as read from the End Of Central Directory record.
struct CentralDirectory {
    /// Offset of the first central header; entry data must end before it.
    let start: Int
    /// Offset just past the last central header.
    let end: Int
    /// Number of central headers the record announces.
    let entryCount: Int

    /// Finds the End Of Central Directory record by scanning back over a possible archive comment.
    init(locatingIn bytes: [UInt8], limits: ZipLimits) throws(ZipError) {
        guard let record = Self.findEndRecord(in: bytes) else {
            // A local header at offset 0 with no end record is a ZIP that lost its tail, not some other kind of file.
            let startsLikeZip = bytes.count >= 4 && bytes.littleEndianUInt32(at: 0) == ZipFormat.localHeaderSignature
            throw startsLikeZip ? .truncated : .notAZip
        }
        if record >= ZipFormat.zip64LocatorSize,
           bytes.littleEndianUInt32(at: record - ZipFormat.zip64LocatorSize) == ZipFormat.zip64LocatorSignature {
            throw .zip64Unsupported
        }
        let disk = bytes.littleEndianUInt16(at: record + 4)
        let directoryDisk = bytes.littleEndianUInt16(at: record + 6)
        let entriesOnDisk = bytes.littleEndianUInt16(at: record + 8)
        let entries = bytes.littleEndianUInt16(at: record + 10)
        let size = bytes.littleEndianUInt32(at: record + 12)
        let offset = bytes.littleEndianUInt32(at: record + 16)
        guard entries != ZipFormat.zip64Marker16, entriesOnDisk != ZipFormat.zip64Marker16,
              size != ZipFormat.zip64Marker32, offset != ZipFormat.zip64Marker32
        else { throw .zip64Unsupported }
        // Split (multi-disk) archives cannot be read from a single upload.
        guard disk == 0, directoryDisk == 0, entriesOnDisk == entries else { throw .notAZip }
        guard Int(entries) <= limits.maxEntries else { throw .tooManyEntries(Int(entries)) }
        guard Int(offset) + Int(size) <= record else { throw .truncated }
        start = Int(offset)
        end = Int(offset) + Int(size)
        entryCount = Int(entries)
    }

    /// The offset of the last end record whose comment fits in the file, scanning at most a maximal comment back.
    private static func findEndRecord(in bytes: [UInt8]) -> Int? {
        let lastCandidate = bytes.count - ZipFormat.endOfCentralDirectorySize
        guard lastCandidate >= 0 else { return nil }
        let firstCandidate = max(0, lastCandidate - ZipFormat.maxCommentLength)
        for candidate in stride(from: lastCandidate, through: firstCandidate, by: -1)
        where bytes[candidate] == 0x50 && bytes.littleEndianUInt32(at: candidate) == ZipFormat.endOfCentralDirectorySignature {
            let commentLength = Int(bytes.littleEndianUInt16(at: candidate + 20))
            if candidate + ZipFormat.endOfCentralDirectorySize + commentLength <= bytes.count { return candidate }
        }
        return nil
    }
}
