import OfficeZip
import Testing

@Suite("Deflated splices: a part deflated before the text of its places is known")
struct DeflatedSpliceTests {
    /// The part as a filled splice decodes to, read back through an archive (which checks size and CRC-32).
    func filledAndRead(_ part: [UInt8], marker: String, text: String) throws -> (bytes: [UInt8], places: Int) {
        let splice = try #require(part.withUnsafeBytes { DeflatedSplice(part: $0, marker: Array(marker.utf8), level: 1) })
        return (try read(splice, filledWith: text), splice.places)
    }

    /// `splice` filled with `text`, as an archive entry decodes it.
    func read(_ splice: DeflatedSplice, filledWith text: String) throws -> [UInt8] {
        let filled = splice.filled(with: Array(text.utf8))
        var writer = ZipWriter()
        writer.addPrecompressed(name: "content.xml", method: ZipEntry.deflated, crc: filled.crc32,
                                compressed: filled.compressed, uncompressedSize: filled.size)
        let archive = try ZipArchive(bytes: writer.finish())
        return try archive.contents(of: archive.entries[0])
    }

    func replacing(_ part: [UInt8], _ marker: String, with text: String) -> [UInt8] {
        Array(String(decoding: part, as: UTF8.self).replacingOccurrences(of: marker, with: text).utf8)
    }

    @Test("places at the start, the end, side by side and in the middle decode to the part with the text in each",
          arguments: ["", "7", "05", "123456"])
    func places(_ text: String) throws {
        let marker = "9182736450918273645"
        let body = sampleXML(paragraphs: 300)
        let middle = body.count / 2
        let part = Array(marker.utf8) + body[..<middle] + Array("Số: \(marker)\(marker)/QĐ-UBND".utf8) + body[middle...]
            + Array(marker.utf8)
        let (bytes, places) = try filledAndRead(part, marker: marker, text: text)
        #expect(places == 4)
        #expect(bytes == replacing(part, marker, with: text))
    }

    @Test("a part without the marker is deflated whole and decodes as it was")
    func noPlace() throws {
        let part = pseudoRandomBytes(count: 70_000, seed: 3) + sampleXML(paragraphs: 50)
        let (bytes, places) = try filledAndRead(part, marker: "9182736450918273645", text: "05")
        #expect(places == 0)
        #expect(bytes == part)
    }

    @Test("near misses are not places: the marker but its last byte, its start cut off by the end, a part shorter than it")
    func nearMisses() throws {
        let marker = "9182736450918273645"
        let almost = String(marker.dropLast()) + "0", cut = String(marker.prefix(10))
        let part = Array("\(almost) 99\(almost)\(marker)".utf8) + sampleXML(paragraphs: 5) + Array(cut.utf8)
        let (bytes, places) = try filledAndRead(part, marker: marker, text: "12")
        #expect(places == 1)
        #expect(bytes == replacing(part, marker, with: "12"))
        for short in ["", "9", cut] {
            let (bytes, places) = try filledAndRead(Array(short.utf8), marker: marker, text: "12")
            #expect(places == 0 && bytes == Array(short.utf8))
        }
    }

    @Test("filling one splice again and again gives each text its own part")
    func reused() throws {
        let marker = "5550001112223334445"
        let part = Array("<text:p>Số: \(marker)/QĐ-UBND</text:p>".utf8) + sampleXML(paragraphs: 20)
        let splice = try #require(part.withUnsafeBytes { DeflatedSplice(part: $0, marker: Array(marker.utf8), level: 6) })
        for number in ["01", "02", "10", "999"] {
            #expect(try read(splice, filledWith: number) == replacing(part, marker, with: number))
        }
    }
}
