import Testing
import TestSupport
@testable import Templating

@Suite("Picture placeholders")
struct PictureTests {
    static let placeholder = PNG.make(width: 4, height: 4)
    static let signature = PNG.make(width: 40, height: 20)

    static func wordPicture(name: String = "{{%chu_ky}}", alt: String = "", id: Int = 7) -> String {
        """
        <w:p><w:r><w:drawing><wp:inline><wp:extent cx="1828800" cy="1828800"/>\
        <wp:docPr id="\(id)" name="\(name)" descr="\(alt)"/>\
        <a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>\
        <pic:nvPicPr><pic:cNvPr id="0" name="anh"/><pic:cNvPicPr/></pic:nvPicPr>\
        <pic:blipFill><a:blip r:embed="rId9"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
        <pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1828800" cy="1828800"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>\
        </pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
        """
    }

    static let wordRelationship = "<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/mau.png\"/>"

    static func odfPicture(name: String = "{{%chu_ky}}", title: String? = nil) -> String {
        let titleElement = title.map { "<svg:title>\($0)</svg:title>" } ?? ""
        return """
            <text:p><draw:frame draw:name="\(name)" text:anchor-type="as-char" svg:width="4cm" svg:height="4cm">\
            <draw:image xlink:href="Pictures/mau.png" xlink:type="simple"/>\(titleElement)</draw:frame></text:p>
            """
    }

    @Test("DOCX: the picture gets the new bytes, fitted in the frame, with a new relationship, content type and unique id")
    func wordPictureReplaced() throws {
        let package = PackageBuilder.docx(body: Self.wordPicture(), relationships: Self.wordRelationship, media: ["word/media/mau.png": Self.placeholder])
        let template = try CompiledTemplate(bytes: package)
        let output: [UInt8] = try template.render(["chu_ky": .image(Self.signature)])
        let document = try PackageBuilder.entry("word/document.xml", of: output)
        #expect(document.contains("<wp:extent cx=\"1828800\" cy=\"914400\"/>"))
        #expect(document.contains("<a:ext cx=\"1828800\" cy=\"914400\"/>"))
        #expect(document.contains("<wp:docPr id=\"8\" name=\"chu_ky\" descr=\"\"/>"))
        #expect(document.contains("<a:blip r:embed=\"rIdVanBan1\"/>"))
        let relationships = try PackageBuilder.entry("word/_rels/document.xml.rels", of: output)
        #expect(relationships.contains("<Relationship Id=\"rIdVanBan1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/vanban-image1.png\"/>"))
        #expect(relationships.contains(Self.wordRelationship))
        let types = try PackageBuilder.entry("[Content_Types].xml", of: output)
        #expect(types.contains("<Default Extension=\"png\" ContentType=\"image/png\"/>"))
        #expect(Array(try PackageBuilder.entry("word/media/vanban-image1.png", of: output).utf8).count > 0)
    }

    @Test("DOCX: pictures repeated in a loop get distinct ids and files; null removes the picture")
    func wordPictureInLoop() throws {
        let body = Markup.p("{{#nguoi_ky}}") + Self.wordPicture() + Markup.p("{{/nguoi_ky}}")
        let package = PackageBuilder.docx(body: body, relationships: Self.wordRelationship, media: ["word/media/mau.png": Self.placeholder])
        let template = try CompiledTemplate(bytes: package)
        let output: [UInt8] = try template.render(["nguoi_ky": [["chu_ky": .string(PNG.dataURI(Self.signature))], ["chu_ky": .null], ["chu_ky": .image(Self.placeholder)]]])
        let document = try PackageBuilder.entry("word/document.xml", of: output)
        #expect(document.contains("id=\"8\"") && document.contains("id=\"9\""))
        #expect(document.components(separatedBy: "<w:drawing>").count - 1 == 2)
        #expect(document.contains("r:embed=\"rIdVanBan1\"") && document.contains("r:embed=\"rIdVanBan2\""))
        #expect(document.contains("<wp:extent cx=\"1828800\" cy=\"1828800\"/>"))
    }

    @Test("ODT: the frame keeps its box, the image keeps its aspect ratio, the manifest lists the new file")
    func odfPictureReplaced() throws {
        let package = PackageBuilder.odt(body: Self.odfPicture(name: "Ảnh 1", title: "{{%chu_ky}}"), pictures: ["Pictures/mau.png": Self.placeholder])
        let template = try CompiledTemplate(bytes: package)
        let output: [UInt8] = try template.render(["chu_ky": .image(Self.signature)])
        let content = try PackageBuilder.entry("content.xml", of: output)
        #expect(content.contains("<draw:frame draw:name=\"chu_ky_1\" text:anchor-type=\"as-char\" svg:width=\"4.000cm\" svg:height=\"2.000cm\">"))
        #expect(content.contains("<draw:image xlink:href=\"Pictures/vanban-image1.png\" xlink:type=\"simple\"/><svg:title>chu_ky</svg:title>"))
        let manifest = try PackageBuilder.entry("META-INF/manifest.xml", of: output)
        #expect(manifest.contains("<manifest:file-entry manifest:full-path=\"Pictures/vanban-image1.png\" manifest:media-type=\"image/png\"/>"))
    }

    @Test("bytes that are not an image are refused")
    func pictureErrors() throws {
        let template = try CompiledTemplate(bytes: PackageBuilder.odt(body: Self.odfPicture(), pictures: ["Pictures/mau.png": Self.placeholder]))
        do {
            let _: [UInt8] = try template.render(["chu_ky": .image(Array("not an image".utf8))])
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "content.xml: ảnh “chu_ky” (thẻ {{%chu_ky}}): dữ liệu không phải ảnh PNG, JPEG hoặc GIF.")
        }
    }

    /// LibreOffice writes an anchored picture of a DOCX as a DrawingML choice with a VML fallback of the same image.
    static func wordAnchoredPicture(name: String = "{{%chu_ky}}") -> String {
        """
        <w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor behindDoc="0" simplePos="0" \
        relativeHeight="2" locked="0" layoutInCell="0" allowOverlap="1" distT="0" distB="0" distL="0" distR="0">\
        <wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>791845</wp:posOffset></wp:positionH>\
        <wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>\
        <wp:extent cx="1828800" cy="1828800"/><wp:wrapNone/><wp:docPr id="1" name="\(name)" title="\(name)"/>\
        <a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>\
        <pic:nvPicPr><pic:cNvPr id="0" name="\(name)" descr=""/><pic:cNvPicPr/></pic:nvPicPr>\
        <pic:blipFill><a:blip r:embed="rId9"/><a:stretch/></pic:blipFill>\
        <pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1828800" cy="1828800"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr>\
        </pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>\
        <mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" ID="\(name)"><v:imagedata r:id="rId9"/></v:shape></w:pict>\
        </mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>Chủ tịch</w:t></w:r></w:p>
        """
    }

    @Test("an absent, null or false picture leaves with its frame; the paragraph around it and its text stay")
    func absentPictureLeaves() throws {
        let odt = try CompiledTemplate(bytes: PackageBuilder.odt(
            body: "<text:p>Trước\(Self.odfPicture().dropFirst(8).dropLast(9))Sau</text:p>", pictures: ["Pictures/mau.png": Self.placeholder]))
        let docx = try CompiledTemplate(bytes: PackageBuilder.docx(
            body: Self.wordAnchoredPicture(), relationships: Self.wordRelationship, media: ["word/media/mau.png": Self.placeholder]))
        for data: TemplateValue in [[:], ["chu_ky": .null], ["chu_ky": false]] {
            let content = try PackageBuilder.entry("content.xml", of: try odt.render(data) as [UInt8])
            #expect(content.contains("<text:p>TrướcSau</text:p>"))
            #expect(!content.contains("draw:frame"))
            let document = try PackageBuilder.entry("word/document.xml", of: try docx.render(data) as [UInt8])
            #expect(document.contains("<w:p><w:r></w:r><w:r><w:t>Chủ tịch</w:t></w:r></w:p>"))
            #expect(!document.contains("<w:drawing") && !document.contains("Fallback") && !document.contains("rId9"))
        }
    }

    @Test("DOCX: an anchored picture with a VML fallback keeps its anchor, loses the fallback and every tag text")
    func wordAnchoredPictureReplaced() throws {
        let package = PackageBuilder.docx(body: Self.wordAnchoredPicture(), relationships: Self.wordRelationship, media: ["word/media/mau.png": Self.placeholder])
        let output: [UInt8] = try CompiledTemplate(bytes: package).render(["chu_ky": .image(Self.signature)])
        let document = try PackageBuilder.entry("word/document.xml", of: output)
        #expect(document.contains("<w:p><w:r><w:drawing><wp:anchor "))
        #expect(document.contains("<wp:posOffset>791845</wp:posOffset>"))
        #expect(document.contains("<wp:extent cx=\"1828800\" cy=\"914400\"/>"))
        #expect(document.contains("<wp:docPr id=\"2\" name=\"chu_ky\" title=\"chu_ky\"/>"))
        #expect(document.contains("<pic:cNvPr id=\"0\" name=\"chu_ky\" descr=\"\"/>"))
        #expect(document.contains("<a:blip r:embed=\"rIdVanBan1\"/>"))
        #expect(!document.contains("AlternateContent") && !document.contains("imagedata") && !document.contains("{{"))
    }

    @Test("an image tag typed in the text is a template problem")
    func imageTagInText() {
        #expect(throws: TemplateError.self) { try CompiledTemplate(bytes: PackageBuilder.odt(body: Markup.op("{{%chu_ky}}"))) }
    }

    @Test("image sizes are read from PNG, JPEG and GIF headers")
    func imageInfo() {
        #expect(ImageInfo(Self.signature) == ImageInfo(width: 40, height: 20, mediaType: "image/png", fileExtension: "png"))
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x30, 0x00, 0x50, 0x03]
        #expect(ImageInfo(jpeg)?.width == 80)
        #expect(ImageInfo(jpeg)?.height == 48)
        let gif: [UInt8] = Array("GIF89a".utf8) + [0x0A, 0x00, 0x05, 0x00]
        #expect(ImageInfo(gif)?.width == 10)
    }

    @Test("DOCX: any drawing repeated by a loop gets a fresh id above every id in the template")
    func ordinaryDrawingInLoop() throws {
        let body = Markup.p("{{#a}}") + Self.wordPicture(name: "Logo", id: 41) + Markup.p("{{/a}}")
        let package = PackageBuilder.docx(body: body, relationships: Self.wordRelationship, media: ["word/media/mau.png": Self.placeholder])
        let output: [UInt8] = try CompiledTemplate(bytes: package).render(["a": [1, 2, 3]])
        let document = try PackageBuilder.entry("word/document.xml", of: output)
        for id in 42...44 { #expect(document.contains("<wp:docPr id=\"\(id)\" name=\"Logo\"")) }
        #expect(!document.contains("id=\"41\""))
    }
}
