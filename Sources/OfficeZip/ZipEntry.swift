/// One file inside a ZIP package, as described by the central directory.
public struct ZipEntry: Sendable, Hashable {
    /// The entry's path inside the package, e.g. `word/document.xml`.
    public let name: String
    /// The compression method: 0 stored, 8 deflated.
    public let method: UInt16
    /// The method of an entry stored as it is.
    public static let stored = ZipFormat.methodStored
    /// The method of a deflated entry.
    public static let deflated = ZipFormat.methodDeflated
    /// The CRC-32 of the uncompressed bytes.
    public let crc32: UInt32
    /// The number of bytes the entry occupies in the archive.
    public let compressedSize: Int
    /// The number of bytes the entry expands to.
    public let uncompressedSize: Int
    /// Where the entry's compressed bytes start in the archive, past its local header.
    let dataOffset: Int

    /// Whether the entry is a directory marker rather than a file.
    public var isDirectory: Bool { name.hasSuffix("/") }
}
