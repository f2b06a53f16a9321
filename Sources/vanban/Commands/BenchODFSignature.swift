import ArgumentParser
import Documents
import Foundation
import Signing

/// `vanban bench odf-signature`: the XML-DSig signatures of a signed decision ODT, timed.
struct BenchODFSignature: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "odf-signature",
        abstract: "Sign the sample decision ODT twice (signer, then body) and verify it, N times; print the medians.",
        discussion: "The ODT is the sample founding decision as vanban demo renders it (or --odt FILE). Keys are RSA 2048, made by a test authority."
    )

    @Option(name: .shortAndLong, help: "How many rounds.")
    var count = 50

    @Option(help: "An ODT to sign instead of the sample decision.")
    var odt: String?

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be at least 1.") }
    }

    func run() async throws {
        do {
            let document = if let odt { try CommandIO.read(odt) } else { try Self.sampleODT() }
            let rounds = try SignatureBenchRounds()
            let (authority, signer, body) = (rounds.authority, rounds.signer, rounds.body)
            let (signMedian, verifyMedian, size) = try await rounds.run(count: count) {
                try await ODFSignature.sign(odt: try await ODFSignature.sign(odt: document, signer: signer, info: .init(time: Date())),
                                            signer: body, info: .init(time: Date()))
            } verify: { signed in
                try await ODFSignatureVerifier.verify(odt: signed, trustAnchors: [authority.certificate]).verificationReport(file: "bench")
            }
            if json {
                print(String(format: "{\"rounds\": %d, \"odt_kb\": %.1f, \"signed_kb\": %.1f, \"sign_twice_median_ms\": %.3f, \"verify_median_ms\": %.3f}",
                             count, Double(document.count) / 1024, Double(size) / 1024, signMedian, verifyMedian))
            } else {
                print(String(format: "ODT %.1f KB → %.1f KB signed; %d rounds: sign twice (signer, body) median %.2f ms, verify median %.2f ms",
                             Double(document.count) / 1024, Double(size) / 1024, count, signMedian, verifyMedian))
            }
        } catch let failure as CommandFailure {
            CommandIO.note(failure.description)
            throw ExitCode(failure.exitCode)
        } catch {
            CommandIO.note("\(error)")
            throw ExitCode.failure
        }
    }

    /// The sample founding decision as an ODT, rendered as `vanban demo` does.
    static func sampleODT() throws -> [UInt8] {
        let kind = CommuneTeamsFoundingDecision()
        let documents: [DocumentValues]
        do {
            documents = try kind.documents(from: Data(try CommandIO.read(Demo.sample)), context: DocumentContext())
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure("\(Demo.sample): \(error)")
        }
        guard let document = documents.first else { throw CommandFailure("\(Demo.sample): không có văn bản nào.") }
        do { return try CommandIO.template("templates/\(kind.id).odt").render(document.values) } catch { throw CommandFailure("\(error)") }
    }
}
