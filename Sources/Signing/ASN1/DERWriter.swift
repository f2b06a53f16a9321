import SwiftASN1

/// Small DER building blocks for the structures this target writes by hand (CMS, ESS attributes): each function
/// returns one complete TLV, so callers assemble structures from byte arrays they can sort (SET OF) and measure.
enum DERWriter {
    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [tag]
        let length = content.count
        if length < 0x80 {
            out.append(UInt8(length))
        } else {
            var lengthBytes: [UInt8] = []
            var rest = length
            while rest > 0 {
                lengthBytes.insert(UInt8(rest & 0xFF), at: 0)
                rest >>= 8
            }
            out.append(0x80 | UInt8(lengthBytes.count))
            out += lengthBytes
        }
        return out + content
    }

    static func sequence(_ parts: [[UInt8]]) -> [UInt8] { tlv(0x30, parts.flatMap { $0 }) }

    /// A DER SET OF: its elements sorted by their encodings (X.690 11.6).
    static func set(_ parts: [[UInt8]]) -> [UInt8] { tlv(0x31, parts.sorted { $0.lexicographicallyPrecedes($1) }.flatMap { $0 }) }

    static func octetString(_ bytes: [UInt8]) -> [UInt8] { tlv(0x04, bytes) }

    static func null() -> [UInt8] { [0x05, 0x00] }

    static func integer(_ value: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = value
        repeat {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        } while rest > 0
        if bytes[0] & 0x80 != 0 { bytes.insert(0, at: 0) }
        return tlv(0x02, bytes)
    }

    /// An INTEGER from big-endian magnitude bytes (a certificate serial number), with the leading zero DER needs
    /// when the top bit is set.
    static func unsignedInteger(_ magnitude: some Collection<UInt8>) -> [UInt8] {
        var bytes = Array(magnitude.drop { $0 == 0 })
        if bytes.isEmpty || bytes[0] & 0x80 != 0 { bytes.insert(0, at: 0) }
        return tlv(0x02, bytes)
    }

    /// A context-specific constructed tag `[n]` around `content` (EXPLICIT tagging, or IMPLICIT for a SET/SEQUENCE).
    static func contextConstructed(_ number: UInt8, _ content: [UInt8]) -> [UInt8] { tlv(0xA0 | number, content) }

    static func oid(_ oid: ASN1ObjectIdentifier) -> [UInt8] {
        let components = oid.oidComponents
        var content: [UInt8] = []
        for component in [components[0] * 40 + components[1]] + components.dropFirst(2) {
            var groups: [UInt8] = [UInt8(component & 0x7F)]
            var rest = component >> 7
            while rest > 0 {
                groups.insert(UInt8(rest & 0x7F) | 0x80, at: 0)
                rest >>= 7
            }
            content += groups
        }
        return tlv(0x06, content)
    }

    static func algorithm(_ oid: ASN1ObjectIdentifier, nullParameters: Bool) -> [UInt8] {
        sequence([self.oid(oid)] + (nullParameters ? [null()] : []))
    }

    /// The DER bytes of a value SwiftASN1 or swift-certificates can serialise (a certificate, a name, an OID).
    static func serialize(_ value: some DERSerializable) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(value)
        return serializer.serializedBytes
    }
}
