import Foundation
import OfficeZip

/// What the package keeps about each file once its bytes are written: enough for METS and PREMIS, about 200 bytes.
struct PackagedFile {
    let id: String
    let path: String
    let size: Int
    let sha256: String
    let mediaType: String
}

/// What the package keeps about each document once its files are written.
struct PackagedDocument {
    let ordinal: Int
    let notation: String
    let issuedOn: String
    let signedAt: String?
    let signerName: String
    let descriptive: PackagedFile
    let history: PackagedFile
    let pdf: PackagedFile
    let native: PackagedFile

    var files: [PackagedFile] { [descriptive, history, pdf, native] }

    /// The suffix of the document's METS identifiers: `00001`.
    static func key(_ ordinal: Int) -> String {
        String(repeating: "0", count: max(0, 5 - String(ordinal).count)) + String(ordinal)
    }
}

extension PackagedFile: Codable {}
extension PackagedDocument: Codable {}

/// The records of the documents written so far, kept in a temporary file rather than in memory, so that writing a
/// package of any number of documents holds one document at a time: METS and PREMIS read them back, in order, once
/// per pass. Only the count and the last record stay in memory.
final class PackagedDocumentSpool: Sequence {
    private let handle: FileHandle
    private(set) var count = 0
    private(set) var last: PackagedDocument?
    /// Set when a pass could not read a record back (the disk failed under it); the package must not be finished.
    private(set) var readFailure: String?
    private let encoder = JSONEncoder()

    /// A spool in a new, already unlinked file in `folder`: the open handle keeps it, and nothing is left behind
    /// whatever happens to the process.
    init(in folder: URL) throws {
        let url = folder.appendingPathComponent(".vanban-records-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw FileIOError(operation: "tạo", path: url.path, code: errno)
        }
        defer { unlink(url.path) }
        handle = try FileHandle(forUpdating: url)
    }

    deinit {
        try? handle.close()
    }

    var isEmpty: Bool { count == 0 }

    /// Adds a document's record (one JSON line).
    func append(_ document: PackagedDocument) throws {
        var line = try encoder.encode(document)
        line.append(0x0A)
        try handle.write(contentsOf: line)
        count += 1
        last = document
    }

    /// Reads the records from the start, one line at a time.
    func makeIterator() -> Iterator {
        Iterator(spool: self)
    }

    struct Iterator: IteratorProtocol {
        let spool: PackagedDocumentSpool
        var offset: off_t = 0
        var buffer: [UInt8] = []
        var read = 0
        let decoder = JSONDecoder()

        mutating func next() -> PackagedDocument? {
            guard read < spool.count, spool.readFailure == nil else { return nil }
            while true {
                if let newline = buffer.firstIndex(of: 0x0A) {
                    defer { buffer.removeSubrange(...newline) }
                    read += 1
                    do {
                        return try decoder.decode(PackagedDocument.self, from: Data(buffer[..<newline]))
                    } catch {
                        spool.readFailure = "bản ghi \(read) không đọc lại được: \(error)"
                        return nil
                    }
                }
                var chunk = [UInt8](repeating: 0, count: 1 << 16)
                let got = chunk.withUnsafeMutableBytes { pread(spool.handle.fileDescriptor, $0.baseAddress, $0.count, offset) }
                guard got > 0 else {
                    spool.readFailure = "tệp tạm hết sớm sau \(read) bản ghi (errno \(errno))"
                    return nil
                }
                offset += off_t(got)
                buffer.append(contentsOf: chunk[..<got])
            }
        }
    }
}
