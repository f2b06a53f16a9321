/// JSON text written the way Foundation's `JSONEncoder` writes it with `.sortedKeys` and `.withoutEscapingSlashes`
/// (no spaces; `"`, `\` and control characters escaped, `\u00xx` in lower case where there is no short escape;
/// everything else as its UTF-8 bytes), for the few values written at every signing, while a store holds its write
/// lock, where the encoder's generic machinery costs more than the writing.
///
/// The caller writes an object's keys in sorted order (by their bytes, as `.sortedKeys` sorts these keys).
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// For each open object or array, whether a value was written in it already.
    private var written: [Bool] = []
    /// A key was just written, so the next value follows its colon.
    private var afterKey = false

    public init() {
        bytes.reserveCapacity(1024)
    }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        written.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        written.removeLast()
    }

    /// An object member's key; its value comes next.
    public mutating func key(_ key: String) {
        separate()
        quote(key)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    public mutating func string(_ text: String) {
        separate()
        quote(text)
    }

    public mutating func strings(_ texts: [String]) {
        beginArray()
        for text in texts { string(text) }
        endArray()
    }

    public mutating func int(_ value: Int) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = written.indices.last else { return }
        if written[last] { bytes.append(UInt8(ascii: ",")) }
        written[last] = true
    }

    private mutating func quote(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            // Runs that need no escape are copied whole.
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                escape(byte)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x00..<0x20:
            let digits = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
        default: bytes.append(byte)  // `"` and `\`
        }
    }
}
