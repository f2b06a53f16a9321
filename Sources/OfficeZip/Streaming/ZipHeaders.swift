/// The exact header bytes ``ZipFileWriter`` writes, shared with ``ZipFileReader``'s check that a file is still
/// byte for byte what the writer made.
enum ZipHeaders {
    /// Where Zip64 takes over; lowered only by tests, which cannot write 4 GiB.
    struct Thresholds: Sendable {
        var size = Int(ZipFormat.zip64Marker32)
        var entries = Int(ZipFormat.zip64Marker16)
    }

    /// A local header: no timestamp (1980-01-01), the UTF-8 flag for non-ASCII names, and, when `zip64`, markers in
    /// the size fields with both sizes in a Zip64 extra field (APPNOTE 4.5.3).
    static func local(name: String, method: UInt16, crc: UInt32, compressedSize: Int, uncompressedSize: Int, zip64: Bool) -> [UInt8] {
        var header: [UInt8] = []
        header.reserveCapacity(ZipFormat.localHeaderSize + name.utf8.count + 20)
        header.appendLittleEndian(ZipFormat.localHeaderSignature)
        header.appendLittleEndian(zip64 ? ZipFormat.versionNeededZip64 : ZipFormat.versionNeeded)
        header.appendLittleEndian(flags(for: name))
        header.appendLittleEndian(method)
        header.appendLittleEndian(ZipFormat.dosTime)
        header.appendLittleEndian(ZipFormat.dosDate)
        header.appendLittleEndian(crc)
        header.appendLittleEndian(zip64 ? ZipFormat.zip64Marker32 : UInt32(compressedSize))
        header.appendLittleEndian(zip64 ? ZipFormat.zip64Marker32 : UInt32(uncompressedSize))
        header.appendLittleEndian(UInt16(name.utf8.count))
        header.appendLittleEndian(UInt16(zip64 ? 20 : 0))
        header.append(contentsOf: name.utf8)
        if zip64 {
            header.appendLittleEndian(ZipFormat.zip64ExtraID)
            header.appendLittleEndian(UInt16(16))
            header.appendLittleEndian(UInt64(uncompressedSize))
            header.appendLittleEndian(UInt64(compressedSize))
        }
        return header
    }

    /// Appends a central header; only the fields that overflow go to the Zip64 extra field, in this order.
    static func appendCentral(to central: inout [UInt8], name: String, method: UInt16, crc: UInt32, compressedSize: Int,
                              uncompressedSize: Int, offset: Int, thresholds: Thresholds) {
        var extra: [UInt8] = []
        if uncompressedSize >= thresholds.size { extra.appendLittleEndian(UInt64(uncompressedSize)) }
        if compressedSize >= thresholds.size { extra.appendLittleEndian(UInt64(compressedSize)) }
        if offset >= thresholds.size { extra.appendLittleEndian(UInt64(offset)) }
        let version = extra.isEmpty ? ZipFormat.versionNeeded : ZipFormat.versionNeededZip64
        central.appendLittleEndian(ZipFormat.centralHeaderSignature)
        central.appendLittleEndian(version)  // version made by: MS-DOS attributes
        central.appendLittleEndian(version)
        central.appendLittleEndian(flags(for: name))
        central.appendLittleEndian(method)
        central.appendLittleEndian(ZipFormat.dosTime)
        central.appendLittleEndian(ZipFormat.dosDate)
        central.appendLittleEndian(crc)
        central.appendLittleEndian(compressedSize >= thresholds.size ? ZipFormat.zip64Marker32 : UInt32(compressedSize))
        central.appendLittleEndian(uncompressedSize >= thresholds.size ? ZipFormat.zip64Marker32 : UInt32(uncompressedSize))
        central.appendLittleEndian(UInt16(name.utf8.count))
        central.appendLittleEndian(UInt16(extra.isEmpty ? 0 : extra.count + 4))
        central.appendLittleEndian(UInt16(0))  // comment length
        central.appendLittleEndian(UInt16(0))  // starting disk
        central.appendLittleEndian(UInt16(0))  // internal attributes
        central.appendLittleEndian(name.hasSuffix("/") ? ZipFormat.dosDirectoryAttribute : 0)
        central.appendLittleEndian(offset >= thresholds.size ? ZipFormat.zip64Marker32 : UInt32(offset))
        central.append(contentsOf: name.utf8)
        if !extra.isEmpty {
            central.appendLittleEndian(ZipFormat.zip64ExtraID)
            central.appendLittleEndian(UInt16(extra.count))
            central.append(contentsOf: extra)
        }
    }

    /// The end records after a central directory: the Zip64 end record and locator when the count, size or offset
    /// overflows, then the classic end record (with markers in the overflowing fields).
    static func end(entryCount: Int, directoryOffset: Int, directorySize: Int, thresholds: Thresholds) -> [UInt8] {
        let zip64 = entryCount >= thresholds.entries || directoryOffset >= thresholds.size || directorySize >= thresholds.size
        var end: [UInt8] = []
        if zip64 {
            end.appendLittleEndian(ZipFormat.zip64EndSignature)
            end.appendLittleEndian(UInt64(ZipFormat.zip64EndSize - 12))  // the record's size after this field
            end.appendLittleEndian(ZipFormat.versionNeededZip64)  // version made by
            end.appendLittleEndian(ZipFormat.versionNeededZip64)
            end.appendLittleEndian(UInt32(0))  // this disk
            end.appendLittleEndian(UInt32(0))  // disk holding the central directory
            end.appendLittleEndian(UInt64(entryCount))
            end.appendLittleEndian(UInt64(entryCount))
            end.appendLittleEndian(UInt64(directorySize))
            end.appendLittleEndian(UInt64(directoryOffset))
            end.appendLittleEndian(ZipFormat.zip64LocatorSignature)
            end.appendLittleEndian(UInt32(0))  // disk holding the Zip64 end record
            end.appendLittleEndian(UInt64(directoryOffset + directorySize))
            end.appendLittleEndian(UInt32(1))  // number of disks
        }
        end.appendLittleEndian(ZipFormat.endOfCentralDirectorySignature)
        end.appendLittleEndian(UInt16(0))
        end.appendLittleEndian(UInt16(0))
        let count16 = zip64 ? ZipFormat.zip64Marker16 : UInt16(entryCount)
        end.appendLittleEndian(count16)
        end.appendLittleEndian(count16)
        end.appendLittleEndian(zip64 ? ZipFormat.zip64Marker32 : UInt32(directorySize))
        end.appendLittleEndian(zip64 ? ZipFormat.zip64Marker32 : UInt32(directoryOffset))
        end.appendLittleEndian(UInt16(0))  // comment length
        return end
    }

    /// Sets the UTF-8 flag only for non-ASCII names, as ``ZipWriter`` does.
    static func flags(for name: String) -> UInt16 {
        name.utf8.allSatisfy { $0 < 0x80 } ? 0 : ZipFormat.utf8Flag
    }
}
