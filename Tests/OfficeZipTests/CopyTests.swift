import OfficeZip
import Testing

@Suite("Copying entries")
struct CopyTests {
    @Test("a copied entry keeps its compressed bytes, CRC, sizes and method exactly")
    func copiedBytesAreIdentical() throws {
        var sourceWriter = ZipWriter()
        sourceWriter.addDeflated(name: "word/document.xml", bytes: sampleXML(paragraphs: 80), level: 9)
        sourceWriter.addStored(name: "word/media/image1.png", bytes: pseudoRandomBytes(count: 300, seed: 3))
        let source = try ZipArchive(bytes: sourceWriter.finish())

        var writer = ZipWriter()
        writer.addStored(name: "first.txt", bytes: Array("shifts every offset".utf8))
        for entry in source.entries { writer.addCopy(of: entry, from: source) }
        let copy = try ZipArchive(bytes: writer.finish())

        for original in source.entries {
            let copied = try #require(copy.entry(named: original.name))
            #expect(copy.compressedBytes(of: copied) == source.compressedBytes(of: original))
            #expect(copied.crc32 == original.crc32)
            #expect(copied.method == original.method)
            #expect(copied.compressedSize == original.compressedSize)
            #expect(copied.uncompressedSize == original.uncompressedSize)
        }
    }

    @Test("copying from a data-descriptor archive writes real sizes into the local header")
    func copyDropsDataDescriptor() throws {
        var source = buildRawZip([RawEntry.deflated("content.xml", sampleXML(paragraphs: 10))])
        // Mimic Word/Java: bit 3 set and zeroed CRC and sizes in the local header only.
        source[6] |= 0x08
        for offset in 14..<26 { source[offset] = 0 }
        let archive = try ZipArchive(bytes: source)

        var writer = ZipWriter()
        writer.addCopy(of: archive.entries[0], from: archive)
        let output = writer.finish()
        let entry = archive.entries[0]
        #expect(output.readLE16(at: 6) & 0x08 == 0)
        #expect(output.readLE32(at: 14) == entry.crc32)
        #expect(Int(output.readLE32(at: 18)) == entry.compressedSize)
        #expect(Int(output.readLE32(at: 22)) == entry.uncompressedSize)
    }
}
