import Crypto
import Foundation
import Signing
import Testing

@Suite struct CMSTests {
    @Test func roundTripIsValidAndCarriesTheChain() async throws {
        let digest = SHA256.hash(data: Array("Quyết định số 05/QĐ-UBND".utf8))
        let cms = try CMSSignature(der: try await CMSSigner.sign(contentDigest: digest, signer: Fixtures.parties.signer))
        #expect(cms.problems(contentDigest: digest).isEmpty)
        #expect(cms.signerCertificate == Fixtures.parties.signer.certificate)
        #expect(Set(cms.certificates) == Set([Fixtures.parties.signer.certificate, Fixtures.parties.authority.certificate]))
        #expect(!cms.hasSigningTime)
    }

    @Test func otherContentIsADigestMismatch() async throws {
        let digest = SHA256.hash(data: Array("bản gốc".utf8))
        let cms = try CMSSignature(der: try await CMSSigner.sign(contentDigest: digest, signer: Fixtures.parties.body))
        #expect(cms.problems(contentDigest: SHA256.hash(data: Array("bản sửa".utf8))) == [.digestMismatch])
    }

    @Test func zeroPaddingIsAllowedAnythingElseIsNot() async throws {
        let digest = SHA256.hash(data: [1, 2, 3])
        let der = try await CMSSigner.sign(contentDigest: digest, signer: Fixtures.parties.body)
        #expect(try CMSSignature(der: der + [0, 0, 0]).problems(contentDigest: digest).isEmpty)
        #expect(throws: DERStructureError.self) { try CMSSignature(der: der + [0, 1]) }
    }
}
