/// Writes a ZIP archive straight to a file as entries arrive, computing each CRC while writing, so memory holds one
/// entry's bytes at most (or one buffer, for entries written piece by piece) plus the central directory, about
/// 100 bytes per entry. Uses Zip64 exactly where the format runs out of room: entries or offsets at 4 GiB or more,
/// 65 535 entries or more. Entries carry a fixed 1980-01-01 timestamp, like ``ZipWriter``, so output is reproducible.
///
/// Not thread-safe: one task writes one archive.
public final class ZipFileWriter {
    /// How an entry's bytes are stored.
    public enum Compression: Sendable, Equatable {
        case stored
        /// Deflated at level 1…9.
        case deflated(level: Int32)
    }

    typealias Thresholds = ZipHeaders.Thresholds

    private let sink: FileSink
    private let thresholds: Thresholds
    private var central: [UInt8] = []
    private var names = Set<String>()
    private var entryCount = 0
    private var state = State.open

    private enum State { case open, writingEntry, finished, failed }

    /// Creates (or truncates) the archive file at `path`.
    public convenience init(path: String) throws {
        try self.init(path: path, thresholds: Thresholds())
    }

    init(path: String, thresholds: Thresholds) throws {
        sink = try FileSink(creating: path)
        self.thresholds = thresholds
    }

    /// The archive's size so far.
    public var bytesWritten: Int { sink.position }

    /// Adds an entry whose bytes are all at hand.
    public func add(name: String, bytes: [UInt8], compression: Compression) throws {
        try bytes.withUnsafeBytes { raw in try add(name: name, buffer: raw, compression: compression) }
    }

    /// Adds an entry from bytes the caller owns; see `add(name:bytes:compression:)`.
    public func add(name: String, buffer: UnsafeRawBufferPointer, compression: Compression) throws {
        try begin(name)
        let crc = crc32(continuing: 0, buffer)
        var method = ZipFormat.methodStored
        var compressed: [UInt8]?
        if case .deflated(let level) = compression, let stream = ZlibStream(.deflate(level: level)) {
            var output: [UInt8] = []
            stream.process(buffer, finish: true) { output.append(contentsOf: $0) }
            // Incompressible bytes (a PDF, an ODT) would only grow: store them instead.
            if output.count < buffer.count {
                method = ZipFormat.methodDeflated
                compressed = output
            }
        }
        let data = compressed
        let compressedSize = data?.count ?? buffer.count
        let offset = sink.position
        let zip64 = compressedSize >= thresholds.size || buffer.count >= thresholds.size
        try attempt {
            try sink.write(ZipHeaders.local(name: name, method: method, crc: crc, compressedSize: compressedSize,
                                       uncompressedSize: buffer.count, zip64: zip64))
            if let data { try sink.write(data) } else { try sink.write(buffer) }
        }
        ZipHeaders.appendCentral(to: &central, name: name, method: method, crc: crc, compressedSize: compressedSize,
                                 uncompressedSize: buffer.count, offset: offset, thresholds: thresholds)
        entryCount += 1
        state = .open
    }

    /// Adds an entry whose bytes `write` hands over piece by piece through the ``EntryWriter``; the local header is
    /// completed afterwards. `mayReach4GiB` reserves Zip64 room in the local header: without it an entry that grows
    /// to 4 GiB fails with ``ZipWriteError/entryOutgrewHeader(_:)``.
    public func addEntry(name: String, compression: Compression, mayReach4GiB: Bool = false,
                         _ write: (inout EntryWriter) throws -> Void) throws {
        try begin(name)
        let offset = sink.position
        var method = ZipFormat.methodStored
        var stream: ZlibStream?
        if case .deflated(let level) = compression, let deflater = ZlibStream(.deflate(level: level)) {
            method = ZipFormat.methodDeflated
            stream = deflater
        }
        var entry = EntryWriter(sink: sink, deflater: stream)
        try attempt {
            try sink.write(ZipHeaders.local(name: name, method: method, crc: 0, compressedSize: 0, uncompressedSize: 0, zip64: mayReach4GiB))
        }
        do {
            try write(&entry)
            try entry.finish()
        } catch {
            state = .failed
            throw error
        }
        let fits = entry.compressedSize < thresholds.size && entry.uncompressedSize < thresholds.size
        guard fits || mayReach4GiB else {
            state = .failed
            throw ZipWriteError.entryOutgrewHeader(name)
        }
        try attempt {
            try sink.overwrite(ZipHeaders.local(name: name, method: method, crc: entry.crc, compressedSize: entry.compressedSize,
                                           uncompressedSize: entry.uncompressedSize, zip64: mayReach4GiB), at: offset)
        }
        ZipHeaders.appendCentral(to: &central, name: name, method: method, crc: entry.crc, compressedSize: entry.compressedSize,
                                 uncompressedSize: entry.uncompressedSize, offset: offset, thresholds: thresholds)
        entryCount += 1
        state = .open
    }

    /// Writes the central directory and the end records, forces the file to disk and closes it.
    public func finish() throws {
        guard state == .open else { throw state == .finished ? ZipWriteError.finished : ZipWriteError.failedEarlier }
        let end = ZipHeaders.end(entryCount: entryCount, directoryOffset: sink.position, directorySize: central.count,
                                 thresholds: thresholds)
        try attempt {
            try sink.write(central)
            try sink.write(end)
            try sink.synchronizeAndClose()
        }
        central = []
        state = .finished
    }

    /// Closes the file without finishing it; the caller deletes it.
    public func abandon() {
        sink.abandon()
        state = .failed
    }

    /// Checks the name and the writer's state before an entry starts.
    private func begin(_ name: String) throws {
        switch state {
        case .open: break
        case .finished: throw ZipWriteError.finished
        case .writingEntry, .failed: throw ZipWriteError.failedEarlier
        }
        guard EntryName.isSafe(name), name.utf8.count <= Int(UInt16.max) else { throw ZipWriteError.unsafeName(name) }
        guard names.insert(name).inserted else { throw ZipWriteError.duplicateName(name) }
        state = .writingEntry
    }

    /// Runs file I/O; a failure leaves the archive unusable, so later calls refuse rather than write after a hole.
    private func attempt(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as FileIOError {
            state = .failed
            throw ZipWriteError.io(error)
        }
    }
}

/// Receives one entry's bytes piece by piece, computing the CRC and deflating on the way to the file.
public struct EntryWriter {
    fileprivate let sink: FileSink
    fileprivate let deflater: ZlibStream?
    fileprivate private(set) var crc: UInt32 = 0
    /// Bytes received so far.
    public private(set) var uncompressedSize = 0
    fileprivate private(set) var compressedSize = 0

    fileprivate init(sink: FileSink, deflater: ZlibStream?) {
        self.sink = sink
        self.deflater = deflater
    }

    /// Appends bytes to the entry.
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        crc = crc32(continuing: crc, bytes)
        uncompressedSize += bytes.count
        try pass(bytes, finish: false)
    }

    /// Appends bytes to the entry.
    public mutating func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in try write(raw) }
    }

    fileprivate mutating func finish() throws {
        try pass(UnsafeRawBufferPointer(start: nil, count: 0), finish: true)
    }

    private mutating func pass(_ bytes: UnsafeRawBufferPointer, finish: Bool) throws {
        let sink = sink
        var produced = 0
        do {
            if let deflater {
                try deflater.process(bytes, finish: finish) { piece in
                    produced += piece.count
                    try sink.write(piece)
                }
            } else if !finish {
                produced = bytes.count
                try sink.write(bytes)
            }
        } catch let error as FileIOError {
            throw ZipWriteError.io(error)
        }
        compressedSize += produced
    }
}

/// Why an archive could not be written.
public enum ZipWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file system refused a write.
    case io(FileIOError)
    /// The name would escape the folder it is extracted to, or is too long.
    case unsafeName(String)
    /// Two entries with one name: readers would disagree on which one counts.
    case duplicateName(String)
    /// A piece-by-piece entry reached 4 GiB without Zip64 room reserved in its local header.
    case entryOutgrewHeader(String)
    /// The archive was already finished.
    case finished
    /// An earlier entry failed, so the archive is incomplete.
    case failedEarlier

    public var description: String {
        switch self {
        case .io(let error): "\(error)"
        case .unsafeName(let name): "Tên mục “\(name)” không hợp lệ trong gói ZIP (trỏ ra ngoài gói hoặc quá dài)."
        case .duplicateName(let name): "Mục “\(name)” được ghi hai lần vào gói ZIP."
        case .entryOutgrewHeader(let name): "Mục “\(name)” vượt quá 4 GiB mà không được dành chỗ ZIP64."
        case .finished: "Gói ZIP đã được đóng, không ghi thêm được."
        case .failedEarlier: "Gói ZIP dở dang vì một lần ghi trước đã lỗi."
        }
    }
}
