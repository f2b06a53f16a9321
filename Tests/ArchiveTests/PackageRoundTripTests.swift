import Archive
import Foundation
import OfficeZip
import Signing
import TestSupport
import Testing

@Suite("Archive package: writing and verifying")
struct PackageRoundTripTests {
    @Test("a package of three signed decisions verifies valid: every file listed, every signature good")
    func roundTrip() async throws {
        let folder = try Packages.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let items = [try await Packages.item(number: 1, day: 5), try await Packages.item(number: 2, day: 5), try await Packages.item(number: 3, day: 9)]
        let url = try await Packages.write(items, in: folder)
        let report = try await ArchivePackageVerifier.verify(package: url, trustAnchors: [Parties.authority.certificate])
        #expect(report.problems == [])
        #expect(report.isValid && report.exitCode == 0)
        #expect(report.items.map(\.title) == [
            "Văn bản 01/QĐ-UBND, chữ ký 1 (Signature1)", "Văn bản 01/QĐ-UBND, chữ ký 2 (Signature2)",
            "Văn bản 02/QĐ-UBND, chữ ký 1 (Signature1)", "Văn bản 02/QĐ-UBND, chữ ký 2 (Signature2)",
            "Văn bản 03/QĐ-UBND, chữ ký 1 (Signature1)", "Văn bản 03/QĐ-UBND, chữ ký 2 (Signature2)",
        ])
        #expect(report.text.hasSuffix("Kết luận: HỢP LỆ (6 chữ ký, tệp còn nguyên như lúc ký)."))
        #expect(try Packages.entries(of: url).map(\.name) == [
            "metadata/descriptive/00001-01-QD-UBND.xml", "metadata/preservation/history/00001-01-QD-UBND.xml",
            "representations/pdf/data/00001-01-QD-UBND.pdf", "representations/native/data/00001-01-QD-UBND.odt",
            "metadata/descriptive/00002-02-QD-UBND.xml", "metadata/preservation/history/00002-02-QD-UBND.xml",
            "representations/pdf/data/00002-02-QD-UBND.pdf", "representations/native/data/00002-02-QD-UBND.odt",
            "metadata/descriptive/00003-03-QD-UBND.xml", "metadata/preservation/history/00003-03-QD-UBND.xml",
            "representations/pdf/data/00003-03-QD-UBND.pdf", "representations/native/data/00003-03-QD-UBND.odt",
            "metadata/preservation/premis.xml", "METS.xml",
        ])
        // Nothing but the package is left in the folder: the temporary file was renamed.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["goi.zip"])
    }

    @Test("the metadata file holds the Decree 30 fields under their names, in NFC, escaped")
    func metadataFile() async throws {
        let folder = try Packages.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The subject arrives decomposed (NFD), as old keyboards send it.
        let decomposed = "Về việc thành lập Tổ Công nghệ số cộng đồng & <thôn> Kiến Mộc".decomposedStringWithCanonicalMapping
        let item = try await Packages.item(number: 5, day: 5, subject: decomposed)
        let url = try await Packages.write([item], in: folder)
        let metadata = try #require(try Packages.entries(of: url).first { $0.name == "metadata/descriptive/00001-05-QD-UBND.xml" })
        #expect(String(decoding: metadata.bytes, as: UTF8.self) == """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:vanban:archive:nd30-metadata:1">
              <FileCode>
                <OrganId>H36.01</OrganId>
                <FileCatalog>1</FileCatalog>
                <FileNotation>2026.VP.01</FileNotation>
              </FileCode>
              <DocOrdinal>1</DocOrdinal>
              <TypeName>Quyết định</TypeName>
              <CodeNumber>05</CodeNumber>
              <CodeNotation>QĐ-UBND</CodeNotation>
              <IssuedDate>2026-01-05</IssuedDate>
              <OrganName>Ủy ban nhân dân xã Gia Cát</OrganName>
              <Subject>Về việc thành lập Tổ Công nghệ số cộng đồng &amp; &lt;thôn&gt; Kiến Mộc</Subject>
              <Language>vi</Language>
              <PageAmount>2</PageAmount>
              <SignerInfo>
                <Position>Chủ tịch</Position>
                <FullName>Đặng Đức Sơn</FullName>
              </SignerInfo>
              <To>
                <OrganName>UBND tỉnh Tây Ninh</OrganName>
              </To>
              <To>
                <OrganId>H36.01.02</OrganId>
                <OrganName>Thôn Kiến Mộc</OrganName>
              </To>
              <SignedOriginal>
                <Path>representations/pdf/data/00001-05-QD-UBND.pdf</Path>
                <SHA256>\(item.signedPDFSHA256)</SHA256>
                <SignedAt>2026-01-05T10:15:00+07:00</SignedAt>
              </SignedOriginal>
            </Document>

            """)
        let nfc = Array("Về việc thành lập".precomposedStringWithCanonicalMapping.utf8)
        #expect(metadata.bytes.firstRange(of: nfc) != nil)
        #expect(metadata.bytes.firstRange(of: Array("Về việc".decomposedStringWithCanonicalMapping.utf8)) == nil)
    }

    @Test("METS lists every file with its size and SHA-256, and the documents in the order they came")
    func metsListsEverything() async throws {
        let folder = try Packages.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let items = [try await Packages.item(number: 7, day: 3), try await Packages.item(number: 2, day: 8)]
        let url = try await Packages.write(items, in: folder)
        let entries = try Packages.entries(of: url)
        let mets = String(decoding: try #require(entries.last { $0.name == "METS.xml" }).bytes, as: UTF8.self)
        for entry in entries where entry.name != "METS.xml" {
            #expect(mets.contains("xlink:href=\"\(entry.name)\""), "\(entry.name) is not in METS")
            #expect(mets.contains("SIZE=\"\(entry.bytes.count)\" CREATED=\"2026-01-05T15:00:00+07:00\" CHECKSUM=\"\(Packages.hex(entry.bytes))\" CHECKSUMTYPE=\"SHA-256\""))
        }
        #expect(mets.contains(#"OBJID="vanban-gia-cat-2026""#) && mets.contains(#"PROFILE="https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml""#))
        #expect(mets.contains(#"<structMap ID="structure" TYPE="PHYSICAL" LABEL="CSIP">"#))
        let order = ["ORDER=\"1\" LABEL=\"07/QĐ-UBND\"", "ORDER=\"2\" LABEL=\"02/QĐ-UBND\""].map { mets.range(of: $0)?.lowerBound }
        #expect(order[0] != nil && order[1] != nil && order[0]! < order[1]!)
        let premis = String(decoding: try #require(entries.first { $0.name == "metadata/preservation/premis.xml" }).bytes, as: UTF8.self)
        #expect(premis.contains("<eventType>digital signature generation</eventType>\n    <eventDateTime>2026-01-03T10:15:00+07:00</eventDateTime>"))
        #expect(premis.contains("<messageDigest>\(items[1].signedPDFSHA256)</messageDigest>"))
    }

    @Test("documents are taken one at a time: the next is asked for only after the previous one is written")
    func streamsItems() async throws {
        let folder = try Packages.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let template = try await Packages.item(number: 1, day: 1)
        var log: [String] = []
        var handed = 0
        try await ArchivePackageWriter(info: Packages.info).write(
            expectedCount: 3, to: folder.appendingPathComponent("goi.zip"), progress: { done, total in log.append("written \(done)/\(total)") }
        ) {
            guard handed < 3 else { return nil }
            handed += 1
            log.append("next \(handed)")
            var item = template
            item.notation = "0\(handed)/QĐ-UBND"
            return item
        }
        #expect(log == ["next 1", "written 1/3", "next 2", "written 2/3", "next 3", "written 3/3"])
    }

    @Test("an AsyncSequence of documents (a store query read page by page) feeds the writer the same way")
    func fromAsyncSequence() async throws {
        let folder = try Packages.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let items = [try await Packages.item(number: 1, day: 2), try await Packages.item(number: 2, day: 3)]
        let stream = AsyncStream<ArchiveItem> { continuation in
            for item in items { continuation.yield(item) }
            continuation.finish()
        }
        let url = folder.appendingPathComponent("goi.zip")
        let summary = try await ArchivePackageWriter(info: Packages.info).write(stream, expectedCount: 2, to: url)
        #expect(summary.documentCount == 2 && summary.fileCount == 10)
        #expect(summary.byteCount == (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int))
        #expect(try await ArchivePackageVerifier.verify(package: url, trustAnchors: [Parties.authority.certificate]).isValid)
    }

    @Test("documents out of chronological order stop the export, and nothing is left behind")
    func refusesDisorder() async throws {
        let folder = try Packages.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let items = [try await Packages.item(number: 4, day: 9), try await Packages.item(number: 5, day: 2)]
        await #expect(throws: ArchiveExportError.notChronological("05/QĐ-UBND", "2026-01-02", after: "04/QĐ-UBND", "2026-01-09")) {
            try await Packages.write(items, in: folder)
        }
        #expect(ArchiveExportError.notChronological("05/QĐ-UBND", "2026-01-02", after: "04/QĐ-UBND", "2026-01-09").description
                == "Văn bản 05/QĐ-UBND (ngày 2026-01-02) đến sau văn bản 04/QĐ-UBND (ngày 2026-01-09): gói lưu trữ phải theo thứ tự thời gian. Gói lưu trữ chưa được tạo.")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
    }

    @Test("a PDF that is not the one recorded at signing is refused, and an existing package is left as it was")
    func refusesChangedPDF() async throws {
        let folder = try Packages.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = try await Packages.write([try await Packages.item(number: 1, day: 1)], in: folder)
        let before = try Data(contentsOf: good)
        var item = try await Packages.item(number: 2, day: 2)
        item.signedPDF[100] ^= 0x20
        let actual = Packages.hex(item.signedPDF)
        await #expect(throws: ArchiveExportError.pdfNotAsSigned("02/QĐ-UBND", recorded: item.signedPDFSHA256, actual: actual)) {
            try await Packages.write([item], in: folder)
        }
        #expect(try Data(contentsOf: good) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["goi.zip"])
    }

    @Test("the package opens with unzip -t and Python's zipfile", .enabled(if: ExternalTools.shouldRun("unzip") && ExternalTools.shouldRun("python3")))
    func otherToolsOpenIt() async throws {
        let folder = try Packages.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try await Packages.write([try await Packages.item(number: 1, day: 1), try await Packages.item(number: 2, day: 2)], in: folder)
        #expect(try ExternalTools.run("unzip", ["-t", url.path]).status == 0)
        let python = try ExternalTools.run("python3", ["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip(), len(z.namelist()))", url.path])
        #expect(python.output == "None 10\n")
    }
}
