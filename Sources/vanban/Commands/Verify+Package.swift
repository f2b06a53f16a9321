import Archive
import ArgumentParser
import Foundation
import OfficeZip
import Signing
import X509

extension Verify {
    /// Whether `file` is an archive package, told by content like the other formats: a zip whose first entry is
    /// not an OpenDocument's `mimetype` (an ODT is a zip too). The package is read in a streaming way, not loaded.
    static func isPackage(_ file: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: file) else { return false }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 38)) ?? Data())
        guard head.count == 38, head.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return false }
        let nameLength = Int(head[26]) | Int(head[27]) << 8
        return !(nameLength == 8 && head[30...].elementsEqual("mimetype".utf8))
    }

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
