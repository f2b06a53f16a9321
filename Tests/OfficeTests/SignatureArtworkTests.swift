import Documents
import Domain
import Foundation
@testable import Office
@testable import Storage
import Templating
import TestSupport
import Testing
import VietnameseText

/// The signature block of a signed version: the signer's signature and the commune's seal from the artwork folder,
/// and the stamp text with the number and the instant of signing. Drafts and communes without artwork have none.
@Suite("Office: signature, seal and stamp text at signing")
struct SignatureArtworkTests {
    static let artworkFolder = repositoryRoot.appendingPathComponent("samples/artwork")
    static let signatureFile = artworkFolder.appendingPathComponent("gia-cat/signatures/chutich.png")
    static let sealFile = artworkFolder.appendingPathComponent("gia-cat/seal.png")
    static let chairman = UserRecord(id: "chutich", fullName: "Đặng Đức Sơn", title: "Chủ tịch", communeID: "gia-cat", roles: [.approver])
    static let signedAt = ISO8601DateFormatter().date(from: "2025-08-14T16:31:45+07:00")!
    static let stamp = "ỦY BAN NHÂN DÂN XÃ GIA CÁT Số: 07/QĐ-UBND Thời gian ký: 2025-08-14T16:31:45+07:00"

    static func finisher(artwork: (any ArtworkSource)?) -> KindFinisher {
        KindFinisher(templatesDirectory: repositoryRoot.appendingPathComponent("templates"),
                     context: DocumentContext(policies: try! TeamPolicy.loadAll(directory: repositoryRoot.appendingPathComponent("policies"))),
                     artwork: artwork)
    }

    /// The commune's founding decision (`kind`), prepared for signing in `format`.
    static func prepared(_ finisher: KindFinisher, kind: String = "quyet-dinh-thanh-lap-cac-to", format: DocumentFormat,
                         commune: String = "gia-cat") throws -> any PreparedVersion {
        let kind = try #require(DocumentKinds.named(kind))
        let document = DocumentRecord(
            id: 1, communeID: commune, kind: kind.id, typeCode: kind.typeCode, title: kind.title, workflowID: "w",
            workflowVersion: 1, state: "approved", revision: 3, authorID: "canbo", createdAt: "", updatedAt: "", dueOn: nil, replacesID: nil)
        let version = VersionRecord(
            id: 1, documentID: 1, sequence: 1, format: format.rawValue, data: try Data(contentsOf: repositoryRoot.appendingPathComponent(kind.sample)),
            bytes: Data(), sha256: "draft", authorID: "canbo", createdAt: "", isFinal: false)
        return finisher.prepare(document, version: version)
    }

    static func issue(by signer: UserRecord = chairman) -> Storage.Issue {
        Storage.Issue(number: 7, notation: "07/QĐ-UBND", date: VietnamTime.date(of: signedAt), signer: signer, at: signedAt)
    }

    @Test("ODT: both pictures in their anchored frames, listed in the manifest, with the files' own bytes; the stamp text")
    func signedODT() throws {
        let final = try Self.prepared(Self.finisher(artwork: ArtworkFolder(folder: Self.artworkFolder)), format: .odt).final(issue: Self.issue())
        let bytes = [UInt8](final.version.bytes)
        let content = try PackageEntries.text("content.xml", of: bytes)
        #expect(content.contains(#"draw:name="chu_ky_"#))
        #expect(content.contains(#"<draw:image xlink:href="Pictures/vanban-image1.png""#))
        #expect(content.contains(#"draw:name="con_dau_"#))
        #expect(content.contains(#"<draw:image xlink:href="Pictures/vanban-image2.png""#))
        #expect(content.components(separatedBy: #"text:anchor-type="paragraph""#).count - 1 == 2)
        #expect(!content.contains("{{"))
        let manifest = try PackageEntries.text("META-INF/manifest.xml", of: bytes)
        for number in 1...2 {
            #expect(manifest.contains(#"<manifest:file-entry manifest:full-path="Pictures/vanban-image\#(number).png" manifest:media-type="image/png"/>"#))
        }
        #expect(try PackageEntries.bytes("Pictures/vanban-image1.png", of: bytes) == [UInt8](try Data(contentsOf: Self.signatureFile)))
        #expect(try PackageEntries.bytes("Pictures/vanban-image2.png", of: bytes) == [UInt8](try Data(contentsOf: Self.sealFile)))
        #expect(try DocumentText.of(bytes).contains(Self.stamp + " Đặng Đức Sơn"))
        // The stamp's paragraph style: Times New Roman 10, black.
        let styles = try PackageEntries.text("styles.xml", of: bytes)
        let stampStyle = try #require(styles.range(of: #"<style:style style:name="SignStamp""#).map { styles[$0.lowerBound...].prefix(700) })
        #expect(stampStyle.contains(#"fo:font-size="10pt""#) && stampStyle.contains(##"fo:color="#000000""##)
                && stampStyle.contains(#"style:font-name-complex="Times New Roman""#))
    }

    @Test("DOCX: both pictures as drawings with new relationships, content type and media files, no VML fallback; the stamp text")
    func signedDOCX() throws {
        let final = try Self.prepared(Self.finisher(artwork: ArtworkFolder(folder: Self.artworkFolder)), format: .docx).final(issue: Self.issue())
        let bytes = [UInt8](final.version.bytes)
        let document = try PackageEntries.text("word/document.xml", of: bytes)
        #expect(document.contains(#"<wp:docPr id=""#) && document.contains(#"name="chu_ky""#) && document.contains(#"name="con_dau""#))
        #expect(document.contains(#"<a:blip r:embed="rIdVanBan1""#) && document.contains(#"<a:blip r:embed="rIdVanBan2""#))
        #expect(document.components(separatedBy: "<wp:anchor ").count - 1 == 2)
        #expect(!document.contains("mc:Fallback") && !document.contains("<v:imagedata"))
        #expect(!document.contains("{{"))
        let relationships = try PackageEntries.text("word/_rels/document.xml.rels", of: bytes)
        #expect(relationships.contains(#"<Relationship Id="rIdVanBan1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/vanban-image1.png"/>"#))
        #expect(relationships.contains(#"Id="rIdVanBan2""#))
        #expect(try PackageEntries.text("[Content_Types].xml", of: bytes).contains(#"Extension="png" ContentType="image/png""#))
        #expect(try PackageEntries.bytes("word/media/vanban-image1.png", of: bytes) == [UInt8](try Data(contentsOf: Self.signatureFile)))
        #expect(try PackageEntries.bytes("word/media/vanban-image2.png", of: bytes) == [UInt8](try Data(contentsOf: Self.sealFile)))
        #expect(try DocumentText.of(bytes).contains(Self.stamp + " Đặng Đức Sơn"))
        let styles = try PackageEntries.text("word/styles.xml", of: bytes)
        let stampStyle = try #require(styles.range(of: #"w:styleId="SignStamp""#).map { styles[$0.lowerBound...].prefix(900) })
        #expect(stampStyle.contains(#"<w:sz w:val="20"/>"#) && stampStyle.contains(#"<w:color w:val="000000"/>"#))
    }

    @Test("every kind, ODT and DOCX: the draft has no picture and no stamp; signed, it has both pictures and the stamp",
          arguments: DocumentKinds.all.map(\.id), [DocumentFormat.odt, .docx])
    func everyTemplate(_ kindID: String, _ format: DocumentFormat) throws {
        let kind = try #require(DocumentKinds.named(kindID))
        let finisher = Self.finisher(artwork: ArtworkFolder(folder: Self.artworkFolder))
        let draft = try finisher.render(kind, data: try SigningFastPathTests.sampleData(kind), format: format).0
        let draftBytes = [UInt8](draft.bytes)
        #expect(try PackageEntries.names(of: draftBytes).filter { $0.contains("vanban-image") }.isEmpty)
        #expect(try !DocumentText.of(draftBytes).contains("Thời gian ký"))
        let main = format == .odt ? "content.xml" : "word/document.xml"
        for placeholder in ["chu_ky", "con_dau", "{{"] { #expect(try !PackageEntries.text(main, of: draftBytes).contains(placeholder), "\(placeholder)") }

        let signed = try SigningFastPathTests.prepared(kind, format: format, finisher: finisher).final(issue: Self.issue())
        let bytes = [UInt8](signed.version.bytes)
        #expect(try PackageEntries.names(of: bytes).filter { $0.contains("vanban-image") }.count == 2)
        let text = try DocumentText.of(bytes)
        #expect(text.contains("Thời gian ký: 2025-08-14T16:31:45+07:00 Đặng Đức Sơn"))
        #expect(text.contains("/\(kind.typeCode)-"))
    }

    @Test("a commune without artwork, and a signer without a signature: the signed version has the stamp and only what is on file")
    func withoutArtwork() throws {
        for format in [DocumentFormat.odt, .docx] {
            let none = try Self.prepared(Self.finisher(artwork: ArtworkFolder(folder: Self.artworkFolder)), format: format, commune: "yen-hoa")
                .final(issue: Self.issue())
            let bytes = [UInt8](none.version.bytes)
            #expect(try PackageEntries.names(of: bytes).filter { $0.contains("vanban-image") }.isEmpty)
            #expect(try DocumentText.of(bytes).contains(Self.stamp))
            let unset = try Self.prepared(Self.finisher(artwork: nil), format: format).final(issue: Self.issue())
            #expect(unset.version.bytes == none.version.bytes)

            let deputy = UserRecord(id: "phochutich", fullName: "Hoàng Văn Minh", title: "Phó Chủ tịch", communeID: "gia-cat", roles: [.approver])
            let sealOnly = try Self.prepared(Self.finisher(artwork: ArtworkFolder(folder: Self.artworkFolder)), format: format)
                .final(issue: Self.issue(by: deputy))
            let sealBytes = [UInt8](sealOnly.version.bytes)
            let media = try PackageEntries.names(of: sealBytes).filter { $0.contains("vanban-image") }
            #expect(media.count == 1)
            #expect(try PackageEntries.bytes(try #require(media.first), of: sealBytes) == [UInt8](try Data(contentsOf: Self.sealFile)))
        }
    }

    @Test("the signed version's data records the instant of signing, so rendering it again gives the same stamp")
    func dataKeepsTheInstant() throws {
        let final = try Self.prepared(Self.finisher(artwork: nil), format: .odt).final(issue: Self.issue())
        let object = try #require(try JSONSerialization.jsonObject(with: final.version.data) as? [String: Any])
        #expect((object["van_ban"] as? [String: Any])?["thoi_gian_ky"] as? String == "2025-08-14T16:31:45+07:00")
    }

    @Test("LibreOffice prints both pictures at actual size (38 mm seal: 449 pixels at 300 ppi), with their masks, and the stamp; the draft none",
          .enabled(if: LibreOffice.shouldRun, "LibreOffice or poppler-utils is not installed (scripts/install-deps.sh installs them)"))
    func printed() throws {
        let finisher = Self.finisher(artwork: ArtworkFolder(folder: Self.artworkFolder))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-artwork-print-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [URL] = []
        for format in [DocumentFormat.odt, .docx] {
            let prepared = try Self.prepared(finisher, format: format)
            let signed = try prepared.final(issue: Self.issue())
            let draft = try finisher.render(try #require(DocumentKinds.named("quyet-dinh-thanh-lap-cac-to")),
                                            data: try Data(contentsOf: repositoryRoot.appendingPathComponent("samples/gia-cat-to.json")), format: format).0
            for (name, bytes) in [("ky", signed.version.bytes), ("nhap", draft.bytes)] {
                let file = folder.appendingPathComponent("\(name)-\(format.rawValue).\(format.rawValue)")
                try bytes.write(to: file)
                files.append(file)
            }
        }
        let pdfs = try LibreOffice.convert(files, to: "pdf", into: folder)
        for pdf in pdfs {
            let images = try Self.pdfImages(pdf)
            let text = try toolOutput("pdftotext", [pdf.path, "-"])
            if pdf.lastPathComponent.hasPrefix("nhap") {
                #expect(images.isEmpty, "\(pdf.lastPathComponent)")
                #expect(!DocumentText.collapsed(text).contains("Thời gian ký"))
            } else {
                // type, width, height, x-ppi of each image: the seal and the signature, each with its transparency mask.
                #expect(images.filter { $0[0] == "image" }.map { $0[1] + "x" + $0[2] }.sorted() == ["449x449", "472x189"], "\(images)")
                #expect(images.filter { $0[0] == "smask" }.count == 2)
                #expect(images.allSatisfy { (299...301).contains(Int($0[3]) ?? 0) }, "\(images)")
                #expect(DocumentText.collapsed(text).contains(Self.stamp), "\(pdf.lastPathComponent)")
            }
        }
    }

    /// `pdfimages -list`: type, width, height and horizontal ppi of every image.
    static func pdfImages(_ pdf: URL) throws -> [[String]] {
        try toolOutput("pdfimages", ["-list", pdf.path]).split(separator: "\n").dropFirst(2).map { line in
            let columns = line.split(separator: " ").map(String.init)
            return [columns[2], columns[3], columns[4], columns[12]]
        }
    }
}
