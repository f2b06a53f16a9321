import Foundation
import OfficeZip
import Testing

@Suite("Round trip")
struct RoundTripTests {
    let mimetype = Array("application/vnd.oasis.opendocument.text".utf8)
    let content = sampleXML(paragraphs: 200)
    let vietnameseName = "Tài liệu/Hồ sơ đăng ký khai sinh.xml"
    let vietnameseBody = Array("Ủy ban nhân dân xã Đồng Tâm".utf8)

    func sourceArchive() throws -> ZipArchive {
        var writer = ZipWriter()
        writer.addDeflated(name: "styles.xml", bytes: sampleXML(paragraphs: 30), level: 9)
        writer.addStored(name: "Pictures/logo.png", bytes: pseudoRandomBytes(count: 700, seed: 7))
        return try ZipArchive(bytes: writer.finish())
    }

    @Test("stored, deflated and copied entries read back identically, in order")
    func storedDeflatedAndCopied() throws {
        let source = try sourceArchive()
        var writer = ZipWriter()
        writer.addStored(name: "mimetype", bytes: mimetype)
        writer.addDeflated(name: "content.xml", bytes: content)
        writer.addDeflated(name: vietnameseName, bytes: vietnameseBody, level: 1)
        writer.addStored(name: "Pictures/", bytes: [UInt8]())
        for entry in source.entries { writer.addCopy(of: entry, from: source) }
        let archive = try ZipArchive(bytes: writer.finish())

        #expect(archive.entries.map(\.name)
            == ["mimetype", "content.xml", vietnameseName, "Pictures/", "styles.xml", "Pictures/logo.png"])
        #expect(try archive.contents(of: #require(archive.entry(named: "mimetype"))) == mimetype)
        #expect(try archive.contents(of: #require(archive.entry(named: "content.xml"))) == content)
        #expect(try archive.contents(of: #require(archive.entry(named: vietnameseName))) == vietnameseBody)
        #expect(try archive.contents(of: #require(archive.entry(named: "Pictures/"))).isEmpty)
        for original in source.entries {
            let copy = try #require(archive.entry(named: original.name))
            #expect(try archive.contents(of: copy) == source.contents(of: original))
        }
    }

    @Test("recorded CRCs, sizes and methods describe the written data")
    func headersDescribeData() throws {
        var writer = ZipWriter()
        writer.addStored(name: "mimetype", bytes: mimetype)
        writer.addDeflated(name: "content.xml", bytes: content)
        let archive = try ZipArchive(bytes: writer.finish())

        let stored = try #require(archive.entry(named: "mimetype"))
        #expect(stored.method == 0)
        #expect(stored.crc32 == crc32(of: mimetype))
        #expect(stored.compressedSize == mimetype.count && stored.uncompressedSize == mimetype.count)

        let deflated = try #require(archive.entry(named: "content.xml"))
        #expect(deflated.method == 8)
        #expect(deflated.crc32 == crc32(of: content))
        #expect(deflated.uncompressedSize == content.count)
        #expect(deflated.compressedSize < content.count / 4)
    }

    @Test("empty inputs round-trip both stored and deflated")
    func emptyEntries() throws {
        var writer = ZipWriter()
        writer.addStored(name: "empty.txt", bytes: [UInt8]())
        writer.addDeflated(name: "empty.xml", bytes: [])
        let archive = try ZipArchive(bytes: writer.finish())
        for entry in archive.entries {
            #expect(try archive.contents(of: entry).isEmpty)
        }
        #expect(archive.entry(named: "empty.xml")?.compressedSize ?? 0 > 0)
    }

    @Test("addStored accepts non-contiguous collections and Data")
    func storedFromAnyCollection() throws {
        var writer = ZipWriter()
        writer.addStored(name: "range.bin", bytes: (0...255).lazy.map { UInt8($0) })
        writer.addStored(name: "data.bin", bytes: Data([1, 2, 3]))
        let archive = try ZipArchive(data: Data(writer.finish()))
        #expect(try archive.contents(of: #require(archive.entry(named: "range.bin"))) == Array(0...255))
        #expect(try archive.contents(of: #require(archive.entry(named: "data.bin"))) == [1, 2, 3])
    }

    @Test("out-of-range deflate levels are clamped and still produce valid entries")
    func clampedLevels() throws {
        var writer = ZipWriter()
        writer.addDeflated(name: "low.xml", bytes: content, level: -5)
        writer.addDeflated(name: "high.xml", bytes: content, level: 42)
        let archive = try ZipArchive(bytes: writer.finish())
        for entry in archive.entries {
            #expect(try archive.contents(of: entry) == content)
        }
    }

    @Test("lookup by name finds entries and misses absent ones")
    func lookup() throws {
        let archive = try sourceArchive()
        #expect(archive.entry(named: "styles.xml")?.name == "styles.xml")
        #expect(archive.entry(named: "content.xml") == nil)
    }

    @Test("an entry from another archive is refused instead of read at foreign offsets")
    func foreignEntry() throws {
        let source = try sourceArchive()
        var writer = ZipWriter()
        writer.addStored(name: "styles.xml", bytes: [1, 2, 3])
        let other = try ZipArchive(bytes: writer.finish())
        let foreign = try #require(source.entry(named: "styles.xml"))
        #expect(throws: ZipError.entryNotFound("styles.xml")) { try other.contents(of: foreign) }
    }
}
