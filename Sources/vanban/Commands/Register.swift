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

    func run() async throws {
        try await reportingFailures {
            try await storeOptions.withOffice { office in
                guard try await office.store.commune(commune) != nil else { throw StoreError.communeNotFound(commune) }
                let entries = try await office.store.register(communeID: commune, year: year)
                let notes = try await RegisterTable.notes(for: entries, in: office.store)
                if csv {
                    FileHandle.standardOutput.write(Data(RegisterTable.csv(entries, notes: notes).utf8))
                    return
                }
                let rows = entries.map { RegisterTable.row($0, note: notes[$0.documentID] ?? "") }
                guard !rows.isEmpty else {
                    print("Sổ đăng ký văn bản đi năm \(year) chưa có văn bản nào.")
                    return
                }
                print("SỔ ĐĂNG KÝ VĂN BẢN ĐI, năm \(year)")
                for row in rows {
                    print("\(row[0])  \(row[1])  \(row[2])")
                    print("    Người ký: \(row[3]); nơi nhận: \(row[4]); lưu: \(row[5]); \(row[6]) bản")
                    if !row[9].isEmpty { print("    Ghi chú: \(row[9])") }
                }
            }
        }
    }
}
