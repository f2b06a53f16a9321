import Foundation
import GRDB
import Testing
@testable import Storage

/// Values the store writes at every signing are written by hand; they must be what the general encoders gave.
@Suite("Record encoding")
struct RecordEncodingTests {
    @Test("register details are written as JSONEncoder with sorted keys and unescaped slashes writes them")
    func detailsAsTheEncoderWritesThem() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for details in [
            RegisterDetails(typeName: "Quyết định", subject: "Thành lập Tổ công nghệ cộng đồng xã Gia Cát", signer: "Đặng Đức Sơn",
                            recipients: ["Như Điều 4", "Lưu: VT, VHXH"], fileUnit: "VT, VHXH"),
            RegisterDetails(typeName: "", subject: "a/b \"c\" \\ \n\t\u{1}", signer: "", recipients: [], fileUnit: "VT"),
        ] {
            #expect(try RowDecoding.detailsJSON(details) == String(decoding: try encoder.encode(details), as: UTF8.self))
        }
    }

    @Test("SHA-256 in lower-case hex, two digits a byte")
    func digestInHex() {
        #expect(SHA256Hex.digest(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Hex.digest(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("SQLite rows, read in place: columns by their exact name, other spellings and absent columns as GRDB finds them; every row of a query")
    func rowColumns() throws {
        let (one, all, none) = try DatabaseQueue().read { db in
            let statement = try db.makeStatement(sql: """
                SELECT 'a' AS full_name, NULL AS due_on, 'b' AS Title, ? AS revision, x'00ff' AS bytes
                UNION ALL SELECT 'c', '2025-08-14', 'd', 8, x''
                """)
            let read: (QueryRow) -> [String?] = { row in
                [row.text("full_name"), row.optionalText("due_on"), row.text("title"), String(row.integer("revision")),
                 row.optionalInteger("REVISION").map(String.init), row.bytes("bytes").map { String($0) }.joined(separator: ","),
                 row.optionalText("absent")]
            }
            return (try statement.one([7], read), try statement.all([7], read),
                    try db.makeStatement(sql: "SELECT 1 AS x WHERE 0").one(StatementArguments()) { $0.integer("x") })
        }
        #expect(one == ["a", nil, "b", "7", "7", "0,255", nil])
        #expect(all == [["a", nil, "b", "7", "7", "0,255", nil], ["c", "2025-08-14", "d", "8", "8", "", nil]])
        #expect(none == nil)
    }
}
