import Foundation
import Signing
import Testing

@Suite struct PAdESTests {
    @Test func signerThenBodyAreBothValid() async throws {
        let signed = try await Fixtures.twiceSigned()
        try Data(signed).write(to: URL(fileURLWithPath: "/tmp/vanban-two.pdf"))
        try Fixtures.parties.authority.certificate.pemString().write(toFile: "/tmp/vanban-ca.pem", atomically: true, encoding: .utf8)
        let report = try await PDFSignatureVerifier.verify(pdf: signed, trustAnchors: [Fixtures.parties.authority.certificate])
        print(report.verificationReport(file: "two.pdf").text)
        #expect(report.isValid)
        #expect(report.signatures.count == 2)
    }
}
