import Conversion
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Office
@testable import Server
import Storage
import Templating
import Testing
import TestSupport

/// Previews of the current version: the PDF printed by the pool, page images drawn by poppler, cached per version;
/// and what a clerk reads when LibreOffice is not there.
@Suite("HTTP: previews of a document", .enabled(if: ExternalTools.shouldRun("pdftoppm"), "poppler-utils (pdftoppm) is not installed"))
struct PreviewRoutesTests {
    /// A converter that prints every document as the same one-page PDF and counts its calls.
    final class CountingConverter: PDFConverter, @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var calls: Int { lock.withLock { count } }

        func pdf(from document: Data, format: DocumentFormat, options: PDFOptions) async throws -> Data {
            lock.withLock { count += 1 }
            #expect(!options.pdfA, "a preview is plain PDF")
            return Data(TestPDF.handwritten(text: "Du thao"))
        }
    }

    @Test("the PDF, its page as PNG and the page count; printed once per version, again after an edit; bad pages refused")
    func previews() async throws {
        let h = try await ServerHarness()
        let id = try await h.document(in: "draft")
        let token = try await h.token("canbo")
        let converter = CountingConverter()
        let previews = Previews(converter: converter)
        try await h.test(previews: previews) { client in
            let summary = try await client.execute(uri: "/api/v1/documents/\(id)/preview", method: .get, headers: .bearer(token)).json()
            #expect(summary["pages"] as? Int == 1 && summary["version"] as? Int == 1)
            #expect(summary["page_images"] as? [String] == ["/api/v1/documents/\(id)/pages/1"])
            let pdf = try await client.execute(uri: "/api/v1/documents/\(id)/preview.pdf", method: .get, headers: .bearer(token))
            #expect(pdf.status == .ok && pdf.headers[.contentType] == "application/pdf")
            #expect(pdf.headers[.contentDisposition] == "inline; filename=\"xem-truoc-\(id)-ban-1.pdf\"")
            #expect(Array(pdf.body.readableBytesView) == TestPDF.handwritten(text: "Du thao"))
            let page = try await client.execute(uri: "/api/v1/documents/\(id)/pages/1?dpi=50", method: .get, headers: .bearer(token))
            #expect(page.status == .ok && page.headers[.contentType] == "image/png")
            #expect(Array(page.body.readableBytesView.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            #expect(converter.calls == 1, "the version was printed once for all three")

            let missing = try await client.execute(uri: "/api/v1/documents/\(id)/pages/2", method: .get, headers: .bearer(token))
            #expect(missing.status == .notFound)
            #expect(try missing.errorMessage() == "Không có trang 2: văn bản có 1 trang.")
            let sharp = try await client.execute(uri: "/api/v1/documents/\(id)/pages/1?dpi=1000", method: .get, headers: .bearer(token))
            #expect(sharp.status == .badRequest)

            let web = try await client.execute(uri: "/documents/\(id)/preview", method: .get,
                                               headers: [.cookie: "\(SessionMiddleware.cookie)=\(token)"])
            #expect(web.status == .ok && web.text.contains("<img src=\"/documents/\(id)/pages/1\" alt=\"Trang 1/1\""))
            #expect(web.text.contains("href=\"/documents/\(id)/preview.pdf\""))
            let document = try await client.execute(uri: "/documents/\(id)", method: .get,
                                                    headers: [.cookie: "\(SessionMiddleware.cookie)=\(token)"])
            #expect(document.text.contains("href=\"/documents/\(id)/preview\""))
        }
        // A new version with other content is a new preview (the same content renders to the same bytes and hash).
        _ = try await h.office.reviseDraft(id, data: ServerHarness.teamSample, by: "canbo")
        try await h.test(previews: previews) { client in
            let summary = try await client.execute(uri: "/api/v1/documents/\(id)/preview", method: .get, headers: .bearer(token)).json()
            #expect(summary["version"] as? Int == 2)
            #expect(converter.calls == 2)
        }
        let stranger = try await h.token("nguoila")
        try await h.test(previews: previews) { client in
            let hidden = try await client.execute(uri: "/api/v1/documents/\(id)/preview.pdf", method: .get, headers: .bearer(stranger))
            #expect(hidden.status == .notFound)
        }
    }

    @Test("without LibreOffice: 503 with what to install, and a page that offers the file instead")
    func withoutLibreOffice() async throws {
        let h = try await ServerHarness()
        let id = try await h.document(in: "draft")
        let token = try await h.token("canbo")
        try await h.test { client in
            let pdf = try await client.execute(uri: "/api/v1/documents/\(id)/preview.pdf", method: .get, headers: .bearer(token))
            #expect(pdf.status == .serviceUnavailable)
            #expect((try pdf.json()["error"] as? [String: Any])?["code"] as? String == "preview_unavailable")
            #expect(try pdf.errorMessage()?.contains("libreoffice-writer-nogui") == true)
            let web = try await client.execute(uri: "/documents/\(id)/preview", method: .get,
                                               headers: [.cookie: "\(SessionMiddleware.cookie)=\(token)"])
            #expect(web.status == .ok && web.text.contains("Chưa xem trước được văn bản này"))
            #expect(web.text.contains("href=\"/documents/\(id)/file\"") && !web.text.contains("<img"))
        }
    }

    @Test("the cache keeps within its bytes, dropping the least recently used first")
    func boundedCache() async throws {
        let h = try await ServerHarness()
        let previews = Previews(converter: CountingConverter(), maximumBytes: 1)
        for _ in 0..<2 {
            let id = try await h.document(in: "draft")
            _ = try await previews.pdf(of: try #require(try await h.office.store.currentVersion(of: id)))
        }
        let held = await previews.contents
        #expect(held.pdfs == 1 && held.images == 0, "only the newest stays when one PDF is over the bound")
    }
}
