#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Appends bytes to a file through a fixed buffer and can overwrite bytes already written (a local header whose CRC
/// and sizes are known only after its data), so an archive of any size costs one buffer of memory.
final class FileSink {
    let path: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private let bufferCapacity = 1 << 20
    /// Bytes already handed to the kernel; the buffer holds the bytes from here on.
    private var flushed = 0

    /// Creates (or truncates) the file at `path`, readable by its owner and group only: packages hold personal data.
    init(creating path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw FileIOError(operation: "tạo", path: path, code: errno) }
        buffer.reserveCapacity(bufferCapacity)
    }

    deinit { if descriptor >= 0 { _ = close(descriptor) } }

    /// The offset at which the next byte will land.
    var position: Int { flushed + buffer.count }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        if buffer.count + bytes.count > bufferCapacity { try flush() }
        if bytes.count >= bufferCapacity {
            try writeFully(bytes)
            flushed += bytes.count
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in try write(raw) }
    }

    /// Overwrites `bytes` at `offset`, which lies before `position`.
    func overwrite(_ bytes: [UInt8], at offset: Int) throws {
        precondition(offset >= 0 && offset + bytes.count <= position, "overwrite past the end of the file")
        try flush()
        try bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let result = pwrite(descriptor, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
                if result < 0 {
                    if errno == EINTR { continue }
                    throw FileIOError(operation: "ghi", path: path, code: errno)
                }
                done += result
            }
        }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { raw in try writeFully(raw) }
        flushed += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, forces the bytes to the disk and closes the file: after this the file is complete on disk.
    func synchronizeAndClose() throws {
        try flush()
        guard fsync(descriptor) == 0 else { throw FileIOError(operation: "ghi", path: path, code: errno) }
        let result = close(descriptor)
        descriptor = -1
        guard result == 0 else { throw FileIOError(operation: "ghi", path: path, code: errno) }
    }

    /// Closes without flushing, for a file about to be deleted.
    func abandon() {
        if descriptor >= 0 { _ = close(descriptor) }
        descriptor = -1
        buffer = []
    }

    private func writeFully(_ raw: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < raw.count {
            let result = systemWrite(descriptor, raw.baseAddress! + done, raw.count - done)
            if result < 0 {
                if errno == EINTR { continue }
                throw FileIOError(operation: "ghi", path: path, code: errno)
            }
            done += result
        }
    }
}
