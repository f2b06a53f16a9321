import Archive
import ArgumentParser
import Crypto
import Foundation
import Signing
import VietnameseText

/// `vanban bench archive`: writing (and optionally verifying) an archive package of many signed documents.
struct BenchArchive: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Write an archive package of N signed decisions; print documents per second and the peak memory before and after.",
        discussion: """
            Every document is the sample founding decision (ODT rendered, printed to PDF by LibreOffice once, signed by a test \
            chairman and body, RSA 2048), copied afresh for each item as a store would read it, numbered and dated through one \
            year. With --verify the package is then verified the way `vanban verify PACKAGE.zip` does.
            """
    )

    @Option(name: .shortAndLong, help: "How many documents.")
    var count = 10_000

    @Option(help: "Keep the package (package.zip) and the test authority's certificate (ca.pem) in this folder, for `vanban verify`.")
    var out: String?

    @Flag(help: "Also verify the package and time that.")
    var verify = false

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be at least 1.") }
    }

    func run() async throws {
        do {
            let sample = try await BenchPAdES.sampleDocument()
            let authority = try TestAuthority(name: "CA thử nghiệm VanBan")
            let chairman = try authority.issue(to: .init(commonName: "Đặng Đức Sơn, Chủ tịch UBND xã Gia Cát", organization: "Ủy ban nhân dân xã Gia Cát"))
            let body = try authority.issue(to: .init(commonName: "Ủy ban nhân dân xã Gia Cát", organization: "Ủy ban nhân dân xã Gia Cát"))
            let first = try await PAdES.sign(pdf: sample.pdf, signer: chairman, info: .init(time: Date(), reason: "Ký ban hành"))
            let pdf = try await PAdES.sign(pdf: first, signer: body, info: .init(time: Date(), reason: "Văn thư đóng dấu"))
            let pdfSHA256 = SHA256.hash(data: pdf).map { String(format: "%02x", $0) }.joined()
            let organ = ArchiveItem.Organ(id: "H36.01", name: "Ủy ban nhân dân xã Gia Cát")
            let info = ArchivePackageInfo(identifier: "vanban-bench", label: "Gói thử \(count) văn bản", organ: organ,
                                          fileCode: .init(organID: "H36.01", fileCatalog: "1", fileNotation: "2026.VP.01"))
            let destination = out.map { URL(fileURLWithPath: $0).appendingPathComponent("package.zip") }
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("vanban-bench-\(UUID().uuidString).zip")
            defer { if out == nil { try? FileManager.default.removeItem(at: destination) } }
            if let out { try CommandIO.write(Array(try authority.certificate.pemString().utf8), to: "\(out)/ca.pem") }

            let baseline = BenchRender.peakResidentMegabytes()
            let bar = ProgressBar(label: "Xuất gói lưu trữ")
            let yearStart = Date(timeIntervalSince1970: 1_767_200_400)  // 2026-01-01 00:00 in Vietnam
            var made = 0
            let start = ContinuousClock.now
            let summary = try await ArchivePackageWriter(info: info).write(
                expectedCount: count, to: destination, progress: { bar.update(done: $0, total: $1) }
            ) { () -> ArchiveItem? in
                guard made < count else { return nil }
                made += 1
                let day = VietnamTime.date(of: yearStart.addingTimeInterval(Double((made - 1) * 364 / count) * 86_400)).iso
                // Fresh copies: a store hands over new bytes for every document.
                return ArchiveItem(
                    number: made, notation: String(format: "%02d/QĐ-UBND", made), issuedOn: day, typeName: "Quyết định",
                    subject: "Về việc thành lập các Tổ Công nghệ số cộng đồng (văn bản thử \(made))", organ: organ,
                    signer: .init(position: "Chủ tịch", fullName: "Đặng Đức Sơn"), recipients: [.init(name: "UBND tỉnh Tây Ninh")], pageCount: 2,
                    signedPDF: pdf.withUnsafeBufferPointer { Array($0) }, signedPDFSHA256: pdfSHA256,
                    native: .init(bytes: sample.odt.withUnsafeBufferPointer { Array($0) }, format: "odt"),
                    history: [.init(at: "\(day)T10:00:00+07:00", userID: "chutich", userName: "Đặng Đức Sơn", role: "Lãnh đạo phê duyệt",
                                    action: "sign", actionName: "ký ban hành", fromState: "commune_review", toState: "signed", comment: "",
                                    versionSHA256: pdfSHA256)])
            }
            let writeSeconds = (ContinuousClock.now - start).milliseconds / 1000
            bar.finish()
            let afterWrite = BenchRender.peakResidentMegabytes()
            var result: [(String, Double)] = [
                ("documents", Double(summary.documentCount)), ("package_mb", Double(summary.byteCount) / 1_048_576),
                ("write_s", writeSeconds), ("docs_per_s", Double(summary.documentCount) / writeSeconds),
                ("mb_per_s", Double(summary.byteCount) / 1_048_576 / writeSeconds),
                ("peak_rss_before_mb", baseline), ("peak_rss_after_write_mb", afterWrite),
            ]
            if verify {
                let verifyStart = ContinuousClock.now
                let report = try await ArchivePackageVerifier.verify(package: destination, trustAnchors: [authority.certificate])
                guard report.isValid else { throw CommandFailure(report.text) }
                let seconds = (ContinuousClock.now - verifyStart).milliseconds / 1000
                result += [("verify_s", seconds), ("verify_docs_per_s", Double(summary.documentCount) / seconds),
                           ("peak_rss_after_verify_mb", BenchRender.peakResidentMegabytes())]
            }
            if json {
                print("{" + result.map { "\"\($0.0)\": \(($0.1 * 1000).rounded() / 1000)" }.joined(separator: ", ") + "}")
            } else {
                let values = Dictionary(uniqueKeysWithValues: result)
                print(String(format: "%d documents, package %.1f MB: written in %.2f s, %.0f docs/s, %.1f MB/s",
                             summary.documentCount, values["package_mb"]!, writeSeconds, values["docs_per_s"]!, values["mb_per_s"]!))
                print(String(format: "peak memory: %.1f MB before writing, %.1f MB after", baseline, afterWrite))
                if let seconds = values["verify_s"] {
                    print(String(format: "verified in %.2f s (%.0f docs/s), peak memory %.1f MB", seconds, values["verify_docs_per_s"]!,
                                 values["peak_rss_after_verify_mb"]!))
                }
            }
        } catch let failure as CommandFailure {
            CommandIO.note(failure.description)
            throw ExitCode(failure.exitCode)
        } catch {
            CommandIO.note("\(error)")
            throw ExitCode(1)
        }
    }
}
