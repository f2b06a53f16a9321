import Foundation
import OfficeZip

/// One entry of a hand-built archive whose every header field a test can falsify.
struct RawEntry {
    var name: [UInt8]
    var method: UInt16
    var flags: UInt16 = 0
    var crc: UInt32
    var compressedSize: UInt32
    var uncompressedSize: UInt32
    var data: [UInt8]

    /// An honest stored entry.
    static func stored(_ name: String, _ bytes: [UInt8]) -> RawEntry {
        RawEntry(name: Array(name.utf8), method: 0, crc: crc32(of: bytes),
                 compressedSize: UInt32(bytes.count), uncompressedSize: UInt32(bytes.count), data: bytes)
    }

    /// An honest deflated entry, compressed by our own writer.
    static func deflated(_ name: String, _ bytes: [UInt8], level: Int32 = 6) -> RawEntry {
        let compressed = rawDeflate(bytes, level: level)
        return RawEntry(name: Array(name.utf8), method: 8, crc: crc32(of: bytes),
                        compressedSize: UInt32(compressed.count), uncompressedSize: UInt32(bytes.count), data: compressed)
    }
}

/// Raw deflate bytes of `bytes`, obtained through the public writer and reader.
func rawDeflate(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
    var writer = ZipWriter()
    writer.addDeflated(name: "x", bytes: bytes, level: level)
    let archive = try! ZipArchive(bytes: writer.finish(), limits: ZipLimits(maxCompressionRatio: .max))
    return Array(archive.compressedBytes(of: archive.entries[0]))
}

/// Serialises entries exactly as given, so tests control what a hostile archive claims.
func buildRawZip(_ entries: [RawEntry], zip64Locator: Bool = false, entryCount: UInt16? = nil) -> [UInt8] {
    var out: [UInt8] = []
    var central: [UInt8] = []
    for entry in entries {
        let offset = UInt32(out.count)
        out.le(UInt32(0x0403_4B50)); out.le(UInt16(20)); out.le(entry.flags); out.le(entry.method)
        out.le(UInt16(0)); out.le(UInt16(0x21)); out.le(entry.crc)
        out.le(entry.compressedSize); out.le(entry.uncompressedSize)
        out.le(UInt16(entry.name.count)); out.le(UInt16(0))
        out += entry.name
        out += entry.data

        central.le(UInt32(0x0201_4B50)); central.le(UInt16(20)); central.le(UInt16(20)); central.le(entry.flags)
        central.le(entry.method); central.le(UInt16(0)); central.le(UInt16(0x21)); central.le(entry.crc)
        central.le(entry.compressedSize); central.le(entry.uncompressedSize)
        central.le(UInt16(entry.name.count)); central.le(UInt16(0)); central.le(UInt16(0))
        central.le(UInt16(0)); central.le(UInt16(0)); central.le(UInt32(0)); central.le(offset)
        central += entry.name
    }
    let centralOffset = UInt32(out.count)
    out += central
    if zip64Locator {
        out.le(UInt32(0x0706_4B50)); out.le(UInt32(0)); out.le(UInt64(0)); out.le(UInt32(1))
    }
    let count = entryCount ?? UInt16(entries.count)
    out.le(UInt32(0x0605_4B50)); out.le(UInt16(0)); out.le(UInt16(0)); out.le(count); out.le(count)
    out.le(UInt32(central.count)); out.le(centralOffset); out.le(UInt16(0))
    return out
}

/// Where the central directory starts and how long it is, read from a well-formed end record.
func centralDirectoryRange(of zip: [UInt8]) -> Range<Int> {
    let end = zip.count - 22
    let size = Int(zip.readLE32(at: end + 12))
    let offset = Int(zip.readLE32(at: end + 16))
    return offset..<(offset + size)
}

extension Array where Element == UInt8 {
    mutating func le<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    func readLE16(at offset: Int) -> UInt16 {
        UInt16(self[offset]) | UInt16(self[offset + 1]) << 8
    }

    func readLE32(at offset: Int) -> UInt32 {
        UInt32(readLE16(at: offset)) | UInt32(readLE16(at: offset + 2)) << 16
    }
}

/// Deterministic pseudo-random bytes, so a "random garbage" test is reproducible.
func pseudoRandomBytes(count: Int, seed: UInt64) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: state >> 56)
    }
}

/// Runs external tools used to check interoperability, when they are installed.
enum ExternalTool {
    /// Whether `python3` can be launched.
    static let hasPython = run("python3", ["-c", "pass"])?.status == 0
    /// Whether Info-ZIP's `unzip` can be launched.
    static let hasUnzip = run("unzip", ["-v"])?.status == 0
    /// Whether Info-ZIP's `zip` can be launched.
    static let hasZip = run("zip", ["-v"])?.status == 0

    /// Runs `tool` through `env` so PATH is honoured; nil if it could not be started.
    static func run(_ tool: String, _ arguments: [String], in directory: URL? = nil) -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// A fresh empty directory for one test's files.
    static func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("OfficeZipTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Bytes of a small ODF-like XML body, compressible the way real documents are.
func sampleXML(paragraphs: Int) -> [UInt8] {
    var xml = #"<?xml version="1.0" encoding="UTF-8"?><office:document-content><office:body><office:text>"#
    for index in 0..<paragraphs {
        xml += #"<text:p text:style-name="P\#(index % 7)">Ủy ban nhân dân xã số \#(index): Cộng hòa xã hội chủ nghĩa Việt Nam</text:p>"#
    }
    xml += "</office:text></office:body></office:document-content>"
    return Array(xml.utf8)
}
