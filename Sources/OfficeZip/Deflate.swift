internal import CZlib

/// Thin wrappers over zlib's raw deflate (no zlib/gzip framing, as ZIP stores it).
enum Deflate {
    /// How a bounded inflate ended.
    enum InflateOutcome: Equatable {
        /// The stream ended exactly when the output buffer was full.
        case complete
        /// The stream still had output to produce when the buffer was full: the declared size is a lie.
        case overflow
        /// The stream ended before filling the buffer: the declared size is a lie.
        case underflow
        /// zlib rejected the stream, or the input ran out before the stream ended.
        case corrupt
    }

    /// Compresses `input` and appends the raw deflate stream to `output`; returns nil only if zlib cannot allocate its state.
    ///
    /// Unless `finishing`, the output is a piece of a longer stream: a fresh compressor that refers to nothing before
    /// it, ending on a byte boundary (a full flush) without ending the stream. Pieces made this way, with stored
    /// blocks between them and a finishing piece last, decode as one stream (`DeflatedSplice`).
    static func compress(_ input: UnsafeRawBufferPointer, level: Int32, finishing: Bool = true,
                         appendingTo output: inout [UInt8]) -> Int? {
        precondition(input.count <= Int(UInt32.max), "entries of 4 GiB or more need Zip64, which is not supported")
        return DeflateStreamPool.shared.withStream(level: level) { stream -> Int? in
            // deflateBound guarantees a single Z_FINISH call completes, so the output never has to grow mid-stream;
            // a full flush adds an empty stored block (5 bytes) and at most a few more.
            let bound = Int(deflateBound(stream, uLong(input.count))) + (finishing ? 0 : 64)
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound) { scratch -> Int? in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
                stream.pointee.avail_in = uInt(input.count)
                stream.pointee.next_out = scratch.baseAddress
                stream.pointee.avail_out = uInt(bound)
                let status = deflate(stream, finishing ? Z_FINISH : Z_FULL_FLUSH)
                // Room left over means the flush wrote everything it had.
                guard finishing ? status == Z_STREAM_END : (status == Z_OK && stream.pointee.avail_out > 0) else {
                    return nil
                }
                let produced = Int(stream.pointee.total_out)
                output.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[..<produced]))
                return produced
            }
        } ?? nil
    }

    /// Inflates `input` into exactly `output.count` bytes, refusing to write past the buffer whatever the stream says.
    static func inflate(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> InflateOutcome {
        var stream = z_stream()
        guard vanban_inflateInitRaw(&stream) == Z_OK else { return .corrupt }
        defer { inflateEnd(&stream) }

        // zlib rejects a null output pointer even with no room, so an empty buffer borrows a dummy byte it never writes.
        var dummy: UInt8 = 0
        return withUnsafeMutablePointer(to: &dummy) { dummyPointer in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(input.count)
            stream.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self) ?? dummyPointer
            stream.avail_out = uInt(output.count)
            switch CZlib.inflate(&stream, Z_FINISH) {
            case Z_STREAM_END:
                return stream.avail_out == 0 ? .complete : .underflow
            case Z_OK, Z_BUF_ERROR:
                // Out of room with the stream unfinished means more output was coming; otherwise the input ran dry.
                return stream.avail_out == 0 ? .overflow : .corrupt
            default:
                return .corrupt
            }
        }
    }
}
