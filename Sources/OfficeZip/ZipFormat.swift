/// Record layouts and constants of the ZIP format (APPNOTE.TXT) shared by the reader and the writer.
enum ZipFormat {
    static let localHeaderSignature: UInt32 = 0x0403_4B50
    static let centralHeaderSignature: UInt32 = 0x0201_4B50
    static let endOfCentralDirectorySignature: UInt32 = 0x0605_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    static let zip64EndSignature: UInt32 = 0x0606_4B50
    /// Header ID of the Zip64 extended information extra field.
    static let zip64ExtraID: UInt16 = 0x0001
    static let zip64EndSize = 56

    static let localHeaderSize = 30
    static let centralHeaderSize = 46
    static let endOfCentralDirectorySize = 22
    static let zip64LocatorSize = 20
    static let maxCommentLength = 0xFFFF

    static let methodStored: UInt16 = 0
    static let methodDeflated: UInt16 = 8

    /// Bit 0 (traditional encryption) and bit 6 (strong encryption).
    static let encryptionFlags: UInt16 = 0x0041
    /// Bit 11: the name is UTF-8 rather than code page 437.
    static let utf8Flag: UInt16 = 0x0800

    /// 2.0 is the first version with deflate and directories, which every reader supports.
    static let versionNeeded: UInt16 = 20
    /// 4.5 is the first version with Zip64.
    static let versionNeededZip64: UInt16 = 45
    /// A fixed 1980-01-01 00:00 DOS timestamp keeps output byte-for-byte reproducible.
    static let dosTime: UInt16 = 0
    static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1
    /// MS-DOS directory attribute, so extractors create a folder for names ending in "/".
    static let dosDirectoryAttribute: UInt32 = 0x10

    /// Sizes, offsets and counts saturated to these values mean "look in the Zip64 extra field".
    static let zip64Marker32: UInt32 = 0xFFFF_FFFF
    static let zip64Marker16: UInt16 = 0xFFFF
}

extension Array where Element == UInt8 {
    /// Reads a little-endian UInt16; the caller has checked that `offset + 2 <= count`.
    @inline(__always)
    func littleEndianUInt16(at offset: Int) -> UInt16 {
        UInt16(self[offset]) | UInt16(self[offset + 1]) << 8
    }

    /// Reads a little-endian UInt32; the caller has checked that `offset + 4 <= count`.
    @inline(__always)
    func littleEndianUInt32(at offset: Int) -> UInt32 {
        UInt32(self[offset]) | UInt32(self[offset + 1]) << 8
            | UInt32(self[offset + 2]) << 16 | UInt32(self[offset + 3]) << 24
    }

    /// Appends an integer in little-endian byte order with a single copy.
    @inline(__always)
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
