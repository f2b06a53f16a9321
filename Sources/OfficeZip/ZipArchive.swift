import Foundation

/// A ZIP package held in memory whose central directory has been read and checked against ``ZipLimits``.
public struct ZipArchive: Sendable {
    /// The entries in central-directory order.
    public let entries: [ZipEntry]
    /// The archive's bytes, kept so entries can be inflated or copied later without re-reading.
    let bytes: [UInt8]
    /// Maps each name to its position in `entries`, for constant-time lookup.
    private let indexByName: [String: Int]

    /// Reads the central directory and validates every entry against the limits, without inflating anything.
    public init(bytes: [UInt8], limits: ZipLimits = .default) throws(ZipError) {
        guard bytes.count <= limits.maxArchiveBytes else { throw .tooLarge(bytes.count) }
        let directory = try CentralDirectory(locatingIn: bytes, limits: limits)
        var entries: [ZipEntry] = []
        entries.reserveCapacity(directory.entryCount)
        var indexByName: [String: Int] = [:]
        indexByName.reserveCapacity(directory.entryCount)
        var totalUncompressed = 0
        var cursor = directory.start
        for _ in 0..<directory.entryCount {
            let entry = try Self.readEntry(in: bytes, at: &cursor, directory: directory, limits: limits)
            guard indexByName.updateValue(entries.count, forKey: entry.name) == nil else {
                throw .duplicateName(entry.name)
            }
            totalUncompressed += entry.uncompressedSize
            guard totalUncompressed <= limits.maxTotalUncompressedBytes else {
                throw .totalTooLarge(totalUncompressed)
            }
            entries.append(entry)
        }
        self.entries = entries
        self.bytes = bytes
        self.indexByName = indexByName
    }

    /// Reads a package from `Data`, refusing oversized input before copying it.
    public init(data: Data, limits: ZipLimits = .default) throws(ZipError) {
        guard data.count <= limits.maxArchiveBytes else { throw .tooLarge(data.count) }
        try self.init(bytes: [UInt8](data), limits: limits)
    }

    /// The entry with exactly this name, if any.
    public func entry(named name: String) -> ZipEntry? {
        indexByName[name].map { entries[$0] }
    }

    /// Whether `entry` is one of this archive's own entries, so its offsets can be trusted here.
    func owns(_ entry: ZipEntry) -> Bool {
        indexByName[entry.name].map { entries[$0] == entry } ?? false
    }

    /// The stored/compressed bytes of an entry, as they sit in the archive (a slice, no copy).
    ///
    /// The entry must come from this archive; its range was checked against the archive's bounds when it was read.
    public func compressedBytes(of entry: ZipEntry) -> ArraySlice<UInt8> {
        bytes[entry.dataOffset..<(entry.dataOffset + entry.compressedSize)]
    }

    /// Parses and validates the central header at `cursor`, then advances `cursor` past it.
    private static func readEntry(
        in bytes: [UInt8], at cursor: inout Int, directory: CentralDirectory, limits: ZipLimits
    ) throws(ZipError) -> ZipEntry {
        let header = cursor
        guard header + ZipFormat.centralHeaderSize <= directory.end else { throw .truncated }
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
        guard cursor <= directory.end else { throw .truncated }

        guard compressed32 != ZipFormat.zip64Marker32, uncompressed32 != ZipFormat.zip64Marker32,
              localOffset32 != ZipFormat.zip64Marker32, startDisk != ZipFormat.zip64Marker16
        else { throw .zip64Unsupported }
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

        let compressedSize = Int(compressed32)
        let uncompressedSize = Int(uncompressed32)
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

        // The local header is only trusted for the length of its own variable fields, which can differ from the central ones.
        let localOffset = Int(localOffset32)
        guard localOffset + ZipFormat.localHeaderSize <= directory.start else { throw .truncated }
        guard bytes.littleEndianUInt32(at: localOffset) == ZipFormat.localHeaderSignature else { throw .notAZip }
        let dataOffset = localOffset + ZipFormat.localHeaderSize
            + Int(bytes.littleEndianUInt16(at: localOffset + 26))
            + Int(bytes.littleEndianUInt16(at: localOffset + 28))
        guard dataOffset + compressedSize <= directory.start else { throw .truncated }

        return ZipEntry(
            name: name, method: method, crc32: crc, compressedSize: compressedSize,
            uncompressedSize: uncompressedSize, dataOffset: dataOffset
        )
    }
}
