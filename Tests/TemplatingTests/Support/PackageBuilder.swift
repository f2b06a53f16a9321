import Foundation
import OfficeZip
@testable import Templating

/// Builds small but complete DOCX and ODT packages around a body, the way the fixtures need them.
enum PackageBuilder {
    static let wordNamespaces = """
        xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" \
        xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" \
        xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" \
        xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" \
        xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" \
        xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
        """

    static let odfNamespaces = """
        xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
        xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
        xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" \
        xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" \
        xmlns:xlink="http://www.w3.org/1999/xlink" \
        xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3"
        """

    /// A DOCX whose `word/document.xml` body is `body`, with optional extra parts (header1.xml …).
    static func docx(body: String, extraParts: [String: String] = [:], relationships: String = "", media: [String: [UInt8]] = [:]) -> [UInt8] {
        var contentTypes = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
            """
        for name in extraParts.keys.sorted() {
            let kind = name.contains("header") ? "header" : name.contains("footer") ? "footer" : "footnotes"
            contentTypes += "<Override PartName=\"/\(name)\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.\(kind)+xml\"/>"
        }
        contentTypes += "</Types>"
        let rootRels = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
            </Relationships>
            """
        let documentRels = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(relationships)</Relationships>
            """
        let document = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document \(wordNamespaces)><w:body>\(body)<w:sectPr/></w:body></w:document>
            """
        var writer = ZipWriter()
        writer.addDeflated(name: "[Content_Types].xml", bytes: Array(contentTypes.utf8))
        writer.addDeflated(name: "_rels/.rels", bytes: Array(rootRels.utf8))
        writer.addDeflated(name: "word/document.xml", bytes: Array(document.utf8))
        writer.addDeflated(name: "word/_rels/document.xml.rels", bytes: Array(documentRels.utf8))
        for (name, content) in extraParts.sorted(by: { $0.key < $1.key }) {
            writer.addDeflated(name: name, bytes: Array(content.utf8))
        }
        for (name, bytes) in media.sorted(by: { $0.key < $1.key }) {
            writer.addStored(name: name, bytes: bytes)
        }
        return writer.finish()
    }

    /// A flat Word part (header, footer, footnotes) with the usual namespaces.
    static func wordPart(_ root: String, _ inner: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:\(root) \(wordNamespaces)>\(inner)</w:\(root)>"
    }

    /// An ODT whose `office:text` is `body`; `masterStyles` goes into styles.xml (headers and footers).
    static func odt(body: String, masterStyles: String = "", pictures: [String: [UInt8]] = [:]) -> [UInt8] {
        let content = """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-content \(odfNamespaces)><office:automatic-styles/><office:body><office:text>\(body)</office:text></office:body></office:document-content>
            """
        let styles = """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-styles \(odfNamespaces)><office:styles/><office:master-styles>\(masterStyles)</office:master-styles></office:document-styles>
            """
        var manifest = """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">\
            <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>\
            <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\
            <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
            """
        for name in pictures.keys.sorted() {
            manifest += "<manifest:file-entry manifest:full-path=\"\(name)\" manifest:media-type=\"image/png\"/>"
        }
        manifest += "</manifest:manifest>"
        var writer = ZipWriter()
        writer.addStored(name: "mimetype", bytes: Array("application/vnd.oasis.opendocument.text".utf8))
        writer.addDeflated(name: "content.xml", bytes: Array(content.utf8))
        writer.addDeflated(name: "styles.xml", bytes: Array(styles.utf8))
        for (name, bytes) in pictures.sorted(by: { $0.key < $1.key }) {
            writer.addStored(name: name, bytes: bytes)
        }
        writer.addDeflated(name: "META-INF/manifest.xml", bytes: Array(manifest.utf8))
        return writer.finish()
    }

    /// Reads one entry of a rendered package as a string.
    static func entry(_ name: String, of package: [UInt8]) throws -> String {
        let archive = try ZipArchive(bytes: package)
        guard let entry = archive.entry(named: name) else { throw FixtureError.missingEntry(name) }
        return String(decoding: try archive.contents(of: entry), as: UTF8.self)
    }

    enum FixtureError: Error { case missingEntry(String) }
}

/// Word and ODF paragraphs for fixtures.
enum Markup {
    static func p(_ text: String) -> String { "<w:p><w:r><w:t xml:space=\"preserve\">\(text)</w:t></w:r></w:p>" }
    static func op(_ text: String) -> String { "<text:p>\(text)</text:p>" }
}

extension CompiledTemplate {
    /// Compiles, renders and returns the main part of the result.
    static func renderMainPart(_ package: [UInt8], _ values: TemplateValue, options: RenderOptions = RenderOptions()) throws -> String {
        let template = try CompiledTemplate(bytes: package)
        let output: [UInt8] = try template.render(values, options: options)
        return try PackageBuilder.entry(template.format == .docx ? "word/document.xml" : "content.xml", of: output)
    }
}

/// The text of a part's body: what sits between `<w:body>`/`<office:text>` and the end, to keep assertions short.
func bodyOf(_ xml: String) -> String {
    for (open, close) in [("<w:body>", "<w:sectPr/></w:body>"), ("<office:text>", "</office:text>")] {
        if let start = xml.range(of: open), let end = xml.range(of: close, options: .backwards) {
            return String(xml[start.upperBound..<end.lowerBound])
        }
    }
    return xml
}
