import Foundation
import OfficeZip
import Testing

@Suite("Interoperability with other ZIP tools")
struct InteropTests {
    static let vietnameseName = "Tài liệu/ảnh chữ ký.txt"
    static let vietnameseBody = "Cộng hòa xã hội chủ nghĩa Việt Nam"

    /// Python writes bit 3, zero local sizes and a trailing data descriptor when it cannot seek back, as Word and Java do.
    static let pythonStreamingWriter = """
        import io, sys, zipfile
        class Unseekable(io.RawIOBase):
            def __init__(self, f): self.f = f
            def writable(self): return True
            def write(self, b): return self.f.write(b)
        with open(sys.argv[1], 'wb') as f:
            with zipfile.ZipFile(Unseekable(f), 'w', zipfile.ZIP_DEFLATED) as z:
                z.writestr('mimetype', b'application/vnd.oasis.opendocument.text', zipfile.ZIP_STORED)
                z.writestr('content.xml', b'<office:text>' + b'<text:p>Xin chao</text:p>' * 500 + b'</office:text>')
                z.writestr(sys.argv[2], sys.argv[3].encode())
        """

    @Test("reads an archive Python wrote with data descriptors", .enabled(if: ExternalTool.hasPython, "python3 is not installed"))
    func readsPythonDataDescriptors() throws {
        let directory = try ExternalTool.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("streamed.zip").path
        let result = ExternalTool.run("python3", ["-c", Self.pythonStreamingWriter, path, Self.vietnameseName, Self.vietnameseBody])
        #expect(result?.status == 0, "python3 failed: \(result?.output ?? "")")

        let zip = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        // Guard the premise: the local header really defers CRC and sizes to a data descriptor.
        #expect(zip.readLE16(at: 6) & 0x08 != 0)
        #expect(zip.readLE32(at: 14) == 0 && zip.readLE32(at: 18) == 0 && zip.readLE32(at: 22) == 0)

        let archive = try ZipArchive(bytes: zip)
        #expect(archive.entries.map(\.name) == ["mimetype", "content.xml", Self.vietnameseName])
        let content = try archive.contents(of: #require(archive.entry(named: "content.xml")))
        #expect(content == Array(("<office:text>" + String(repeating: "<text:p>Xin chao</text:p>", count: 500) + "</office:text>").utf8))
        #expect(try archive.contents(of: #require(archive.entry(named: Self.vietnameseName))) == Array(Self.vietnameseBody.utf8))
        #expect(try archive.contents(of: #require(archive.entry(named: "mimetype")))
            == Array("application/vnd.oasis.opendocument.text".utf8))
    }

    @Test("reads an archive Info-ZIP wrote, whose local extra fields differ from the central ones",
          .enabled(if: ExternalTool.hasZip, "zip is not installed"))
    func readsInfoZip() throws {
        let directory = try ExternalTool.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let body = sampleXML(paragraphs: 40)
        try Data(body).write(to: directory.appendingPathComponent("content.xml"))
        let result = ExternalTool.run("zip", ["-q", "-X-", "out.zip", "content.xml"], in: directory)
        #expect(result?.status == 0, "zip failed: \(result?.output ?? "")")

        let zip = try [UInt8](Data(contentsOf: directory.appendingPathComponent("out.zip")))
        let central = centralDirectoryRange(of: zip).lowerBound
        #expect(zip.readLE16(at: 28) != zip.readLE16(at: central + 30), "premise: local and central extra lengths differ")
        let archive = try ZipArchive(bytes: zip)
        #expect(try archive.contents(of: #require(archive.entry(named: "content.xml"))) == body)
    }

    /// Writes a package mixing every kind of entry, as the renderer would.
    func writeSamplePackage(to url: URL) throws -> [String] {
        var sourceWriter = ZipWriter()
        sourceWriter.addDeflated(name: "styles.xml", bytes: sampleXML(paragraphs: 10))
        let source = try ZipArchive(bytes: sourceWriter.finish())
        var writer = ZipWriter()
        writer.addStored(name: "mimetype", bytes: Array("application/vnd.oasis.opendocument.text".utf8))
        writer.addDeflated(name: "content.xml", bytes: sampleXML(paragraphs: 300))
        writer.addDeflated(name: Self.vietnameseName, bytes: Array(Self.vietnameseBody.utf8))
        writer.addStored(name: "Pictures/", bytes: [UInt8]())
        writer.addCopy(of: source.entries[0], from: source)
        try Data(writer.finish()).write(to: url)
        return ["mimetype", "content.xml", Self.vietnameseName, "Pictures/", "styles.xml"]
    }

    @Test("Python's zipfile accepts our output, CRCs and UTF-8 names included",
          .enabled(if: ExternalTool.hasPython, "python3 is not installed"))
    func pythonAcceptsOutput() throws {
        let directory = try ExternalTool.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("out.odt")
        let names = try writeSamplePackage(to: url)
        let script = """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            bad = z.testzip()
            if bad is not None: sys.exit('bad entry: ' + bad)
            sys.stdout.buffer.write('\\n'.join(z.namelist()).encode())
            """
        let result = ExternalTool.run("python3", ["-c", script, url.path])
        #expect(result?.status == 0, "python3 rejected the archive: \(result?.output ?? "")")
        #expect(result?.output == names.joined(separator: "\n"))
    }

    @Test("unzip -t accepts our output", .enabled(if: ExternalTool.hasUnzip, "unzip is not installed"))
    func unzipAcceptsOutput() throws {
        let directory = try ExternalTool.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("out.odt")
        _ = try writeSamplePackage(to: url)
        let result = ExternalTool.run("unzip", ["-t", url.path])
        #expect(result?.status == 0, "unzip -t failed: \(result?.output ?? "")")
        #expect(result?.output.contains("No errors detected") == true)
    }
}
