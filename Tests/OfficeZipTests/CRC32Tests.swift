import OfficeZip
import Testing

@Suite("CRC-32")
struct CRC32Tests {
    @Test("matches the standard check value and treats empty input as zero")
    func checkValue() {
        #expect(crc32(of: Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(crc32(of: [UInt8]()) == 0)
    }

    @Test("the raw-buffer overload agrees with the array overload")
    func rawBufferOverload() {
        let bytes = pseudoRandomBytes(count: 10_000, seed: 1)
        #expect(bytes.withUnsafeBytes { crc32(of: $0) } == crc32(of: bytes))
        #expect(crc32(of: bytes) != crc32(of: Array(bytes.dropLast())))
    }
}
