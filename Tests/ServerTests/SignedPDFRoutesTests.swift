import Archive
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Office
import OfficeZip
@testable import Server
import Signing
import Storage
import Testing
import TestSupport
import Workflow

/// The signed PDF original through the API and the document page: waiting (with the last problem), then stored and
/// downloadable, checked against the SHA-256 the API gives.
@Suite("HTTP: the signed PDF original")
struct SignedPDFRoutesTests {
    @Test("pending with the reason while it waits; once made, its SHA-256 in the API and downloads (PDF and ODT) on the page")
    func pendingThenStored() async throws {
        let h = try await ServerHarness()
        let id = try await h.document(in: "signed")
        let token = try await h.token("vanthu")
        let cookie: HTTPFields = [.cookie: "\(SessionMiddleware.cookie)=\(token)"]
        // No key for the signer yet: the job fails and keeps the reason.
        let empty = KeyFolder(folder: FileManager.default.temporaryDirectory.appendingPathComponent("vanban-no-keys-\(UUID().uuidString)"))
        _ = try await SignedOriginals(store: h.office.store, converter: FixedPDFConverter(), keys: empty).workOne()
        try await h.test { client in
            let detail = try await client.execute(uri: "/api/v1/documents/\(id)", method: .get, headers: .bearer(token)).json()
            let pending = try #require(detail["signed_pdf"] as? [String: Any])
            #expect(pending["status"] as? String == "pending" && pending["attempts"] as? Int == 1)
            #expect((pending["last_error"] as? String)?.contains("Chưa có khóa ký số của Đặng Đức Sơn (chutich)") == true, "\(pending)")
            let early = try await client.execute(uri: "/api/v1/documents/\(id)/signed.pdf", method: .get, headers: .bearer(token))
            #expect(early.status == .notFound)
            #expect(try early.errorMessage()?.contains("đang được tạo") == true)
            let page = try await client.execute(uri: "/documents/\(id)", method: .get, headers: cookie)
            #expect(page.text.contains("Chưa tạo được bản PDF ký số, hệ thống sẽ tự thử lại"))
            #expect(!page.text.contains("/documents/\(id)/signed.pdf"))
        }

        let later = Date().addingTimeInterval(3600)
        let outcome = try await SignedOriginals(store: h.office.store, converter: FixedPDFConverter(), keys: ServerHarness.keys)
            .workOne(now: later)
        guard case let .signed(_, sha256)? = outcome else {
            Issue.record("not signed: \(String(describing: outcome))")
            return
        }
        try await h.test { client in
            let detail = try await client.execute(uri: "/api/v1/documents/\(id)", method: .get, headers: .bearer(token)).json()
            let stored = try #require(detail["signed_pdf"] as? [String: Any])
            #expect(stored["status"] as? String == "stored" && stored["sha256"] as? String == sha256)
            let download = try await client.execute(uri: "/api/v1/documents/\(id)/signed.pdf", method: .get, headers: .bearer(token))
            #expect(download.status == .ok && download.headers[.contentType] == "application/pdf")
            #expect(download.headers[.contentDisposition] == "attachment; filename=\"01-QD-UBND.pdf\"; filename*=UTF-8''01-Q%C4%90-UBND.pdf")
            let bytes = Array(download.body.readableBytesView)
            #expect(SHA256Hex.digest(Data(bytes)) == sha256)
            let report = try await PDFSignatureVerifier.verify(pdf: bytes, trustAnchors: try ServerHarness.keys.trustAnchors())
            #expect(report.isValid)
            let page = try await client.execute(uri: "/documents/\(id)", method: .get, headers: cookie)
            #expect(page.text.contains("href=\"/documents/\(id)/signed.pdf\"") && page.text.contains("SHA-256 \(sha256.prefix(16))"))
            let web = try await client.execute(uri: "/documents/\(id)/signed.pdf", method: .get, headers: cookie)
            #expect(Array(web.body.readableBytesView) == bytes)

            // The ODT version, signed the same way, beside it.
            let odtSHA256 = try #require(stored["odt_sha256"] as? String)
            #expect(page.text.contains("href=\"/documents/\(id)/signed.odt\"") && page.text.contains("SHA-256 \(odtSHA256.prefix(16))"))
            let odt = try await client.execute(uri: "/api/v1/documents/\(id)/signed.odt", method: .get, headers: .bearer(token))
            #expect(odt.status == .ok && odt.headers[.contentType] == "application/vnd.oasis.opendocument.text")
            #expect(odt.headers[.contentDisposition] == "attachment; filename=\"01-QD-UBND.odt\"; filename*=UTF-8''01-Q%C4%90-UBND.odt")
            let odtBytes = Array(odt.body.readableBytesView)
            #expect(SHA256Hex.digest(Data(odtBytes)) == odtSHA256)
            let odtReport = try await ODFSignatureVerifier.verify(odt: odtBytes, trustAnchors: try ServerHarness.keys.trustAnchors())
            #expect(odtReport.isValid && odtReport.signatures.count == 2)
            let webODT = try await client.execute(uri: "/documents/\(id)/signed.odt", method: .get, headers: cookie)
            #expect(Array(webODT.body.readableBytesView) == odtBytes)
        }
    }
}

@Suite("HTTP: replacement documents")
struct ReplacementRoutesTests {
    @Test("a signed document is corrected by a new one that names it; the pages link both ways; a second is refused")
    func replace() async throws {
        let h = try await ServerHarness()
        let signed = try await h.document(in: "signed")
        let draft = try await h.document(in: "draft")
        let token = try await h.token("canbo")
        let cookie: HTTPFields = [.cookie: "\(SessionMiddleware.cookie)=\(token)"]
        let replacement = Int64(try await h.test { client in
            func create(replacing id: Int64) async throws -> TestResponse {
                try await client.execute(uri: "/api/v1/documents?kind=quyet-dinh-thanh-lap-cac-to&replaces=\(id)", method: .post,
                                         headers: .bearer(token, json: true), body: ByteBuffer(bytes: ServerHarness.sample))
            }
            let refused = try await create(replacing: draft)
            #expect(refused.status == .conflict)
            #expect(try refused.errorMessage() == "Văn bản \(draft) chưa được ký ban hành nên không cần văn bản thay thế; hãy sửa chính văn bản đó.")
            let created = try await create(replacing: signed)
            #expect(created.status == .created)
            let document = try #require(try created.json()["document"] as? [String: Any])
            let replacement = try #require(document["id"] as? Int)
            #expect(document["replaces_id"] as? Int == Int(signed))
            let second = try await create(replacing: signed)
            let secondMessage = try second.errorMessage()
            #expect(second.status == .conflict && secondMessage?.contains("đã có văn bản thay thế (số hiệu \(replacement))") == true)

            let original = try await client.execute(uri: "/documents/\(signed)", method: .get, headers: cookie).text
            #expect(original.contains("Đã có văn bản thay thế") && original.contains("href=\"/documents/\(replacement)\""))
            let page = try await client.execute(uri: "/documents/\(replacement)", method: .get, headers: cookie).text
            #expect(page.contains("<dt>Thay thế</dt><dd><a href=\"/documents/\(signed)\">văn bản 01/QĐ-UBND</a></dd>"))
            return replacement
        })
        // Signed, the replacement takes the next number; the register's “Ghi chú” links the two lines both ways.
        for (action, user) in [(WorkflowAction.submit, "canbo"), (.approve, "chutich"), (.sign, "chutich")] {
            try await h.office.act(replacement, action, by: user)
        }
        try await h.test { client in
            let year = try await client.execute(uri: "/register", method: .get, headers: cookie).text
            #expect(year.contains("Đã được thay thế bằng văn bản số 02/QĐ-UBND") && year.contains("Thay thế văn bản số 01/QĐ-UBND"), "\(year)")
            let rows = try await client.execute(uri: "/register.csv", method: .get, headers: cookie).text.split(separator: "\r\n")
            #expect(rows.count == 3 && rows[1].hasSuffix(",Đã được thay thế bằng văn bản số 02/QĐ-UBND") && rows[2].hasSuffix(",Thay thế văn bản số 01/QĐ-UBND"),
                    "\(rows)")
        }
    }
}

@Suite("HTTP: the archive export")
struct ArchiveExportRoutesTests {
    @Test("the archivist downloads the package of a range from the register page and the API; it verifies; others may not")
    func export() async throws {
        let h = try await ServerHarness()
        let id = try await h.document(in: "signed")
        let archivist = try await h.token("vanthu")
        let clerk = try await h.token("canbo")
        let range = "from=2020-01-01&to=2029-12-31"  // a register period spans at most ten years
        try await h.test { client in
            let waiting = try await client.execute(uri: "/api/v1/export?\(range)", method: .get, headers: .bearer(archivist))
            #expect(waiting.status == .conflict)
            #expect(try waiting.errorMessage()?.contains("chưa có bản PDF ký số") == true)
        }
        _ = try await SignedOriginals(store: h.office.store, converter: FixedPDFConverter(), keys: ServerHarness.keys).workOne()
        let signed = try #require(try await h.office.store.signedPDF(of: id))
        try await h.test { client in
            let page = try await client.execute(uri: "/register?\(range)", method: .get,
                                                headers: [.cookie: "\(SessionMiddleware.cookie)=\(archivist)"])
            #expect(page.text.contains("href=\"/register/export.zip?\(range.replacingOccurrences(of: "&", with: "&amp;"))\""))
            let clerkPage = try await client.execute(uri: "/register?\(range)", method: .get,
                                                     headers: [.cookie: "\(SessionMiddleware.cookie)=\(clerk)"])
            #expect(clerkPage.status == .ok && !clerkPage.text.contains("export.zip"))

            for uri in ["/register/export.zip?\(range)", "/api/v1/export?\(range)"] {
                let headers: HTTPFields = uri.hasPrefix("/api") ? .bearer(archivist) : [.cookie: "\(SessionMiddleware.cookie)=\(archivist)"]
                let download = try await client.execute(uri: uri, method: .get, headers: headers)
                #expect(download.status == .ok && download.headers[.contentType] == "application/zip", "\(uri)")
                #expect(download.headers[.contentDisposition] == "attachment; filename=\"luu-tru-gia-cat-2020-01-01-2029-12-31.zip\"")
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-export-test-\(UUID().uuidString).zip")
                defer { try? FileManager.default.removeItem(at: file) }
                try Data(download.body.readableBytesView).write(to: file)
                let report = try await ArchivePackageVerifier.verify(package: file, trustAnchors: try ServerHarness.keys.trustAnchors())
                #expect(report.isValid, "\(report.text)")
                let reader = try ZipFileReader(path: file.path, limits: ArchivePackageVerifier.limits)
                let pdf = try #require(reader.entries.first { $0.name == "representations/pdf/data/00001-01-QD-UBND.pdf" })
                #expect(Data(try reader.contents(of: pdf)) == signed.pdf)
            }
            let refused = try await client.execute(uri: "/api/v1/export?\(range)", method: .get, headers: .bearer(clerk))
            #expect(refused.status == .forbidden)
            #expect(try refused.errorMessage() == "Chỉ Văn thư mới được xuất gói lưu trữ.")
            let empty = try await client.execute(uri: "/api/v1/export?from=2000-01-01&to=2000-12-31", method: .get, headers: .bearer(archivist))
            #expect(empty.status == .notFound)
            let emptyMessage = try empty.errorMessage() ?? ""
            #expect(emptyMessage.hasPrefix("Gia Cát không có văn bản nào ban hành từ ngày 01/01/2000"), "\(emptyMessage)")
            let anonymous = try await client.execute(uri: "/api/v1/export?\(range)", method: .get)
            #expect(anonymous.status == .unauthorized)
        }
    }
}
