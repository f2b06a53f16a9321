import OfficeZip
import Testing

@Suite("Writer output format")
struct WriterFormatTests {
    func odtLikeArchive() -> [UInt8] {
        var writer = ZipWriter(estimatedSize: 16)
        writer.addStored(name: "mimetype", bytes: Array("application/vnd.oasis.opendocument.text".utf8))
        writer.addDeflated(name: "content.xml", bytes: sampleXML(paragraphs: 5))
        writer.addDeflated(name: "Ảnh/chữ ký.xml", bytes: Array("ký tên".utf8))
        writer.addStored(name: "Thumbnails/", bytes: [UInt8]())
        return writer.finish()
    }

    @Test("identical input gives byte-for-byte identical output")
    func reproducible() {
        #expect(odtLikeArchive() == odtLikeArchive())
    }

    @Test("mimetype comes first, stored, with no extra field, as ODF requires")
    func mimetypeFirst() {
        let zip = odtLikeArchive()
        #expect(zip.readLE32(at: 0) == 0x0403_4B50)
        #expect(zip.readLE16(at: 8) == 0)
        #expect(zip.readLE16(at: 28) == 0)
        #expect(Array(zip[30..<38]) == Array("mimetype".utf8))
        #expect(Array(zip[38..<(38 + 39)]) == Array("application/vnd.oasis.opendocument.text".utf8))
    }

    @Test("every local and central header has version 20, a fixed 1980 timestamp and no data descriptor")
    func headerFields() throws {
        let zip = odtLikeArchive()
        let archive = try ZipArchive(bytes: zip)
        var central = centralDirectoryRange(of: zip).lowerBound
        for entry in archive.entries {
            let nameLength = Int(zip.readLE16(at: central + 28))
            let local = Int(zip.readLE32(at: central + 42))
            let isASCII = entry.name.utf8.allSatisfy { $0 < 0x80 }
            for (header, fieldsStart) in [(local, 4), (central, 6)] {
                #expect(zip.readLE16(at: header + fieldsStart) == 20)
                let flags = zip.readLE16(at: header + fieldsStart + 2)
                #expect(flags & 0x08 == 0)
                #expect(flags & 0x0800 == (isASCII ? 0 : 0x0800))
                #expect(zip.readLE16(at: header + fieldsStart + 6) == 0)
                #expect(zip.readLE16(at: header + fieldsStart + 8) == 0x21)
                #expect(zip.readLE32(at: header + fieldsStart + 10) == entry.crc32)
            }
            #expect(Int(zip.readLE32(at: local + 18)) == entry.compressedSize)
            #expect(Int(zip.readLE32(at: local + 22)) == entry.uncompressedSize)
            #expect(zip.readLE32(at: central + 38) == (entry.isDirectory ? 0x10 : 0))
            central += 46 + nameLength
        }
    }

    @Test("the end record counts the entries and points at the central directory")
    func endRecord() {
        let zip = odtLikeArchive()
        let end = zip.count - 22
        #expect(zip.readLE32(at: end) == 0x0605_4B50)
        #expect(zip.readLE16(at: end + 8) == 4)
        #expect(zip.readLE16(at: end + 10) == 4)
        #expect(zip.readLE32(at: centralDirectoryRange(of: zip).lowerBound) == 0x0201_4B50)
        #expect(centralDirectoryRange(of: zip).upperBound == end)
    }

    @Test("an empty writer produces a valid empty archive")
    func emptyArchive() throws {
        let zip = ZipWriter().finish()
        #expect(zip.count == 22)
        #expect(try ZipArchive(bytes: zip).entries.isEmpty)
    }
}
