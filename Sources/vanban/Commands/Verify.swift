import ArgumentParser
import Foundation
import Signing
import X509

/// `vanban verify`: checks the signatures of a signed original and prints a report in Vietnamese.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check every signature of a signed PDF or ODT, or a whole archive package: integrity, whole-file coverage, the chain to a trust anchor.",
        discussion: "The format is read from the content, not the name: a PDF, an ODT, or a package written by `vanban export` (every file against its SHA-256 in METS.xml, every PDF's signatures). Exit code 0: valid; 1: invalid (the report says why); 2: the file cannot be checked (not one of these, unreadable)."
    )

    @Argument(help: "The signed file (.pdf or .odt) or an archive package (.zip).")
    var file: String

    @Option(help: "The trusted root certificate(s), PEM (vanban keys demo writes ca.pem).")
    var trust: String

    @Option(help: "The SHA-256 recorded at signing (64 hex digits): the file must be exactly that version.")
    var sha256: String?

    func run() async throws {
        do {
            let expected = try sha256.map(Self.parseHex)
            let anchors: [Certificate]
            do {
                anchors = try KeySigner.certificates(pem: String(decoding: try CommandIO.read(trust), as: UTF8.self))
            } catch let error as KeyError {
                throw CommandFailure("\(trust): \(error)", exitCode: VerificationReport.unusableInputExitCode)
            }
            if Self.isPackage(file) {
                try await Self.verifyPackage(file, trustAnchors: anchors, sha256: sha256)
                return
            }
            let bytes: [UInt8]
            do {
                bytes = try CommandIO.read(file)
            } catch let failure as CommandFailure {
                throw CommandFailure(failure.description, exitCode: VerificationReport.unusableInputExitCode)
            }
            let report = try await Self.report(on: bytes, file: file, trustAnchors: anchors, expectedSHA256: expected)
            print(report.text)
            if report.exitCode != 0 { throw ExitCode(report.exitCode) }
        } catch let failure as CommandFailure {
            CommandIO.note(failure.description)
            throw ExitCode(failure.exitCode)
        }
    }

    static func parseHex(_ text: String) throws -> [UInt8] {
        let digits = Array(text.lowercased().utf8)
        guard digits.count == 64, digits.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            throw CommandFailure("--sha256 phải là 64 chữ số hex, nhận được “\(text)”.", exitCode: VerificationReport.unusableInputExitCode)
        }
        return stride(from: 0, to: 64, by: 2).map { UInt8(String(decoding: digits[$0..<($0 + 2)], as: UTF8.self), radix: 16)! }
    }
}
