import Foundation
import Signing
import X509

extension Verify {
    /// The report of the verifier for the file's format, told by its first bytes: a PDF header, or a zip package
    /// (an OpenDocument text). A file that is neither, or that its verifier cannot read, is unusable (exit 2).
    static func report(on bytes: [UInt8], file: String, trustAnchors: [Certificate], expectedSHA256: [UInt8]?) async throws -> VerificationReport {
        do {
            if bytes.prefix(1024).firstRange(of: Array("%PDF-".utf8)) != nil {
                return try await PDFSignatureVerifier.verify(pdf: bytes, trustAnchors: trustAnchors, expectedSHA256: expectedSHA256)
                    .verificationReport(file: file)
            }
            if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
                return try await ODFSignatureVerifier.verify(odt: bytes, trustAnchors: trustAnchors, expectedSHA256: expectedSHA256)
                    .verificationReport(file: file)
            }
        } catch let error as PDFError {
            throw CommandFailure("\(file): không kiểm tra được. \(error)", exitCode: VerificationReport.unusableInputExitCode)
        } catch let error as ODFSignatureError {
            throw CommandFailure("\(file): không kiểm tra được. \(error)", exitCode: VerificationReport.unusableInputExitCode)
        }
        throw CommandFailure("\(file): không kiểm tra được. Tệp không phải PDF hay văn bản OpenDocument (.odt).",
                             exitCode: VerificationReport.unusableInputExitCode)
    }
}
