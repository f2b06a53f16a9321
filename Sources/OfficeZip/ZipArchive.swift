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
        let header = try CentralHeader(in: bytes, at: &cursor, end: directory.end, limits: limits, allowZip64: false)
        let (name, compressedSize) = (header.name, header.compressedSize)

        // The local header is only trusted for the length of its own variable fields, which can differ from the central ones.
        let localOffset = header.localHeaderOffset
        guard localOffset + ZipFormat.localHeaderSize <= directory.start else { throw .truncated }
        guard bytes.littleEndianUInt32(at: localOffset) == ZipFormat.localHeaderSignature else { throw .notAZip }
        let dataOffset = localOffset + ZipFormat.localHeaderSize
            + Int(bytes.littleEndianUInt16(at: localOffset + 26))
            + Int(bytes.littleEndianUInt16(at: localOffset + 28))
        guard dataOffset + compressedSize <= directory.start else { throw .truncated }

        return ZipEntry(
            name: name, method: header.method, crc32: header.crc, compressedSize: compressedSize,
            uncompressedSize: header.uncompressedSize, dataOffset: dataOffset
        )
    }
}
