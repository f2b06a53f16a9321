import Foundation
import OfficeZip
import Testing

@Suite("Size and count limits")
struct LimitTests {
    @Test("a bomb that declares 1 KB but inflates to 10 MB stops at 1 KB with sizeMismatch")
    func lyingBomb() throws {
        let zeros = [UInt8](repeating: 0, count: 10 << 20)
        var bomb = RawEntry.deflated("content.xml", zeros, level: 9)
        bomb.uncompressedSize = 1024
        let archive = try ZipArchive(bytes: buildRawZip([bomb]))
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(throws: ZipError.sizeMismatch("content.xml")) { try archive.contents(of: archive.entries[0]) }
        }
        // Stopping at 1 KB takes microseconds; the bound is loose so a busy test machine cannot make it flaky.
        #expect(elapsed < .milliseconds(100))
    }

    @Test("a stream that ends before its declared size is a sizeMismatch")
    func shortStream() throws {
        var entry = RawEntry.deflated("content.xml", sampleXML(paragraphs: 3))
        entry.uncompressedSize += 1
        let archive = try ZipArchive(bytes: buildRawZip([entry]))
        #expect(throws: ZipError.sizeMismatch("content.xml")) { try archive.contents(of: archive.entries[0]) }
    }

    @Test("an honest 20 MB run of zeros is refused for its ratio when the directory is read")
    func honestHighRatio() throws {
        var writer = ZipWriter()
        writer.addDeflated(name: "content.xml", bytes: [UInt8](repeating: 0, count: 20 << 20), level: 9)
        let zip = writer.finish()
        let compressedSize = Int(zip.readLE32(at: 18))
        let expected = ZipError.suspiciousRatio(name: "content.xml", ratio: (20 << 20) / compressedSize)
        #expect(throws: expected) { try ZipArchive(bytes: zip) }
    }

    @Test("entries of at most 1 MiB are exempt from the ratio check")
    func smallEntriesExempt() throws {
        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        let archive = try ZipArchive(bytes: buildRawZip([RawEntry.deflated("zeros.bin", zeros, level: 9)]))
        #expect(try archive.contents(of: archive.entries[0]) == zeros)
    }

    @Test("the ratio limit is configurable")
    func configurableRatio() throws {
        let zip = buildRawZip([RawEntry.deflated("zeros.bin", [UInt8](repeating: 0, count: 2 << 20), level: 9)])
        #expect(throws: ZipError.self) { try ZipArchive(bytes: zip) }
        #expect(try ZipArchive(bytes: zip, limits: ZipLimits(maxCompressionRatio: 10_000)).entries.count == 1)
    }

    @Test("an archive larger than the limit is refused before parsing, from bytes and from Data")
    func archiveTooLarge() {
        let zip = buildRawZip([RawEntry.stored("a.txt", [UInt8](repeating: 65, count: 200))])
        let limits = ZipLimits(maxArchiveBytes: 100)
        #expect(throws: ZipError.tooLarge(zip.count)) { try ZipArchive(bytes: zip, limits: limits) }
        #expect(throws: ZipError.tooLarge(zip.count)) { try ZipArchive(data: Data(zip), limits: limits) }
    }

    @Test("more entries than the limit is tooManyEntries")
    func tooManyEntries() {
        let entries = (0..<4).map { RawEntry.stored("part\($0).xml", [UInt8($0)]) }
        #expect(throws: ZipError.tooManyEntries(4)) {
            try ZipArchive(bytes: buildRawZip(entries), limits: ZipLimits(maxEntries: 3))
        }
        #expect((try? ZipArchive(bytes: buildRawZip(entries), limits: ZipLimits(maxEntries: 4))) != nil)
    }

    @Test("an entry declaring more than the per-entry limit is entryTooLarge")
    func entryTooLarge() {
        let zip = buildRawZip([RawEntry.stored("big.xml", [UInt8](repeating: 1, count: 11))])
        #expect(throws: ZipError.entryTooLarge(name: "big.xml", bytes: 11)) {
            try ZipArchive(bytes: zip, limits: ZipLimits(maxEntryUncompressedBytes: 10))
        }
    }

    @Test("declared sizes adding up past the total limit is totalTooLarge")
    func totalTooLarge() {
        let entries = [RawEntry.stored("a.xml", [UInt8](repeating: 1, count: 60)),
                       RawEntry.stored("b.xml", [UInt8](repeating: 2, count: 60))]
        #expect(throws: ZipError.totalTooLarge(120)) {
            try ZipArchive(bytes: buildRawZip(entries), limits: ZipLimits(maxTotalUncompressedBytes: 100))
        }
    }

    @Test("the defaults are the documented ones")
    func defaults() {
        let limits = ZipLimits.default
        #expect(limits.maxArchiveBytes == 100 << 20)
        #expect(limits.maxEntries == 5_000)
        #expect(limits.maxEntryUncompressedBytes == 256 << 20)
        #expect(limits.maxTotalUncompressedBytes == 512 << 20)
        #expect(limits.maxCompressionRatio == 200)
    }
}
