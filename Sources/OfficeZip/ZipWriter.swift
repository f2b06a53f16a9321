/// Builds a ZIP package in memory, entry by entry, with reproducible bytes.
public struct ZipWriter: Sendable {
    /// Local headers and entry data, in the order entries were added.
    private var output: [UInt8]
    /// Central headers, built alongside so `finish()` is a single append.
    private var centralDirectory: [UInt8]
    private var entryCount = 0

    /// Creates an empty writer; `estimatedSize` pre-sizes the buffer so appends rarely reallocate.
    public init(estimatedSize: Int = 64 * 1024) {
        output = []
        output.reserveCapacity(estimatedSize)
        centralDirectory = []
        centralDirectory.reserveCapacity(1024)
    }

    /// Adds an entry stored without compression (e.g. an ODT's `mimetype`, which must be first and stored).
    public mutating func addStored(name: String, bytes: some Collection<UInt8>) {
        let added: Void? = bytes.withContiguousStorageIfAvailable { addStored(name: name, buffer: UnsafeRawBufferPointer($0)) }
        if added == nil {
            Array(bytes).withUnsafeBytes { addStored(name: name, buffer: $0) }
        }
    }

    /// Deflates and adds an entry. level 1…9 (default 6).
    ///
    /// Out-of-range levels are clamped rather than trapping, and if zlib cannot allocate its state the entry
    /// is stored instead, so rendering never fails for want of compression.
    public mutating func addDeflated(name: String, bytes: [UInt8], level: Int32 = 6) {
        bytes.withUnsafeBytes { addDeflated(name: name, buffer: $0, level: level) }
    }

    /// Deflates and adds an entry from bytes the caller owns; see `addDeflated(name:bytes:level:)`.
    public mutating func addDeflated(name: String, buffer input: UnsafeRawBufferPointer, level: Int32 = 6) {
        let crc = OfficeZip.crc32(of: input)
        let headerOffset = appendLocalHeader(name: name, method: ZipFormat.methodDeflated, crc: crc,
                                             compressedSize: 0, uncompressedSize: input.count)
        guard let compressedSize = Deflate.compress(input, level: min(max(level, 1), 9), appendingTo: &output) else {
            output.removeSubrange(headerOffset...)
            addStored(name: name, buffer: input)
            return
        }
        // The compressed size is only known now; patching it keeps the header free of a data descriptor.
        patchCompressedSize(compressedSize, ofLocalHeaderAt: headerOffset)
        appendCentralHeader(name: name, method: ZipFormat.methodDeflated, crc: crc, compressedSize: compressedSize,
                            uncompressedSize: input.count, localHeaderOffset: headerOffset)
    }

    /// Adds an entry whose data is already compressed with `method`, with the CRC and size of what it decompresses to.
    public mutating func addPrecompressed(name: String, method: UInt16, crc: UInt32, compressed: some Collection<UInt8>,
                                          uncompressedSize: Int) {
        let headerOffset = appendLocalHeader(name: name, method: method, crc: crc, compressedSize: compressed.count,
                                             uncompressedSize: uncompressedSize)
        output.append(contentsOf: compressed)
        appendCentralHeader(name: name, method: method, crc: crc, compressedSize: compressed.count,
                            uncompressedSize: uncompressedSize, localHeaderOffset: headerOffset)
    }

    /// Copies an entry from another archive byte-for-byte, still compressed, with its CRC and sizes.
    public mutating func addCopy(of entry: ZipEntry, from archive: ZipArchive) {
        addPrecompressed(name: entry.name, method: entry.method, crc: entry.crc32,
                         compressed: archive.compressedBytes(of: entry), uncompressedSize: entry.uncompressedSize)
    }

    /// Appends the central directory and end record and returns the archive.
    public consuming func finish() -> [UInt8] {
        let directoryOffset = output.count
        precondition(directoryOffset <= Int(UInt32.max), "archives of 4 GiB or more need Zip64, which is not supported")
        output.append(contentsOf: centralDirectory)
        output.appendLittleEndian(ZipFormat.endOfCentralDirectorySignature)
        output.appendLittleEndian(UInt16(0))  // this disk
        output.appendLittleEndian(UInt16(0))  // disk holding the central directory
        output.appendLittleEndian(UInt16(entryCount))
        output.appendLittleEndian(UInt16(entryCount))
        output.appendLittleEndian(UInt32(centralDirectory.count))
        output.appendLittleEndian(UInt32(directoryOffset))
        output.appendLittleEndian(UInt16(0))  // comment length
        return output
    }

    private mutating func addStored(name: String, buffer: UnsafeRawBufferPointer) {
        let crc = OfficeZip.crc32(of: buffer)
        let headerOffset = appendLocalHeader(name: name, method: ZipFormat.methodStored, crc: crc,
                                             compressedSize: buffer.count, uncompressedSize: buffer.count)
        output.append(contentsOf: buffer)
        appendCentralHeader(name: name, method: ZipFormat.methodStored, crc: crc, compressedSize: buffer.count,
                            uncompressedSize: buffer.count, localHeaderOffset: headerOffset)
    }

    /// Writes a local header (no extra field, so an ODT `mimetype` sits at its conventional offset) and returns its offset.
    private mutating func appendLocalHeader(
        name: String, method: UInt16, crc: UInt32, compressedSize: Int, uncompressedSize: Int
    ) -> Int {
        precondition(entryCount < Int(ZipFormat.zip64Marker16), "65 535 entries or more need Zip64, which is not supported")
        precondition(name.utf8.count <= Int(UInt16.max), "ZIP entry names are limited to 65 535 bytes")
        precondition(uncompressedSize < Int(ZipFormat.zip64Marker32) && compressedSize < Int(ZipFormat.zip64Marker32),
                     "entries of 4 GiB or more need Zip64, which is not supported")
        let offset = output.count
        precondition(offset < Int(ZipFormat.zip64Marker32), "archives of 4 GiB or more need Zip64, which is not supported")
        output.appendLittleEndian(ZipFormat.localHeaderSignature)
        output.appendLittleEndian(ZipFormat.versionNeeded)
        output.appendLittleEndian(Self.flags(for: name))
        output.appendLittleEndian(method)
        output.appendLittleEndian(ZipFormat.dosTime)
        output.appendLittleEndian(ZipFormat.dosDate)
        output.appendLittleEndian(crc)
        output.appendLittleEndian(UInt32(compressedSize))
        output.appendLittleEndian(UInt32(uncompressedSize))
        output.appendLittleEndian(UInt16(name.utf8.count))
        output.appendLittleEndian(UInt16(0))  // extra field length
        output.append(contentsOf: name.utf8)
        return offset
    }

    private mutating func patchCompressedSize(_ size: Int, ofLocalHeaderAt headerOffset: Int) {
        output.withUnsafeMutableBytes {
            $0.storeBytes(of: UInt32(size).littleEndian, toByteOffset: headerOffset + 18, as: UInt32.self)
        }
    }

    private mutating func appendCentralHeader(
        name: String, method: UInt16, crc: UInt32, compressedSize: Int, uncompressedSize: Int, localHeaderOffset: Int
    ) {
        centralDirectory.appendLittleEndian(ZipFormat.centralHeaderSignature)
        centralDirectory.appendLittleEndian(ZipFormat.versionNeeded)  // version made by: 2.0, MS-DOS attributes
        centralDirectory.appendLittleEndian(ZipFormat.versionNeeded)
        centralDirectory.appendLittleEndian(Self.flags(for: name))
        centralDirectory.appendLittleEndian(method)
        centralDirectory.appendLittleEndian(ZipFormat.dosTime)
        centralDirectory.appendLittleEndian(ZipFormat.dosDate)
        centralDirectory.appendLittleEndian(crc)
        centralDirectory.appendLittleEndian(UInt32(compressedSize))
        centralDirectory.appendLittleEndian(UInt32(uncompressedSize))
        centralDirectory.appendLittleEndian(UInt16(name.utf8.count))
        centralDirectory.appendLittleEndian(UInt16(0))  // extra field length
        centralDirectory.appendLittleEndian(UInt16(0))  // comment length
        centralDirectory.appendLittleEndian(UInt16(0))  // starting disk
        centralDirectory.appendLittleEndian(UInt16(0))  // internal attributes
        centralDirectory.appendLittleEndian(name.hasSuffix("/") ? ZipFormat.dosDirectoryAttribute : 0)
        centralDirectory.appendLittleEndian(UInt32(localHeaderOffset))
        centralDirectory.append(contentsOf: name.utf8)
        entryCount += 1
    }

    /// Sets the UTF-8 flag only for non-ASCII names, as other tools do, so ASCII-only output matches theirs.
    private static func flags(for name: String) -> UInt16 {
        name.utf8.allSatisfy { $0 < 0x80 } ? 0 : ZipFormat.utf8Flag
    }
}
