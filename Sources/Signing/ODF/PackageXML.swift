import Foundation
import CLibXML2

/// One XML stream of an ODF package parsed by libxml2 for canonicalisation. libxml2 documents are not Sendable, so a
/// value never leaves the function that made it.
final class PackageXML {
    let doc: xmlDocPtr

    /// Parses `bytes` safely: no network, no entity substitution, no DTD loading, libxml2's default size and depth
    /// limits (no XML_PARSE_HUGE); a document type declaration is refused outright, since ODF streams never carry one
    /// and without it no entity (XXE, billion laughs) can exist.
    init(bytes: [UInt8], name: String) throws(ODFSignatureError) {
        if bytes.containsSequence(Array("<!DOCTYPE".utf8)) || bytes.containsSequence(Array("<!ENTITY".utf8)) {
            throw .forbiddenMarkup(entry: name)
        }
        guard bytes.count < Int(Int32.max) else { throw .malformedXML(entry: name, detail: "quá lớn") }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        xmlResetLastError()
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlReadMemory($0, Int32(buffer.count), name, nil, options)
                }
            }
        }
        guard let parsed else {
            var detail = "không đọc được XML"
            if let error = xmlGetLastError(), let message = error.pointee.message {
                detail = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines) + " (dòng \(error.pointee.line))"
            }
            throw .malformedXML(entry: name, detail: detail)
        }
        if parsed.pointee.intSubset != nil || parsed.pointee.extSubset != nil {
            xmlFreeDoc(parsed)
            throw .forbiddenMarkup(entry: name)
        }
        doc = parsed
    }

    deinit { xmlFreeDoc(doc) }

    var root: xmlNodePtr? { xmlDocGetRootElement(doc) }

    /// Inclusive Canonical XML 1.0 without comments of the whole document, as the C14N transform of a Reference to
    /// a whole stream gives it.
    func canonical() throws(ODFSignatureError) -> [UInt8] {
        try canonicalize(nil)
    }

    /// Inclusive Canonical XML 1.0 without comments of the subtree at `element`, with the namespaces and xml:
    /// attributes it inherits, as a same-document Reference (`#id`) or the SignedInfo is canonicalised.
    func canonical(subtree element: xmlNodePtr) throws(ODFSignatureError) -> [UInt8] {
        try canonicalize(element)
    }

    private func canonicalize(_ apex: xmlNodePtr?) throws(ODFSignatureError) -> [UInt8] {
        guard let buffer = xmlAllocOutputBuffer(nil) else { throw .canonicalization }
        var apexBox = apex
        let written: Int32 = withUnsafeMutablePointer(to: &apexBox) { pointer in
            if apex == nil {
                return xmlC14NExecute(doc, nil, nil, Int32(XML_C14N_1_0.rawValue), nil, 0, buffer)
            }
            return xmlC14NExecute(doc, { userData, node, parent in
                guard let userData, let apex = userData.assumingMemoryBound(to: xmlNodePtr?.self).pointee else { return 0 }
                // A namespace node is passed as an xmlNs with its element as `parent`; anything else as itself.
                var current: xmlNodePtr? = node.map { $0.pointee.type == XML_NAMESPACE_DECL ? parent : $0 } ?? parent
                while let node = current {
                    if node == apex { return 1 }
                    current = node.pointee.parent
                }
                return 0
            }, pointer, Int32(XML_C14N_1_0.rawValue), nil, 0, buffer)
        }
        defer { xmlOutputBufferClose(buffer) }
        guard written >= 0, let content = xmlOutputBufferGetContent(buffer) else { throw .canonicalization }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlOutputBufferGetSize(buffer))))
    }
}

extension Array where Element == UInt8 {
    func containsSequence(_ needle: [UInt8]) -> Bool {
        guard let first = needle.first, count >= needle.count else { return false }
        var index = startIndex
        while let found = self[index...].firstIndex(of: first) {
            if found + needle.count > count { return false }
            if self[found..<(found + needle.count)].elementsEqual(needle) { return true }
            index = found + 1
        }
        return false
    }
}
