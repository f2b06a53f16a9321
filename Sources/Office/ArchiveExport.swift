import Archive
import Documents
import Foundation
import Signing
import Storage
import VietnameseText

/// The archive export of one commune's signed documents issued in a date range: the register read page by page in
/// issuance order, each line turned into an `ArchiveItem` (signed PDF, the signed native version, Decree 30
/// metadata, audit history) and handed to `ArchivePackageWriter`, which writes and drops it before the next is read.
///
/// `prepare` checks everything that can be known before writing: the range, the commune, that there is something to
/// export, and that every document in the range already has its signed PDF (a package that silently leaves out a
/// document would not be the file it claims to be).
public struct ArchiveExport: Sendable {
    public let store: any Store
    public let communeID: String
    /// The issuing body, as the package and each document's metadata name it: “Ủy ban nhân dân xã Gia Cát”.
    public let organ: ArchiveItem.Organ
    public let from: VietnameseDate
    public let to: VietnameseDate
    /// How many documents the package will hold.
    public let documentCount: Int
    /// How many register lines are read from the store at a time.
    public let pageSize: Int

    /// Checks the export of `communeID`'s documents issued from `from` to `to` (both included). Without a commune,
    /// the one commune that issued documents in the range is taken; several must be told apart.
    public static func prepare(store: any Store, from: VietnameseDate, to: VietnameseDate, communeID: String?,
                               pageSize: Int = 32) async throws -> ArchiveExport {
        guard from.iso <= to.iso else { throw ArchiveExportProblem.badRange(from: from, to: to) }
        let spans = try await store.registerSpans(from: from.iso, to: to.iso)
        let span: RegisterSpan
        if let communeID {
            guard let record = try await store.commune(communeID) else { throw ArchiveExportProblem.unknownCommune(communeID) }
            guard let found = spans.first(where: { $0.communeID == communeID }) else {
                throw ArchiveExportProblem.nothingIssued(from: from, to: to, commune: record.name)
            }
            span = found
        } else {
            guard let only = spans.first else { throw ArchiveExportProblem.nothingIssued(from: from, to: to, commune: nil) }
            guard spans.count == 1 else { throw ArchiveExportProblem.chooseCommune(spans.map(\.communeID)) }
            span = only
        }
        guard let record = try await store.commune(span.communeID) else { throw ArchiveExportProblem.unknownCommune(span.communeID) }
        guard span.withoutSignedPDF == 0 else {
            throw ArchiveExportProblem.waitingForSignedPDF(count: span.withoutSignedPDF, of: span.documents, commune: record.name)
        }
        let commune = try CommuneProfile.read(record.profile).commune
        return ArchiveExport(store: store, communeID: span.communeID,
                             organ: ArchiveItem.Organ(id: record.id, name: "Ủy ban nhân dân \(commune.kind) \(commune.name)"),
                             from: from, to: to, documentCount: span.documents, pageSize: max(1, pageSize))
    }

    /// What the package says about itself: its identifier, a title, the archival file its documents belong to.
    public func info(createdAt: Date = Date()) -> ArchivePackageInfo {
        let years = from.year == to.year ? "\(from.year)" : "\(from.year)-\(to.year)"
        return ArchivePackageInfo(
            identifier: "vanban-\(communeID)-\(from.iso)-\(to.iso)",
            label: "Văn bản đi của \(organ.name) từ ngày \(from.short) đến ngày \(to.short)",
            organ: organ,
            fileCode: ArchiveFileCode(organID: communeID, fileCatalog: "\(from.year)", fileNotation: "\(years).VBĐi"),
            createdAt: createdAt)
    }

    /// Writes the package to `destination` (replaced only once the new one is complete); `progress(done, total)`
    /// after each document.
    @discardableResult
    public func write(to destination: URL, createdAt: Date = Date(), progress: (Int, Int) -> Void = { _, _ in }) async throws -> ArchivePackageSummary {
        var page: [RegisterEntry] = []
        var last: RegisterEntry?
        var exhausted = false
        return try await ArchivePackageWriter(info: info(createdAt: createdAt)).write(
            expectedCount: documentCount, to: destination, progress: progress
        ) { () -> ArchiveItem? in
            if page.isEmpty, !exhausted {
                page = try await store.registerPage(communeID: communeID, from: from.iso, to: to.iso, after: last, limit: pageSize)
                exhausted = page.count < pageSize
                page.reverse()
            }
            guard let entry = page.popLast() else { return nil }
            last = entry
            return try await item(for: entry)
        }
    }

    /// The archive item of one register line, from the store.
    func item(for entry: RegisterEntry) async throws -> ArchiveItem {
        guard let signed = try await store.signedPDF(of: entry.documentID) else {
            throw ArchiveExportProblem.missing(entry.notation, "bản PDF đã ký số")
        }
        guard let native = try await store.versions(of: entry.documentID).first(where: { $0.sha256 == signed.versionSHA256 }) else {
            throw ArchiveExportProblem.missing(entry.notation, "phiên bản đã ký (ODT/DOCX)")
        }
        let audit = try await store.history(of: entry.documentID)
        let pdf = [UInt8](signed.pdf)
        let pageCount: Int
        do { pageCount = try PDFFile(bytes: pdf).pageCount() } catch {
            throw ArchiveExportProblem.unreadablePDF(entry.notation, "\(error)")
        }
        var item = ArchiveItem(register: entry, audit: audit, pdf: pdf, pdfSHA256: signed.sha256, native: native, organ: organ,
                               signerPosition: Self.signerPosition(of: native, audit: audit), pageCount: pageCount)
        // The native original is the ODT with its digital signatures, when the version was an ODT.
        if let odt = signed.odt { item.native = ArchiveItem.NativeFile(bytes: [UInt8](odt), format: "odt") }
        return item
    }

    /// The signer's position as the signed version's signature block writes it (`Chủ tịch`); when the data does not
    /// say, the signer's role in the workflow.
    static func signerPosition(of version: VersionRecord, audit: [AuditEntry]) -> String {
        if let title = (try? IssuedData(version.data))?.issuance.signer?.title, !title.isEmpty { return title }
        return audit.last { $0.action == "sign" }?.role.vietnameseName ?? ""
    }
}

/// Why an export cannot be made; the message is for the archivist, in Vietnamese.
public enum ArchiveExportProblem: Error, Sendable, Equatable, CustomStringConvertible {
    case badRange(from: VietnameseDate, to: VietnameseDate)
    case unknownCommune(String)
    case nothingIssued(from: VietnameseDate, to: VietnameseDate, commune: String?)
    case chooseCommune([String])
    case waitingForSignedPDF(count: Int, of: Int, commune: String)
    case missing(String, String)
    case unreadablePDF(String, String)

    public var description: String {
        switch self {
        case let .badRange(from, to):
            "Ngày bắt đầu (\(from.short)) sau ngày kết thúc (\(to.short))."
        case let .unknownCommune(id):
            "Không có xã “\(id)” trong kho dữ liệu."
        case let .nothingIssued(from, to, commune):
            "\(commune.map { "\($0) không" } ?? "Không") có văn bản nào ban hành từ ngày \(from.short) đến ngày \(to.short)."
        case let .chooseCommune(ids):
            "Trong khoảng thời gian này có văn bản của nhiều xã (\(ids.joined(separator: ", "))): chọn một xã, mỗi gói lưu trữ là của một cơ quan."
        case let .waitingForSignedPDF(count, total, commune):
            "\(count)/\(total) văn bản của \(commune) trong khoảng này chưa có bản PDF ký số (đang được tạo, hoặc thiếu khóa ký): "
                + "xem trang của từng văn bản, hoặc chạy “vanban originals”, rồi xuất lại."
        case let .missing(notation, what):
            "Văn bản số \(notation) thiếu \(what) trong kho dữ liệu."
        case let .unreadablePDF(notation, detail):
            "Không đọc được bản PDF đã ký của văn bản số \(notation): \(detail)"
        }
    }
}
