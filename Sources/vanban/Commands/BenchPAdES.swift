import ArgumentParser
import Conversion
import Documents
import Foundation
import Signing

/// `vanban bench pades`: the digital signatures of a signed decision, timed.
struct BenchPAdES: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pades",
        abstract: "Sign a two-page decision PDF twice (signer, then body) and verify it, N times; print the medians.",
        discussion: "The PDF is the sample founding decision printed by LibreOffice once (or --pdf FILE). Keys are RSA 2048, made by a test authority."
    )

    @Option(name: .shortAndLong, help: "How many rounds.")
    var count = 50

    @Option(help: "A PDF to sign instead of the sample decision.")
    var pdf: String?

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Option(help: "Keep the last signed PDF (signed.pdf) and the test authority's certificate (ca.pem) in this folder, for other validators.")
    var out: String?

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be at least 1.") }
    }

    func run() async throws {
        do {
            let document = if let pdf { try CommandIO.read(pdf) } else { try await Self.samplePDF() }
            let rounds = try SignatureBenchRounds()
            let (authority, signer, body) = (rounds.authority, rounds.signer, rounds.body)
            let (signMedian, verifyMedian, size) = try await rounds.run(count: count) {
                try await PAdES.sign(pdf: try await PAdES.sign(pdf: document, signer: signer, info: .init(time: Date(), reason: "Ký ban hành")),
                                     signer: body, info: .init(time: Date(), reason: "Văn thư đóng dấu"))
            } verify: { signed in
                try await PDFSignatureVerifier.verify(pdf: signed, trustAnchors: [authority.certificate]).verificationReport(file: "bench")
            }
            if let out {
                let signed = try await PAdES.sign(pdf: try await PAdES.sign(pdf: document, signer: signer, info: .init(time: Date(), reason: "Ký ban hành")),
                                                  signer: body, info: .init(time: Date(), reason: "Văn thư đóng dấu"))
                try CommandIO.write(signed, to: "\(out)/signed.pdf")
                try CommandIO.write(Array(try authority.certificate.pemString().utf8), to: "\(out)/ca.pem")
            }
            if json {
                print(String(format: "{\"rounds\": %d, \"pdf_kb\": %.1f, \"signed_kb\": %.1f, \"sign_twice_median_ms\": %.3f, \"verify_median_ms\": %.3f}",
                             count, Double(document.count) / 1024, Double(size) / 1024, signMedian, verifyMedian))
            } else {
                print(String(format: "PDF %.1f KB → %.1f KB signed; %d rounds: sign twice (signer, body) median %.2f ms, verify median %.2f ms",
                             Double(document.count) / 1024, Double(size) / 1024, count, signMedian, verifyMedian))
            }
        } catch let failure as CommandFailure {
            CommandIO.note(failure.description)
            throw ExitCode(failure.exitCode)
        }
    }

    /// The sample founding decision (ODT) printed to PDF by LibreOffice.
    static func samplePDF() async throws -> [UInt8] { try await sampleDocument().pdf }

    /// The sample founding decision rendered as ODT, and that ODT printed to PDF by LibreOffice.
    static func sampleDocument() async throws -> (odt: [UInt8], pdf: [UInt8]) {
        let bytes = try BenchODFSignature.sampleODT()
        let pool: LibreOfficePool
        do { pool = try LibreOfficePool(configuration: .init(workers: 1)) } catch let error as ConversionError {
            throw CommandFailure("\(error.description) Chạy scripts/install-deps.sh.", exitCode: 2)
        }
        do {
            let pdf = try await pool.pdf(from: Data(bytes), format: .odt)
            await pool.shutdown()
            return (bytes, Array(pdf))
        } catch {
            await pool.shutdown()
            throw CommandFailure("\(error)")
        }
    }
}
