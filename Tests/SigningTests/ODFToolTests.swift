import Foundation
import OfficeZip
import Signing
import Testing
import TestSupport

/// Other implementations agree with VanBan's ODF signatures: xmlsec1 verifies each one, LibreOffice calls them valid
/// with the test CA trusted.
@Suite struct ODFToolTests {
    /// The package's entries written out as files, the signatures file copied beside them so that the relative
    /// Reference URIs (`content.xml`, `META-INF/manifest.xml`) name the files from xmlsec1's working folder.
    static func extract(_ odt: [UInt8], into folder: URL) throws {
        let archive = try ZipArchive(bytes: odt)
        for entry in archive.entries where !entry.isDirectory {
            let file = folder.appendingPathComponent(entry.name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(try archive.contents(of: entry)).write(to: file)
        }
        try FileManager.default.copyItem(at: folder.appendingPathComponent("META-INF/documentsignatures.xml"),
                                         to: folder.appendingPathComponent("documentsignatures.xml"))
    }

    static func signatureIDs(_ odt: [UInt8]) throws -> [String] {
        let archive = try ZipArchive(bytes: odt)
        let xml = String(decoding: try archive.contents(of: archive.entry(named: "META-INF/documentsignatures.xml")!), as: UTF8.self)
        return xml.components(separatedBy: "<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\" Id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    /// xmlsec1's verdict on the signature with `id`: the Id attributes must be declared as IDs (xmlsec1 finds
    /// neither the XAdES one nor, for --node-id, the Signature's by itself); the certificate chain is checked against the test CA.
    static func xmlsec1(_ id: String, in folder: URL) throws -> (status: Int32, output: String) {
        try Tools.run("xmlsec1", ["--verify", "--trusted-pem", "ca.pem", "--id-attr:Id", "http://uri.etsi.org/01903/v1.3.2#:SignedProperties",
                                  "--id-attr:Id", "http://www.w3.org/2000/09/xmldsig#:Signature", "--node-id", id, "documentsignatures.xml"], in: folder, withErrors: true)
    }

    @Test(.enabled(if: Tools.shouldRun("xmlsec1"))) func xmlsec1VerifiesEachSignature() async throws {
        let folder = try Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let signed = try await Fixtures.twiceSignedODT()
        try Self.extract(signed, into: folder)
        try Fixtures.parties.authority.certificate.pemString().write(to: folder.appendingPathComponent("ca.pem"), atomically: true, encoding: .utf8)
        let ids = try Self.signatureIDs(signed)
        #expect(ids.count == 2)
        for id in ids {
            let result = try Self.xmlsec1(id, in: folder)
            #expect(result.status == 0 && result.output.hasPrefix("OK"), "\(id): \(result.output)")
        }
        // A changed stream is caught by xmlsec1 too, so the command line really checks the package's files.
        try Data("<thay-doi>nội dung khác</thay-doi>".utf8).write(to: folder.appendingPathComponent("content.xml"))
        let broken = try Self.xmlsec1(ids[0], in: folder)
        #expect(broken.status != 0 && broken.output.contains("FAIL"), "\(broken.output)")
    }

    /// xmlsec1 only checks the References that are there: an entry added after signing passes it, and VanBan's own
    /// completeness check is what catches it.
    @Test(.enabled(if: Tools.shouldRun("xmlsec1"))) func anEntryAddedAfterSigningPassesXmlsec1ButNotVanBan() async throws {
        let folder = try Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let signed = try await Fixtures.twiceSignedODT()
        let tampered = try ODFTampering.adding("Scripts/macro.xml", Array("<script>xóa dữ liệu</script>".utf8), to: signed)
        try Self.extract(tampered, into: folder)
        try Fixtures.parties.authority.certificate.pemString().write(to: folder.appendingPathComponent("ca.pem"), atomically: true, encoding: .utf8)
        for id in try Self.signatureIDs(tampered) {
            let result = try Self.xmlsec1(id, in: folder)
            #expect(result.status == 0 && result.output.hasPrefix("OK"), "\(result.output)")
        }
        let report = try await ODFSignatureVerifier.verify(odt: tampered, trustAnchors: [Fixtures.parties.authority.certificate])
        #expect(!report.isValid)
        #expect(report.signatures.allSatisfy { $0.problems == ["Chữ ký không phủ 1 mục của gói: Scripts/macro.xml (mục được thêm hoặc đổi tên sau khi ký)."] })
    }

    static var libreOfficeCanRun: Bool {
        (LibreOffice.poolIsAvailable && LibreOffice.executable("certutil") != nil) || LibreOffice.isCI
    }

    /// LibreOffice, given an NSS database that trusts the test CA, finds both signatures valid, covering the whole
    /// document, with a valid certificate; after a change to content.xml it finds them broken.
    @Test(.enabled(if: libreOfficeCanRun)) func libreOfficeAcceptsBothSignatures() async throws {
        let folder = try Tools.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let nss = folder.appendingPathComponent("nss")
        try FileManager.default.createDirectory(at: nss, withIntermediateDirectories: true)
        let ca = folder.appendingPathComponent("ca.pem")
        try Fixtures.parties.authority.certificate.pemString().write(to: ca, atomically: true, encoding: .utf8)
        #expect(try Tools.run("certutil", ["-N", "-d", "sql:\(nss.path)", "--empty-password"]).status == 0)
        #expect(try Tools.run("certutil", ["-A", "-d", "sql:\(nss.path)", "-n", "vanban-test-ca", "-t", "CT,C,C", "-i", ca.path]).status == 0)

        let signed = try await Fixtures.twiceSignedODT()
        let states = try Self.libreOfficeStates(of: signed, folder: folder, nss: nss)
        #expect(states.count == 2, "\(states)")
        for state in states {
            #expect(state.valid && !state.partial && state.certificateStatus == 0, "\(states)")
        }
        #expect(states.first?.signer.contains("Nguyễn Văn A") == true, "\(states)")

        let tampered = try ODFTampering.replacing("content.xml", with: {
            Array(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "Gia Cát", with: "Gia Cat").utf8)
        }, in: signed)
        let broken = try Self.libreOfficeStates(of: tampered, folder: folder, nss: nss)
        #expect(broken.count == 2 && broken.allSatisfy { !$0.valid }, "\(broken)")
    }

    struct State: Decodable, CustomStringConvertible {
        let signer: String
        let valid: Bool
        let partial: Bool
        let certificateStatus: Int

        enum CodingKeys: String, CodingKey {
            case signer, valid, partial
            case certificateStatus = "certificate_status"
        }

        var description: String { "\(signer): valid \(valid), partial \(partial), certificate \(certificateStatus)" }
    }

    static func libreOfficeStates(of odt: [UInt8], folder: URL, nss: URL) throws -> [State] {
        let file = folder.appendingPathComponent("qd-\(UUID().uuidString).odt")
        try Data(odt).write(to: file)
        let profile = folder.appendingPathComponent("profile-\(UUID().uuidString)")
        let result = try Tools.run("/usr/bin/python3", [repositoryRoot.appendingPathComponent("scripts/odf-signature-state.py").path, file.path, profile.path],
                                   environment: ["MOZILLA_CERTIFICATE_FOLDER": "sql:\(nss.path)", "HOME": folder.path])
        #expect(result.status == 0, "odf-signature-state.py exited with \(result.status): \(result.output)")
        return try result.output.split(separator: "\n").map { try JSONDecoder().decode(State.self, from: Data($0.utf8)) }
    }
}

/// Changes to a signed package, made the way an attacker (or a careless tool) would: entries added, replaced,
/// removed or renamed, every other entry copied as it was.
enum ODFTampering {
    static func rewriting(_ odt: [UInt8], _ change: (ZipEntry, ZipArchive, inout ZipWriter) throws -> Bool) throws -> [UInt8] {
        let archive = try ZipArchive(bytes: odt)
        var writer = ZipWriter()
        for entry in archive.entries where try !change(entry, archive, &writer) {
            writer.addCopy(of: entry, from: archive)
        }
        return writer.finish()
    }

    static func adding(_ name: String, _ bytes: [UInt8], to odt: [UInt8]) throws -> [UInt8] {
        let archive = try ZipArchive(bytes: odt)
        var writer = ZipWriter()
        for entry in archive.entries { writer.addCopy(of: entry, from: archive) }
        writer.addDeflated(name: name, bytes: bytes)
        return writer.finish()
    }

    static func replacing(_ name: String, with change: ([UInt8]) -> [UInt8], in odt: [UInt8]) throws -> [UInt8] {
        try rewriting(odt) { entry, archive, writer in
            guard entry.name == name else { return false }
            writer.addDeflated(name: name, bytes: change(try archive.contents(of: entry)))
            return true
        }
    }

    static func removing(_ name: String, from odt: [UInt8]) throws -> [UInt8] {
        try rewriting(odt) { entry, _, _ in entry.name == name }
    }

    static func renaming(_ name: String, to newName: String, in odt: [UInt8]) throws -> [UInt8] {
        try rewriting(odt) { entry, archive, writer in
            guard entry.name == name else { return false }
            writer.addDeflated(name: newName, bytes: try archive.contents(of: entry))
            return true
        }
    }
}
