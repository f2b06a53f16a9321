import Foundation
import Signing

/// The timing loop `bench pades` and `bench odf-signature` share: a test authority with a signer and a body, three
/// warm-up rounds, then N rounds of signing twice and verifying, as medians.
struct SignatureBenchRounds {
    let authority: TestAuthority
    let signer: KeySigner
    let body: KeySigner

    init() throws {
        authority = try TestAuthority(name: "CA thử nghiệm VanBan")
        signer = try authority.issue(to: .init(commonName: "Đặng Đức Sơn, Chủ tịch UBND xã Gia Cát", organization: "Ủy ban nhân dân xã Gia Cát"))
        body = try authority.issue(to: .init(commonName: "Ủy ban nhân dân xã Gia Cát", organization: "Ủy ban nhân dân xã Gia Cát"))
    }

    /// Median milliseconds of `signTwice` and of `verify` over `count` rounds, and the size of the last signed file;
    /// a report that is not valid stops the bench with its text.
    func run(count: Int, signTwice: () async throws -> [UInt8],
             verify: ([UInt8]) async throws -> VerificationReport) async throws -> (sign: Double, verify: Double, size: Int) {
        var signing: [Double] = [], verifying: [Double] = []
        var size = 0
        for round in 0..<(count + 3) {
            let start = ContinuousClock.now
            let signed = try await signTwice()
            let middle = ContinuousClock.now
            let report = try await verify(signed)
            let end = ContinuousClock.now
            guard report.isValid else { throw CommandFailure(report.text) }
            size = signed.count
            if round >= 3 {  // three warm-up rounds
                signing.append((middle - start).milliseconds)
                verifying.append((end - middle).milliseconds)
            }
        }
        return (signing.sorted()[signing.count / 2], verifying.sorted()[verifying.count / 2], size)
    }
}
