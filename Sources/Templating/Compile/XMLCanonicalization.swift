import CLibXML2

/// Canonical XML (C14N 1.0, no comments) of a part, parsed as safely as templates are.
/// Tests compare outputs with it; signing will digest parts with it.
public enum XMLCanonicalization {
    /// The canonical bytes, or nil when the bytes are not safe, well-formed XML.
    public static func canonicalize(_ bytes: [UInt8]) -> [UInt8]? {
        LibXML.initialize()
        guard let document = try? XMLPartDocument(bytes: bytes, name: "part") else { return nil }
        var output: UnsafeMutablePointer<xmlChar>?
        let size = xmlC14NDocDumpMemory(document.doc, nil, Int32(XML_C14N_1_0.rawValue), nil, 0, &output)
        guard size >= 0, let output else { return nil }
        defer { vanban_xmlFree(output) }
        return Array(UnsafeBufferPointer(start: output, count: Int(size)))
    }
}
