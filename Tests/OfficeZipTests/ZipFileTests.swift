import Foundation
@testable import OfficeZip
import Testing

/// Interop checks run when the tool is installed, and always in CI, where a missing tool fails them.
private let inCI = ProcessInfo.processInfo.environment["CI"] == "true"
private let pythonChecks = ExternalTool.hasPython || inCI
private let unzipChecks = ExternalTool.hasUnzip || inCI

/// Python's view of an archive: every entry's name, size and CRC checked by `testzip`, and the entry count.
private let pythonCheck = """
    import sys, zipfile
    with zipfile.ZipFile(sys.argv[1]) as z:
        bad = z.testzip()
        print(len(z.infolist()), bad, sum(i.file_size for i in z.infolist()))
    """

@Suite("Streaming zip files (ZipFileWriter, ZipFileReader)")
struct ZipFileTests {
    let folder: URL

    init() throws {
        folder = try ExternalTool.makeTemporaryDirectory()
    }

    /// Writes an archive with stored, deflated and piece-by-piece entries, Vietnamese names included.
    func writeMixed(_ path: String, thresholds: ZipFileWriter.Thresholds = .init(), reserveZip64: Bool = false) throws -> [String: [UInt8]] {
        let writer = try ZipFileWriter(path: path, thresholds: thresholds)
        var expected: [String: [UInt8]] = [:]
        let pdf = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ $0 >> 3) }
        try writer.add(name: "data/văn bản.pdf", bytes: pdf, compression: .stored)
        expected["data/văn bản.pdf"] = pdf
        let xml = sampleXML(paragraphs: 200)
        try writer.add(name: "metadata/a.xml", bytes: xml, compression: .deflated(level: 6))
        expected["metadata/a.xml"] = xml
        try writer.add(name: "empty.txt", bytes: [], compression: .deflated(level: 6))
        expected["empty.txt"] = []
        var streamed: [UInt8] = []
        try writer.addEntry(name: "METS.xml", compression: .deflated(level: 6), mayReach4GiB: reserveZip64) { entry in
            for index in 0..<50 {
                let piece = Array("<file ID=\"f\(index)\">Cộng hòa xã hội chủ nghĩa Việt Nam</file>\n".utf8)
                streamed += piece
                try entry.write(piece)
            }
        }
        expected["METS.xml"] = streamed
        try writer.finish()
        return expected
    }

    @Test("what it writes reads back through both readers, byte for byte")
    func roundTrip() throws {
        let path = folder.appendingPathComponent("mixed.zip").path
        let expected = try writeMixed(path)
        let reader = try ZipFileReader(path: path, limits: .default)
        #expect(reader.entries.map(\.name) == ["data/văn bản.pdf", "metadata/a.xml", "empty.txt", "METS.xml"])
        for entry in reader.entries { #expect(try reader.contents(of: entry) == expected[entry.name]) }
        #expect(reader.entries.map(\.method) == [0, 8, 0, 8], "incompressible and empty entries are stored")
        let inMemory = try ZipArchive(data: Data(contentsOf: URL(fileURLWithPath: path)))
        for entry in inMemory.entries { #expect(try inMemory.contents(of: entry) == expected[entry.name]) }
    }

    @Test("unzip -t and Python's zipfile accept it", .enabled(if: unzipChecks && pythonChecks, "unzip or python3 is not installed"))
    func otherToolsAccept() throws {
        let path = folder.appendingPathComponent("mixed.zip").path
        let expected = try writeMixed(path)
        let unzip = ExternalTool.run("unzip", ["-t", path])
        #expect(unzip?.status == 0, "\(unzip?.output ?? "unzip did not start")")
        let python = ExternalTool.run("python3", ["-c", pythonCheck, path])
        #expect(python?.output == "4 None \(expected.values.map(\.count).reduce(0, +))\n")
    }

    @Test("65 535 entries or more switch to Zip64 end records that unzip, Python and the file reader follow",
          .enabled(if: unzipChecks && pythonChecks, "unzip or python3 is not installed"))
    func zip64ByEntryCount() throws {
        let path = folder.appendingPathComponent("many.zip").path
        let writer = try ZipFileWriter(path: path)
        let count = 70_000
        for index in 0..<count { try writer.add(name: "d/\(index).txt", bytes: Array("\(index)".utf8), compression: .stored) }
        try writer.finish()
        let reader = try ZipFileReader(path: path, limits: ZipLimits(maxArchiveBytes: .max, maxEntries: 100_000))
        #expect(reader.entries.count == count)
        #expect(try reader.contents(of: reader.entries[69_999]) == Array("69999".utf8))
        #expect(throws: ZipError.zip64Unsupported) { try ZipArchive(data: Data(contentsOf: URL(fileURLWithPath: path)), limits: ZipLimits(maxEntries: 100_000)) }
        let python = ExternalTool.run("python3", ["-c", pythonCheck, path])
        #expect(python?.output.hasPrefix("\(count) None ") == true, "\(python?.output ?? "")")
        let unzip = ExternalTool.run("unzip", ["-tq", path])
        #expect(unzip?.status == 0, "\(unzip?.output.suffix(500) ?? "unzip did not start")")
    }

    @Test("Zip64 sizes and offsets (thresholds lowered so that no test writes 4 GiB) are read by unzip, Python and the file reader",
          .enabled(if: unzipChecks && pythonChecks, "unzip or python3 is not installed"))
    func zip64SizesAndOffsets() throws {
        let path = folder.appendingPathComponent("zip64.zip").path
        let expected = try writeMixed(path, thresholds: .init(size: 100, entries: 3), reserveZip64: true)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        // Premise: the first entry's local header carries Zip64 sizes, and the end records are the Zip64 ones.
        #expect(bytes.littleEndianUInt32(at: 18) == ZipFormat.zip64Marker32)
        #expect(bytes.littleEndianUInt32(at: bytes.count - 22 - 20) == ZipFormat.zip64LocatorSignature)
        let reader = try ZipFileReader(path: path, limits: .default)
        for entry in reader.entries { #expect(try reader.contents(of: entry) == expected[entry.name]) }
        let python = ExternalTool.run("python3", ["-c", pythonCheck, path])
        #expect(python?.output == "4 None \(expected.values.map(\.count).reduce(0, +))\n")
        let unzip = ExternalTool.run("unzip", ["-t", path])
        #expect(unzip?.status == 0, "\(unzip?.output ?? "unzip did not start")")
    }

    @Test("an entry that outgrows a header without Zip64 room fails, and the archive refuses to go on")
    func outgrownEntry() throws {
        let writer = try ZipFileWriter(path: folder.appendingPathComponent("big.zip").path, thresholds: .init(size: 100, entries: 0xFFFF))
        #expect(throws: ZipWriteError.entryOutgrewHeader("big.xml")) {
            try writer.addEntry(name: "big.xml", compression: .stored) { try $0.write([UInt8](repeating: 1, count: 200)) }
        }
        #expect(throws: ZipWriteError.failedEarlier) { try writer.add(name: "next", bytes: [1], compression: .stored) }
        #expect(throws: ZipWriteError.failedEarlier) { try writer.finish() }
    }

    @Test("duplicate and escaping names are refused")
    func names() throws {
        let writer = try ZipFileWriter(path: folder.appendingPathComponent("names.zip").path)
        try writer.add(name: "a.txt", bytes: [1], compression: .stored)
        #expect(throws: ZipWriteError.duplicateName("a.txt")) { try writer.add(name: "a.txt", bytes: [2], compression: .stored) }
        #expect(throws: ZipWriteError.unsafeName("../a.txt")) { try writer.add(name: "../a.txt", bytes: [2], compression: .stored) }
        try writer.finish()
        #expect(try ZipFileReader(path: folder.appendingPathComponent("names.zip").path, limits: .default).entries.map(\.name) == ["a.txt"])
    }

    @Test("the reader stops an entry that inflates past its declared size, and reports a changed byte by its CRC")
    func lyingEntries() throws {
        let path = folder.appendingPathComponent("lie.zip").path
        let writer = try ZipFileWriter(path: path)
        try writer.add(name: "a.xml", bytes: sampleXML(paragraphs: 50), compression: .deflated(level: 6))
        try writer.add(name: "b.bin", bytes: [1, 2, 3, 4], compression: .stored)
        try writer.finish()
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let central = bytes.count - 22 - Int(bytes.littleEndianUInt32(at: bytes.count - 22 + 12))
        // The first central header says a.xml is 100 bytes: the stream holds more.
        bytes.replaceSubrange((central + 24)..<(central + 28), with: [100, 0, 0, 0])
        // b.bin's data is the last 4 bytes before the central directory.
        bytes[central - 1] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let reader = try ZipFileReader(path: path, limits: .default)
        #expect(throws: ZipError.sizeMismatch("a.xml")) { try reader.contents(of: reader.entries[0]) }
        #expect(throws: ZipError.crcMismatch("b.bin")) { try reader.contents(of: reader.entries[1]) }
    }

    @Test("a file is canonical exactly when it is byte for byte what the writer makes")
    func canonicalLayout() throws {
        let path = folder.appendingPathComponent("mixed.zip").path
        _ = try writeMixed(path)
        #expect(try ZipFileReader(path: path, limits: .default).firstNonCanonicalOffset() == nil)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[10] ^= 0x01  // the first local header's DOS time: no reader looks at it
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try ZipFileReader(path: path, limits: .default).firstNonCanonicalOffset() == 10)
    }

    @Test("an archive another tool wrote is not canonical", .enabled(if: pythonChecks, "python3 is not installed"))
    func otherWriters() throws {
        let path = folder.appendingPathComponent("python.zip").path
        let result = ExternalTool.run("python3", ["-c", "import sys, zipfile; zipfile.ZipFile(sys.argv[1], 'w').writestr('a.txt', 'xin chào')", path])
        #expect(result?.status == 0)
        #expect(try ZipFileReader(path: path, limits: .default).firstNonCanonicalOffset() != nil)
    }

    @Test("file errors name the file and say what to do in Vietnamese")
    func fileErrors() {
        #expect(throws: FileIOError(operation: "tạo", path: "/khong-co/goi.zip", code: ENOENT)) {
            try ZipFileWriter(path: "/khong-co/goi.zip")
        }
        #expect(FileIOError(operation: "ghi", path: "goi.zip", code: ENOSPC).description
                == "Không ghi được tệp “goi.zip”: ổ đĩa đã đầy; hãy giải phóng dung lượng rồi làm lại.")
    }
}
