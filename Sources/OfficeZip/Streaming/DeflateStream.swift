internal import CZlib

/// One raw deflate (or inflate) stream fed piece by piece, for entries too large to hold in memory at once.
final class ZlibStream {
    enum Direction { case deflate(level: Int32), inflate }

    private let stream: UnsafeMutablePointer<z_stream>
    private let direction: Direction
    private var scratch: [UInt8]

    /// nil when zlib cannot allocate its state.
    init?(_ direction: Direction, scratchSize: Int = 64 << 10) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        self.direction = direction
        scratch = [UInt8](repeating: 0, count: scratchSize)
        let status = switch direction {
        case .deflate(let level): vanban_deflateInitRaw(stream, min(max(level, 1), 9))
        case .inflate: vanban_inflateInitRaw(stream)
        }
        guard status == Z_OK else {
            stream.deallocate()
            return nil
        }
    }

    deinit {
        switch direction {
        case .deflate: deflateEnd(stream)
        case .inflate: inflateEnd(stream)
        }
        stream.deallocate()
    }

    /// How a call ended.
    enum Outcome { case needsInput, streamEnd, corrupt }

    /// Runs `input` through the stream and hands every produced piece to `output`. With `finish` (deflate only) the
    /// stream is closed. For inflate, `.streamEnd` means the deflate stream ended (input may be left over: the
    /// returned count says how much was consumed).
    @discardableResult
    func process(_ input: UnsafeRawBufferPointer, finish: Bool = false,
                 output: (UnsafeRawBufferPointer) throws -> Void) rethrows -> (outcome: Outcome, consumed: Int) {
        // zlib never writes through next_in; the cast only satisfies its C signature.
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        let capacity = scratch.count
        while true {
            let (status, produced) = scratch.withUnsafeMutableBytes { buffer -> (Int32, Int) in
                stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(capacity)
                let status = switch direction {
                case .deflate: CZlib.deflate(stream, finish ? Z_FINISH : Z_NO_FLUSH)
                case .inflate: CZlib.inflate(stream, Z_NO_FLUSH)
                }
                return (status, capacity - Int(stream.pointee.avail_out))
            }
            if produced > 0 { try scratch.withUnsafeBytes { try output(UnsafeRawBufferPointer(rebasing: $0[..<produced])) } }
            let consumed = input.count - Int(stream.pointee.avail_in)
            switch status {
            case Z_STREAM_END:
                return (.streamEnd, consumed)
            case Z_OK, Z_BUF_ERROR:
                // Room left in the output means zlib took all it could from the input.
                if produced < capacity && (stream.pointee.avail_in == 0 || status == Z_BUF_ERROR) {
                    if finish, case .deflate = direction { continue }
                    return (.needsInput, consumed)
                }
            default:
                return (.corrupt, consumed)
            }
        }
    }
}
