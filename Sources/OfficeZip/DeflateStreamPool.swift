import Foundation
internal import CZlib

/// Reuses initialised deflate streams across renders.
///
/// A fresh stream allocates about 256 KiB that the allocator returns to the OS when it is freed, so creating one
/// per entry costs page faults that dwarf compressing a 30 KB part; a reset stream keeps its memory warm.
final class DeflateStreamPool: @unchecked Sendable {
    static let shared = DeflateStreamPool()

    /// Enough for concurrent renders on a small server while bounding idle memory to about 1 MiB.
    private let maxIdleStreams = 4
    private let lock = NSLock()
    /// Idle streams, reset and ready; guarded by `lock`. Streams live at fixed addresses because zlib's state points back at them.
    private var idle: [(level: Int32, stream: UnsafeMutablePointer<z_stream>)] = []

    /// Lends a reset stream compressing at `level` to `body`; nil if zlib cannot allocate one.
    func withStream<Result>(level: Int32, _ body: (UnsafeMutablePointer<z_stream>) -> Result) -> Result? {
        guard let stream = take(level: level) else { return nil }
        defer { give(stream, level: level) }
        return body(stream)
    }

    private func take(level: Int32) -> UnsafeMutablePointer<z_stream>? {
        if let reused = takeIdle(level: level) { return reused }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard vanban_deflateInitRaw(stream, level) == Z_OK else {
            stream.deallocate()
            return nil
        }
        return stream
    }

    private func takeIdle(level: Int32) -> UnsafeMutablePointer<z_stream>? {
        lock.lock()
        defer { lock.unlock() }
        guard let index = idle.firstIndex(where: { $0.level == level }) else { return nil }
        return idle.remove(at: index).stream
    }

    private func give(_ stream: UnsafeMutablePointer<z_stream>, level: Int32) {
        if deflateReset(stream) == Z_OK, keepIdle(stream, level: level) { return }
        deflateEnd(stream)
        stream.deallocate()
    }

    private func keepIdle(_ stream: UnsafeMutablePointer<z_stream>, level: Int32) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard idle.count < maxIdleStreams else { return false }
        idle.append((level, stream))
        return true
    }
}
