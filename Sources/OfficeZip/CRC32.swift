internal import CZlib

/// zlib's CRC-32 over bytes.
public func crc32(of bytes: UnsafeRawBufferPointer) -> UInt32 {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
    // zlib returns the CRC in an unsigned long whose upper half is always zero.
    return UInt32(truncatingIfNeeded: crc32_z(0, base.assumingMemoryBound(to: Bytef.self), bytes.count))
}

/// zlib's CRC-32 over an array of bytes.
public func crc32(of bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBytes { crc32(of: $0) }
}

/// zlib's CRC-32 of bytes that follow others whose CRC is `crc`, for data that arrives in pieces.
func crc32(continuing crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return crc }
    return UInt32(truncatingIfNeeded: crc32_z(uLong(crc), base.assumingMemoryBound(to: Bytef.self), bytes.count))
}
