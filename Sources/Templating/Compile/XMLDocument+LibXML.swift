import CLibXML2
import VietnameseText

/// A parsed XML part owned by one compile; libxml2 documents are not Sendable, so this never leaves its thread.
final class XMLPartDocument {
    let doc: xmlDocPtr

    /// Why a part could not be parsed.
    enum ParseFailure: Error {
        case forbiddenMarkup(String)
        case malformed(String)
    }

    /// Parses a package part safely: no DTD, no entity expansion, no network, libxml2's default size limits.
    init(bytes: [UInt8], name: String) throws(ParseFailure) {
        if Self.hasForbiddenDeclaration(bytes) {
            throw .forbiddenMarkup("Phần \(name) chứa khai báo DOCTYPE/ENTITY; tài liệu văn phòng không dùng khai báo này nên tệp bị từ chối (phòng tấn công XXE và “billion laughs”).")
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)
        xmlResetLastError()
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlReadMemory($0, Int32(buffer.count), name, "UTF-8", options)
                }
            }
        }
        guard let parsed else {
            var detail = "không đọc được XML"
            if let error = xmlGetLastError(), let message = error.pointee.message {
                detail = String(Substring(String(cString: message)).trimmingWhitespace()) + " (dòng \(error.pointee.line))"
            }
            throw .malformed("Phần \(name) không phải XML hợp lệ: \(detail).")
        }
        doc = parsed
    }

    deinit { xmlFreeDoc(doc) }

    /// Whether the bytes declare a document type or entities. Office files never do, and refusing them before
    /// libxml2 sees them rules out external entities (XXE) and entity expansion bombs whatever the parser options.
    static func hasForbiddenDeclaration(_ bytes: [UInt8]) -> Bool {
        bytes.containsSequence(Array("<!DOCTYPE".utf8)) || bytes.containsSequence(Array("<!ENTITY".utf8))
    }

    /// The root element.
    var root: xmlNodePtr? { xmlDocGetRootElement(doc) }

    /// The document serialised as UTF-8 without reformatting.
    func serialize() -> [UInt8] {
        var memory: UnsafeMutablePointer<xmlChar>?
        var size: Int32 = 0
        xmlDocDumpMemoryEnc(doc, &memory, &size, "UTF-8")
        guard let memory else { return [] }
        defer { vanban_xmlFree(memory) }
        return Array(UnsafeBufferPointer(start: memory, count: Int(size)))
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in the bytes.
    func containsSequence(_ needle: [UInt8]) -> Bool { firstRange(of: needle, from: 0) != nil }

    /// The first occurrence of `needle` at or after `start`.
    func firstRange(of needle: [UInt8], from start: Int) -> Range<Int>? {
        guard let head = needle.first, needle.count <= count else { return nil }
        var i = start
        let last = count - needle.count
        while i <= last {
            if self[i] == head {
                var j = 1
                while j < needle.count, self[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i..<(i + needle.count) }
            }
            i += 1
        }
        return nil
    }
}

/// Namespace URIs of the vocabularies the engine reads.
enum XMLNamespace {
    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    static let a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    static let pic = "http://schemas.openxmlformats.org/drawingml/2006/picture"
    static let mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    static let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    static let table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    static let draw = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
    static let svg = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
    static let office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    static let xlink = "http://www.w3.org/1999/xlink"
}

extension UnsafeMutablePointer where Pointee == xmlNode {
    /// Whether this is an element with the given namespace URI and local name.
    func isElement(_ namespace: String, _ local: String) -> Bool {
        guard pointee.type == XML_ELEMENT_NODE, let name = pointee.name, let ns = pointee.ns, let href = ns.pointee.href else {
            return false
        }
        return local.withCString { xmlStrEqual(name, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) != 0 }
            && namespace.withCString { xmlStrEqual(href, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) != 0 }
    }

    var isElementNode: Bool { pointee.type == XML_ELEMENT_NODE }
    var isTextNode: Bool { pointee.type == XML_TEXT_NODE }

    /// The qualified name, for comparing ancestor chains.
    var qualifiedName: String {
        let local = pointee.name.map { String(cString: $0) } ?? ""
        if let prefix = pointee.ns?.pointee.prefix { return String(cString: prefix) + ":" + local }
        return local
    }

    var parent: xmlNodePtr? { pointee.parent }
    var firstChild: xmlNodePtr? { pointee.children }
    var nextSibling: xmlNodePtr? { pointee.next }

    /// The element children in order.
    var elementChildren: [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = pointee.children
        while let c = child {
            if c.isElementNode { result.append(c) }
            child = c.pointee.next
        }
        return result
    }

    /// The text content of a text node.
    var textContent: String {
        guard let content = pointee.content else { return "" }
        return String(cString: content)
    }

    /// Replaces a text node's content literally (no entity interpretation).
    func setTextContent(_ text: String) {
        xmlNodeSetContent(self, nil)
        let utf8 = Array(text.utf8)
        utf8.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { xmlNodeAddContentLen(self, base, Int32(buffer.count)) }
        }
    }

    /// An attribute value by namespace and local name.
    func attribute(_ namespace: String?, _ local: String) -> String? {
        let value: UnsafeMutablePointer<xmlChar>? =
            if let namespace { xmlGetNsProp(self, local, namespace) } else { xmlGetNoNsProp(self, local) }
        guard let value else { return nil }
        defer { vanban_xmlFree(value) }
        return String(cString: value)
    }

    /// Sets an attribute by namespace and local name; the attribute must already exist or the namespace be declared in scope.
    func setAttribute(_ namespace: String?, _ local: String, _ value: String) {
        if let namespace, let ns = xmlSearchNsByHref(pointee.doc, self, namespace) {
            xmlSetNsProp(self, ns, local, value)
        } else {
            xmlSetProp(self, local, value)
        }
    }

    /// Inserts a new text node before this node.
    func insertTextBefore(_ text: String) {
        if let node = xmlNewDocText(pointee.doc, nil) {
            node.setTextContent(text)
            xmlAddPrevSibling(self, node)
        }
    }

    /// Inserts a new text node after this node.
    func insertTextAfter(_ text: String) {
        if let node = xmlNewDocText(pointee.doc, nil) {
            node.setTextContent(text)
            xmlAddNextSibling(self, node)
        }
    }

    /// Inserts a new empty element, in the namespace with this URI that is in scope here, after this node.
    func insertElementAfter(_ namespace: String, _ local: String) -> xmlNodePtr? {
        guard let ns = xmlSearchNsByHref(pointee.doc, self, namespace), let node = xmlNewDocNode(pointee.doc, ns, local, nil) else {
            return nil
        }
        return xmlAddNextSibling(self, node)
    }

    /// Replaces this node with a text node and frees it.
    func replaceWithText(_ text: String) {
        insertTextBefore(text)
        xmlUnlinkNode(self)
        xmlFreeNode(self)
    }

    /// Unlinks and frees this node.
    func remove() {
        xmlUnlinkNode(self)
        xmlFreeNode(self)
    }

    /// Whether `other` is this node or one of its descendants.
    func contains(_ other: xmlNodePtr) -> Bool {
        var node: xmlNodePtr? = other
        while let n = node {
            if n == self { return true }
            node = n.pointee.parent
        }
        return false
    }
}
