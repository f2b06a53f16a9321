import Foundation
import Storage
import VietnameseText

/// The register of outgoing documents as a table with the columns of NĐ 30, PL IV: for the command line's listing
/// and CSV, and the web service's download.
public enum RegisterTable {
    public static let headers = ["Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung", "Người ký",
                                 "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển",
                                 "Ký nhận", "Ghi chú"]

    public static func row(_ entry: RegisterEntry) -> [String] {
        let date = VietnameseDate(parsing: entry.issuedOn)?.short ?? entry.issuedOn
        return [entry.notation, date, "\(entry.details.typeName) \(entry.details.subject)", entry.details.signer,
                entry.details.recipients.joined(separator: "; "), entry.details.fileUnit,
                String(entry.details.recipients.count), "", "", ""]
    }

    /// CSV for a spreadsheet: UTF-8 with a byte-order mark, which Excel needs to read Vietnamese.
    public static func csv(_ entries: [RegisterEntry]) -> String {
        "\u{FEFF}" + csvLine(headers) + entries.map { csvLine(row($0)) }.joined()
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
