import CLibXML2
import Crypto
import Foundation
import OfficeZip

/// An OpenDocument package read for signing or verification: its entries, which of them are XML streams, and the
/// digest of each as an XML-DSig Reference computes it.
struct ODFPackage {
    static let signaturesEntry = "META-INF/documentsignatures.xml"
    static let manifestEntry = "META-INF/manifest.xml"
    static let manifestNamespace = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

    let archive: ZipArchive
    /// Media types from the manifest by full path; an entry with encryption data is recorded as encrypted.
    private let manifest: [String: (mediaType: String, encrypted: Bool)]

    /// Reads the package with OfficeZip's limits (zip bombs, zip-slip names, encrypted and Zip64 entries refused).
    init(bytes: [UInt8], limits: ZipLimits = .default) throws(ODFSignatureError) {
        do {
            archive = try ZipArchive(bytes: bytes, limits: limits)
        } catch {
            throw .package(error)
        }
        guard let mimetype = archive.entry(named: "mimetype"),
              let type = try? archive.contents(of: mimetype),
              type.starts(with: Array("application/vnd.oasis.opendocument.".utf8)) else { throw .notODF }
        manifest = try Self.readManifest(archive)
    }

    /// The stream entries (directories have no content to sign), in package order.
    var streams: [ZipEntry] { archive.entries.filter { !$0.isDirectory } }

    /// The entries a document signature must cover: every stream except the signatures file itself.
    var signedStreams: [ZipEntry] { streams.filter { $0.name != Self.signaturesEntry } }

    func contents(of entry: ZipEntry) throws(ODFSignatureError) -> [UInt8] {
        do { return try archive.contents(of: entry) } catch { throw .package(error) }
    }

    /// Whether LibreOffice treats the stream as XML (and so digests it canonicalised): the manifest says text/xml and
    /// it is not encrypted, or, for entries the manifest does not list, the name ends in `.xml`.
    func isXML(_ name: String) -> Bool {
        if let declared = manifest[name] { return declared.mediaType == "text/xml" && !declared.encrypted }
        return name.lowercased().hasSuffix(".xml")
    }

    /// SHA-256 of a stream as its Reference digests it: canonical XML for XML streams, raw bytes for the rest.
    static func digest(of bytes: [UInt8], name: String, canonical: Bool) throws(ODFSignatureError) -> [UInt8] {
        if canonical {
            return Array(SHA256.hash(data: try PackageXML(bytes: bytes, name: name).canonical()))
        }
        return Array(SHA256.hash(data: bytes))
    }

    /// The manifest with a file entry for the signatures file added before its end tag, or nil when it already has
    /// one (a signed document) or the package has no manifest. The entry is added before the first signature is
    /// made, so every signature covers the same manifest.
    func manifestListingSignatures() throws(ODFSignatureError) -> [UInt8]? {
        guard manifest[Self.signaturesEntry] == nil, let entry = archive.entry(named: Self.manifestEntry) else { return nil }
        let bytes = try contents(of: entry)
        let xml = try PackageXML(bytes: bytes, name: Self.manifestEntry)
        let prefix = xml.root?.pointee.ns?.pointee.prefix.map { String(cString: $0) + ":" } ?? ""
        let end = Array("</\(prefix)manifest>".utf8)
        guard let start = (0...(bytes.count - end.count)).last(where: { bytes[$0..<($0 + end.count)].elementsEqual(end) }) else {
            throw .malformedManifest
        }
        let line = " <\(prefix)file-entry \(prefix)full-path=\"\(Self.signaturesEntry)\" \(prefix)media-type=\"text/xml\"/>\n"
        let needsBreak = start > 0 && bytes[start - 1] != UInt8(ascii: "\n")
        return Array(bytes[..<start]) + Array(((needsBreak ? "\n" : "") + line).utf8) + Array(bytes[start...])
    }

    private static func readManifest(_ archive: ZipArchive) throws(ODFSignatureError) -> [String: (mediaType: String, encrypted: Bool)] {
        guard let entry = archive.entry(named: manifestEntry) else { return [:] }
        let bytes: [UInt8]
        do { bytes = try archive.contents(of: entry) } catch { throw .package(error) }
        let xml = try PackageXML(bytes: bytes, name: manifestEntry)
        var result: [String: (String, Bool)] = [:]
        var node = xml.root?.pointee.children
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE, XMLNames.matches(current, "file-entry", manifestNamespace),
               let path = XMLNames.attribute(current, "full-path", namespace: manifestNamespace) {
                let encrypted = XMLNames.children(of: current).contains { XMLNames.matches($0, "encryption-data", manifestNamespace) }
                result[path] = (XMLNames.attribute(current, "media-type", namespace: manifestNamespace) ?? "", encrypted)
            }
            node = current.pointee.next
        }
        return result
    }
}

/// Small helpers to read libxml2 trees by local name and namespace.
enum XMLNames {
    static func matches(_ node: xmlNodePtr, _ name: String, _ namespace: String) -> Bool {
        guard node.pointee.type == XML_ELEMENT_NODE, let ns = node.pointee.ns?.pointee.href else { return false }
        return xmlStrEqual(node.pointee.name, name) != 0 && xmlStrEqual(ns, namespace) != 0
    }

    static func localName(_ node: xmlNodePtr) -> String { String(cString: node.pointee.name) }

    static func isAncestor(_ ancestor: xmlNodePtr, of node: xmlNodePtr) -> Bool {
        var current: xmlNodePtr? = node
        while let step = current {
            if step == ancestor { return true }
            current = step.pointee.parent
        }
        return false
    }

    static func children(of node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(current) }
            child = current.pointee.next
        }
        return result
    }

    static func child(of node: xmlNodePtr, _ name: String, _ namespace: String) -> xmlNodePtr? {
        children(of: node).first { matches($0, name, namespace) }
    }

    static func attribute(_ node: xmlNodePtr, _ name: String, namespace: String? = nil) -> String? {
        guard let value = namespace.map({ xmlGetNsProp(node, name, $0) }) ?? xmlGetNoNsProp(node, name) else { return nil }
        defer { vanban_xmlFree(value) }
        return String(cString: value)
    }

    /// Every element under `root` (itself included) whose unqualified `Id` attribute is `id`.
    static func elements(withID id: String, under root: xmlNodePtr) -> [xmlNodePtr] {
        var found: [xmlNodePtr] = []
        func walk(_ node: xmlNodePtr) {
            if attribute(node, "Id") == id { found.append(node) }
            for child in children(of: node) { walk(child) }
        }
        walk(root)
        return found
    }

    static func text(of node: xmlNodePtr) -> String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { vanban_xmlFree(content) }
        return String(cString: content)
    }
}

/// Reference URIs name package entries relative to the package root, each path segment percent-encoded the way
/// LibreOffice encodes it (RFC 3986 segment characters stay, everything else is %XX of its UTF-8 bytes).
enum ReferenceURI {
    private static let allowed: Set<UInt8> = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/".utf8))

    static func encode(_ name: String) -> String {
        var out = ""
        for byte in name.utf8 {
            if allowed.contains(byte) { out.unicodeScalars.append(Unicode.Scalar(byte)) } else { out += String(format: "%%%02X", byte) }
        }
        return out
    }

    /// The entry name a URI names, or nil when it is not a plain relative path (a fragment, a scheme, bad escapes).
    static func decode(_ uri: String) -> String? {
        guard !uri.isEmpty, !uri.hasPrefix("#"), !uri.contains("#"), !uri.contains("?") else { return nil }
        guard let decoded = uri.removingPercentEncoding, encode(decoded) == uri else { return nil }
        return decoded
    }
}
