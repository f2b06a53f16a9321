import Crypto
import Foundation
import OfficeZip
import Signing
import VietnameseText
import X509

/// Checks an archive package without loading it: the zip's directory is read first (refusing zip bombs, zip-slip
/// names and duplicates), then METS.xml, then every file METS lists, one at a time, for its presence, size and
/// SHA-256; no other file may be in the package; each document's PDF must carry valid signatures chaining to the
/// trust anchors and be, byte for byte, the PDF whose SHA-256 its metadata records; documents must be in
/// chronological order. Reading stops short of nothing: every problem is reported at once, in Vietnamese.
public enum ArchivePackageVerifier {
    /// Bounds for reading a package: far above any real export, far below what a zip bomb claims.
    public static let limits = ZipLimits(
        maxArchiveBytes: Int.max, maxEntries: 1_000_000, maxEntryUncompressedBytes: PDFLimits.maximumFileSize,
        maxTotalUncompressedBytes: 1 << 40, maxCompressionRatio: 200)

    /// The report for the package at `package`; throws only when the file cannot be read as a zip at all (not a zip,
    /// unreadable, refused by the limits), which `vanban verify` turns into exit code 2.
    public static func verify(package: URL, trustAnchors: [Certificate]) async throws -> VerificationReport {
        let reader = try ZipFileReader(path: package.path, limits: limits)
        var check = PackageCheck(reader: reader)
        return await check.run(file: package.path, trustAnchors: trustAnchors)
    }
}

/// One verification run: the problems and signature items found so far.
private struct PackageCheck {
    let reader: ZipFileReader
    var problems: [String] = []
    var items: [VerificationReport.Item] = []

    init(reader: ZipFileReader) {
        self.reader = reader
    }

    mutating func run(file: String, trustAnchors: [Certificate]) async -> VerificationReport {
        var facts = ["\(reader.fileSize) byte, \(reader.entries.count) tệp trong gói"]
        guard let metsEntry = reader.entry(named: PackageLayout.mets) else {
            problems.append("Gói không có \(PackageLayout.mets): không phải gói lưu trữ của VanBan (E-ARK).")
            return VerificationReport(file: file, facts: facts, items: [], problems: problems)
        }
        let mets: METSContents
        do {
            mets = try METSContents(bytes: try reader.contents(of: metsEntry))
        } catch {
            problems.append("\(error)")
            return VerificationReport(file: file, facts: facts, items: [], problems: problems)
        }
        facts.append("METS: gói “\(mets.identifier ?? "(không có OBJID)")”, \(mets.documents.count) văn bản, \(mets.files.count) tệp được liệt kê")

        var listed: [String: METSContents.ListedFile] = [:]
        for entry in mets.files {
            if listed.updateValue(entry, forKey: entry.path) != nil { problems.append("METS liệt kê tệp “\(entry.path)” hai lần.") }
        }
        for entry in reader.entries where !entry.isDirectory && entry.name != PackageLayout.mets && listed[entry.name] == nil {
            problems.append("Tệp “\(entry.name)” có trong gói nhưng không có trong METS: gói đã bị thêm tệp.")
        }
        do {
            if let offset = try reader.firstNonCanonicalOffset() {
                problems.append("Cấu trúc ZIP của gói khác với lúc xuất, từ byte \(offset): gói đã bị sửa hoặc được nén lại bằng công cụ khác.")
            }
        } catch {
            problems.append("Không đọc được cấu trúc ZIP của gói: \(error)")
        }
        // Every listed file is read once, in METS order; metadata and PDFs are kept only while their document is checked.
        var checked = Set<String>()
        let byID = Dictionary(mets.files.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var previousDate: (String, String)?
        if mets.documents.isEmpty { problems.append("METS không liệt kê văn bản nào.") }
        for (index, document) in mets.documents.enumerated() {
            if document.order != index + 1 {
                problems.append("Văn bản \(document.label): thứ tự trong METS là \(document.order.map(String.init) ?? "(không có)"), đáng lẽ là \(index + 1).")
            }
            let metadataFile = document.descriptiveID.flatMap { mets.descriptiveFiles[$0] }.flatMap { byID[$0] }
            guard let metadataFile, let pdfFile = document.fileID.flatMap({ byID[$0] }) else {
                problems.append("Văn bản \(document.label): METS không chỉ ra tệp siêu dữ liệu hoặc tệp PDF của văn bản.")
                continue
            }
            checked.insert(metadataFile.path)
            checked.insert(pdfFile.path)
            guard let metadataBytes = read(metadataFile), let pdf = read(pdfFile) else { continue }
            let metadata: DocumentMetadata.Facts
            do {
                metadata = try DocumentMetadata.facts(from: metadataBytes, name: metadataFile.path)
            } catch {
                problems.append("\(error)")
                continue
            }
            let notation = metadata.notation ?? document.label
            if metadata.pdfPath != pdfFile.path {
                problems.append("Văn bản \(notation): siêu dữ liệu chỉ tới “\(metadata.pdfPath ?? "(không có)")”, METS chỉ tới “\(pdfFile.path)”.")
            }
            if let date = metadata.issuedDate {
                if let (previousNotation, previous) = previousDate, date < previous {
                    problems.append("Văn bản \(notation) (ngày \(Self.display(date))) đứng sau văn bản \(previousNotation) (ngày \(Self.display(previous))): gói không theo thứ tự thời gian.")
                }
                previousDate = (notation, date)
            }
            let expected = metadata.signedSHA256.flatMap(Self.bytes(hex:))
            if expected == nil { problems.append("Văn bản \(notation): siêu dữ liệu không ghi SHA-256 lúc ký của bản PDF.") }
            do {
                absorb(try await PDFSignatureVerifier.verify(pdf: pdf, trustAnchors: trustAnchors, expectedSHA256: expected)
                    .verificationReport(file: pdfFile.path), title: "Văn bản \(notation)", problemPrefix: "Văn bản \(notation) (\(pdfFile.path))")
            } catch {
                problems.append("Văn bản \(notation): không đọc được bản PDF “\(pdfFile.path)”. \(error)")
            }
        }
        for entry in mets.files where checked.insert(entry.path).inserted {
            // A native original that is a signed ODT has its XML-DSig signatures checked as well.
            let isODT = entry.path.hasPrefix(PackageLayout.nativeFolder) && entry.path.hasSuffix(".odt")
            guard let bytes = read(entry, keep: isODT), Self.hasODFSignatures(bytes) else { continue }
            do {
                absorb(try await ODFSignatureVerifier.verify(odt: bytes, trustAnchors: trustAnchors).verificationReport(file: entry.path),
                       title: "Bản ODT \(entry.path)", problemPrefix: "Bản ODT \(entry.path)")
            } catch {
                problems.append("Không kiểm tra được chữ ký số của bản ODT “\(entry.path)”. \(error)")
            }
        }
        return VerificationReport(file: file, facts: facts, items: items, problems: problems)
    }

    /// Takes in one file's signature report: its items under `title` (“Văn bản 05/QĐ-UBND, chữ ký 1 …”), its
    /// problems after `problemPrefix`.
    private mutating func absorb(_ report: VerificationReport, title: String, problemPrefix: String) {
        items += report.items.map { item in
            VerificationReport.Item(title: "\(title), \(item.title.prefix(1).lowercased() + item.title.dropFirst())",
                                    facts: item.facts, problems: item.problems)
        }
        problems += report.problems.map { "\(problemPrefix): \($0)" }
    }

    /// Reads one listed file, checking it against METS; its bytes when `keep` and it matched, else nil.
    private mutating func read(_ listed: METSContents.ListedFile, keep: Bool = true) -> [UInt8]? {
        guard let entry = reader.entry(named: listed.path) else {
            problems.append("Thiếu tệp “\(listed.path)”: METS liệt kê nhưng gói không có.")
            return nil
        }
        var hash = SHA256()
        var kept: [UInt8] = []
        do {
            try reader.stream(entry) { piece in
                hash.update(bufferPointer: piece)
                if keep { kept.append(contentsOf: piece) }
            }
        } catch {
            problems.append(Self.damage(of: listed.path, error))
            return nil
        }
        let sha = ArchivePackageWriter.hex(hash.finalize())
        var matches = true
        if listed.checksumType != "SHA-256" || listed.sha256 == nil {
            problems.append("METS không ghi SHA-256 của tệp “\(listed.path)”.")
            matches = false
        } else if listed.sha256?.lowercased() != sha {
            problems.append("Tệp “\(listed.path)” có SHA-256 \(sha), khác SHA-256 ghi trong METS (\(listed.sha256!)): tệp đã bị thay đổi.")
            matches = false
        }
        if listed.size != entry.uncompressedSize {
            problems.append("Tệp “\(listed.path)” dài \(entry.uncompressedSize) byte, METS ghi \(listed.size.map(String.init) ?? "(không có)") byte.")
            matches = false
        }
        return matches && keep ? kept : nil
    }

    /// Why a listed file could not be read, said of a package rather than of an upload.
    static func damage(of path: String, _ error: any Error) -> String {
        switch error as? ZipError {
        case .crcMismatch?: "Tệp “\(path)” bị hỏng: dữ liệu không khớp mã kiểm tra CRC của gói zip, tệp đã bị thay đổi sau khi xuất."
        case .sizeMismatch?: "Tệp “\(path)” bị hỏng: dữ liệu dài khác kích thước gói zip ghi cho tệp."
        case .corruptData?: "Tệp “\(path)” bị hỏng: không giải nén được dữ liệu."
        default: "Không đọc được tệp “\(path)”: \(error)"
        }
    }

    /// Whether an ODT carries digital signatures (META-INF/documentsignatures.xml).
    static func hasODFSignatures(_ odt: [UInt8]) -> Bool {
        (try? ZipArchive(bytes: odt))?.entries.contains { $0.name == "META-INF/documentsignatures.xml" } ?? false
    }

    /// `2026-01-05` as `05/01/2026`.
    static func display(_ iso: String) -> String {
        VietnameseDate(parsing: iso)?.short ?? iso
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.lowercased().utf8)
        guard digits.count == 64 else { return nil }
        var out: [UInt8] = []
        for index in stride(from: 0, to: 64, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index..<(index + 2)], as: UTF8.self), radix: 16) else { return nil }
            out.append(byte)
        }
        return out
    }
}
