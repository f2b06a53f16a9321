/// The growing bytes of one rendered part.
///
/// Rendering appends a few bytes at a time (a literal stretch, a value) some thousand times per document, so
/// appends are a capacity check and a copy; `Array`'s append costs several times that per call.
final class OutputBuffer {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    /// `byteClasses`, read once per buffer rather than through its lazy initialiser per value.
    let classes: UnsafePointer<UInt8>

    init(capacity: Int) {
        self.capacity = max(capacity, 256)
        base = .allocate(capacity: self.capacity)
        classes = Self.byteClasses
    }

    deinit { base.deallocate() }

    /// The bytes so far.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Lends the bytes so far, without copying them.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    @inline(__always)
    func append(_ source: UnsafePointer<UInt8>, count n: Int) {
        if count + n > capacity { grow(to: count + n) }
        if n <= 16 {
            Self.copySmall(base + count, source, n)
        } else {
            (base + count).update(from: source, count: n)
        }
        count += n
    }

    /// Copies up to 16 bytes with two overlapping loads and stores: most values are that short, and a call to
    /// memmove costs more than the copy. The buffers never overlap (the output is written only here).
    @inline(__always)
    private static func copySmall(_ destination: UnsafeMutablePointer<UInt8>, _ source: UnsafePointer<UInt8>, _ n: Int) {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(destination)
        if n >= 8 {
            let head = from.loadUnaligned(as: UInt64.self), tail = from.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: n - 8, as: UInt64.self)
        } else if n >= 4 {
            let head = from.loadUnaligned(as: UInt32.self), tail = from.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: n - 4, as: UInt32.self)
        } else if n > 0 {
            destination[0] = source[0]
            destination[n / 2] = source[n / 2]
            destination[n - 1] = source[n - 1]
        }
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            if let start = buffer.baseAddress { append(start, count: buffer.count) }
        }
    }

    /// Drops what was appended after `length` bytes (an escape that has to start again).
    func truncate(to length: Int) {
        precondition(length <= count)
        count = length
    }

    @inline(never)
    private func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
