import OfficeZip
import Testing

@Suite("Entry names")
struct EntryNameTests {
    @Test("names that could escape the package are unsafeName", arguments: [
        "../evil.xml", "/etc/passwd", "a/../../b", "C:\\x", "a\\b", "\\server\\share", "c:evil", "dir/..", "", "a\u{0}b",
    ])
    func unsafeNames(name: String) {
        #expect(throws: ZipError.unsafeName(name)) { try ZipArchive(bytes: buildRawZip([RawEntry.stored(name, [1])])) }
    }

    @Test("ordinary office names, dots and Vietnamese letters are accepted", arguments: [
        "word/document.xml", "[Content_Types].xml", "_rels/.rels", "Pictures/", "a/./b", "..hidden/x..y", "Tài liệu/ảnh.png",
    ])
    func safeNames(name: String) throws {
        let archive = try ZipArchive(bytes: buildRawZip([RawEntry.stored(name, name.hasSuffix("/") ? [] : [1])]))
        #expect(archive.entries.map(\.name) == [name])
    }

    @Test("two entries with the same name are duplicateName")
    func duplicates() {
        let zip = buildRawZip([RawEntry.stored("content.xml", [1]), RawEntry.stored("content.xml", [2])])
        #expect(throws: ZipError.duplicateName("content.xml")) { try ZipArchive(bytes: zip) }
    }

    @Test("name bytes that are not UTF-8 are invalidName, including an overlong \"/\" hiding a traversal", arguments: [
        [0x61, 0xC3, 0x28, 0x2E, 0x78, 0x6D, 0x6C],  // a, broken two-byte sequence, .xml
        [0x2E, 0x2E, 0xC0, 0xAF, 0x65, 0x76, 0x69, 0x6C],  // .., overlong "/", evil
        [0xED, 0xA0, 0x80],  // a UTF-16 surrogate encoded as UTF-8
        [0xE1, 0xBB],  // a sequence cut short at the end of the name
    ] as [[UInt8]])
    func invalidUTF8(nameBytes: [UInt8]) {
        var entry = RawEntry.stored("x", [1])
        entry.name = nameBytes
        #expect(throws: ZipError.invalidName) { try ZipArchive(bytes: buildRawZip([entry])) }
    }

    @Test("a directory entry with data is a sizeMismatch")
    func directoryWithData() {
        #expect(throws: ZipError.sizeMismatch("Pictures/")) {
            try ZipArchive(bytes: buildRawZip([RawEntry.stored("Pictures/", [1, 2])]))
        }
    }
}
