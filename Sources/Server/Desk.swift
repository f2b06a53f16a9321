import Documents
import Foundation
import Hummingbird
import Office
import Storage
import Templating
import VietnameseText
import Workflow

/// What one signed-in user may see and do: every read is limited to their commune, and a document of another
/// commune answers as if it did not exist, so that its number tells a stranger nothing.
struct Desk: Sendable {
    let office: CommuneOffice
    let user: UserRecord

    func documents(state: String? = nil, overdue: Bool = false) async throws -> [DocumentRecord] {
        try await office.store.documents(DocumentFilter(
            communeID: user.communeID, state: state, overdueOn: overdue ? office.today : nil))
    }

    func document(_ id: Int64) async throws -> DocumentRecord {
        guard let document = try await office.store.document(id), document.communeID == user.communeID else {
            throw StoreError.documentNotFound(id)
        }
        return document
    }

    func definition(of document: DocumentRecord) async throws -> WorkflowDefinition {
        if let current = office.workflows.definitions[document.workflowID], current.version == document.workflowVersion {
            return current
        }
        guard let stored = try await office.store.workflow(id: document.workflowID, version: document.workflowVersion) else {
            throw StoreError.workflowVersion("Workflow '\(document.workflowID)' version \(document.workflowVersion) is missing.")
        }
        return stored
    }

    /// The actions this user's roles allow from the document's state. The store still checks every guard when one
    /// is taken; this only decides which buttons to show.
    func actions(on document: DocumentRecord, definition: WorkflowDefinition) -> [WorkflowAction] {
        definition.transitions(from: document.state).filter { !$0.roles.isDisjoint(with: user.roles) }.map(\.action)
    }

    /// The stored file of version `sequence` (the current one when nil) as a download, named after the document.
    /// The current version is read alone; only an older one needs the document's whole list.
    func download(_ id: Int64, sequence: Int?) async throws -> Response {
        let document = try await document(id)
        let chosen = if let sequence {
            try await office.store.versions(of: id).first { $0.sequence == sequence }
        } else {
            try await office.store.currentVersion(of: id)
        }
        guard let version = chosen else {
            throw ServerError.notFound("Văn bản \(id) không có phiên bản \(sequence.map(String.init) ?? "nào").")
        }
        var response = Self.attachment(version.bytes, name: "\(document.kind)-\(id)-v\(version.sequence).\(version.format)",
                                       format: DocumentFormat(rawValue: version.format) ?? .odt)
        response.headers[.eTag] = "\"\(version.sha256)\""
        response.headers[.cacheControl] = "private, max-age=0, must-revalidate"
        return response
    }

    /// A document file as a download named `name`; not kept by caches unless the caller says otherwise.
    static func attachment(_ bytes: Data, name: String, format: DocumentFormat) -> Response {
        attachment(bytes, name: name, mediaType: format.mediaType)
    }

    static func attachment(_ bytes: Data, name: String, mediaType: String) -> Response {
        Response(status: .ok, headers: [
            .contentType: mediaType, .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store",
        ], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Where the document's signed PDF original stands: nil before signing. `checked` when the caller has just read
    /// the document through `document(_:)` (which checks the commune), to save the second read.
    func signedOriginal(_ id: Int64, checked: Bool = false) async throws -> SignedOriginal? {
        if !checked { _ = try await document(id) }
        if let pdf = try await office.store.signedPDF(of: id) { return .stored(pdf) }
        return try await office.store.signingJob(of: id).map { .waiting($0) }
    }

    enum SignedOriginal {
        case stored(SignedPDF)
        case waiting(SigningJob)
    }

    /// The characters RFC 5987 leaves unencoded in a file name (ASCII letters and digits, `-`, `.`, `_`).
    static let plainNameCharacters = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._")

    /// The signed PDF original as a download, named after its number (`01-QĐ-UBND.pdf`).
    func signedPDF(_ id: Int64) async throws -> Response {
        try await signedFile(id, odt: false)
    }

    /// The signed ODT (the signed version with its XML-DSig signatures), named after its number (`01-QĐ-UBND.odt`).
    func signedODT(_ id: Int64) async throws -> Response {
        try await signedFile(id, odt: true)
    }

    private func signedFile(_ id: Int64, odt: Bool) async throws -> Response {
        switch try await signedOriginal(id) {
        case nil:
            throw ServerError.notFound("Văn bản \(id) chưa được ký ban hành nên chưa có bản PDF ký số.")
        case let .waiting(job):
            throw ServerError.notFound("Bản PDF ký số của văn bản \(id) đang được tạo"
                + (job.lastError.isEmpty ? "; hãy thử lại sau ít giây." : ". Lần thử trước chưa được: \(job.lastError)"))
        case let .stored(pdf):
            let notation = try await registered(id)?.notation ?? "van-ban-\(id)"
            let file: (bytes: Data, sha256: String, suffix: String, mediaType: String)
            if odt {
                guard let bytes = pdf.odt, let sha256 = pdf.odtSHA256 else {
                    throw ServerError.notFound("Văn bản \(id) được soạn bằng DOCX nên chỉ có bản PDF ký số, không có bản ODT ký số.")
                }
                file = (bytes, sha256, "odt", DocumentFormat.odt.mediaType)
            } else {
                file = (pdf.pdf, pdf.sha256, "pdf", "application/pdf")
            }
            let name = notation.replacingOccurrences(of: "/", with: "-") + "." + file.suffix
            var response = Self.attachment(file.bytes, name: AsciiFolding.fold(name), mediaType: file.mediaType)
            // The number's own letters (QĐ) for browsers that read RFC 6266's UTF-8 form; the folded name for others.
            let encoded = name.addingPercentEncoding(withAllowedCharacters: Self.plainNameCharacters) ?? ""
            response.headers[.contentDisposition] = "attachment; filename=\"\(AsciiFolding.fold(name))\"; filename*=UTF-8''\(encoded)"
            response.headers[.eTag] = "\"\(file.sha256)\""
            return response
        }
    }

    func history(of id: Int64) async throws -> [AuditEntry] {
        _ = try await document(id)
        return try await office.store.history(of: id)
    }

    func register(year: Int) async throws -> [RegisterEntry] {
        try await office.store.register(communeID: user.communeID, year: year)
    }

    func register(_ period: Period) async throws -> [RegisterEntry] {
        try await RegisterTable.entries(in: office.store, communeID: user.communeID, from: period.from, to: period.to)
    }

    /// The archive package (E-ARK zip) of the commune's signed documents issued in `period`; archivists only. The
    /// package is written to a temporary file first (so a failure answers with an error, not half a zip), then sent
    /// in pieces and removed.
    func archivePackage(_ period: Period) async throws -> Response {
        guard user.roles.contains(.archivist) else {
            throw ServerError.forbidden("Chỉ \(Role.archivist.vietnameseName) mới được xuất gói lưu trữ.")
        }
        let export = try await ArchiveExport.prepare(store: office.store, from: period.from, to: period.to, communeID: user.communeID)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-export-\(UUID().uuidString).zip")
        do {
            try await export.write(to: file)
        } catch {
            try? FileManager.default.removeItem(at: file)
            throw error
        }
        let handle: FileHandle
        let size: Int
        do {
            handle = try FileHandle(forReadingFrom: file)
            size = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            try? FileManager.default.removeItem(at: file)
            throw error
        }
        // Unlinked at once: the open handle keeps the bytes until the body is sent, and nothing is left behind if
        // the client goes away or the process dies.
        try? FileManager.default.removeItem(at: file)
        let name = "luu-tru-\(user.communeID)-\(period.from.iso)-\(period.to.iso).zip"
        return Response(status: .ok, headers: [
            .contentType: "application/zip", .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store",
        ], body: ResponseBody(contentLength: size) { writer in
            defer { try? handle.close() }
            while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        })
    }

    func registered(_ id: Int64, checked: Bool = false) async throws -> RegisterEntry? {
        if !checked { _ = try await document(id) }
        return try await office.store.registerEntry(of: id)
    }
}

/// The days a register listing covers: a calendar year, or a range of dates (`from`, `to`, both included).
struct Period: Sendable {
    let from: VietnameseDate
    let to: VietnameseDate
    /// `năm 2026` or `từ 01/01/2026 đến 30/06/2026`.
    let title: String
    /// The query that names this period again.
    let query: String

    /// From `?from=&to=` (ISO or dd/mm/yyyy), else `?year=`, else this year.
    init(_ request: Request, today: String) throws {
        let fromText = request.uri.queryParameters.get("from").map { String($0) }
        let toText = request.uri.queryParameters.get("to").map { String($0) }
        if fromText != nil || toText != nil {
            guard let fromText, let toText else {
                throw ServerError.badRequest("Cần cả ngày bắt đầu (from) và ngày kết thúc (to).")
            }
            guard let from = VietnameseDate(parsing: fromText), let to = VietnameseDate(parsing: toText) else {
                throw ServerError.badRequest("Ngày không đọc được: dùng dạng 2026-01-31 hoặc 31/01/2026.")
            }
            guard from.iso <= to.iso, to.year - from.year < 10 else {
                throw ServerError.badRequest("Khoảng ngày phải bắt đầu trước khi kết thúc và dài không quá 10 năm.")
            }
            self.from = from
            self.to = to
            title = "từ \(from.short) đến \(to.short)"
            query = "from=\(from.iso)&to=\(to.iso)"
        } else {
            let year = try request.integer("year") ?? Int(today.prefix(4))!
            guard (1900...9999).contains(year) else { throw ServerError.badRequest("Năm \(year) không hợp lệ.") }
            from = VietnameseDate(parsing: "\(year)-01-01")!
            to = VietnameseDate(parsing: "\(year)-12-31")!
            title = "năm \(year)"
            query = "year=\(year)"
        }
    }
}
