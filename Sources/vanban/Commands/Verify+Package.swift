import Archive
import ArgumentParser
import Foundation
import OfficeZip
import Signing
import X509

extension Verify {
    /// Whether `file` names an archive package (`vanban export` writes `.zip`).
    static func isPackage(_ file: String) -> Bool { file.lowercased().hasSuffix(".zip") }

    /// Checks an archive package, prints its report and exits 0 (valid), 1 (invalid) or 2 (not a readable package).
    static func verifyPackage(_ file: String, trustAnchors: [Certificate], sha256: String?) async throws {
        guard sha256 == nil else {
            throw CommandFailure("--sha256 chỉ dùng cho một tệp PDF: gói lưu trữ ghi SHA-256 của từng tệp trong METS.xml.",
                                 exitCode: VerificationReport.unusableInputExitCode)
        }
        let report: VerificationReport
        do {
            report = try await ArchivePackageVerifier.verify(package: URL(fileURLWithPath: file), trustAnchors: trustAnchors)
        } catch {
            throw CommandFailure("\(file): không kiểm tra được gói lưu trữ. \(error)", exitCode: VerificationReport.unusableInputExitCode)
        }
        print(report.text)
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}
