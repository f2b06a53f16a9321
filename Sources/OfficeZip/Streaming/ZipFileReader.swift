#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One entry of an archive read from a file.
public struct ZipFileEntry: Sendable, Hashable {
    public let name: String
    /// 0 stored, 8 deflated.
    public let method: UInt16
    public let crc32: UInt32
    public let compressedSize: Int
    public let uncompressedSize: Int
    /// Where its local header starts.
    let localHeaderOffset: Int

    /// Whether the entry is a directory marker rather than a file.
    public var isDirectory: Bool { name.hasSuffix("/") }
}

/// Reads a ZIP archive (Zip64 included) from a file without loading it: the central directory is read and checked
/// against ``ZipLimits`` when opening, and each entry is read on demand, piece by piece, never producing more than
/// its declared size and checking its CRC at the end. Refuses what ``ZipArchive`` refuses: zip-slip names,
/// duplicate names, encryption, unknown methods, zip bombs by size, total and ratio.
public final class ZipFileReader {
    /// The entries in central-directory order.
    public let entries: [ZipFileEntry]
    public let path: String
    /// The file's size in bytes.
    public let fileSize: Int
    private let descriptor: Int32
    /// Where the central directory starts: entry data must end before it.
    private let directoryStart: Int
    private let indexByName: [String: Int]

    /// Opens `path` and reads its central directory.
    public init(path: String, limits: ZipLimits) throws {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileIOError(operation: "mở", path: path, code: errno) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            close(descriptor)
            throw FileIOError(operation: "đọc", path: path, code: errno)
        }
        do {
            let fileSize = Int(status.st_size)
            guard fileSize <= limits.maxArchiveBytes else { throw ZipError.tooLarge(fileSize) }
            let (start, size, count) = try Self.locateDirectory(descriptor: descriptor, path: path, fileSize: fileSize, limits: limits)
            let directory = try Self.read(descriptor: descriptor, path: path, at: start, count: size)
            var entries: [ZipFileEntry] = []
            entries.reserveCapacity(count)
            var indexByName: [String: Int] = [:]
            indexByName.reserveCapacity(count)
            var total = 0
            var cursor = 0
            for _ in 0..<count {
                let header = try CentralHeader(in: directory, at: &cursor, end: directory.count, limits: limits, allowZip64: true)
                guard header.localHeaderOffset + ZipFormat.localHeaderSize + header.compressedSize <= start else { throw ZipError.truncated }
                guard indexByName.updateValue(entries.count, forKey: header.name) == nil else { throw ZipError.duplicateName(header.name) }
                total += header.uncompressedSize
                guard total <= limits.maxTotalUncompressedBytes else { throw ZipError.totalTooLarge(total) }
                entries.append(ZipFileEntry(name: header.name, method: header.method, crc32: header.crc, compressedSize: header.compressedSize,
                                            uncompressedSize: header.uncompressedSize, localHeaderOffset: header.localHeaderOffset))
            }
            self.descriptor = descriptor
            self.fileSize = fileSize
            self.entries = entries
            self.indexByName = indexByName
            directoryStart = start
        } catch {
            close(descriptor)
            throw error
        }
    }

    deinit { close(descriptor) }

    /// The entry with exactly this name, if any.
    public func entry(named name: String) -> ZipFileEntry? {
        indexByName[name].map { entries[$0] }
    }

    /// The whole entry in memory (its declared size, which the limits bounded), CRC checked.
    public func contents(of entry: ZipFileEntry) throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(entry.uncompressedSize)
        try stream(entry) { output.append(contentsOf: $0) }
        return output
    }

    /// Hands the entry's bytes to `body` piece by piece (at most 64 KiB each); throws `ZipError.sizeMismatch` as
    /// soon as it would produce more than the declared size or when it ends short, and `.crcMismatch` at the end.
    public func stream(_ entry: ZipFileEntry, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let index = indexByName[entry.name], entries[index] == entry else { throw ZipError.entryNotFound(entry.name) }
        let local = try Self.read(descriptor: descriptor, path: path, at: entry.localHeaderOffset, count: ZipFormat.localHeaderSize)
        guard local.littleEndianUInt32(at: 0) == ZipFormat.localHeaderSignature else { throw ZipError.notAZip }
        // The local header is only trusted for the length of its own variable fields.
        let dataOffset = entry.localHeaderOffset + ZipFormat.localHeaderSize
            + Int(local.littleEndianUInt16(at: 26)) + Int(local.littleEndianUInt16(at: 28))
        guard dataOffset + entry.compressedSize <= directoryStart else { throw ZipError.truncated }

        var crc: UInt32 = 0
        var produced = 0
        func deliver(_ piece: UnsafeRawBufferPointer) throws {
            produced += piece.count
            guard produced <= entry.uncompressedSize else { throw ZipError.sizeMismatch(entry.name) }
            crc = crc32(continuing: crc, piece)
            try body(piece)
        }
        let inflater = entry.method == ZipFormat.methodDeflated ? ZlibStream(.inflate) : nil
        if entry.method == ZipFormat.methodDeflated, inflater == nil { throw ZipError.corruptData(entry.name) }
        var ended = inflater == nil
        var position = dataOffset
        let end = dataOffset + entry.compressedSize
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while position < end {
            let count = min(chunk.count, end - position)
            try Self.read(descriptor: descriptor, path: path, at: position, into: &chunk, count: count)
            position += count
            try chunk.withUnsafeBytes { raw in
                let piece = UnsafeRawBufferPointer(rebasing: raw[..<count])
                guard let inflater else { return try deliver(piece) }
                guard !ended else { throw ZipError.corruptData(entry.name) }
                let (outcome, consumed) = try inflater.process(piece, output: deliver)
                switch outcome {
                case .corrupt: throw ZipError.corruptData(entry.name)
                case .streamEnd:
                    ended = true
                    // Compressed bytes after the end of the stream are not part of any honest entry.
                    if consumed < count || position < end { throw ZipError.corruptData(entry.name) }
                case .needsInput: break
                }
            }
        }
        guard ended else { throw ZipError.corruptData(entry.name) }
        guard produced == entry.uncompressedSize else { throw ZipError.sizeMismatch(entry.name) }
        guard crc == entry.crc32 else { throw ZipError.crcMismatch(entry.name) }
    }

    /// The offset of the first byte where the file differs from what ``ZipFileWriter`` writes for these entries in
    /// this order (entries back to back from offset 0, its exact local and central headers, end records, nothing
    /// after them), or nil when it is exactly that. With the CRC of every entry's data checked, this makes any
    /// changed byte of a file VanBan wrote detectable; a file re-zipped by another tool differs here.
    public func firstNonCanonicalOffset() throws -> Int? {
        try firstNonCanonicalOffset(thresholds: ZipHeaders.Thresholds())
    }

    func firstNonCanonicalOffset(thresholds: ZipHeaders.Thresholds) throws -> Int? {
        var expected = 0
        var central: [UInt8] = []
        for entry in entries {
            guard entry.localHeaderOffset == expected else { return min(entry.localHeaderOffset, expected) }
            let zip64 = entry.compressedSize >= thresholds.size || entry.uncompressedSize >= thresholds.size
            let header = ZipHeaders.local(name: entry.name, method: entry.method, crc: entry.crc32, compressedSize: entry.compressedSize,
                                          uncompressedSize: entry.uncompressedSize, zip64: zip64)
            guard expected + header.count <= fileSize else { return expected }
            if let difference = Self.firstDifference(header, try Self.read(descriptor: descriptor, path: path, at: expected, count: header.count)) {
                return expected + difference
            }
            ZipHeaders.appendCentral(to: &central, name: entry.name, method: entry.method, crc: entry.crc32,
                                     compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize,
                                     offset: expected, thresholds: thresholds)
            expected += header.count + entry.compressedSize
        }
        guard directoryStart == expected else { return min(directoryStart, expected) }
        let tail = central + ZipHeaders.end(entryCount: entries.count, directoryOffset: expected, directorySize: central.count,
                                            thresholds: thresholds)
        guard expected + tail.count == fileSize else { return min(fileSize, expected + tail.count) }
        if let difference = Self.firstDifference(tail, try Self.read(descriptor: descriptor, path: path, at: expected, count: tail.count)) {
            return expected + difference
        }
        return nil
    }

    private static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> Int? {
        zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? (a.count == b.count ? nil : min(a.count, b.count))
    }

    /// The central directory's offset, size and entry count, from the end record or its Zip64 twin.
    private static func locateDirectory(descriptor: Int32, path: String, fileSize: Int, limits: ZipLimits) throws -> (Int, Int, Int) {
        let tailSize = min(fileSize, ZipFormat.endOfCentralDirectorySize + ZipFormat.maxCommentLength + ZipFormat.zip64LocatorSize)
        let tailStart = fileSize - tailSize
        let tail = try read(descriptor: descriptor, path: path, at: tailStart, count: tailSize)
        guard tail.count >= ZipFormat.endOfCentralDirectorySize else { throw ZipError.notAZip }
        var record: Int?
        for candidate in stride(from: tail.count - ZipFormat.endOfCentralDirectorySize, through: 0, by: -1)
        where tail[candidate] == 0x50 && tail.littleEndianUInt32(at: candidate) == ZipFormat.endOfCentralDirectorySignature {
            let commentLength = Int(tail.littleEndianUInt16(at: candidate + 20))
            if candidate + ZipFormat.endOfCentralDirectorySize + commentLength <= tail.count {
                record = candidate
                break
            }
        }
        guard let record else {
            let head = try read(descriptor: descriptor, path: path, at: 0, count: min(4, fileSize))
            throw head.count == 4 && head.littleEndianUInt32(at: 0) == ZipFormat.localHeaderSignature ? ZipError.truncated : ZipError.notAZip
        }
        guard tail.littleEndianUInt16(at: record + 4) == 0, tail.littleEndianUInt16(at: record + 6) == 0 else { throw ZipError.notAZip }
        var count = Int(tail.littleEndianUInt16(at: record + 10))
        var size = Int(tail.littleEndianUInt32(at: record + 12))
        var start = Int(tail.littleEndianUInt32(at: record + 16))
        var directoryEnd = tailStart + record
        let locator = record - ZipFormat.zip64LocatorSize
        if locator >= 0, tail.littleEndianUInt32(at: locator) == ZipFormat.zip64LocatorSignature {
            let zip64End = Int(tail.littleEndian64(at: locator + 8))
            guard zip64End >= 0, zip64End + ZipFormat.zip64EndSize <= tailStart + locator else { throw ZipError.truncated }
            let end = try read(descriptor: descriptor, path: path, at: zip64End, count: ZipFormat.zip64EndSize)
            guard end.littleEndianUInt32(at: 0) == ZipFormat.zip64EndSignature,
                  end.littleEndianUInt32(at: 16) == 0, end.littleEndianUInt32(at: 20) == 0 else { throw ZipError.notAZip }
            let entriesOnDisk = end.littleEndian64(at: 24), entries64 = end.littleEndian64(at: 32)
            guard entriesOnDisk == entries64, entries64 <= UInt64(Int32.max) else { throw ZipError.notAZip }
            count = Int(entries64)
            let size64 = end.littleEndian64(at: 40), start64 = end.littleEndian64(at: 48)
            guard size64 <= UInt64(fileSize), start64 <= UInt64(fileSize) else { throw ZipError.truncated }
            size = Int(size64)
            start = Int(start64)
            directoryEnd = zip64End
        } else if count == Int(ZipFormat.zip64Marker16) || size == Int(ZipFormat.zip64Marker32) || start == Int(ZipFormat.zip64Marker32) {
            throw ZipError.notAZip
        }
        guard count <= limits.maxEntries else { throw ZipError.tooManyEntries(count) }
        guard start + size <= directoryEnd else { throw ZipError.truncated }
        // Every central header takes at least 46 bytes: a count the directory cannot hold is a lie.
        guard count * ZipFormat.centralHeaderSize <= size else { throw ZipError.truncated }
        return (start, size, count)
    }

    private static func read(descriptor: Int32, path: String, at offset: Int, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        try read(descriptor: descriptor, path: path, at: offset, into: &bytes, count: count)
        return bytes
    }

    private static func read(descriptor: Int32, path: String, at offset: Int, into buffer: inout [UInt8], count: Int) throws {
        try buffer.withUnsafeMutableBytes { raw in
            var done = 0
            while done < count {
                let result = pread(descriptor, raw.baseAddress! + done, count - done, off_t(offset + done))
                if result < 0 {
                    if errno == EINTR { continue }
                    throw FileIOError(operation: "đọc", path: path, code: errno)
                }
                guard result > 0 else { throw ZipError.truncated }
                done += result
            }
        }
    }
}

extension Array where Element == UInt8 {
    /// Reads a little-endian UInt64; the caller has checked that `offset + 8 <= count`.
    func littleEndian64(at offset: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(self[offset + $1]) << (8 * UInt64($1)) }
    }
}
