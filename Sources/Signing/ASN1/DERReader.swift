import SwiftASN1

/// Walking parsed DER trees (SwiftASN1 nodes) with errors that name the structure being read.
struct DERReader {
    /// What was being read, for error messages (`PKCS#12`, `CMS`).
    let context: String

    func fail(_ what: String) -> DERStructureError { DERStructureError(context: context, detail: what) }

    func parse(_ bytes: some Collection<UInt8>) throws -> ASN1Node {
        do {
            return try DER.parse(Array(bytes))
        } catch {
            throw fail("không phải DER hợp lệ")
        }
    }

    /// The children of a constructed node with the given tag.
    func children(_ node: ASN1Node, _ identifier: ASN1Identifier, _ what: String) throws -> [ASN1Node] {
        guard node.identifier == identifier, case .constructed(let nodes) = node.content else { throw fail(what) }
        return Array(nodes)
    }

    func sequence(_ node: ASN1Node, _ what: String, minimum: Int = 0) throws -> [ASN1Node] {
        let nodes = try children(node, .sequence, what)
        guard nodes.count >= minimum else { throw fail(what) }
        return nodes
    }

    func set(_ node: ASN1Node, _ what: String) throws -> [ASN1Node] { try children(node, .set, what) }

    func oid(_ node: ASN1Node, _ what: String) throws -> ASN1ObjectIdentifier {
        do { return try ASN1ObjectIdentifier(derEncoded: node) } catch { throw fail(what) }
    }

    func octets(_ node: ASN1Node, _ what: String) throws -> [UInt8] {
        do { return Array(try ASN1OctetString(derEncoded: node).bytes) } catch { throw fail(what) }
    }

    func integer(_ node: ASN1Node, _ what: String) throws -> Int {
        do { return try Int(derEncoded: node) } catch { throw fail(what) }
    }

    /// The content of an EXPLICIT context tag `[number]`: its single child.
    func explicit(_ node: ASN1Node, _ number: UInt, _ what: String) throws -> ASN1Node {
        let nodes = try children(node, ASN1Identifier(tagWithNumber: number, tagClass: .contextSpecific), what)
        guard nodes.count == 1 else { throw fail(what) }
        return nodes[0]
    }

    /// The primitive content bytes of an IMPLICIT context tag `[number]`.
    func implicitPrimitive(_ node: ASN1Node, _ number: UInt, _ what: String) throws -> [UInt8] {
        guard node.identifier == ASN1Identifier(tagWithNumber: number, tagClass: .contextSpecific),
              case .primitive(let bytes) = node.content else { throw fail(what) }
        return Array(bytes)
    }

    /// An AlgorithmIdentifier: its OID and the parameters node, if any.
    func algorithm(_ node: ASN1Node, _ what: String) throws -> (oid: ASN1ObjectIdentifier, parameters: ASN1Node?) {
        let parts = try sequence(node, what, minimum: 1)
        return (try oid(parts[0], what), parts.count > 1 ? parts[1] : nil)
    }
}

/// A DER structure that is not what its standard says.
public struct DERStructureError: Error, CustomStringConvertible, Equatable {
    /// The structure being read (`PKCS#12`, `CMS`).
    public let context: String
    /// What was wrong, in Vietnamese.
    public let detail: String
    public var description: String { "\(context) hỏng: \(detail)." }
}
