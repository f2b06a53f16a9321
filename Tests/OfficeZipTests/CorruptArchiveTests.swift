import OfficeZip
import Testing

@Suite("Corrupt and unsupported archives")
struct CorruptArchiveTests {
    func wellFormed() -> [UInt8] {
        var writer = ZipWriter()
        writer.addStored(name: "mimetype", bytes: Array("application/vnd.oasis.opendocument.text".utf8))
        writer.addDeflated(name: "content.xml", bytes: sampleXML(paragraphs: 50))
        writer.addDeflated(name: "styles.xml", bytes: sampleXML(paragraphs: 20))
        return writer.finish()
    }

    @Test("an empty file is notAZip")
    func emptyFile() {
        #expect(throws: ZipError.notAZip) { try ZipArchive(bytes: []) }
    }

    @Test("random garbage is notAZip")
    func garbage() {
        #expect(throws: ZipError.notAZip) { try ZipArchive(bytes: pseudoRandomBytes(count: 4096, seed: 42)) }
    }

    @Test("a text file that merely starts with PK is notAZip")
    func startsWithPK() {
        #expect(throws: ZipError.notAZip) { try ZipArchive(bytes: Array("PK is how this memo starts, nothing more.".utf8)) }
    }

    @Test("cutting the file in the middle of the central directory is truncated")
    func cutInCentralDirectory() {
        let zip = wellFormed()
        let central = centralDirectoryRange(of: zip)
        let cut = Array(zip[..<(central.lowerBound + central.count / 2)])
        #expect(throws: ZipError.truncated) { try ZipArchive(bytes: cut) }
    }

    @Test("cutting the file in the middle of entry data is truncated")
    func cutInData() {
        let zip = wellFormed()
        #expect(throws: ZipError.truncated) { try ZipArchive(bytes: Array(zip[..<(zip.count / 3)])) }
    }

    @Test("a central directory pointing past the end record is truncated")
    func directoryPastEnd() {
        var zip = wellFormed()
        zip[zip.count - 6] &+= 1
        #expect(throws: ZipError.truncated) { try ZipArchive(bytes: zip) }
    }

    @Test("an entry whose data runs past the central directory is truncated")
    func dataOutOfRange() {
        var entry = RawEntry.deflated("content.xml", sampleXML(paragraphs: 3))
        entry.compressedSize += 1000
        #expect(throws: ZipError.truncated) { try ZipArchive(bytes: buildRawZip([entry])) }
    }

    @Test("a central header pointing at something other than a local header is notAZip")
    func badLocalHeader() {
        var zip = buildRawZip([RawEntry.stored("a.xml", [1, 2, 3])])
        zip[2] = 0x07
        #expect(throws: ZipError.notAZip) { try ZipArchive(bytes: zip) }
    }

    @Test("the encryption flag is encrypted, naming the entry")
    func encryptedFlag() {
        var entry = RawEntry.stored("content.xml", [1, 2, 3])
        entry.flags = 0x0001
        #expect(throws: ZipError.encrypted("content.xml")) { try ZipArchive(bytes: buildRawZip([entry])) }
    }

    @Test("methods other than stored and deflated are unsupportedMethod")
    func unsupportedMethod() {
        var entry = RawEntry.stored("content.xml", [1, 2, 3])
        entry.method = 12
        #expect(throws: ZipError.unsupportedMethod(name: "content.xml", method: 12)) {
            try ZipArchive(bytes: buildRawZip([entry]))
        }
    }

    @Test("Zip64 markers in sizes, counts or a Zip64 locator are zip64Unsupported")
    func zip64Markers() {
        var saturated = RawEntry.stored("content.xml", [1, 2, 3])
        saturated.method = 8
        saturated.uncompressedSize = 0xFFFF_FFFF
        #expect(throws: ZipError.zip64Unsupported) { try ZipArchive(bytes: buildRawZip([saturated])) }
        let plain = [RawEntry.stored("content.xml", [1, 2, 3])]
        #expect(throws: ZipError.zip64Unsupported) { try ZipArchive(bytes: buildRawZip(plain, entryCount: 0xFFFF)) }
        #expect(throws: ZipError.zip64Unsupported) { try ZipArchive(bytes: buildRawZip(plain, zip64Locator: true)) }
    }

    @Test("a stored entry whose data byte was flipped is crcMismatch")
    func flippedByte() throws {
        var writer = ZipWriter()
        writer.addStored(name: "a.txt", bytes: Array("hello".utf8))
        var zip = writer.finish()
        zip[30 + 5 + 2] ^= 0x20
        let archive = try ZipArchive(bytes: zip)
        #expect(throws: ZipError.crcMismatch("a.txt")) { try archive.contents(of: archive.entries[0]) }
    }

    @Test("a stored entry whose sizes disagree is sizeMismatch")
    func storedSizesDisagree() {
        var entry = RawEntry.stored("a.txt", [1, 2, 3])
        entry.uncompressedSize = 4
        #expect(throws: ZipError.sizeMismatch("a.txt")) { try ZipArchive(bytes: buildRawZip([entry])) }
    }

    @Test("invalid and cut-off deflate streams are corruptData")
    func badDeflateStreams() throws {
        // 0xFF starts a final block of the reserved type 3, which zlib rejects.
        let invalid = RawEntry(name: Array("bad.xml".utf8), method: 8, crc: 0, compressedSize: 8, uncompressedSize: 100,
                               data: [UInt8](repeating: 0xFF, count: 8))
        var cutOff = RawEntry.deflated("cut.xml", pseudoRandomBytes(count: 2000, seed: 9))
        cutOff.data.removeLast(cutOff.data.count / 2)
        cutOff.compressedSize = UInt32(cutOff.data.count)
        let archive = try ZipArchive(bytes: buildRawZip([invalid, cutOff]))
        #expect(throws: ZipError.corruptData("bad.xml")) { try archive.contents(of: archive.entries[0]) }
        #expect(throws: ZipError.corruptData("cut.xml")) { try archive.contents(of: archive.entries[1]) }
    }

    @Test("a comment after the end record is skipped when locating it")
    func trailingComment() throws {
        var zip = wellFormed()
        let comment = Array("Tạo bởi VanBan".utf8)
        zip[zip.count - 2] = UInt8(comment.count)
        zip += comment
        #expect(try ZipArchive(bytes: zip).entries.count == 3)
    }
}
