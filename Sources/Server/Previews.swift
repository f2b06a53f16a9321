import Conversion
import Foundation
import Storage
import Templating

/// Previews of a document's current version: its PDF, printed by the warm LibreOffice pool, and PNG images of its
/// pages, drawn by poppler. A stored version never changes, so both are kept by the version's SHA-256 in a cache
/// bounded in bytes (least recently used out first); requests for the same version while it is being printed wait
/// for that one print instead of starting another.
public actor Previews {
    let converter: any PDFConverter
    let renderer: PDFPageRenderer?
    /// Why page images cannot be drawn (poppler missing), in Vietnamese.
    let rendererProblem: String?
    let maximumBytes: Int

    private struct Entry {
        var bytes: Data
        var pageCount: Int?
        var used: UInt64
    }

    private struct ImageKey: Hashable {
        let sha256: String
        let page: Int
        let resolution: Int
    }

    private var pdfs: [String: Entry] = [:]
    private var images: [ImageKey: (bytes: Data, used: UInt64)] = [:]
    private var printing: [String: Task<Data, any Error>] = [:]
    private var clock: UInt64 = 0
    private var size = 0

    /// Previews through `converter`; `maximumBytes` bounds the PDFs and images kept.
    public init(converter: any PDFConverter, maximumBytes: Int = 64 << 20) {
        self.converter = converter
        do {
            renderer = try PDFPageRenderer()
            rendererProblem = nil
        } catch {
            renderer = nil
            rendererProblem = "\(error)"
        }
        self.maximumBytes = maximumBytes
    }

    /// The PDF of `version` (plain PDF: a preview, not the signed original).
    public func pdf(of version: VersionRecord) async throws -> Data {
        if let entry = pdfs[version.sha256] {
            touch(pdf: version.sha256)
            return entry.bytes
        }
        if let running = printing[version.sha256] { return try await running.value }
        guard let format = DocumentFormat(rawValue: version.format) else {
            throw ConversionError.unreadableDocument(format: .odt, detail: "unknown format \(version.format)")
        }
        let converter = self.converter
        let bytes = version.bytes
        let task = Task { try await converter.pdf(from: bytes, format: format, options: PDFOptions(pdfA: false)) }
        printing[version.sha256] = task
        defer { printing[version.sha256] = nil }
        let pdf = try await task.value
        store(pdf: pdf, for: version.sha256)
        return pdf
    }

    /// How many pages the PDF of `version` has.
    public func pageCount(of version: VersionRecord) async throws -> Int {
        let pdf = try await pdf(of: version)
        if let count = pdfs[version.sha256]?.pageCount { return count }
        let count = try await requireRenderer().pageCount(of: pdf)
        pdfs[version.sha256]?.pageCount = count
        return count
    }

    /// The PNG image of page `page` (from 1) of `version`, at `resolution` dots per inch.
    public func page(_ page: Int, of version: VersionRecord, resolution: Int) async throws -> Data {
        let key = ImageKey(sha256: version.sha256, page: page, resolution: resolution)
        if let image = images[key] {
            clock += 1
            images[key]?.used = clock
            return image.bytes
        }
        let renderer = try requireRenderer()
        let pdf = try await pdf(of: version)
        guard let image = try await renderer.pageImages(of: pdf, resolution: resolution, pages: page...page).first else {
            throw ConversionError.pageOutOfRange(first: page, last: page, pageCount: 0)
        }
        clock += 1
        images[key] = (image, clock)
        size += image.count
        evict()
        return image
    }

    private func requireRenderer() throws -> PDFPageRenderer {
        guard let renderer else { throw ConversionError.notInstalled(tool: "pdftoppm", package: "poppler-utils") }
        return renderer
    }

    private func touch(pdf sha256: String) {
        clock += 1
        pdfs[sha256]?.used = clock
    }

    private func store(pdf: Data, for sha256: String) {
        guard pdfs[sha256] == nil else { return }
        clock += 1
        pdfs[sha256] = Entry(bytes: pdf, pageCount: nil, used: clock)
        size += pdf.count
        evict()
    }

    /// Drops the least recently used PDFs and images until the cache fits (the newest one always stays).
    private func evict() {
        while size > maximumBytes, pdfs.count + images.count > 1 {
            let oldestPDF = pdfs.min { $0.value.used < $1.value.used }
            let oldestImage = images.min { $0.value.used < $1.value.used }
            if let image = oldestImage, image.value.used < (oldestPDF?.value.used ?? .max) {
                images[image.key] = nil
                size -= image.value.bytes.count
            } else if let pdf = oldestPDF {
                pdfs[pdf.key] = nil
                size -= pdf.value.bytes.count
            } else {
                return
            }
        }
    }

    /// What the cache holds, for tests: PDFs, images and bytes.
    var contents: (pdfs: Int, images: Int, bytes: Int) { (pdfs.count, images.count, size) }
}
