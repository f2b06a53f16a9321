import Documents
import Foundation
import Signing
import Templating
import TestSupport

/// Shared material for the signing tests: one test authority with a signer and a body, made once per run (RSA
/// key generation takes a while), and a small handwritten PDF.
enum Fixtures {
    struct Parties: Sendable {
        let authority: TestAuthority
        let signer: KeySigner
        let body: KeySigner
    }

    static let parties: Parties = {
        let authority = try! TestAuthority(name: "CA thử nghiệm VanBan")
        let signer = try! authority.issue(to: .init(commonName: "Nguyễn Văn A, Chủ tịch UBND xã Gia Cát",
                                                    organization: "Ủy ban nhân dân xã Gia Cát", province: "Tây Ninh"))
        let body = try! authority.issue(to: .init(commonName: "Ủy ban nhân dân xã Gia Cát", organization: "Ủy ban nhân dân xã Gia Cát",
                                                  province: "Tây Ninh"))
        return Parties(authority: authority, signer: signer, body: body)
    }()

    /// A one-page PDF with a classic xref table, written by hand with exact offsets.
    static func handwrittenPDF(text: String = "Quyet dinh so 05/QD-UBND") -> [UInt8] { TestPDF.handwritten(text: text) }

    static let signingTime = Date(timeIntervalSince1970: 1_755_163_905)

    /// The handwritten PDF signed by the signer, then by the body.
    static func twiceSigned(_ pdf: [UInt8] = handwrittenPDF()) async throws -> [UInt8] {
        let first = try await PAdES.sign(pdf: pdf, signer: parties.signer,
                                         info: .init(time: signingTime, reason: "Ký ban hành", location: "Xã Gia Cát"))
        return try await PAdES.sign(pdf: first, signer: parties.body,
                                    info: .init(time: signingTime.addingTimeInterval(60), reason: "Văn thư đóng dấu", location: "Xã Gia Cát"))
    }

    /// The sample founding decision of Gia Cát (samples/gia-cat-to.json) rendered as ODT, as `vanban demo` does.
    static let decisionODT: [UInt8] = {
        let sample = try! Data(contentsOf: repositoryRoot.appendingPathComponent("samples/gia-cat-to.json"))
        let document = try! CommuneTeamsFoundingDecision().documents(from: sample, context: DocumentContext())[0]
        let template = try! Data(contentsOf: repositoryRoot.appendingPathComponent("templates/quyet-dinh-thanh-lap-cac-to.odt"))
        return try! CompiledTemplate(bytes: [UInt8](template)).render(document.values)
    }()

    /// The decision ODT signed by the signer, then by the body.
    static func twiceSignedODT(_ odt: [UInt8] = decisionODT) async throws -> [UInt8] {
        let first = try await ODFSignature.sign(odt: odt, signer: parties.signer, info: .init(time: signingTime))
        return try await ODFSignature.sign(odt: first, signer: parties.body, info: .init(time: signingTime.addingTimeInterval(60)))
    }
}
