import Foundation
import Signing
import Testing

/// Broken and hostile PDFs get a clear error quickly, never a crash or a hang.
@Suite struct HostilePDFTests {
    func expectError(_ bytes: [UInt8], _ check: (PDFError) -> Bool) async {
        do {
            _ = try await PAdES.sign(pdf: bytes, signer: Fixtures.parties.body, info: .init(time: Fixtures.signingTime))
            Issue.record("signed a hostile PDF")
        } catch let error as PDFError {
            #expect(check(error), "\(error)")
            #expect(!error.description.isEmpty)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func truncatedFilesAreRefused() async {
        let pdf = Fixtures.handwrittenPDF()
        for length in [0, 10, pdf.count / 2, pdf.count - 30] {
            await expectError(Array(pdf.prefix(length))) { _ in true }
        }
    }

    @Test func aPrevLoopIsRefused() async {
        var text = String(decoding: Fixtures.handwrittenPDF(), as: UTF8.self)
        let xref = text.range(of: "startxref\n")!.upperBound
        let offset = text[xref...].prefix { $0.isNumber }
        text = text.replacingOccurrences(of: "/Root 1 0 R >>", with: "/Root 1 0 R /Prev \(offset) >>")
        await expectError(Array(text.utf8)) { $0.description.contains("quay vòng") }
    }

    @Test func hugeNumbersAndBadOffsetsAreRefused() async {
        var text = String(decoding: Fixtures.handwrittenPDF(), as: UTF8.self)
        text = text.replacingOccurrences(of: "/Size 6", with: "/Size 99999999999999999999")
        text = text.replacingOccurrences(of: "xref\n0 6", with: "xref\n0 99999999")
        await expectError(Array(text.utf8)) { if case .limitExceeded = $0 { true } else { false } }
        var moved = Fixtures.handwrittenPDF()
        let startxref = String(decoding: moved, as: UTF8.self).range(of: "startxref\n")!
        let at = String(decoding: moved, as: UTF8.self).utf8.distance(from: String(decoding: moved, as: UTF8.self).startIndex, to: startxref.upperBound)
        moved.replaceSubrange(at..<(at + 3), with: Array("999".utf8))
        await expectError(moved) { if case .malformed = $0 { true } else { false } }
    }

    @Test func deepNestingIsBounded() async {
        let deep = String(repeating: "[", count: 100_000)
        var text = String(decoding: Fixtures.handwrittenPDF(), as: UTF8.self)
        // In the trailer, which is read before anything else and moves no object.
        text = text.replacingOccurrences(of: "/Root 1 0 R >>", with: "/Root 1 0 R /X \(deep) >>")
        await expectError(Array(text.utf8)) { if case .limitExceeded = $0 { true } else { false } }
    }
}
