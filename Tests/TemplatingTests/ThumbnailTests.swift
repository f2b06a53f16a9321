import Foundation
import OfficeZip
import Testing
import TestSupport
@testable import Templating

@Suite("The template's thumbnail")
struct ThumbnailTests {
    @Test("an ODT made from a template does not carry the template's thumbnail; every other entry stays")
    func leftOut() throws {
        let thumbnail = PNG.make(width: 8, height: 8)
        let package = PackageBuilder.odt(body: Markup.op("Số: {{so}}"), pictures: [
            "Pictures/mau.png": PNG.make(width: 2, height: 2), "Thumbnails/thumbnail.png": thumbnail,
        ])
        let output: [UInt8] = try CompiledTemplate(bytes: package).render(["so": "05"])
        let archive = try ZipArchive(bytes: output)
        #expect(archive.entries.map(\.name) == ["mimetype", "content.xml", "styles.xml", "Pictures/mau.png", "META-INF/manifest.xml"])
        #expect(archive.entries[0].method == 0, "mimetype stays stored")
        let manifest = try PackageBuilder.entry("META-INF/manifest.xml", of: output)
        #expect(!manifest.contains("Thumbnails"))
        #expect(manifest.contains("<manifest:file-entry manifest:full-path=\"Pictures/mau.png\" manifest:media-type=\"image/png\"/>"))
        #expect(try PackageBuilder.entry("content.xml", of: output).contains("Số: 05"))
    }

    @Test("the manifest loses the thumbnail's lines whatever the attribute order, and nothing else")
    func manifestLines() {
        let manifest = """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
             <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>
             <manifest:file-entry manifest:media-type="image/png" manifest:full-path="Thumbnails/thumbnail.png"/>
             <manifest:file-entry manifest:full-path="Thumbnails/" manifest:media-type=""/>
             <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
             <manifest:file-entry manifest:full-path="a&gt;b.png" manifest:media-type="image/png"/>
            </manifest:manifest>
            """
        let kept = String(decoding: TemplateThumbnail.withoutThumbnailEntries(Array(manifest.utf8)), as: UTF8.self)
        #expect(kept == """
            <?xml version="1.0" encoding="UTF-8"?>
            <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
             <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>
             <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
             <manifest:file-entry manifest:full-path="a&gt;b.png" manifest:media-type="image/png"/>
            </manifest:manifest>
            """)
    }

    @Test("the repository's ODT templates render without a thumbnail, and a template without one is left as it is")
    func repositoryTemplates() throws {
        let folder = repositoryRoot.appendingPathComponent("templates")
        let templates = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".odt") }
        #expect(templates.count == 7)
        for name in templates {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            let source = try ZipArchive(bytes: bytes)
            let stripped = try #require(try TemplateThumbnail.removed(from: source), "\(name) has no thumbnail")
            let archive = try ZipArchive(bytes: stripped)
            #expect(archive.entries.map(\.name) == source.entries.map(\.name).filter { !$0.hasPrefix("Thumbnails/") })
            #expect(!String(decoding: try archive.contents(of: archive.entry(named: "META-INF/manifest.xml")!), as: UTF8.self).contains("Thumbnails"))
            #expect(try TemplateThumbnail.removed(from: archive) == nil)
        }
    }
}
