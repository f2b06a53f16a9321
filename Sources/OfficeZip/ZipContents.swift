extension ZipArchive {
    /// Inflates (or copies, if stored) one entry; verifies the CRC-32; never produces more bytes than the declared size.
    ///
    /// The total budget of the limits holds by construction: every entry's declared size was checked against
    /// both the per-entry and the total limit when the archive was read, and output never exceeds it.
    public func contents(of entry: ZipEntry) throws(ZipError) -> [UInt8] {
        // An entry from another archive would carry offsets that mean nothing here.
        guard owns(entry) else { throw .entryNotFound(entry.name) }
        let compressed = compressedBytes(of: entry)
        let output: [UInt8]
        if entry.method == ZipFormat.methodStored {
            output = Array(compressed)
        } else {
            output = try Self.inflate(compressed, of: entry)
        }
        guard OfficeZip.crc32(of: output) == entry.crc32 else { throw .crcMismatch(entry.name) }
        return output
    }

    /// Inflates into a buffer of exactly the declared size, so a lying header costs at most that much memory.
    private static func inflate(_ compressed: ArraySlice<UInt8>, of entry: ZipEntry) throws(ZipError) -> [UInt8] {
        var outcome = Deflate.InflateOutcome.corrupt
        let output = [UInt8](unsafeUninitializedCapacity: entry.uncompressedSize) { buffer, initializedCount in
            outcome = compressed.withUnsafeBytes { Deflate.inflate($0, into: UnsafeMutableRawBufferPointer(buffer)) }
            initializedCount = outcome == .complete ? entry.uncompressedSize : 0
        }
        switch outcome {
        case .complete: return output
        case .overflow, .underflow: throw .sizeMismatch(entry.name)
        case .corrupt: throw .corruptData(entry.name)
        }
    }
}
