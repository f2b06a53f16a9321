import ArgumentParser
import Foundation
import Office
import Storage
import VietnameseText

/// `vanban register`: the register of outgoing documents (sổ đăng ký văn bản đi) for a year.
struct Register: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the register of outgoing documents of a year, as a table or CSV (NĐ 30, PL IV).",
        discussion: "Columns: number and code, date, type and subject, signer, recipients, unit keeping the file copy, copies, date sent, receipt, note."
    )

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "The calendar year.")
    var year: Int
    @Option(help: "The commune (its id); the demo commune when absent.")
    var commune = "gia-cat"
    @Flag(help: "CSV for a spreadsheet (UTF-8 with a byte-order mark, which Excel needs to read Vietnamese).")
    var csv = false

    static let headers = ["Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung", "Người ký",
                          "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển",
                          "Ký nhận", "Ghi chú"]

    func run() async throws {
        try await reportingFailures {
            try await storeOptions.withOffice { office in
                guard try await office.store.commune(commune) != nil else { throw StoreError.communeNotFound(commune) }
                let entries = try await office.store.register(communeID: commune, year: year)
                let rows = entries.map(Self.row)
                if csv {
                    var text = "\u{FEFF}" + Self.csvLine(Self.headers)
                    for row in rows { text += Self.csvLine(row) }
                    FileHandle.standardOutput.write(Data(text.utf8))
                    return
                }
                guard !rows.isEmpty else {
                    print("Sổ đăng ký văn bản đi năm \(year) chưa có văn bản nào.")
                    return
                }
                print("SỔ ĐĂNG KÝ VĂN BẢN ĐI, năm \(year)")
                for row in rows {
                    print("\(row[0])  \(row[1])  \(row[2])")
                    print("    Người ký: \(row[3]); nơi nhận: \(row[4]); lưu: \(row[5]); \(row[6]) bản")
                }
            }
        }
    }

    static func row(_ entry: RegisterEntry) -> [String] {
        let date = VietnameseDate(parsing: entry.issuedOn)?.short ?? entry.issuedOn
        return [entry.notation, date, "\(entry.details.typeName) \(entry.details.subject)", entry.details.signer,
                entry.details.recipients.joined(separator: "; "), entry.details.fileUnit,
                String(entry.details.recipients.count), "", "", ""]
    }

    /// RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; lines end with CRLF.
    static func csvLine(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\r\n"
    }
}
