import Foundation
internal import CZlib

/// A part deflated ahead of a text that is not known yet: the bytes between the places the text goes (each marked
/// by `marker`) are deflated apart, so that filling the places in costs a copy and a few CRC combinations instead of
/// deflating the whole part again.
///
/// Each piece is a raw deflate stream of its own that refers to nothing before it and ends on a byte boundary (a
/// full flush), except the last, which ends the stream; the text goes between them as stored blocks. A decoder reads
/// the concatenation as one deflate stream, and the part it decodes to is the part with the text in place of each
/// marker.
public struct DeflatedSplice: Sendable {
    /// The deflated pieces around the places, in order: one more than the places.
    private let pieces: [[UInt8]]
    /// Each piece's CRC-32 and length before compression.
    private let crcs: [UInt32]
    private let lengths: [Int]

    /// Splits `part` at every occurrence of `marker` (which must not be empty) and deflates the pieces at `level`;
    /// nil only if zlib cannot allocate its state. A part without the marker is one piece, deflated whole.
    public init?(part: UnsafeRawBufferPointer, marker: [UInt8], level: Int32) {
        precondition(!marker.isEmpty, "a splice needs a marker")
        var ranges: [Range<Int>] = []
        var start = 0
        // memchr for the marker's first byte, memcmp for the rest: a byte-by-byte loop here was a third of the
        // splice's CPU (a part is tens of kilobytes, and the marker's digits are common in it).
        if let base = part.baseAddress, part.count >= marker.count {
            marker.withUnsafeBytes { wanted in
                let last = part.count - marker.count
                var index = 0
                while index <= last, let found = memchr(base + index, Int32(wanted[0]), last - index + 1) {
                    let at = base.distance(to: UnsafeRawPointer(found))
                    if memcmp(found, wanted.baseAddress!, wanted.count) == 0 {
                        ranges.append(start..<at)
                        start = at + wanted.count
                        index = start
                    } else {
                        index = at + 1
                    }
                }
            }
        }
        ranges.append(start..<part.count)
        var pieces: [[UInt8]] = [], crcs: [UInt32] = [], lengths: [Int] = []
        for (number, range) in ranges.enumerated() {
            let slice = UnsafeRawBufferPointer(rebasing: part[range])
            var piece: [UInt8] = []
            guard Deflate.compress(slice, level: level, finishing: number == ranges.count - 1, appendingTo: &piece) != nil
            else { return nil }
            pieces.append(piece)
            crcs.append(crc32(of: slice))
            lengths.append(range.count)
        }
        self.pieces = pieces
        self.crcs = crcs
        self.lengths = lengths
    }

    /// How many places the text fills.
    public var places: Int { pieces.count - 1 }

    /// The part deflated with `text` in every place, with its CRC-32 and size before compression.
    public func filled(with text: [UInt8]) -> (compressed: [UInt8], crc32: UInt32, size: Int) {
        precondition(text.count <= 0xFFFF, "a filled-in text is one stored block, at most 65 535 bytes")
        let textCRC = crc32(of: text)
        var compressed: [UInt8] = []
        compressed.reserveCapacity(pieces.reduce(0) { $0 + $1.count } + places * (text.count + 5))
        var crc = crcs[0], size = lengths[0]
        compressed.append(contentsOf: pieces[0])
        for index in 1..<pieces.count {
            // A stored block, not final: after a full flush the stream is on a byte boundary, so the three header
            // bits and the padding to the next byte are one zero byte; then the length and its complement.
            let length = UInt16(text.count)
            compressed.append(0)
            compressed.append(UInt8(length & 0xFF))
            compressed.append(UInt8(length >> 8))
            compressed.append(UInt8(~length & 0xFF))
            compressed.append(UInt8(~length >> 8))
            compressed.append(contentsOf: text)
            compressed.append(contentsOf: pieces[index])
            crc = Self.combine(Self.combine(crc, textCRC, text.count), crcs[index], lengths[index])
            size += text.count + lengths[index]
        }
        return (compressed, crc, size)
    }

    /// The CRC-32 of two pieces one after the other, from each one's CRC and the second's length.
    private static func combine(_ first: UInt32, _ second: UInt32, _ secondLength: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: crc32_combine(uLong(first), uLong(second), Int(secondLength)))
    }
}
