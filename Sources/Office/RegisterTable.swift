import Foundation
import Storage
import VietnameseText

/// The register of outgoing documents as a table with the columns of NĐ 30, PL IV: for the command line's listing
/// and CSV, and the web service's download.
public enum RegisterTable {
    public static let headers = ["Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung", "Người ký",
                                 "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển",
                                 "Ký nhận", "Ghi chú"]

    public static func row(_ entry: RegisterEntry, note: String = "") -> [String] {
        let date = VietnameseDate(parsing: entry.issuedOn)?.short ?? entry.issuedOn
        return [entry.notation, date, "\(entry.details.typeName) \(entry.details.subject)", entry.details.signer,
                entry.details.recipients.joined(separator: "; "), entry.details.fileUnit,
                String(entry.details.recipients.count), "", "", note]
    }

    /// CSV for a spreadsheet: UTF-8 with a byte-order mark, which Excel needs to read Vietnamese.
    public static func csv(_ entries: [RegisterEntry], notes: [Int64: String] = [:]) -> String {
        "\u{FEFF}" + csvLine(headers) + entries.map { csvLine(row($0, note: notes[$0.documentID] ?? "")) }.joined()
    }

    /// The “Ghi chú” of each line that has one, by document: which document a replacement replaces, and which
    /// signed document replaced one (a correction is a new document; both stay in the register, DOMAIN §7).
    public static func notes(for entries: [RegisterEntry], in store: any Store) async throws -> [Int64: String] {
        var notes: [Int64: String] = [:]
        for entry in entries {
            var parts: [String] = []
            if let replaced = try await store.document(entry.documentID)?.replacesID,
               let line = try await store.registerEntry(of: replaced) {
                parts.append("Thay thế văn bản số \(line.notation)")
            }
            for replacement in try await store.documents(DocumentFilter(replaces: entry.documentID)) {
                if let line = try await store.registerEntry(of: replacement.id) {
                    parts.append("Đã được thay thế bằng văn bản số \(line.notation)")
                }
            }
            if !parts.isEmpty { notes[entry.documentID] = parts.joined(separator: "; ") }
        }
        return notes
    }

    /// RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; lines end with CRLF.
    static func csvLine(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\r\n"
    }

    /// The lines of `communeID`'s register issued from `from` to `to`, both included, in date then number order.
    public static func entries(in store: any Store, communeID: String, from: VietnameseDate, to: VietnameseDate)
        async throws -> [RegisterEntry] {
        guard from.iso <= to.iso else { return [] }
        var lines: [RegisterEntry] = []
        for year in from.year...to.year {
            lines += try await store.register(communeID: communeID, year: year)
                .filter { $0.issuedOn >= from.iso && $0.issuedOn <= to.iso }
        }
        return lines.sorted { ($0.issuedOn, $0.series, $0.number) < ($1.issuedOn, $1.series, $1.number) }
    }
}
