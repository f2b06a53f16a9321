import Conversion
import Foundation
import Hummingbird
import Storage

/// Previews of a document's current version for the user's commune: its PDF and its pages as images.
extension Desk {
    /// The resolution of a page image when the request names none: a readable A4 page on a desktop screen.
    static let defaultPreviewResolution = 96

    /// The version a preview shows: the document's current one, if the user may see the document.
    func previewedVersion(_ id: Int64) async throws -> VersionRecord {
        _ = try await document(id)
        guard let version = try await office.store.currentVersion(of: id) else { throw StoreError.documentNotFound(id) }
        return version
    }

    /// The current version printed as PDF, shown in the browser (not the signed original: that is `signed.pdf`).
    func previewPDF(_ id: Int64, previews: Previews) async throws -> Response {
        let version = try await previewedVersion(id)
        let pdf = try await previews.pdf(of: version)
        var response = Self.attachment(pdf, name: "xem-truoc-\(id)-ban-\(version.sequence).pdf", mediaType: "application/pdf")
        response.headers[.contentDisposition] = "inline; filename=\"xem-truoc-\(id)-ban-\(version.sequence).pdf\""
        response.headers[.eTag] = "\"\(version.sha256)-pdf\""
        return response
    }

    /// Page `page` (from 1) of the current version as a PNG image at `resolution` dots per inch.
    func previewPage(_ id: Int64, page: Int, resolution: Int?, previews: Previews) async throws -> Response {
        let version = try await previewedVersion(id)
        let image = try await previews.page(page, of: version, resolution: resolution ?? Self.defaultPreviewResolution)
        // The version's hash names the image for good: a browser may keep it as long as it likes.
        return Response(status: .ok, headers: [
            .contentType: "image/png", .cacheControl: "private, max-age=31536000, immutable",
            .eTag: "\"\(version.sha256)-\(page)-\(resolution ?? Self.defaultPreviewResolution)\"",
        ], body: ResponseBody(byteBuffer: ByteBuffer(bytes: image)))
    }

    /// What a preview of the current version holds: its version, its page count.
    func previewSummary(_ id: Int64, previews: Previews) async throws -> (version: VersionRecord, pages: Int) {
        let version = try await previewedVersion(id)
        return (version, try await previews.pageCount(of: version))
    }
}
