import Crypto
import Foundation
import OfficeZip

/// What describes a package as a whole.
public struct ArchivePackageInfo: Sendable {
    /// The package's identifier (METS OBJID), e.g. `vanban-gia-cat-2026`.
    public var identifier: String
    /// A title for people (METS LABEL): “Văn bản đi năm 2026 của UBND xã Gia Cát”.
    public var label: String
    /// The body whose documents these are, named in METS and PREMIS as the creator.
    public var organ: ArchiveItem.Organ
    /// The archival file (hồ sơ) the documents belong to.
    public var fileCode: ArchiveFileCode
    /// When the package is made; every CREATED time and the fixity events carry it, in Vietnam time.
    public var createdAt: Date

    public init(identifier: String, label: String, organ: ArchiveItem.Organ, fileCode: ArchiveFileCode, createdAt: Date = Date()) {
        self.identifier = identifier
        self.label = label
        self.organ = organ
        self.fileCode = fileCode
        self.createdAt = createdAt
    }
}

/// What a finished package holds.
public struct ArchivePackageSummary: Sendable, Equatable {
    public let documentCount: Int
    public let fileCount: Int
    public let byteCount: Int
}

/// Writes an archive package (a zip in the E-ARK CSIP layout, see `PackageLayout`) from signed documents taken one
/// at a time, in chronological order: each document's four files (its Decree 30 metadata, its history, the signed
/// PDF, the native original) are written and dropped before the next document is read, then the PREMIS file and
/// METS.xml, which list every file with its SHA-256. Memory holds one document: what METS and PREMIS need of the
/// documents already written waits in a temporary file (`PackagedDocumentSpool`), read back once per pass.
///
/// The zip is written under a temporary name beside `destination` and renamed only when complete and on disk, so a
/// failed export never leaves a partial package under the final name (and never replaces an existing one).
public struct ArchivePackageWriter: Sendable {
    /// Named in METS and PREMIS as the creating software's version.
    static let softwareVersion = "VanBan archive package 1"

    public let info: ArchivePackageInfo

    public init(info: ArchivePackageInfo) {
        self.info = info
    }

    /// Writes the items of `items` (chronological) to `destination`; calls `progress(done, expected)` after each.
    @discardableResult
    public func write<Items: AsyncSequence>(
        _ items: Items, expectedCount: Int, to destination: URL, progress: (Int, Int) -> Void = { _, _ in }
    ) async throws -> ArchivePackageSummary where Items.Element == ArchiveItem {
        var iterator = items.makeAsyncIterator()
        return try await write(expectedCount: expectedCount, to: destination, progress: progress) { try await iterator.next() }
    }

    /// Writes the items `next` returns until it returns nil (chronological) to `destination`; calls
    /// `progress(done, expected)` after each.
    @discardableResult
    public func write(
        expectedCount: Int, to destination: URL, progress: (Int, Int) -> Void = { _, _ in },
        next: () async throws -> ArchiveItem?
    ) async throws -> ArchivePackageSummary {
        let folder = destination.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).partial")
        let zip = try ZipFileWriter(path: temporary.path)
        do {
            let documents = try PackagedDocumentSpool(in: folder)
            while let item = try await next() {
                try Task.checkCancellation()
                if let previous = documents.last, item.issuedOn < previous.issuedOn {
                    throw ArchiveExportError.notChronological(item.notation, item.issuedOn, after: previous.notation, previous.issuedOn)
                }
                try documents.append(try add(item, ordinal: documents.count + 1, to: zip))
                progress(documents.count, max(expectedCount, documents.count))
            }
            guard !documents.isEmpty else { throw ArchiveExportError.empty }
            let premis = try addStreamed(PackageLayout.premis, id: "premis-file", to: zip) { sink in
                try PREMISDocument(info: info, documents: documents).write(to: sink)
            }
            _ = try addStreamed(PackageLayout.mets, id: "mets", to: zip) { sink in
                try METSDocument(info: info, documents: documents, premis: premis).write(to: sink)
            }
            if let failure = documents.readFailure { throw ArchiveExportError.spool(failure) }
            let fileCount = documents.count * 4 + 2
            try zip.finish()
            let size = zip.bytesWritten
            guard rename(temporary.path, destination.path) == 0 else {
                throw FileIOError(operation: "đổi tên", path: destination.path, code: errno)
            }
            return ArchivePackageSummary(documentCount: documents.count, fileCount: fileCount, byteCount: size)
        } catch {
            zip.abandon()
            unlink(temporary.path)
            throw error
        }
    }

    /// Writes one document's four files and returns what METS and PREMIS need of them.
    private func add(_ item: ArchiveItem, ordinal: Int, to zip: ZipFileWriter) throws -> PackagedDocument {
        let actual = Self.hex(SHA256.hash(data: item.signedPDF))
        guard actual == item.signedPDFSHA256.lowercased() else {
            throw ArchiveExportError.pdfNotAsSigned(item.notation, recorded: item.signedPDFSHA256, actual: actual)
        }
        guard ["odt", "docx"].contains(item.native.format) else {
            throw ArchiveExportError.unknownNativeFormat(item.notation, item.native.format)
        }
        let stem = PackageLayout.stem(ordinal: ordinal, notation: item.notation)
        let key = PackagedDocument.key(ordinal)
        let pdfPath = PackageLayout.pdf(stem)
        let descriptive = try add(PackageLayout.descriptive(stem), id: "descriptive-\(key)", mediaType: "application/xml",
                                  bytes: DocumentMetadata.xml(for: item, ordinal: ordinal, file: info.fileCode, pdfPath: pdfPath),
                                  compression: .deflated(level: 6), to: zip)
        let history = try add(PackageLayout.history(stem), id: "history-file-\(key)", mediaType: "application/xml",
                              bytes: HistoryDocument.xml(for: item), compression: .deflated(level: 6), to: zip)
        // PDFs and ODT/DOCX files are compressed already: deflating them again costs time and saves nothing.
        let pdf = try add(pdfPath, id: "pdf-\(key)", mediaType: "application/pdf", bytes: item.signedPDF, compression: .stored, to: zip)
        let native = try add(PackageLayout.native(stem, format: item.native.format), id: "native-\(key)",
                             mediaType: PackageLayout.mediaType(nativeFormat: item.native.format), bytes: item.native.bytes,
                             compression: .stored, to: zip)
        return PackagedDocument(ordinal: ordinal, notation: item.notation, issuedOn: item.issuedOn, signedAt: item.signedAt,
                                signerName: item.signer.fullName, descriptive: descriptive, history: history, pdf: pdf, native: native)
    }

    private func add(_ path: String, id: String, mediaType: String, bytes: [UInt8], compression: ZipFileWriter.Compression,
                     to zip: ZipFileWriter) throws -> PackagedFile {
        try zip.add(name: path, bytes: bytes, compression: compression)
        return PackagedFile(id: id, path: path, size: bytes.count, sha256: Self.hex(SHA256.hash(data: bytes)), mediaType: mediaType)
    }

    /// Writes an XML file produced in pieces, hashing it on the way.
    private func addStreamed(_ path: String, id: String, to zip: ZipFileWriter,
                             _ produce: ((String) throws -> Void) throws -> Void) throws -> PackagedFile {
        var hash = SHA256()
        var size = 0
        try zip.addEntry(name: path, compression: .deflated(level: 6)) { entry in
            try produce { piece in
                let bytes = Array(piece.utf8)
                hash.update(data: bytes)
                size += bytes.count
                try entry.write(bytes)
            }
        }
        return PackagedFile(id: id, path: path, size: size, sha256: Self.hex(hash.finalize()), mediaType: "application/xml")
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}

/// Why a package could not be written; nothing is left under the package's name.
public enum ArchiveExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The PDF handed over is not the one whose SHA-256 was recorded at signing.
    case pdfNotAsSigned(String, recorded: String, actual: String)
    /// The native original is neither ODT nor DOCX.
    case unknownNativeFormat(String, String)
    /// Documents must come oldest first: this one is dated before the one written just before it.
    case notChronological(String, String, after: String, String)
    /// No document to export.
    case empty
    /// The records of the documents written could not be read back from their temporary file.
    case spool(String)

    public var description: String {
        switch self {
        case .pdfNotAsSigned(let notation, let recorded, let actual):
            "Văn bản \(notation): bản PDF có SHA-256 \(actual), khác SHA-256 ghi lúc ký (\(recorded)); không xuất bản không phải bản đã ký. Gói lưu trữ chưa được tạo."
        case .unknownNativeFormat(let notation, let format):
            "Văn bản \(notation): bản gốc có định dạng “\(format)”, không phải ODT hay DOCX. Gói lưu trữ chưa được tạo."
        case .notChronological(let notation, let date, let previous, let previousDate):
            "Văn bản \(notation) (ngày \(date)) đến sau văn bản \(previous) (ngày \(previousDate)): gói lưu trữ phải theo thứ tự thời gian. Gói lưu trữ chưa được tạo."
        case .empty:
            "Không có văn bản đã ký nào để xuất. Gói lưu trữ chưa được tạo."
        case .spool(let detail):
            "Không đọc lại được danh sách tệp đã ghi từ tệp tạm (\(detail)); hãy kiểm tra ổ đĩa rồi xuất lại. Gói lưu trữ chưa được tạo."
        }
    }
}
